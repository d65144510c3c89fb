# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import datetime, timedelta

from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.optiwise_batch.tests.test_json2 import Json2Case


@tagged("post_install", "-at_install")
class TestDispatchJson2(Json2Case):
    """A customer-service screen over JSON-2, with a clerk's API key."""

    def test_dispatch_status_and_tower_json2(self):
        """A customer-service screen reads a delivery's status and the tower."""
        clerk = new_test_user(
            self.env,
            login="json2_clerk",
            groups="stock.group_stock_user,sales_team.group_sale_salesman",
        )
        self._use_key_of(clerk, "service desk")
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
            "stock.picking", "refresh_dispatch_status", {"ids": [picking.id]}
        )
        self.assertEqual(response.status_code, 200, response.text)
        [status] = response.json()
        # nothing in stock, nothing planned: 5 units without supply, at risk
        self.assertEqual(status["risk"], "at_risk")
        self.assertEqual(status["readiness"], "waiting")
        self.assertEqual(
            status["reasons"],
            ["5.00 Units without supply: no free stock, no open batch or run"],
        )
        response = self._post("optiwise.control.tower", "get_tower_data", {})
        self.assertEqual(response.status_code, 200, response.text)
        keys = {
            tile["key"]
            for section in response.json()["sections"]
            for tile in section["tiles"]
        }
        self.assertIn("delivery_at_risk", keys)
