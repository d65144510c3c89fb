# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import timedelta

from odoo.tests import HttpCase, tagged

from .common import OptiwiseDispatchCase


@tagged("post_install", "-at_install")
class TestControlTowerTour(HttpCase, OptiwiseDispatchCase):
    def test_control_tower_tour(self):
        """Control tower -> deliveries at risk -> the delivery -> its batch."""
        dark = self.env["product.product"].create(
            # made here: a run mode (the tower shows what the plant makes)
            {
                "name": "Tour Dark Base",
                "is_storable": True,
                "optiwise_run_mode": "batch",
            }
        )
        self.bom.copy({"product_tmpl_id": dark.product_tmpl_id.id})
        customer = self.env["res.partner"].create({"name": "Tour Customer"})
        promised = self.now + timedelta(days=6)
        picking = self._ship(400, promised, product=dark, partner=customer)
        production = self._plan(
            self._confirmed_mo(500, product=dark), promised - timedelta(hours=6)
        )
        self._refresh()
        self.assertEqual(picking.optiwise_dispatch_risk, "at_risk")
        self.assertEqual(picking.optiwise_production_ids, production)
        self.start_tour(
            "/odoo/action-optiwise_batch.optiwise_control_tower_action",
            "optiwise_control_tower_tour",
            login="ow_manager",
        )
