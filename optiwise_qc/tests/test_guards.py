# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import OptiwiseQcCase


@tagged("post_install", "-at_install")
class TestQualityCompaniesApart(OptiwiseQcCase):
    """An inspector of another company cannot inspect this company's lots:
    an inspection is checked against its company (``_check_company_auto``),
    so it cannot move a lot of company A from released to pending."""

    def test_inspection_of_another_companys_lot_refused(self):
        """An inspection of company B on company A's lot is refused."""
        other, other_inspector = self._user_of_other_company(
            "ow_other_inspector", "optiwise_qc.group_inspector"
        )
        lot = self.env["stock.lot"].create(
            {
                "name": "QC-A-1",
                "product_id": self.base.id,
                "company_id": self.company.id,
            }
        )
        Inspection = self.env["optiwise.qc.inspection"]
        count = Inspection.search_count([])
        state = lot.optiwise_quality_state
        with (
            self.assertRaisesRegex(UserError, "compan"),
            self.env.cr.savepoint(),
        ):
            Inspection.with_user(other_inspector).create(
                {"lot_id": lot.id, "company_id": other.id}
            )
        self.assertEqual(Inspection.search_count([]), count)
        lot.invalidate_recordset()
        self.assertEqual(lot.optiwise_quality_state, state)


@tagged("post_install", "-at_install")
class TestQualityGuardsHold(OptiwiseQcCase):
    """The decision, the recording and the test specs are reached only through
    the inspection's actions: a plain ``write``/``create`` (with any context)
    by an inspector or a manager is refused and changes nothing."""

    def test_decision_not_written_directly(self):
        """A producing inspector's write of ``release`` (refused by
        segregation of duties in ``action_release``), the producer cleared, a
        to-do, a failed and a quarantined inspection released by a write: all
        refused; so is a manager's write."""
        lot = self._produce(user=self.operator_inspector)
        todo = lot.optiwise_inspection_ids
        for user in (self.operator_inspector, self.inspector, self.qc_manager):
            self._assert_write_refused(todo, {"decision": "release"}, user)
            self._assert_write_refused(todo, {"state": "passed"}, user)
            self._assert_write_refused(todo, {"producer_user_id": False}, user)
        passed = self._pass_production(lot, user=self.operator_inspector)
        self._assert_write_refused(
            passed, {"decision": "release"}, self.operator_inspector
        )
        self._assert_write_refused(
            passed,
            {"decision_user_id": self.inspector_two.id},
            self.operator_inspector,
        )
        with self.assertRaisesRegex(UserError, "segregation of duties"):
            passed.with_user(self.operator_inspector).action_release()
        failed = self._produce().optiwise_inspection_ids.with_user(self.inspector)
        failed.line_ids.filtered(lambda line: line.test_type == "measure").write(
            {"measured_value": 9.9}
        )
        failed.line_ids.filtered(lambda line: line.test_type == "passfail").write(
            {"pass_fail": "pass"}
        )
        failed.action_complete()
        self.assertEqual(failed.state, "failed")
        self._assert_write_refused(failed, {"decision": "release"}, self.inspector)
        quarantined = self._pass_production(self._produce())
        quarantined.action_quarantine(note="Smell")
        self._assert_write_refused(quarantined, {"decision": "release"}, self.inspector)
        self._assert_write_refused(
            quarantined, {"decision_note": "fine after all"}, self.qc_manager
        )
        self.assertEqual(quarantined.lot_id.optiwise_quality_state, "quarantined")
        self.assertEqual(lot.optiwise_quality_state, "pending")

    def test_decided_inspection_not_created(self):
        """An inspection cannot be created already decided, passed or with a
        producer or trigger of the caller's choosing."""
        lot = self._receive("QC-GUARD-1")
        for vals in (
            {"decision": "release"},
            {"state": "passed"},
            {"producer_user_id": self.inspector_two.id},
            {"trigger": "production"},
            {"decision_user_id": self.inspector.id},
        ):
            self._assert_create_refused(
                "optiwise.qc.inspection", dict(vals, lot_id=lot.id), self.inspector
            )

    def test_specs_hold(self):
        """Unticking ``mandatory`` or widening a tolerance is refused, open or
        complete; a test cannot move to another inspection nor be removed;
        ``action_complete`` still wants every mandatory result."""
        inspection = self._produce().optiwise_inspection_ids.with_user(self.inspector)
        other = self._produce().optiwise_inspection_ids
        ph = inspection.line_ids.filtered(lambda line: line.test_type == "measure")
        for user in (self.inspector, self.qc_manager):
            self._assert_write_refused(inspection.line_ids, {"mandatory": False}, user)
            self._assert_write_refused(ph, {"tolerance_max": 99.0}, user)
            self._assert_write_refused(ph, {"inspection_id": other.id}, user)
            self._assert_write_refused(ph, {"user_id": self.inspector_two.id}, user)
        with self.assertRaisesRegex(UserError, "kept"), self.env.cr.savepoint():
            ph.with_user(self.qc_manager).unlink()
        with self.assertRaisesRegex(UserError, "record"):
            inspection.action_complete()
        self.assertEqual(inspection.state, "todo")
        passed = self._pass_production(self._produce())
        self._assert_write_refused(
            passed.line_ids.filtered(lambda line: line.test_type == "measure"),
            {"tolerance_min": 0.0},
            self.qc_manager,
        )
        self._assert_write_refused(
            passed.line_ids[:1], {"measured_value": 1.0}, self.inspector
        )
        self._assert_write_refused(passed, {"lot_id": other.lot_id.id}, self.qc_manager)
        self._assert_create_refused(
            "optiwise.qc.inspection.line",
            {"inspection_id": passed.id, "name": "Extra", "test_type": "passfail"},
            self.inspector,
        )

    def test_nonconformance_and_recall_states(self):
        """A non-conformance is not closed by a write (no root cause); a
        recall is not contained or closed by a write."""
        inspection = self._pass_production(self._produce())
        inspection.action_quarantine(note="Smell")
        nonconformance = self.env["optiwise.qc.nonconformance"].create(
            inspection._prepare_nonconformance_vals()
        )
        for user in (self.qc_user, self.qc_manager):
            self._assert_write_refused(nonconformance, {"state": "closed"}, user)
            self._assert_write_refused(
                nonconformance, {"date_closed": "2026-01-01 00:00:00"}, user
            )
        with self.assertRaisesRegex(UserError, "root cause"):
            nonconformance.with_user(self.qc_manager).action_close()
        nonconformance.write({"root_cause": "Seal", "corrective_action": "Reseal"})
        nonconformance.with_user(self.qc_manager).action_close()
        self._assert_write_refused(
            nonconformance, {"root_cause": "Other"}, self.qc_manager
        )
        self._assert_create_refused(
            "optiwise.qc.nonconformance",
            {"name": "Closed at birth", "state": "closed"},
            self.qc_manager,
        )
        recall = self.env["optiwise.recall"].create(
            {"reason": "Test", "lot_ids": [(6, 0, inspection.lot_id.ids)]}
        )
        self._assert_write_refused(recall, {"state": "contained"}, self.qc_manager)
        self._assert_write_refused(recall, {"line_ids": [(5, 0, 0)]}, self.qc_manager)
        recall.with_user(self.qc_manager).action_trace()
        self.assertTrue(recall.line_ids)
        self._assert_write_refused(
            recall.line_ids[:1], {"qty_on_hand": 0.0}, self.qc_manager
        )
        self._assert_create_refused(
            "optiwise.recall.line",
            {"recall_id": recall.id, "lot_id": inspection.lot_id.id, "level": 9},
            self.qc_manager,
        )


@tagged("post_install", "-at_install")
class TestQualityFiguresFinite(OptiwiseQcCase):
    def test_nan_refused(self):
        """A NaN or infinite tolerance or measure is refused, not stored (a
        NaN measure would fail every comparison yet look recorded)."""
        inspection = self._produce().optiwise_inspection_ids.with_user(self.inspector)
        ph = inspection.line_ids.filtered(lambda line: line.test_type == "measure")[:1]
        for value in (float("nan"), float("inf")):
            self._assert_write_refused(ph, {"measured_value": value}, self.inspector)
            self._assert_write_refused(
                self.point_ph, {"tolerance_max": value}, self.qc_manager
            )
