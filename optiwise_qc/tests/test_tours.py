# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tests import HttpCase, new_test_user, tagged

from .common import OptiwiseQcCase


@tagged("post_install", "-at_install")
class TestQcTours(HttpCase, OptiwiseQcCase):
    def test_inspection_tour(self):
        """An inspector records, completes and releases; the lot turns released."""
        new_test_user(
            self.env,
            login="tour_inspector",
            groups="optiwise_qc.group_inspector,stock.group_production_lot",
        )
        lot = self._receive("TOM-TOUR")
        inspection = lot.optiwise_inspection_ids
        url = f"/odoo/action-optiwise_qc.optiwise_qc_inspection_action/{inspection.id}"
        self.start_tour(url, "optiwise_qc_inspection_tour", login="tour_inspector")
        self.assertEqual(inspection.line_ids.measured_value, 28.2)
        self.assertEqual(inspection.decision, "release")
        self.assertEqual(lot.optiwise_quality_state, "released")
