# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The demo plant's day, walked by each of its people over JSON-2.

On the demo database as it is installed, with no fixture of the test's own
but what a person would do: the operator makes the next sauce base batch on
the vessel (its changeover checklist ticked, its component lots scanned, Mark
Done) and declares the bottling run's output, good and scrap; the inspector
inspects and releases the lot made that day; the quality manager grants the
demo's one deliberate concession; the cost controller sets an overhead rate
and reads the batch's cost; the production manager plans, sequences and
checks dispatch; the shipping clerk ships a released lot and is refused a held
one. Each step must work with no error and no concession nobody chose; the
tests run in this order, as the day does.
"""

import uuid

import pytest
from conftest import Json2, make_api_key

PEOPLE = ("operator", "inspector", "qcmanager", "controller", "manager", "shipping")


@pytest.fixture(scope="module")
def people(server):
    return {
        login: Json2(server, make_api_key(server, login, login, name="day"))
        for login in PEOPLE
    }


@pytest.fixture(scope="module")
def day():
    """What one person leaves for the next (the batch made, its lot)."""
    return {}


def ok(answer):
    """The body of a 200 answer; anything else fails with what it said."""
    status, body = answer
    assert status == 200, body
    return body


def _ref(rpc, xmlid):
    module, name = xmlid.split(".")
    [data] = rpc(
        "ir.model.data",
        "search_read",
        [("module", "=", module), ("name", "=", name)],
        ["res_id"],
    )
    return data["res_id"]


def test_1_operator_makes_a_batch(people, rpc, day):
    """The next batch on the vessel: changeover checklist ticked, started,
    each lot-tracked component's released lot scanned, finished, Mark Done:
    its lot is made and its label can be printed."""
    op = people["operator"]
    vessel = _ref(rpc, "optiwise_batch.workcenter_mixing_vessel_demo")
    job = ok(op("optiwise.shopfloor", "get_workcenter_job", workcenter_id=vessel))[
        "job"
    ]
    assert job and job["type"] == "workorder", job
    workorder = job["id"]
    ok(op("mrp.workorder", "button_start", ids=[workorder]))
    job = ok(op("optiwise.shopfloor", "get_workcenter_job", workcenter_id=vessel))[
        "job"
    ]
    for check in (job.get("changeover") or {}).get("checks", []):
        ok(
            op(
                "optiwise.changeover.check",
                "write",
                ids=[check["id"]],
                vals={"done": True},
            )
        )
    ok(op("mrp.workorder", "button_start", ids=[workorder]))
    job = ok(op("optiwise.shopfloor", "get_workcenter_job", workcenter_id=vessel))[
        "job"
    ]
    assert job["state"] == "progress", job
    # the released lots of this week's deliveries (TP-2612-03, OP-2612-02)
    # and the opening stock of the others
    for lot in ("TP-2612-03", "OP-2612-02", "SO-2611-01", "CS-2611-01", "SS-2611-01"):
        answer = ok(
            op("optiwise.shopfloor", "consume_lot", workorder_id=workorder, code=lot)
        )
        assert answer["status"] == "ok", answer
    ok(op("mrp.workorder", "button_finish", ids=[workorder]))
    [production] = rpc("mrp.workorder", "read", [workorder], ["production_id"])
    production = production["production_id"][0]
    closed = ok(op("optiwise.shopfloor", "close_batch", production_id=production))
    assert closed["state"] == "done", closed
    assert closed["label_url"] and not closed["label_refused"], closed
    [made] = rpc("mrp.production", "read", [production], ["lot_producing_ids"])
    day["production"] = production
    day["lot"] = made["lot_producing_ids"][0]


def test_2_operator_declares_good_and_scrap(people, rpc):
    """On the bottling run, whose output quality inspects: a declaration
    acknowledged at once, and one posted with scrap (the lot stays pending,
    the scrap in the scrap location)."""
    op = people["operator"]
    run = _ref(rpc, "optiwise_batch.production_run_bottling_demo")
    ref = uuid.uuid4().hex[:8]
    accepted = ok(
        op(
            "optiwise.production.run",
            "declare_output",
            ids=[run],
            qty_good=50.0,
            external_ref=f"DAY-{ref}-1",
        )
    )
    assert accepted["state"] == "accepted", accepted
    output = ok(
        op(
            "optiwise.production.run",
            "record_output",
            ids=[run],
            qty_good=50.0,
            qty_scrap=2.0,
            external_ref=f"DAY-{ref}-2",
        )
    )
    [declared] = rpc(
        "optiwise.run.output", "read", [output], ["state", "scrap_id", "lot_id"]
    )
    assert declared["state"] == "posted" and declared["scrap_id"], declared
    [lot] = rpc(
        "stock.lot", "read", [declared["lot_id"][0]], ["optiwise_quality_state"]
    )
    assert lot["optiwise_quality_state"] == "pending"


def test_3_inspector_releases_the_lot_made_today(people, rpc, day):
    """The batch's lot, made from released lots: the inspector records its
    tests within specification and releases it (no concession needed)."""
    insp = people["inspector"]
    [inspection] = ok(
        insp(
            "optiwise.qc.inspection",
            "search_read",
            domain=[("lot_id", "=", day["lot"]), ("decision", "=", False)],
            fields=["line_ids", "held_input_note"],
        )
    )
    assert not inspection["held_input_note"], inspection
    lines = ok(
        insp(
            "optiwise.qc.inspection.line",
            "read",
            ids=inspection["line_ids"],
            fields=["test_type", "target", "point_id"],
        )
    )
    for line in lines:
        if line["test_type"] == "measure":
            vals = {"measured_value": line["target"]}
        elif line["test_type"] == "choice":
            [choice] = ok(
                insp(
                    "optiwise.qc.point.choice",
                    "search_read",
                    domain=[
                        ("point_id", "=", line["point_id"][0]),
                        ("is_pass", "=", True),
                    ],
                    fields=["id"],
                    limit=1,
                )
            )
            vals = {"choice_id": choice["id"]}
        elif line["test_type"] == "passfail":
            vals = {"pass_fail": "pass"}
        else:
            vals = {"acknowledged": True}
        ok(insp("optiwise.qc.inspection.line", "write", ids=[line["id"]], vals=vals))
    ok(insp("optiwise.qc.inspection", "action_complete", ids=[inspection["id"]]))
    ok(insp("optiwise.qc.inspection", "action_release", ids=[inspection["id"]]))
    [lot] = rpc("stock.lot", "read", [day["lot"]], ["optiwise_quality_state"])
    assert lot["optiwise_quality_state"] == "released"


def test_4_quality_manager_grants_the_concession(people, rpc):
    """Cane sugar CS-2612-02 failed on moisture: released as a concession,
    with her reason."""
    qcm = people["qcmanager"]
    inspection = _ref(rpc, "optiwise_qc.inspection_cs_02_demo")
    ok(
        qcm(
            "optiwise.qc.inspection",
            "action_release",
            ids=[inspection],
            note="0.12 % moisture is harmless in cooked sauce: accepted for this lot",
        )
    )
    lot = _ref(rpc, "optiwise_batch.lot_cs_2612_02_demo")
    [read] = rpc("stock.lot", "read", [lot], ["optiwise_quality_state"])
    assert read["optiwise_quality_state"] == "released"


def test_5_controller_sets_overhead_and_reads_the_cost(people, rpc, day):
    """An overhead rate set on the vessel; the batch's cost sheet read."""
    ctl = people["controller"]
    vessel = _ref(rpc, "optiwise_batch.workcenter_mixing_vessel_demo")
    ok(
        ctl(
            "mrp.workcenter",
            "set_optiwise_overhead",
            ids=[vessel],
            overhead_rate=24.0,
            material_percent=3.0,
            reason="Energy prices from December",
        )
    )
    sheets = ok(ctl("mrp.production", "get_batch_cost", ids=[day["production"]]))
    assert len(sheets) == 1 and sheets[0]["actual_cost"] > 0, sheets


def test_6_manager_plans_sequences_and_checks_dispatch(people, rpc):
    """A new order planned into batches, the vessel's sequence proposed, the
    tower read, a delivery's dispatch status refreshed."""
    mgr = people["manager"]
    product = _ref(rpc, "optiwise_batch.product_sauce_base_demo")
    order = ok(
        mgr(
            "mrp.production",
            "create",
            vals_list=[{"product_id": product, "product_qty": 1000}],
        )
    )
    ok(mgr("mrp.production", "action_confirm", ids=order))
    batches = ok(mgr("mrp.production", "action_plan_batches", ids=order))
    assert len(batches) == 2, batches
    vessel = _ref(rpc, "optiwise_batch.workcenter_mixing_vessel_demo")
    proposal = ok(mgr("mrp.workcenter", "compute_sequence", ids=[vessel]))
    assert proposal["workorder_ids"], proposal
    tower = ok(mgr("optiwise.control.tower", "get_tower_data"))
    assert any(section["key"] == "dispatch" for section in tower["sections"])
    picking = _ref(rpc, "optiwise_dispatch.picking_dispatch_late_demo")
    [status] = ok(mgr("stock.picking", "refresh_dispatch_status", ids=[picking]))
    assert status["risk"] == "late" and status["reasons"], status
    assert status["stale"] is False


def test_7_shipping_ships_a_released_lot_and_is_refused_a_held_one(people, rpc):
    """A delivery of bottled sauce: the lot on hold (pending inspection) is
    refused with why; the delivery of passata ships its lot."""
    ship = people["shipping"]
    bottles = _ref(rpc, "optiwise_batch.product_sauce_bottle_demo")
    held = rpc(
        "stock.lot",
        "search_read",
        [("product_id", "=", bottles), ("optiwise_quality_state", "=", "pending")],
        ["name"],
        limit=1,
    )[0]
    order = _ref(rpc, "optiwise_dispatch.sale_order_fresco_demo")
    [sale] = rpc("sale.order", "read", [order], ["picking_ids"])
    answer = ok(
        ship(
            "optiwise.shopfloor",
            "check_delivery_scan",
            picking_id=sale["picking_ids"][0],
            code=held["name"],
        )
    )
    assert answer["status"] == "refused", answer
    assert "Pending" in answer["message"], answer
    # passata: its run lots need no inspection
    passata = _ref(rpc, "optiwise_batch.product_passata_bottle_demo")
    warehouse = _ref(rpc, "stock.warehouse0")
    [wh] = rpc("stock.warehouse", "read", [warehouse], ["out_type_id", "lot_stock_id"])
    picking = rpc(
        "stock.picking",
        "create",
        {
            "picking_type_id": wh["out_type_id"][0],
            "partner_id": _ref(rpc, "optiwise_batch.partner_fresco_demo"),
            "move_ids": [
                [
                    0,
                    0,
                    {
                        "product_id": passata,
                        "product_uom_qty": 24,
                        "location_id": wh["lot_stock_id"][0],
                        "location_dest_id": _ref(rpc, "stock.stock_location_customers"),
                    },
                ]
            ],
        },
    )
    rpc("stock.picking", "action_confirm", [picking])
    [lot] = rpc(
        "stock.lot",
        "search_read",
        [
            ("product_id", "=", passata),
            ("optiwise_quality_state", "in", ("released", "not_required")),
        ],
        ["name"],
        limit=1,
    )
    answer = ok(
        ship(
            "optiwise.shopfloor",
            "check_delivery_scan",
            picking_id=picking,
            code=lot["name"],
        )
    )
    assert answer["status"] == "ok", answer
    ok(ship("stock.picking", "button_validate", ids=[picking]))
    [done] = rpc("stock.picking", "read", [picking], ["state"])
    assert done["state"] == "done"
