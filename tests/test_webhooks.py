# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Integrators are told: the webhook rules of ``optiwise_webhook``, enabled
and pointed at a receiver on this machine, post a lot's quality decision, a
closed batch's cost and a delivery turning late, as the live server commits
them. (Runs last: it decides a demo lot and stops the demo run.)"""

import json
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from conftest import Rpc

RULES = {
    "lot-quality": ("rule_lot_quality_decided", "action_lot_quality_decided"),
    "batch-cost": ("rule_batch_cost_closed", "action_batch_cost_closed"),
    "delivery-late": ("rule_delivery_late", "action_delivery_late"),
}


def _ref(rpc, xmlid):
    module, name = xmlid.split(".")
    [row] = rpc(
        "ir.model.data",
        "search_read",
        [("module", "=", module), ("name", "=", name)],
        fields=["res_id"],
    )
    return row["res_id"]


@pytest.fixture(scope="module")
def receiver():
    """An HTTP endpoint on 127.0.0.1 that keeps what is posted to it."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((self.path, json.loads(body)))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", received
    server.shutdown()


@pytest.fixture(scope="module")
def rules(rpc, receiver):
    """The rules enabled and pointed at the receiver; disabled again after."""
    url, _received = receiver
    ids = {}
    for path, (rule, action) in RULES.items():
        rule_id = _ref(rpc, f"optiwise_webhook.{rule}")
        action_id = _ref(rpc, f"optiwise_webhook.{action}")
        rpc("ir.actions.server", "write", [action_id], {"webhook_url": f"{url}/{path}"})
        rpc("base.automation", "write", [rule_id], {"active": True})
        ids[path] = rule_id
    yield ids
    rpc("base.automation", "write", list(ids.values()), {"active": False})


def _wait_for(received, path, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [body for got, body in received if got == f"/{path}"]
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"nothing posted to /{path}: {received}")


def test_rules_ship_disabled(rpc):
    rule_ids = [_ref(rpc, f"optiwise_webhook.{rule}") for rule, _a in RULES.values()]
    rows = rpc(
        "base.automation",
        "read",
        rule_ids,
        ["active"],
        context={"active_test": False},
    )
    assert [row["active"] for row in rows] == [False, False, False]


def test_lot_decision_posted(server, rpc, receiver, rules):
    _url, received = receiver
    inspector = Rpc(server, login="inspector", password="inspector")
    inspection = _ref(rpc, "optiwise_qc.inspection_tp_02_demo")
    inspector(
        "optiwise.qc.inspection", "action_release", [inspection], note="Brix in spec"
    )
    [body] = _wait_for(received, "lot-quality")
    lot = _ref(rpc, "optiwise_batch.lot_tp_2611_02_demo")
    assert (body["_model"], body["_id"]) == ("stock.lot", lot)
    assert body["optiwise_quality_state"] == "released"
    assert body["name"] == "TP-2611-02"


def test_delivery_turning_late_posted(rpc, receiver, rules):
    _url, received = receiver
    product = _ref(rpc, "optiwise_batch.product_sauce_bottle_demo")
    warehouse = _ref(rpc, "stock.warehouse0")
    [wh] = rpc("stock.warehouse", "read", [warehouse], ["out_type_id", "lot_stock_id"])
    customers = _ref(rpc, "stock.stock_location_customers")
    yesterday = (datetime.now(UTC) - timedelta(days=1)).strftime("%Y-%m-%d %H:%M:%S")
    picking = rpc(
        "stock.picking",
        "create",
        {
            "picking_type_id": wh["out_type_id"][0],
            "partner_id": _ref(rpc, "optiwise_batch.partner_fresco_demo"),
            "move_ids": [
                (
                    0,
                    0,
                    {
                        "product_id": product,
                        "product_uom_qty": 100000,
                        "location_id": wh["lot_stock_id"][0],
                        "location_dest_id": customers,
                        "date_deadline": yesterday,
                    },
                )
            ],
        },
    )
    rpc("stock.picking", "action_confirm", [picking])
    [status] = rpc("stock.picking", "refresh_dispatch_status", [picking])
    assert status["risk"] == "late"
    bodies = _wait_for(received, "delivery-late")
    assert picking in [body["_id"] for body in bodies]


def test_batch_cost_posted(rpc, receiver, rules):
    """Stopping a run closes a cost sheet per lot it made: each is posted."""
    _url, received = receiver
    run = _ref(rpc, "optiwise_batch.production_run_bottling_demo")
    rpc("optiwise.production.run", "action_stop", [run])
    bodies = _wait_for(received, "batch-cost")
    sheets = rpc("optiwise.batch.cost", "search", [("run_id", "=", run)])
    assert {body["_id"] for body in bodies} >= set(sheets)
    body = bodies[0]
    assert body["actual_cost"] > 0
    assert body["band_status"] in ("none", "in", "above", "below")
