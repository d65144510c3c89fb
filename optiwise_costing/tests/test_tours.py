# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tests import HttpCase, tagged

from .common import OptiwiseCostCase


@tagged("post_install", "-at_install")
class TestCostingTours(HttpCase, OptiwiseCostCase):
    def test_controller_sets_overhead(self):
        """The cost controller sets an overhead rate from the work center's
        form through her dialog, and the chatter keeps the change."""
        self.vessel.optiwise_overhead_rate = 20.0
        url = f"/odoo/action-mrp.mrp_workcenter_action/{self.vessel.id}"
        self.start_tour(
            url, "optiwise_costing_controller_tour", login=self.controller.login
        )
        self.assertEqual(self.vessel.optiwise_overhead_rate, 26.0)
