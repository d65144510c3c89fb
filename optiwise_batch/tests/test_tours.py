# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import OptiwiseChangeoverCase


@tagged("post_install", "-at_install")
class TestTours(HttpCase):
    def test_run_declare_tour(self):
        """An operator declares output on a running run and sees the figures move."""
        new_test_user(
            self.env, login="tour_operator", groups="optiwise_batch.group_user"
        )
        line = self.env["mrp.workcenter"].create({"name": "Tour Line"})
        component = self.env["product.product"].create(
            {"name": "Tour Sauce", "is_storable": True}
        )
        product = self.env["product.product"].create(
            {"name": "Tour Bottle", "is_storable": True, "tracking": "lot"}
        )
        self.env["mrp.bom"].create(
            {
                "product_tmpl_id": product.product_tmpl_id.id,
                "bom_line_ids": [Command.create({"product_id": component.id})],
                "operation_ids": [(0, 0, {"name": "Fill", "workcenter_id": line.id})],
            }
        )
        run = self.env["optiwise.production.run"].create(
            {"product_id": product.id, "planned_qty": 1000, "standard_rate": 600}
        )
        run.action_start()
        url = f"/odoo/action-optiwise_batch.optiwise_production_run_action/{run.id}"
        self.start_tour(url, "optiwise_run_declare_tour", login="tour_operator")
        self.assertEqual(run.produced_qty, 120)
        self.assertEqual(run.scrap_qty, 6)
        self.assertEqual(run.output_ids.source, "manual")


@tagged("post_install", "-at_install")
class TestChangeoverTour(HttpCase, OptiwiseChangeoverCase):
    def test_changeover_tour(self):
        """An operator is refused finishing with the wet clean open, then finishes."""
        self._run_workorder(self._mo(self.dark))
        workorder = self._mo(self.base).workorder_ids
        workorder.with_user(self.operator).button_start()
        changeover = workorder.optiwise_changeover_ids
        self.assertEqual(changeover.state, "running")
        url = f"/odoo/action-optiwise_batch.optiwise_changeover_action/{changeover.id}"
        self.start_tour(url, "optiwise_changeover_tour", login="ow_operator")
        self.assertEqual(changeover.state, "done")
        wet_clean = changeover.check_ids.filtered(lambda c: c.name == "Wet clean")
        self.assertEqual(wet_clean.done_user_id, self.operator)
        # the work order may now start
        workorder.with_user(self.operator).button_start()
        self.assertEqual(workorder.state, "progress")


@tagged("post_install", "-at_install")
class TestSequencingTour(HttpCase, OptiwiseChangeoverCase):
    def test_sequence_tour(self):
        """A manager sequences the vessel, accepts the alternative that makes
        the due batch late, then computes its product wheel."""
        due, light, dark = self._due_dates_case()
        planned = (due | light | dark).mapped("date_start")
        self.vessel.optiwise_sequencing_tardiness_weight = 0.5
        url = f"/odoo/action-mrp.mrp_workcenter_action/{self.vessel.id}"
        self.start_tour(url, "optiwise_sequence_tour", login="ow_manager")
        # the dialog only proposes until applied: nothing was re-planned
        self.assertEqual((due | light | dark).mapped("date_start"), planned)
