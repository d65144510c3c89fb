# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import tagged

from .common import OptiwiseDispatchCase


@tagged("post_install", "-at_install")
class TestDispatchAnswers(OptiwiseDispatchCase):
    """Facts are read live; computed figures carry when and whether they are
    stale; what changes a delivery's risk triggers its refresh."""

    def setUp(self):
        super().setUp()
        self.cron = self.env.ref("optiwise_dispatch.optiwise_dispatch_request_cron")
        # what earlier fixtures queued is handled
        self.env.cr.flush()
        self._run_job()

    def _run_job(self):
        """Run the triggered job as the cron worker does (its own cursor,
        in the test's transaction)."""
        with self.enter_registry_test_mode():
            self.cron.method_direct_trigger()

    def _triggers(self):
        return self.env["ir.cron.trigger"].search_count(
            [("cron_id", "=", self.cron.id)]
        )

    def test_new_delivery_names_its_facts_and_is_refreshed(self):
        """A delivery confirmed a minute ago names its sale order and promise;
        its risk comes with the triggered refresh."""
        self._stock_lot("DISP-FACT-1", 500)
        promised = self.now + timedelta(days=3)
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "commitment_date": promised,
                "order_line": [
                    Command.create({"product_id": self.base.id, "product_uom_qty": 100})
                ],
            }
        )
        triggers = self._triggers()
        order.action_confirm()
        picking = order.picking_ids
        self.env.cr.flush()  # the pre-commit hook queues the refresh
        self.assertEqual(self._triggers(), triggers + 1)
        status = picking.with_user(self.operator).get_dispatch_status()[0]
        self.assertEqual(status["sale_order"], order.name)
        self.assertEqual(status["partner"], self.customer.display_name)
        self.assertEqual(status["promised_date"], fields.Datetime.to_string(promised))
        self.assertEqual(
            status["scheduled_date"], fields.Datetime.to_string(picking.scheduled_date)
        )
        # never computed: it says so
        self.assertIs(status["computed_at"], False)
        self.assertIs(status["risk"], False)
        self.assertIs(status["stale"], True)

        self._run_job()
        status = picking.with_user(self.operator).get_dispatch_status()[0]
        self.assertEqual(status["risk"], "on_time")
        self.assertTrue(status["computed_at"])
        self.assertIs(status["stale"], False)
        self.assertFalse(self.env["optiwise.dispatch.request"].search_count([]))

    def test_rescheduled_batch_marks_stale_then_refreshes(self):
        """A batch moved after the promise: stale at once, late after the job."""
        promised = self.now + timedelta(days=2)
        picking = self._ship(500, promised)
        production = self.env["mrp.production"].create(
            {"product_id": self.base.id, "product_qty": 500}
        )
        production.action_confirm()
        # finishes 12 hours before the promise: inside the 24-hour margin
        self._plan(production, promised - timedelta(hours=12))
        self.env.cr.flush()
        self._run_job()
        status = picking.get_dispatch_status()[0]
        self.assertEqual(status["risk"], "at_risk")
        self.assertIs(status["stale"], False)

        self._plan(production, promised + timedelta(days=1))
        self.env.cr.flush()
        status = picking.get_dispatch_status()[0]
        self.assertIs(status["stale"], True)
        self.assertEqual(status["risk"], "at_risk", "as of the last computation")
        self._run_job()
        status = picking.get_dispatch_status()[0]
        self.assertEqual(status["risk"], "late")
        self.assertIs(status["stale"], False)
