# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import timedelta

from odoo.tests import tagged

from .common import OptiwiseDispatchCase


@tagged("post_install", "-at_install")
class TestDispatchPlanning(OptiwiseDispatchCase):
    """Dispatch's pegging gives the planner its due dates."""

    def test_a_batch_is_due_when_its_first_delivery_is_promised(self):
        """Two deliveries pegged to one batch: it is due at the earlier
        promise; a batch no delivery waits on keeps core's deadline."""
        early = self.now + timedelta(days=2)
        self._ship(100, self.now + timedelta(days=4))
        self._ship(100, early)
        batch = self._confirmed_mo(500)
        spare = self._confirmed_mo(500)
        spare.date_deadline = self.now + timedelta(days=9)
        self._refresh()
        supplies = self.env["optiwise.dispatch.supply"].search(
            [("production_id", "=", batch.id)]
        )
        self.assertEqual(len(supplies.line_id), 2)
        due = (batch | spare)._optiwise_planning_due()
        self.assertEqual(due[batch.id][0], early.replace(microsecond=0))
        self.assertEqual(due[spare.id][0], spare.date_deadline)
