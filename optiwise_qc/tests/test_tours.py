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

    def test_quality_manager_tour(self):
        """A quality manager releases a failed lot as a concession with a
        reason, then corrects a recorded value with a reason."""
        new_test_user(
            self.env,
            login="tour_qc_manager",
            groups="optiwise_qc.group_manager,stock.group_production_lot",
        )
        lot = self._receive("TOM-TOUR-QM")
        inspection = lot.optiwise_inspection_ids
        inspection.with_user(self.inspector).line_ids.measured_value = 26.5
        inspection.with_user(self.inspector).action_complete()
        self.assertEqual(inspection.state, "failed")
        url = f"/odoo/action-optiwise_qc.optiwise_qc_inspection_action/{inspection.id}"
        self.start_tour(url, "optiwise_qc_manager_tour", login="tour_qc_manager")
        self.assertEqual(inspection.decision, "release")
        self.assertIn("diluted", inspection.decision_note)
        self.assertEqual(inspection.line_ids.measured_value, 26.8)
        self.assertEqual(lot.optiwise_quality_state, "released")
