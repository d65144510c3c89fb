# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Wrong values sent to every public method with arguments, over JSON-2 and
XML-RPC, as a careless or hostile integrator would: each must come back as a
clear error (JSON-2: a 4xx status with a message, never 500; XML-RPC: a
user, access or validation fault, never a traceback) and change nothing.

The figures (tried, clear, changed) go to ``OPTIWISE_ATTACK_REPORT`` when
``setup/test`` sets it, which prints them.
"""

import xmlrpc.client

import pytest
from conftest import attack_report

# XML-RPC fault codes of Odoo's clear errors: UserError/ValidationError (2),
# AccessDenied (3), AccessError (4); 1 is an application error (a traceback)
CLEAR_FAULTS = (2, 3, 4)
HUGE = 1e308
RESULTS = {"tried": 0, "clear": 0, "unclear": []}


def _first(rpc, model, domain, order=None):
    ids = rpc(model, "search", domain, limit=1, order=order or "id")
    assert ids, f"the demo database has a {model} matching {domain}"
    return ids[0]


@pytest.fixture(scope="module")
def targets(rpc):
    """Ids of demo records the calls aim at."""
    run = _first(rpc, "optiwise.production.run", [("state", "=", "running")])
    data = rpc(
        "optiwise.production.run", "read", [run], ["workcenter_id", "product_id"]
    )[0]
    workcenter = data["workcenter_id"][0]
    # a second run, for the calls that take one run at a time
    other = rpc(
        "optiwise.production.run",
        "create",
        {"product_id": data["product_id"][0], "planned_qty": 10, "standard_rate": 10},
    )
    lot = _first(rpc, "stock.lot", [("optiwise_inspection_ids", "!=", False)])
    lots = rpc("stock.lot", "search", [], limit=2)
    open_inspection = _first(rpc, "optiwise.qc.inspection", [("decision", "=", False)])
    decided = _first(rpc, "optiwise.qc.inspection", [("decision", "!=", False)])
    sheet = _first(rpc, "optiwise.batch.cost", [])
    product = _first(
        rpc, "product.product", [("optiwise_changeover_family_id", "!=", False)]
    )
    return {
        "run": run,
        "runs": [run, other],
        "workcenter": workcenter,
        "lot": lot,
        "lots": lots,
        "open_inspection": open_inspection,
        "decided": decided,
        "sheet": sheet,
        "product": product,
    }


def _cases(t):
    """(model, method, ids, keyword arguments) of each bad call."""
    run, wc, sheet = t["run"], t["workcenter"], t["sheet"]
    cases = []
    for bad in ("12", True, None, [1.0], {"qty": 1}, 1e12, HUGE, -1.0, 0):
        cases.append(
            ("optiwise.production.run", "record_output", [run], {"qty_good": bad})
        )
    for bad in (["x"], 5, {"a": 1}):
        cases.append(
            (
                "optiwise.production.run",
                "record_output",
                [run],
                {"qty_good": 1.0, "lot_name": bad},
            )
        )
        cases.append(
            (
                "optiwise.production.run",
                "record_output",
                [run],
                {"qty_good": 1.0, "external_ref": bad},
            )
        )
    for bad in (
        "garbage",
        "2026-13-45 99:99:99",
        5,
        ["2026-11-01"],
        "1990-01-01 00:00:00",
    ):
        cases.append(
            (
                "optiwise.production.run",
                "record_output",
                [run],
                {"qty_good": 1.0, "at": bad},
            )
        )
    for bad in ("12", True, HUGE, -5.0):
        cases.append(
            (
                "optiwise.production.run",
                "record_output",
                [run],
                {"qty_good": 1.0, "qty_scrap": bad},
            )
        )
    cases.append(
        ("optiwise.production.run", "record_output", t["runs"], {"qty_good": 1.0})
    )
    cases.append(
        (
            "optiwise.production.run",
            "record_output",
            [run],
            {"qty_good": 1.0, "source": "hack"},
        )
    )
    for bad in ("x", 4.5, True, 999999999, [1]):
        cases.append(
            ("optiwise.production.run", "action_pause", [run], {"loss_id": bad})
        )
    cases.append(
        ("optiwise.production.run", "action_pause", [run], {"description": ["x"]})
    )
    cases.append(("optiwise.production.run", "get_oee", t["runs"], {}))
    for date_from, date_to in (
        ("garbage", "2026-11-02 00:00:00"),
        ("2026-11-01 00:00:00", "2026-13-45 99:99:99"),
        (5, True),
        ("2026-11-02 00:00:00", "2026-11-01 00:00:00"),
    ):
        cases.append(
            (
                "mrp.workcenter",
                "get_oee",
                [wc],
                {"date_from": date_from, "date_to": date_to},
            )
        )
    for kwargs in (
        {"workorder_ids": "x"},
        {"workorder_ids": [4.5]},
        {"workorder_ids": [True]},
        {"time_limit": "x"},
        {"time_limit": -1},
        {"time_limit": HUGE},
        {"weight": "x"},
        {"weight": -1.0},
        {"seed": "x"},
        {"apply": "yes"},
    ):
        cases.append(("mrp.workcenter", "compute_sequence", [wc], kwargs))
    for bad in ("x", [4.5], [True], [999999999], None):
        cases.append(("mrp.workcenter", "apply_sequence", [wc], {"workorder_ids": bad}))
    for kwargs in (
        {
            "workcenter_id": "x",
            "from_product_id": t["product"],
            "to_product_id": t["product"],
        },
        {"workcenter_id": wc, "from_product_id": 4.5, "to_product_id": t["product"]},
        {"workcenter_id": wc, "from_product_id": t["product"], "to_product_id": True},
        {
            "workcenter_id": wc,
            "from_product_id": t["product"],
            "to_product_id": 999999999,
        },
    ):
        cases.append(("optiwise.changeover.rule", "get_changeover", [], kwargs))
    for kwargs in (
        {"direction": "sideways"},
        {"max_depth": 0},
        {"max_depth": "x"},
        {"max_depth": True},
    ):
        cases.append(("stock.lot", "trace_genealogy", [t["lot"]], kwargs))
    cases.append(("stock.lot", "trace_genealogy", t["lots"], {}))
    for method in ("action_release", "action_reject", "action_quarantine"):
        cases.append(
            ("optiwise.qc.inspection", method, [t["open_inspection"]], {"note": ["x"]})
        )
    cases.append(
        ("optiwise.qc.inspection", "action_release", [t["open_inspection"]], {})
    )
    for kwargs in (
        {"decision": "approve", "reason": "why"},
        {"decision": "release", "reason": ""},
        {"decision": "release", "reason": 5},
        {"decision": ["release"], "reason": "why"},
    ):
        cases.append(
            ("optiwise.qc.inspection", "action_change_decision", [t["decided"]], kwargs)
        )
    for bad in ("", 5, ["x"], None):
        cases.append(
            ("optiwise.batch.cost", "action_recompute", [sheet], {"reason": bad})
        )
    for bad in ("x", [True], [4.5], [999999999], [], None):
        cases.append(("optiwise.batch.cost", "export_xlsx", [], {"sheet_ids": bad}))
    return cases


def _fingerprint(rpc):
    """What a bad call must not change."""
    return {
        "outputs": rpc("optiwise.run.output", "search_count", []),
        "decided": rpc(
            "optiwise.qc.inspection", "search_count", [("decision", "!=", False)]
        ),
        "paused": rpc(
            "optiwise.production.run", "search_count", [("state", "=", "paused")]
        ),
        "recomputed": sum(
            r["recompute_count"]
            for r in rpc("optiwise.batch.cost", "search_read", [], ["recompute_count"])
        ),
        "leaves": rpc("resource.calendar.leaves", "search_count", []),
        "lots": rpc("stock.lot", "search_count", []),
    }


def _json2_clear(json2, model, method, ids, kwargs):
    payload = dict(kwargs, ids=ids) if ids else dict(kwargs)
    status, body = json2(model, method, **payload)
    ok = 400 <= status < 500 and isinstance(body, dict) and bool(body.get("message"))
    return ok, f"JSON-2 {status}: {str(body)[:300]}"


def _xmlrpc_clear(rpc, model, method, ids, kwargs):
    try:
        if ids:
            rpc(model, method, ids, **kwargs)
        else:
            rpc(model, method, **kwargs)
    except xmlrpc.client.Fault as fault:
        clear = fault.faultCode in CLEAR_FAULTS and "Traceback" not in fault.faultString
        return clear, f"XML-RPC fault {fault.faultCode}: {fault.faultString[-300:]}"
    return False, "XML-RPC accepted it"


def test_bad_values_get_clear_errors_and_change_nothing(rpc, json2, targets):
    """Every bad call is refused with a clear error over both protocols."""
    before = _fingerprint(rpc)
    unclear = []
    for model, method, ids, kwargs in _cases(targets):
        for label, call in (("json2", _json2_clear), ("xmlrpc", _xmlrpc_clear)):
            client = json2 if label == "json2" else rpc
            clear, detail = call(client, model, method, ids, kwargs)
            RESULTS["tried"] += 1
            RESULTS["clear"] += int(clear)
            if not clear:
                unclear.append(f"{model}.{method}({ids}, {kwargs!r}) -> {detail}")
    after = _fingerprint(rpc)
    changed = sorted(key for key in before if before[key] != after[key])
    _report(changed)
    assert not unclear, "\n".join(unclear)
    assert not changed, f"bad calls changed {changed}: {before} -> {after}"


def _report(changed):
    attack_report(
        "bad_inputs",
        "all",
        {"tried": RESULTS["tried"], "clear": RESULTS["clear"], "changed": changed},
    )
