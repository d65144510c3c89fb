# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import Command
from odoo.tests import tagged

from .common import OptiwiseQcCase


@tagged("post_install", "-at_install")
class TestPlanningQuality(OptiwiseQcCase):
    """What QC tells the finite-capacity planner."""

    def test_a_batch_waits_for_its_inspection_before_use(self):
        """A batch whose output is inspected on production may be used its
        point's lead time after it ends: the order using it waits that long."""
        points = self.env["optiwise.qc.point"].search(
            [("trigger", "=", "production"), ("product_id", "=", self.base.id)]
        )
        self.assertTrue(points)
        points.write({"lead_time_hours": 0.0})
        points[0].lead_time_hours = 6.0
        base = self._confirmed_mo(500)
        self.assertEqual(base._optiwise_planning_release_hours()[base.id], 6.0)
        bottle = self._confirmed_mo(100, product=self.bottle)
        bottle.move_raw_ids.move_orig_ids = [Command.set(base.move_finished_ids.ids)]
        data = self.env["optiwise.planning"]._optiwise_problem(
            base.workorder_ids.workcenter_id | bottle.workorder_ids.workcenter_id
        )
        index = {wo.id: k for k, wo in enumerate(data["workorders"])}
        fill = data["problem"].operations[index[bottle.workorder_ids.id]]
        # 6 hours of QC between the batch and its use, in minutes
        self.assertEqual(fill.after, ((index[base.workorder_ids.id], 360.0),))
