# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import OptiwiseQcCase


@tagged("post_install", "-at_install")
class TestInspectionTriggers(OptiwiseQcCase):
    def test_receipt_creates_one_inspection(self):
        """A received lot gets one receipt inspection, also when re-run."""
        lot = self._receive("TOM-001")
        inspection = lot.optiwise_inspection_ids
        self.assertEqual(len(inspection), 1)
        self.assertEqual(inspection.trigger, "receipt")
        self.assertEqual(inspection.line_ids.mapped("name"), ["Brix"])
        self.assertEqual(lot.optiwise_quality_state, "pending")
        # the trigger runs again on the same moves: nothing new
        moves = inspection.picking_id.move_ids
        moves._optiwise_inspect_done()
        self.assertEqual(len(lot.optiwise_inspection_ids), 1)

    def test_production_samples_per_lot(self):
        """A produced lot gets Taste once and pH twice (two samples)."""
        lot = self._produce()
        inspection = lot.optiwise_inspection_ids
        self.assertEqual(inspection.trigger, "production")
        self.assertEqual(
            inspection.line_ids.mapped("display_name"), ["Taste", "pH", "pH #2"]
        )
        self.assertEqual(inspection.producer_user_id, self.manager)
        self.assertEqual(inspection.lead_time_hours, 48)

    def test_run_output_every_second_lot(self):
        """Continuous output: lots 1 and 3 of the run are inspected, not 2."""
        run = self.env["optiwise.production.run"].create(
            {
                "product_id": self.bottle.id,
                "planned_qty": 100,
                "standard_rate": 60,
            }
        )
        run.action_start()
        lots = self.env["stock.lot"]
        for name in ("RUN-L1", "RUN-L2", "RUN-L3"):
            run.record_output(5, lot_name=name)
            lots |= run.output_ids.lot_id.filtered(lambda lot, n=name: lot.name == n)
        # a second declaration into lot 1 does not inspect it twice
        run.record_output(5, lot_name="RUN-L1")
        inspected = lots.filtered("optiwise_inspection_ids")
        self.assertEqual(inspected.mapped("name"), ["RUN-L1", "RUN-L3"])
        self.assertEqual(len(lots[0].optiwise_inspection_ids), 1)
        self.assertEqual(lots[0].optiwise_inspection_ids.run_id, run)
        self.assertEqual(lots[1].optiwise_quality_state, "not_required")
        self.assertEqual(self.point_fill.lot_counter, 3)

    def test_delivery_trigger(self):
        """A before-delivery point inspects the lot the delivery reserved."""
        self.env["optiwise.qc.point"].create(
            {"name": "Seal", "trigger": "delivery", "product_id": self.base.id}
        )
        lot = self._produce()
        self._pass_production(lot).action_release()
        picking = self._delivery(100)
        picking.action_assign()
        self.assertEqual(picking.move_ids.move_line_ids.lot_id, lot)
        self.assertEqual(
            sorted(lot.optiwise_inspection_ids.mapped("trigger")),
            ["delivery", "production"],
        )
        self.assertEqual(lot.optiwise_quality_state, "pending")
        with self.assertRaisesRegex(UserError, "on hold"):
            picking.button_validate()

    def test_manual_inspection_takes_product_points(self):
        """A manual inspection lists every point of the lot's product."""
        lot = self._produce()
        manual = (
            self.env["optiwise.qc.inspection"]
            .with_user(self.inspector)
            .create({"lot_id": lot.id})
        )
        self.assertEqual(manual.trigger, "manual")
        self.assertEqual(manual.line_ids.mapped("name"), ["Taste", "pH"])


@tagged("post_install", "-at_install")
class TestInspectionResults(OptiwiseQcCase):
    def _receipt_line(self, lot_name):
        lot = self._receive(lot_name)
        return lot.optiwise_inspection_ids.line_ids.with_user(self.inspector)

    def test_tolerance(self):
        """Brix 27-29: 28.5 and the bound 27 pass, 29.5 fails, none is pending."""
        line = self._receipt_line("TOM-T1")
        self.assertEqual(line.result, "pending")
        for value, result in ((28.5, "pass"), (27.0, "pass"), (29.5, "fail")):
            line.measured_value = value
            self.assertEqual(line.result, result, value)
        self.assertEqual(line.inspection_id.state, "progress")
        self.assertEqual(line.user_id, self.inspector)

    def test_zero_is_a_value(self):
        """A measured 0 is a result (a fail here), not a missing one."""
        line = self._receipt_line("TOM-T0")
        line.measured_value = 0.0
        self.assertEqual(line.result, "fail")

    def test_choice_and_passfail(self):
        """A choice passes per its flag; pass/fail is what was recorded."""
        run = self.env["optiwise.production.run"].create(
            {"product_id": self.bottle.id, "planned_qty": 10, "standard_rate": 60}
        )
        run.action_start()
        run.record_output(5, lot_name="RUN-C1")
        line = run.output_ids.lot_id.optiwise_inspection_ids.line_ids.with_user(
            self.inspector
        )
        low = self.point_fill.choice_ids.filtered(lambda c: c.name == "Low")
        line.choice_id = low
        self.assertEqual(line.result, "fail")
        line.choice_id = self.point_fill.choice_ids - low
        self.assertEqual(line.result, "pass")

    def test_complete_needs_mandatory_results(self):
        """Completing with a mandatory test left open names it."""
        lot = self._produce()
        inspection = lot.optiwise_inspection_ids.with_user(self.inspector)
        inspection.line_ids[0].pass_fail = "pass"
        with self.assertRaisesRegex(UserError, "record pH, pH #2"):
            inspection.action_complete()
        inspection.line_ids[1:].measured_value = 4.5
        inspection.action_complete()
        # pH 4.5 > 4.2: failed
        self.assertEqual(inspection.state, "failed")
        self.assertEqual(inspection.failed_count, 2)
        self.assertEqual(inspection.inspector_id, self.inspector)
        with self.assertRaisesRegex(UserError, "cannot change"):
            inspection.line_ids[1].measured_value = 4.0

    def test_only_the_recording_group(self):
        """Operators and QC readers cannot record results."""
        lot = self._produce()
        line = lot.optiwise_inspection_ids.line_ids[0]
        with self.assertRaises(AccessError):
            line.with_user(self.operator).pass_fail = "pass"
        with self.assertRaises(AccessError):
            line.with_user(self.qc_user).pass_fail = "pass"
        self.assertTrue(lot.optiwise_inspection_ids.with_user(self.qc_user).name)


@tagged("post_install", "-at_install")
class TestDecisions(OptiwiseQcCase):
    def test_release_path(self):
        """Passed, released: the lot is released and the chatter says who."""
        lot = self._produce()
        inspection = self._pass_production(lot)
        self.assertEqual(inspection.state, "passed")
        inspection.action_release()
        self.assertEqual(inspection.decision, "release")
        self.assertEqual(inspection.decision_user_id, self.inspector)
        self.assertEqual(lot.optiwise_quality_state, "released")
        self.assertIn("Release by Inspector One", lot.message_ids[0].body)

    def test_reject_path(self):
        """Rejected at any stage: the lot is rejected."""
        lot = self._produce()
        inspection = lot.optiwise_inspection_ids.with_user(self.inspector)
        inspection.action_reject(note="Burnt smell")
        self.assertEqual(lot.optiwise_quality_state, "rejected")
        self.assertEqual(inspection.decision_note, "Burnt smell")

    def test_release_needs_complete_inspection(self):
        """A lot cannot be released before its tests are complete."""
        lot = self._produce()
        with self.assertRaisesRegex(UserError, "not complete"):
            lot.optiwise_inspection_ids.with_user(self.inspector).action_release()

    def test_operator_cannot_decide(self):
        """Production roles do not decide quality."""
        lot = self._produce()
        inspection = self._pass_production(lot)
        with self.assertRaises(AccessError):
            inspection.with_user(self.operator).action_release()

    def test_producer_cannot_release_own_batch(self):
        """Segregation of duties: the producer may inspect, not release."""
        lot = self._produce(user=self.operator_inspector)
        inspection = self._pass_production(lot, user=self.operator_inspector)
        with self.assertRaisesRegex(UserError, "segregation of duties"):
            inspection.action_release()
        self.assertEqual(lot.optiwise_quality_state, "pending")
        inspection.with_user(self.inspector_two).action_release()
        self.assertEqual(lot.optiwise_quality_state, "released")

    def test_segregation_can_be_switched_off(self):
        """With the company setting off the producer may release."""
        self.env.company.optiwise_qc_segregation = False
        lot = self._produce(user=self.operator_inspector)
        self._pass_production(lot, user=self.operator_inspector).action_release()
        self.assertEqual(lot.optiwise_quality_state, "released")

    def test_decision_is_final(self):
        """A second decision is refused; a change takes a manager and a reason."""
        lot = self._produce()
        inspection = self._pass_production(lot)
        inspection.action_quarantine(note="Label check")
        self.assertEqual(lot.optiwise_quality_state, "quarantined")
        with self.assertRaisesRegex(UserError, "decision is final"):
            inspection.action_release()
        with self.assertRaises(AccessError):
            inspection.action_change_decision("release", "Labels fine")
        as_manager = inspection.with_user(self.qc_manager)
        with self.assertRaisesRegex(UserError, "reason"):
            as_manager.action_change_decision("release", "  ")
        with self.assertRaisesRegex(UserError, "Unknown decision"):
            as_manager.action_change_decision("approve", "Labels fine")
        as_manager.action_change_decision("release", "Labels fine")
        self.assertEqual(lot.optiwise_quality_state, "released")
        self.assertEqual(inspection.decision_user_id, self.qc_manager)
        body = lot.message_ids[0].body
        self.assertIn("Quarantine", body)
        self.assertIn("Labels fine", body)
        with self.assertRaisesRegex(UserError, "follows its inspections"):
            lot.optiwise_quality_state = "released"

    def test_concession(self):
        """A failed lot is released only by a manager, with a reason."""
        lot = self._produce()
        inspection = lot.optiwise_inspection_ids.with_user(self.inspector)
        inspection.line_ids.filtered(lambda line: line.test_type == "measure").write(
            {"measured_value": 4.4}
        )
        inspection.line_ids.filtered(lambda line: line.test_type == "passfail").write(
            {"pass_fail": "pass"}
        )
        inspection.action_complete()
        with self.assertRaises(AccessError):
            inspection.action_release()
        with self.assertRaisesRegex(UserError, "concession"):
            inspection.with_user(self.qc_manager).action_release()
        inspection.with_user(self.qc_manager).action_release(note="pH 4.4 accepted")
        self.assertEqual(lot.optiwise_quality_state, "released")

    def test_nonconformance_from_failed_inspection(self):
        """A failed inspection opens a non-conformance naming the failed tests."""
        lot = self._produce()
        inspection = lot.optiwise_inspection_ids.with_user(self.inspector)
        inspection.line_ids.filtered(lambda line: line.test_type == "measure").write(
            {"measured_value": 3.0}
        )
        inspection.line_ids.filtered(lambda line: line.test_type == "passfail").write(
            {"pass_fail": "fail"}
        )
        inspection.action_complete()
        action = inspection.action_open_nonconformance()
        nonconformance = self.env["optiwise.qc.nonconformance"].browse(action["res_id"])
        self.assertEqual(nonconformance.lot_ids, lot)
        self.assertIn("Taste, pH, pH #2", nonconformance.name)
        self.assertIn("pH: 3", nonconformance.description)
        # a second click opens the same one
        self.assertEqual(
            inspection.action_open_nonconformance()["res_id"], action["res_id"]
        )
        with self.assertRaisesRegex(UserError, "root cause"):
            nonconformance.action_close()
        nonconformance.write(
            {
                "root_cause": "Acid dosing pump drift",
                "corrective_action": "Recalibrated",
            }
        )
        nonconformance.action_close()
        self.assertEqual(nonconformance.state, "closed")
        with self.assertRaisesRegex(UserError, "reopen it"):
            nonconformance.severity = "major"


@tagged("post_install", "-at_install")
class TestCorrectResults(OptiwiseQcCase):
    """A decided inspection's results are corrected openly, with a reason, by
    a quality manager only; a plain write opens nothing."""

    def test_manager_corrects_results(self):
        """pH recorded 4.0 (passed, released) was really 4.4: corrected, the
        inspection fails, the decision stands, the chatter keeps both."""
        lot = self._produce(lot_name="BASE-CORR")
        inspection = self._pass_production(lot)
        inspection.action_release()
        ph = inspection.line_ids.filtered(lambda line: line.test_type == "measure")[0]
        recorder = ph.user_id
        with self.assertRaisesRegex(UserError, "complete"):
            ph.with_user(self.qc_manager).measured_value = 4.4
        with self.assertRaises(AccessError):
            inspection.with_user(self.inspector).action_correct_results(
                [{"line_id": ph.id, "measured_value": 4.4}], "Typo"
            )
        as_manager = inspection.with_user(self.qc_manager)
        for corrections, error in (
            ([{"line_id": ph.id, "measured_value": 4.4}], " "),
            ([{"line_id": ph.id, "measured_value": "4.4"}], "Typo"),
            ([{"line_id": ph.id, "measured_value": float("nan")}], "Typo"),
            ([{"line_id": 999999999, "measured_value": 4.4}], "Typo"),
            ([{"line_id": ph.id, "target": 5}], "Typo"),
            ({"line_id": ph.id}, "Typo"),
        ):
            with (
                self.subTest(corrections=corrections, reason=error),
                self.assertRaises(UserError),
            ):
                as_manager.action_correct_results(corrections, error)
        self.assertEqual(ph.measured_value, 4.0)
        wizard = (
            self.env["optiwise.qc.correction"]
            .with_user(self.qc_manager)
            .with_context(
                active_model="optiwise.qc.inspection", active_id=inspection.id
            )
            .create({"reason": "Meter read 4.4: the inspector typed 4.0"})
        )
        row = wizard.line_ids.filtered(lambda r: r.test_line_id == ph)
        row.measured_value = 4.4
        wizard.action_confirm()
        self.assertEqual(ph.measured_value, 4.4)
        self.assertEqual(inspection.state, "failed")
        self.assertEqual(inspection.decision, "release")
        self.assertEqual(lot.optiwise_quality_state, "released")
        self.assertEqual(ph.user_id, recorder, "who recorded it stays known")
        for record in (inspection, lot):
            body = record.message_ids[0].body
            self.assertIn("4 -&gt; 4.4", body)
            self.assertIn("the inspector typed 4.0", body)
            self.assertIn("now Failed", body)
