# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fixtures of the costing tests. Never relies on demo data.

A sauce made in batches of 100 units from 2 paste (standard 2.00) and 1 oil
(standard 3.00) per unit, cooked 60 minutes per batch on a vessel costing 60.00
an hour. Standard unit cost = 2 x 2.00 + 1 x 3.00 + 60 / 100 = 7.60; a batch of
100 at standard costs 760.00. The sauce is valued at average cost, so Odoo
values each batch from its consumed components and its work order.
"""

from freezegun import freeze_time

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.optiwise_batch.tests.common import OptiwiseCase


class OptiwiseCostCase(OptiwiseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.controller = new_test_user(
            cls.env,
            login="ow_controller",
            groups="optiwise_costing.group_manager",
            name="Cost Controller",
        )
        cls.cost_user = new_test_user(
            cls.env, login="ow_cost_user", groups="optiwise_costing.group_user"
        )
        cls.stock_location = cls.env.ref("stock.warehouse0").lot_stock_id
        cls.vessel = cls.env["mrp.workcenter"].create(
            {"name": "Cost Vessel", "costs_hour": 60, "time_efficiency": 100}
        )
        category = cls.env["product.category"].create(
            {"name": "Test AVCO", "property_cost_method": "average"}
        )
        product = cls.env["product.product"]
        cls.paste = product.create(
            {"name": "Cost Paste", "is_storable": True, "standard_price": 2.0}
        )
        cls.oil = product.create(
            {"name": "Cost Oil", "is_storable": True, "standard_price": 3.0}
        )
        cls.sauce = product.create(
            {
                "name": "Cost Sauce",
                "is_storable": True,
                "tracking": "lot",
                "categ_id": category.id,
            }
        )
        cls.other = product.create(
            {"name": "Cost Other", "is_storable": True, "categ_id": category.id}
        )
        for made in (cls.sauce, cls.other):
            cls.env["mrp.bom"].create(
                {
                    "product_tmpl_id": made.product_tmpl_id.id,
                    "product_qty": 100,
                    "bom_line_ids": [
                        Command.create(
                            {"product_id": cls.paste.id, "product_qty": 200}
                        ),
                        Command.create({"product_id": cls.oil.id, "product_qty": 100}),
                    ],
                    "operation_ids": [
                        Command.create(
                            {
                                "name": "Cook",
                                "workcenter_id": cls.vessel.id,
                                "time_cycle_manual": 60,
                                "time_mode": "manual",
                            }
                        )
                    ],
                }
            )
        for component in (cls.paste, cls.oil):
            cls.env["stock.quant"]._update_available_quantity(
                component, cls.stock_location, 1_000_000
            )

    def _batch(self, qty=100, paste=None, minutes=60, product=None, lot=None):
        """Confirm, consume (paste as given, else per BoM), log ``minutes`` on
        the work order, produce ``qty`` and mark done; return the order."""
        product = product or self.sauce
        production = self.env["mrp.production"].create(
            {"product_id": product.id, "product_qty": qty}
        )
        production.action_confirm()
        return self._close(production, paste=paste, minutes=minutes, lot=lot)

    def _close(self, production, paste=None, minutes=60, lot=None):
        if production.product_id.tracking == "lot":
            production.lot_producing_ids = self.env["stock.lot"].create(
                {
                    "name": lot or f"CS-{production.id}",
                    "product_id": production.product_id.id,
                }
            )
        production.qty_producing = production.product_qty
        production._set_qty_producing()
        if paste is not None:
            move = production.move_raw_ids.filtered(
                lambda m: m.product_id == self.paste
            )
            move.quantity = paste
        production.move_raw_ids.picked = True
        with freeze_time("2026-11-23 10:00:00"):
            production.workorder_ids.duration = minutes
        # a consumption other than the BoM's would ask for confirmation
        production.with_context(skip_consumption=True).button_mark_done()
        self.assertEqual(production.state, "done")
        return production

    def _sheet(self, production):
        return self.env["optiwise.batch.cost"].search(
            [("production_id", "=", production.id)]
        )
