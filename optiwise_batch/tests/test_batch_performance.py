# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from freezegun import freeze_time

from odoo.tests import tagged

from .common import OptiwiseChangeoverCase, OptiwisePlantCase


# Counts are exact only at a fixed time: scheduling on calendars does more or
# fewer queries depending on how far "now" is from the next working hour.
@freeze_time("2026-11-23 09:00:00")
@tagged("at_install", "-post_install")
class TestBatchPlanningQueries(OptiwisePlantCase):
    """Query budgets of action_plan_batches: linear in batches, small constant."""

    def _plan_counted(self, batches, budget):
        production = self._confirmed_mo(500 * batches)
        production.invalidate_recordset()
        self.env.invalidate_all()
        with self.assertQueryCount(budget):
            result = production.with_user(self.manager).action_plan_batches()
        self.assertEqual(len(result), batches)
        self.assertEqual(len(result.lot_producing_ids), batches)

    def test_query_count_10_batches(self):
        """Planning 10 batches stays within its measured budget."""
        # 283 with mrp alone; stock valuation (stock_account, brought by
        # mrp_account or sale_stock) reads 6 more. Counted at install: the
        # addons on top of this one (quality, dispatch) add their own.
        self._plan_counted(10, self._budget(283, stock_account=6))

    def test_query_count_40_batches(self):
        """40 batches: 798 = 283 + 30 x 17.17, linear with the same constant."""
        self._plan_counted(40, self._budget(798, stock_account=6))


@freeze_time("2026-11-23 09:00:00")
@tagged("at_install", "-post_install")
class TestRecordOutputQueries(OptiwisePlantCase):
    """Query budget of one output declaration (a whole MO cycle in core)."""

    def test_query_count_record_output(self):
        """One declaration, lot from the policy, no scrap: within its budget."""
        run = (
            self.env["optiwise.production.run"]
            .with_user(self.operator)
            .create(
                {"product_id": self.bottle.id, "planned_qty": 100, "standard_rate": 60}
            )
        )
        run.action_start()
        run.record_output(1)  # warm-up: creates the run's lot and caches
        self.env.invalidate_all()
        # 211 with mrp alone (2 of them the savepoint around the insert that
        # lets a concurrent repeat be retried); stock valuation adds 8,
        # sale_stock 1 (an installed module counts whoever brought it)
        budget = self._budget(
            # 211 before the acceptance's check of lot-tracked components
            212,
            stock_account=8,
            sale_stock=1,
        )
        with self.assertQueryCount(budget):
            run.record_output(10, external_ref="Q-1")
        self.assertEqual(len(run.output_ids), 2)


@freeze_time("2026-11-23 09:00:00")
@tagged("at_install", "-post_install")
class TestChangeoverQueries(OptiwiseChangeoverCase):
    """Query budgets of a work order's start through its changeover gate."""

    def _starts_counted(self, count, budget):
        self._run_workorder(self._mo(self.dark))
        workorders = self.env["mrp.workorder"].union(
            *(self._mo(self.base).workorder_ids for _i in range(count))
        )
        self.env.invalidate_all()
        with self.assertQueryCount(budget):
            workorders.with_user(self.operator).button_start()
        self.assertEqual(len(workorders.optiwise_changeover_ids), count)

    def test_query_count_start_one(self):
        """Starting one work order opens its changeover with its checklist."""
        self._starts_counted(1, 82)

    def test_query_count_start_five(self):
        """Five at once: 98 = 82 + 4 x 4; the gate's lookups do not repeat."""
        self._starts_counted(5, 98)
