# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import json
from datetime import datetime, timedelta

from odoo import Command
from odoo.tests import HttpCase, get_db_name, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestJson2(HttpCase):
    """record_output over JSON-2 with an operator's API key, as a PLC would."""

    def _post(self, model, method, payload):
        return self.url_open(
            f"/json/2/{model}/{method}",
            data=json.dumps(payload),
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Authorization": f"Bearer {self.key}",
                "X-Odoo-Database": get_db_name(),
            },
        )

    def test_record_output_json2(self):
        """Declared twice with one external_ref: one id, one posting; bad qty: 422."""
        operator = new_test_user(
            self.env, login="json2_operator", groups="optiwise_batch.group_user"
        )
        self.key = (
            self.env["res.users.apikeys"]
            .with_user(operator)
            ._generate(
                scope="rpc",
                name="line PLC",
                expiration_date=datetime.now() + timedelta(days=1),
            )
        )
        product = self.env["product.product"].create(
            {"name": "JSON Bottle", "is_storable": True, "tracking": "lot"}
        )
        line = self.env["mrp.workcenter"].create({"name": "JSON Line"})
        self.env["mrp.bom"].create(
            {
                "product_tmpl_id": product.product_tmpl_id.id,
                "operation_ids": [
                    Command.create({"name": "Fill", "workcenter_id": line.id})
                ],
            }
        )
        run = self.env["optiwise.production.run"].create(
            {"product_id": product.id, "planned_qty": 100, "standard_rate": 60}
        )
        run.action_start()
        payload = {"ids": [run.id], "qty_good": 7.0, "external_ref": "PLC-7"}
        first = self._post("optiwise.production.run", "record_output", payload)
        again = self._post("optiwise.production.run", "record_output", payload)
        self.assertEqual(first.status_code, 200, first.text)
        self.assertEqual(first.json(), again.json())
        self.assertEqual(run.produced_qty, 7)
        with mute_logger("odoo.http"):  # the refusal is logged as a warning
            bad = self._post(
                "optiwise.production.run",
                "record_output",
                {"ids": [run.id], "qty_good": -1.0},
            )
        self.assertEqual(bad.status_code, 422, bad.text)
        self.assertIn("may not be negative", bad.json()["message"])

    def test_dispatch_status_and_tower_json2(self):
        """A customer-service screen reads a delivery's status and the tower."""
        clerk = new_test_user(
            self.env,
            login="json2_clerk",
            groups="stock.group_stock_user,sales_team.group_sale_salesman",
        )
        self.key = (
            self.env["res.users.apikeys"]
            .with_user(clerk)
            ._generate(
                scope="rpc",
                name="service desk",
                expiration_date=datetime.now() + timedelta(days=1),
            )
        )
        product = self.env["product.product"].create(
            {"name": "JSON Sauce", "is_storable": True}
        )
        warehouse = self.env.ref("stock.warehouse0")
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": warehouse.out_type_id.id,
                "partner_id": self.env["res.partner"].create({"name": "JSON"}).id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": 5,
                            "location_id": warehouse.lot_stock_id.id,
                            "location_dest_id": self.env.ref(
                                "stock.stock_location_customers"
                            ).id,
                            "date_deadline": datetime.now() + timedelta(days=2),
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        response = self._post(
            "stock.picking", "get_dispatch_status", {"ids": [picking.id]}
        )
        self.assertEqual(response.status_code, 200, response.text)
        [status] = response.json()
        # nothing in stock, nothing planned: 5 units without supply, at risk
        self.assertEqual(status["risk"], "at_risk")
        self.assertEqual(status["readiness"], "waiting")
        self.assertEqual(
            status["reasons"],
            ["5.0 Units without supply: no free stock, no open batch or run"],
        )
        response = self._post("optiwise.control.tower", "get_tower_data", {})
        self.assertEqual(response.status_code, 200, response.text)
        keys = {
            tile["key"]
            for section in response.json()["sections"]
            for tile in section["tiles"]
        }
        self.assertIn("delivery_at_risk", keys)
