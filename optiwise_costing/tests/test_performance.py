# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from freezegun import freeze_time

from odoo.tests import tagged

from .common import OptiwiseCostCase


@freeze_time("2026-11-23 10:00:00")
@tagged("at_install", "-post_install")
class TestCostQueries(OptiwiseCostCase):
    """Query budgets: closing one batch, and sheets for many batches at once."""

    def _done_batches(self, count):
        """``count`` batch orders of 100 closed together (one mark-done call)."""
        productions = self.env["mrp.production"]
        for _index in range(count):
            productions |= productions.create(
                {"product_id": self.other.id, "product_qty": 100}
            )
        productions.action_confirm()
        for production in productions:
            production.qty_producing = 100
            production._set_qty_producing()
        productions.move_raw_ids.picked = True
        productions.workorder_ids.duration = 60
        productions.with_context(skip_consumption=True).button_mark_done()
        self.assertEqual(set(productions.mapped("state")), {"done"})
        return productions

    def _rebuild_counted(self, count, budget):
        productions = self._done_batches(count)
        Cost = self.env["optiwise.batch.cost"]
        self.assertEqual(
            Cost.search_count([("production_id", "in", productions.ids)]), count
        )
        # drop the sheets built at closing (bypassing their protection) to
        # measure the building alone
        self.env.cr.execute(
            "DELETE FROM optiwise_batch_cost WHERE production_id = ANY(%s)",
            [productions.ids],
        )
        self.env.invalidate_all()
        with self.assertQueryCount(budget):
            sheets = Cost._build_for_productions(productions)
        self.assertEqual(len(sheets), count)
        self.assertEqual(set(sheets.mapped("actual_cost")), {760.0})

    def test_sheets_for_20_batches(self):
        """Sheets of 20 batches in one call."""
        self._rebuild_counted(20, 85)

    def test_sheets_for_200_batches(self):
        """Sheets of 200 batches in one call: 636 = 85 + 551 for 180 more
        batches, about 3 each (the inserts of the sheet's lines and orders);
        every read is one query for all batches."""
        self._rebuild_counted(200, 636)

    def test_close_one_batch(self):
        """Marking one batch done, its cost sheet included."""
        production = self.env["mrp.production"].create(
            {"product_id": self.other.id, "product_qty": 100}
        )
        production.action_confirm()
        production.qty_producing = 100
        production._set_qty_producing()
        production.move_raw_ids.picked = True
        production.workorder_ids.duration = 60
        self.env.invalidate_all()
        # optiwise_dispatch queues the refresh of the product's dispatch;
        # 149 since optiwise_batch depends on product_expiry (148 before: its
        # check of the lots' expiry on the moves done)
        with self.assertQueryCount(
            self._budget(149, optiwise_qc=1, optiwise_dispatch=3)
        ):
            production.with_context(skip_consumption=True).button_mark_done()
        self.assertEqual(production.optiwise_cost_ids.actual_cost, 760.0)
