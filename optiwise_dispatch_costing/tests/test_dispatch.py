# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.optiwise_costing.tests.common import OptiwiseCostCase


@tagged("post_install", "-at_install")
class TestDispatchCostFlag(OptiwiseCostCase):
    def test_costly_batch_flags_its_delivery(self):
        """A delivery of a lot from a batch above its cost band is flagged, on
        the tower of a cost controller only (a cost figure)."""
        tower = self.env["optiwise.control.tower"].with_user(self.controller)
        operator_keys = {
            tile["key"]
            for section in tower.with_user(self.operator).get_tower_data()["sections"]
            for tile in section["tiles"]
        }
        self.assertNotIn("cost_dispatch", operator_keys)

        def flagged_tile():
            return next(
                tile["value"]
                for section in tower.get_tower_data()["sections"]
                for tile in section["tiles"]
                if tile["key"] == "cost_dispatch"
            )

        before = flagged_tile()
        for paste in (200, 202, 204, 200, 206, 206):
            self._batch(paste=paste)
        expensive = self._sheet(self._batch(paste=250))
        self.assertEqual(expensive.band_status, "above")
        warehouse = self.env.ref("stock.warehouse0")
        # the whole output: 7 batches of 100, whichever lots it takes
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": warehouse.out_type_id.id,
                "partner_id": self.env.ref("base.res_partner_2").id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": self.sauce.id,
                            "product_uom_qty": 700,
                            "location_id": warehouse.lot_stock_id.id,
                            "location_dest_id": self.env.ref(
                                "stock.stock_location_customers"
                            ).id,
                            "date_deadline": fields.Datetime.now() + timedelta(days=3),
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        Line = self.env["optiwise.dispatch.line"]
        Line._refresh(product_ids=self.sauce.ids)
        line = Line.search([("picking_id", "=", picking.id)])
        self.assertIn(expensive.lot_id, line.supply_ids.lot_id)
        self.assertTrue(line.cost_above_band)
        flagged = line.supply_ids.filtered("cost_above_band")
        self.assertEqual(flagged.lot_id, expensive.lot_id)
        self.assertIn(
            f"Lot {expensive.lot_id.name} cost more than expected", line.reason
        )
        self.assertEqual(flagged_tile() - before, 1)
