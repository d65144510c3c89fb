# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who may do what: the README's table, every cell, as the demo plant's
people over JSON-2.

The table lives in README.rst (after ``.. roles-table``); this test reads it
from there, so the documentation and the guards cannot drift apart. A ``yes``
cell must answer 200, a ``no`` cell 403 (an access error, the database as it
was); any other answer fails the cell. Each cell acts on records made for it.
"""

import uuid

import pytest
from conftest import REPO, Json2, Rpc, attack_report, make_api_key

MARKER = ".. roles-table: read by tests/test_roles.py"


def _readme_table():
    """``(roles, {action: {role: bool}})`` from README.rst."""
    text = (REPO / "README.rst").read_text(encoding="utf-8")
    lines = text.split(MARKER, 1)[1].strip().splitlines()
    rules = [index for index, line in enumerate(lines) if line.startswith("====")]
    header = lines[rules[0] + 1].split()
    roles = header[1:]
    table = {}
    for line in lines[rules[1] + 1 : rules[2]]:
        cells = line.rsplit(None, len(roles))
        action, values = cells[0].strip(), cells[1:]
        assert all(v in ("yes", "no") for v in values), line
        table[action] = dict(zip(roles, (v == "yes" for v in values), strict=True))
    return roles, table


ROLES, TABLE = _readme_table()


@pytest.fixture(scope="module")
def people(server):
    """A JSON-2 client per demo person, with an API key of their own."""
    return {
        login: Json2(server, make_api_key(server, login, login, name="roles"))
        for login in ROLES
    }


@pytest.fixture(scope="module")
def qcm(server):
    """The quality manager over XML-RPC: makes the inspections the cells act on."""
    return Rpc(server, login="qcmanager", password="qcmanager")


@pytest.fixture(scope="module")
def controller(server):
    return Rpc(server, login="controller", password="controller")


def _one(rpc, model, domain, fields=("id",)):
    found = rpc(model, "search_read", domain, list(fields), limit=1)
    assert found, (model, domain)
    return found[0]


class Plant:
    """What the cells act on, made fresh for each cell by the administrator
    and the quality manager."""

    def __init__(self, rpc, qcm, controller):
        self.rpc, self.qcm, self.controller = rpc, qcm, controller

    def order(self):
        template = _one(
            self.rpc,
            "product.template",
            [("optiwise_lot_name_pattern", "!=", False)],
            ("product_variant_id",),
        )
        order = self.rpc(
            "mrp.production",
            "create",
            {"product_id": template["product_variant_id"][0], "product_qty": 500},
        )
        self.rpc("mrp.production", "action_confirm", [order])
        return order

    def inspection(self, result=None, decide=False):
        """A lot of a new product with one pass/fail test, its inspection
        recorded ``result`` and completed (and released with ``decide``)."""
        tag = uuid.uuid4().hex[:6].upper()
        product = self.rpc(
            "product.product",
            "create",
            {"name": f"Roles {tag}", "is_storable": True, "tracking": "lot"},
        )
        self.qcm(
            "optiwise.qc.point",
            "create",
            {"name": "Seal", "trigger": "receipt", "product_id": product},
        )
        lot = self.rpc(
            "stock.lot", "create", {"name": f"ROLES-{tag}", "product_id": product}
        )
        inspection = self.qcm("optiwise.qc.inspection", "create", {"lot_id": lot})
        [line] = self.qcm("optiwise.qc.inspection", "read", [inspection], ["line_ids"])[
            0
        ]["line_ids"]
        if result:
            self.qcm(
                "optiwise.qc.inspection.line", "write", [line], {"pass_fail": result}
            )
            self.qcm("optiwise.qc.inspection", "action_complete", [inspection])
        if decide:
            self.qcm("optiwise.qc.inspection", "action_release", [inspection])
        return inspection, line, lot

    def delivery(self):
        return _one(
            self.rpc, "stock.picking", [("picking_type_code", "=", "outgoing")]
        )["id"]

    def vessel(self):
        return _one(
            self.rpc,
            "mrp.workcenter",
            [("optiwise_default_run_mode", "=", "batch")],
            ("optiwise_overhead_rate", "optiwise_overhead_material_percent"),
        )


def _act(action, plant, client):
    """Do ``action`` as ``client``: (HTTP status, body)."""
    ref = uuid.uuid4().hex[:8]
    if action == "Plan an order into batches":
        return client("mrp.production", "action_plan_batches", ids=[plant.order()])
    if action == "Declare a run's output":
        run = _one(plant.rpc, "optiwise.production.run", [("state", "=", "running")])
        return client(
            "optiwise.production.run",
            "declare_output",
            ids=[run["id"]],
            qty_good=1.0,
            external_ref=f"ROLES-{ref}",
        )
    if action == "Look at a sequencing proposal":
        return client("mrp.workcenter", "compute_sequence", ids=[plant.vessel()["id"]])
    if action == "Record an inspection's results":
        _inspection, line, _lot = plant.inspection()
        return client(
            "optiwise.qc.inspection.line",
            "write",
            ids=[line],
            vals={"pass_fail": "pass"},
        )
    if action == "Release a passed lot":
        inspection, _line, _lot = plant.inspection("pass")
        return client("optiwise.qc.inspection", "action_release", ids=[inspection])
    if action == "Release a failed lot as a concession":
        inspection, _line, _lot = plant.inspection("fail")
        return client(
            "optiwise.qc.inspection",
            "action_release",
            ids=[inspection],
            note="The customer accepts the seal as it is",
        )
    if action == "Change a quality decision":
        inspection, _line, _lot = plant.inspection("pass", decide=True)
        return client(
            "optiwise.qc.inspection",
            "action_change_decision",
            ids=[inspection],
            decision="quarantine",
            reason="A complaint about the seal",
        )
    if action == "Correct an inspection's results":
        inspection, line, _lot = plant.inspection("pass", decide=True)
        return client(
            "optiwise.qc.inspection",
            "action_correct_results",
            ids=[inspection],
            corrections=[{"line_id": line, "pass_fail": "fail"}],
            reason="The seal was recorded on the wrong lot",
        )
    if action == "Start a recall":
        _inspection, _line, lot = plant.inspection()
        return client(
            "optiwise.recall",
            "create",
            vals_list=[{"lot_ids": [[6, 0, [lot]]], "reason": f"Roles {ref}"}],
        )
    if action == "Read a batch's cost sheet":
        return client(
            "optiwise.batch.cost", "search_read", domain=[], fields=["name"], limit=1
        )
    if action == "Set a work center's overhead rates":
        vessel = plant.vessel()
        return client(
            "mrp.workcenter",
            "set_optiwise_overhead",
            ids=[vessel["id"]],
            overhead_rate=vessel["optiwise_overhead_rate"],
            material_percent=vessel["optiwise_overhead_material_percent"],
        )
    if action == "Correct a frozen standard price":
        sheet = _one(
            plant.controller,
            "optiwise.batch.cost",
            [("production_id", "!=", False)],
            ("production_id",),
        )
        move = _one(
            plant.rpc,
            "stock.move",
            [
                ("raw_material_production_id", "=", sheet["production_id"][0]),
                ("state", "=", "done"),
            ],
            ("product_id", "optiwise_standard_price"),
        )
        return client(
            "optiwise.batch.cost",
            "action_correct_standard_price",
            ids=[sheet["id"]],
            product_id=move["product_id"][0],
            standard_price=move["optiwise_standard_price"],
            reason="Checked against the price list: unchanged",
        )
    if action == "Read a delivery's dispatch status":
        return client("stock.picking", "get_dispatch_status", ids=[plant.delivery()])
    if action == "Check a delivery on the shop floor":
        return client("optiwise.shopfloor", "get_delivery", picking_id=plant.delivery())
    raise AssertionError(f"no check written for the README's action {action!r}")


CELLS = [(action, role) for action in TABLE for role in ROLES]


@pytest.mark.parametrize(("action", "role"), CELLS)
def test_cell(action, role, people, rpc, qcm, controller):
    """One cell of the README's table: allowed answers 200, refused 403."""
    plant = Plant(rpc, qcm, controller)
    status, body = _act(action, plant, people[role])
    if TABLE[action][role]:
        assert status == 200, (action, role, status, body)
    else:
        assert status == 403, (action, role, status, body)


def test_table_is_whole():
    """Every role has its column, every action its row: 14 x 6 cells."""
    assert ROLES == [
        "manager",
        "operator",
        "inspector",
        "qcmanager",
        "controller",
        "shipping",
    ]
    assert len(TABLE) >= 14
    attack_report(
        "tables",
        "README's table of who may do what",
        f"{len(CELLS)} cells checked over JSON-2 "
        f"({sum(v for row in TABLE.values() for v in row.values())} allowed)",
    )
