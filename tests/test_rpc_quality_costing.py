# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Changeovers, quality and costing over XML-RPC, as an integrator reads them."""

import base64
import xmlrpc.client

import pytest
from conftest import Rpc


def _ref(rpc, xmlid):
    module, name = xmlid.split(".")
    data = rpc(
        "ir.model.data",
        "search_read",
        [("module", "=", module), ("name", "=", name)],
        fields=["res_id"],
    )
    assert data, f"demo record {xmlid} is missing"
    return data[0]["res_id"]


def test_changeover_matrix_over_rpc(rpc):
    """Leaving pesto (nuts) needs the 75-minute allergen clean of the matrix."""
    result = rpc(
        "optiwise.changeover.rule",
        "get_changeover",
        _ref(rpc, "optiwise_batch.workcenter_mixing_vessel_demo"),
        _ref(rpc, "optiwise_batch.product_pesto_base_demo"),
        _ref(rpc, "optiwise_batch.product_sauce_base_demo"),
    )
    # the rule's own 18.00, and 75 minutes at the vessel's 85.00 an hour
    assert result == {
        "minutes": 75.0,
        "fixed_cost": 18.0,
        "planned_cost": 124.25,
        "cost": 18.0,
        "rule_id": _ref(rpc, "optiwise_batch.changeover_rule_pesto_any_demo"),
    }


def test_sequence_proposal_for_operator_not_applied(server, rpc):
    """The operator may look at a proposal; applying it takes a manager."""
    operator = Rpc(server, login="operator", password="operator")
    vessel = _ref(rpc, "optiwise_batch.workcenter_mixing_vessel_demo")
    proposal = operator("mrp.workcenter", "compute_sequence", [vessel], time_limit=1.0)
    assert set(proposal) >= {"workorder_ids", "current", "proposed", "applied"}
    assert proposal["applied"] is False
    assert (
        proposal["proposed"]["changeover_minutes"]
        <= proposal["current"]["changeover_minutes"]
    )
    with pytest.raises(xmlrpc.client.Fault) as info:
        operator("mrp.workcenter", "compute_sequence", [vessel], apply=True)
    assert "production managers" in info.value.faultString


def test_genealogy_and_recall_for_inspector(server, rpc):
    """The inspector traces a paste lot into its batch and reads the recall list."""
    inspector = Rpc(server, login="inspector", password="inspector")
    paste = _ref(rpc, "optiwise_batch.lot_tp_2611_01_demo")
    trace = inspector("stock.lot", "trace_genealogy", [paste], direction="downstream")
    names = inspector(
        "stock.lot",
        "read",
        [i for level in trace["downstream"] for i in level["lot_ids"]],
        ["name"],
    )
    # the demo's first batch (its lot is named by the month it is made in)
    batch = _ref(rpc, "optiwise_batch.production_sauce_base_demo")
    [made] = rpc("mrp.production", "read", [batch], ["lot_producing_ids"])
    assert set(made["lot_producing_ids"]) <= {
        i for level in trace["downstream"] for i in level["lot_ids"]
    }
    assert any(n["name"].startswith("SAUCE-") for n in names)
    recall = _ref(rpc, "optiwise_qc.recall_tomato_paste_demo")
    export = inspector("optiwise.recall", "export_xlsx", [recall])
    assert export["filename"].endswith(".xlsx")
    assert base64.b64decode(export["content"])[:2] == b"PK"


def test_batch_cost_for_controller(server, rpc):
    """The cost controller reads a closed batch's variances."""
    controller = Rpc(server, login="controller", password="controller")
    production = _ref(rpc, "optiwise_costing.production_pizza_07_demo")
    [sheet] = controller("mrp.production", "get_batch_cost", [production])
    variances = sheet["variances"]
    assert round(sum(variances.values()), 2) == sheet["total_variance"]
    assert variances["material_usage"] > 0, "week 7 ran over on tomato pulp"
    assert sheet["band"]["status"] == "above"


def test_lot_state_cannot_be_written_over_rpc(rpc):
    """A lot's quality state follows decisions; writing it is refused."""
    lot = _ref(rpc, "optiwise_batch.lot_sauce_base_previous_demo")
    with pytest.raises(xmlrpc.client.Fault) as info:
        rpc("stock.lot", "write", [lot], {"optiwise_quality_state": "released"})
    assert "decide an inspection" in info.value.faultString


def test_dispatch_status_of_demo_deliveries(rpc):
    """The demo's late and at-risk deliveries say why, over XML-RPC."""
    late = _ref(rpc, "optiwise_dispatch.picking_dispatch_late_demo")
    at_risk = _ref(rpc, "optiwise_dispatch.picking_dispatch_at_risk_demo")
    statuses = rpc("stock.picking", "refresh_dispatch_status", [late, at_risk])
    assert [s["id"] for s in statuses] == [late, at_risk]
    late_status, risk_status = statuses
    assert late_status["risk"] == "late"
    assert any("after the promise" in r for r in late_status["reasons"])
    assert [job["model"] for job in late_status["jobs"]] == ["mrp.production"]
    assert risk_status["risk"] == "at_risk"
    assert any("before the promise" in r for r in risk_status["reasons"])
    # XML-RPC carries no None: absent values are False
    assert late_status["sale_order"] is False


def test_control_tower_for_operator(server):
    """The operator's tower has production tiles, each with the list behind it."""
    operator = Rpc(server, login="operator", password="operator")
    data = operator("optiwise.control.tower", "get_tower_data")
    tiles = {t["key"]: t for s in data["sections"] for t in s["tiles"]}
    assert {"mo_planned", "mo_delayed", "delivery_late"} <= set(tiles)
    action = tiles["mo_planned"]["action"]
    assert action["res_model"] == "mrp.production"
    count = operator("mrp.production", "search_count", action["domain"])
    assert count == tiles["mo_planned"]["value"]
