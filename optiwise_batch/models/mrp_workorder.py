# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models

from .optiwise_changeover import GateJob


class MrpWorkorder(models.Model):
    _inherit = "mrp.workorder"

    optiwise_changeover_ids = fields.One2many(
        "optiwise.changeover", "to_workorder_id", string="Changeovers"
    )
    optiwise_changeover_leave_id = fields.Many2one(
        "resource.calendar.leaves",
        string="Changeover Slot",
        copy=False,
        help="Work center time reserved for the changeover before this work order "
        "when a changeover-aware sequence was applied.",
    )

    def button_start(self, raise_on_invalid_state=False):
        """Start work orders; a first start after another product starts its
        changeover instead, and the work order waits for it.

        :return: True, or the action showing the changeovers started
        """
        first_starts = self.filtered(
            lambda wo: (
                wo.state not in ("progress", "done", "cancel") and not wo.time_ids
            )
        )
        waiting = self.env["optiwise.changeover"]._gate_job_start(
            [
                GateJob(
                    record=wo,
                    workcenter=wo.workcenter_id,
                    product=wo.product_id,
                    link="to_workorder_id",
                )
                for wo in first_starts
            ]
        )
        to_start = self - waiting.to_workorder_id
        # the changeover is now logged as it happens: its reservation goes
        (first_starts | to_start)._optiwise_free_changeover_slots()
        if to_start:
            super(MrpWorkorder, to_start).button_start(
                raise_on_invalid_state=raise_on_invalid_state
            )
        if waiting:
            return waiting._action_open()
        return True

    def _plan_workorder(self, replan=False):
        if replan and self.state in ("blocked", "ready"):
            self.optiwise_changeover_leave_id.unlink()
        return super()._plan_workorder(replan=replan)

    def action_cancel(self):
        """Cancel the work orders and free their reserved changeover slots."""
        self._optiwise_free_changeover_slots()
        return super().action_cancel()

    def button_finish(self):
        """Finish the work orders; a changeover slot still reserved is freed."""
        self._optiwise_free_changeover_slots()
        return super().button_finish()

    def _optiwise_free_changeover_slots(self):
        """Remove the changeover slots reserved before these work orders."""
        slots = self.optiwise_changeover_leave_id
        if not slots:
            return
        self.check_access("write")
        # sudo: operators may not delete calendar leaves; only the slots this
        # addon reserved for these work orders (which the caller may write,
        # checked above) are removed
        slots.sudo().unlink()

    def _optiwise_prepare_sequence_leave_vals(self, date_from, date_to, name):
        """Values of a work center slot reserved when a sequence is applied."""
        self.ensure_one()
        return {
            "name": name,
            "calendar_id": self.workcenter_id.resource_calendar_id.id,
            "date_from": date_from,
            "date_to": date_to,
            "resource_id": self.workcenter_id.resource_id.id,
            "time_type": "other",
        }
