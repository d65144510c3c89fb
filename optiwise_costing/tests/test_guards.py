# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from freezegun import freeze_time

from odoo.tests import tagged

from .common import OptiwiseCostCase


@tagged("post_install", "-at_install")
class TestFrozenSheetsHold(OptiwiseCostCase):
    """A frozen sheet changes only through ``action_recompute`` (a controller,
    a reason, a chatter line, a recompute count): no write, create or context
    (``optiwise_cost_rebuild`` included) gets past it."""

    def test_frozen_figures_not_written(self):
        """A controller's write of the actual cost, of a variance, of a line's
        cost, with any context: refused, the figures read back unchanged."""
        sheet = self._sheet(self._batch())
        self.assertTrue(sheet.actual_cost)
        # the administrator too, and the superuser (a sudo() opens nothing)
        admin = self.env.ref("base.user_admin")
        for user in (self.controller, admin, self.env.ref("base.user_root")):
            self._assert_write_refused(sheet, {"actual_cost": 1.0}, user)
            self._assert_write_refused(sheet, {"total_variance": 0.0}, user)
            self._assert_write_refused(sheet, {"recompute_count": 0}, user)
            self._assert_write_refused(sheet.line_ids[:1], {"cost_actual": 1.0}, user)
            self._assert_write_refused(sheet, {"line_ids": [(5, 0, 0)]}, user)
        self._assert_create_refused(
            "optiwise.batch.cost.line",
            {"cost_id": sheet.id, "category": "overhead", "name": "Extra"},
            self.controller,
        )
        self._assert_create_refused(
            "optiwise.batch.cost",
            {
                "name": "Forged",
                "company_id": sheet.company_id.id,
                "product_id": sheet.product_id.id,
                "date": "2026-01-01 00:00:00",
            },
            admin,
        )
        messages = len(sheet.message_ids)
        before = sheet.actual_cost
        sheet.with_user(self.controller).action_recompute("Late time log")
        self.assertEqual(sheet.recompute_count, 1)
        self.assertEqual(sheet.actual_cost, before)
        self.assertEqual(len(sheet.message_ids), messages + 1)
        self.assertIn("Late time log", sheet.message_ids[0].body)


@tagged("post_install", "-at_install")
class TestOperatorClosesBatch(OptiwiseCostCase):
    def test_started_and_finished_in_one_second(self):
        """A scanner posts start and finish together: the operator still marks
        the batch done (no access error on the work center's analytic
        lines), and its sheet is built."""
        operator = self.env["res.users"].create(
            {
                "name": "Scanner Operator",
                "login": "ow_scanner_operator",
                "group_ids": [(6, 0, self.env.ref("optiwise_batch.group_user").ids)],
            }
        )
        plan = self.env["account.analytic.plan"].create({"name": "Plant"})
        account = self.env["account.analytic.account"].create(
            {"name": "Vessel", "plan_id": plan.id}
        )
        self.vessel.analytic_distribution = {str(account.id): 100}
        production = self.env["mrp.production"].create(
            {"product_id": self.sauce.id, "product_qty": 100}
        )
        production.action_confirm()
        production.lot_producing_ids = self.env["stock.lot"].create(
            {"name": "CS-SCAN-1", "product_id": self.sauce.id}
        )
        production = production.with_user(operator)
        with freeze_time("2026-11-23 10:00:00"):
            production.workorder_ids.button_start()
            production.workorder_ids.button_finish()
            production.qty_producing = 100
            production._set_qty_producing()
            production.move_raw_ids.picked = True
            production.with_context(skip_consumption=True).button_mark_done()
        self.assertEqual(production.state, "done")
        self.assertEqual(len(production.sudo().optiwise_cost_ids), 1)
