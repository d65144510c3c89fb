# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class OptiwiseRunPause(models.TransientModel):
    _name = "optiwise.run.pause"
    _description = "Pause a Continuous Run"

    run_id = fields.Many2one("optiwise.production.run", required=True)
    loss_id = fields.Many2one(
        "mrp.workcenter.productivity.loss",
        string="Reason",
        required=True,
        domain="[('loss_type', 'in', ('availability', 'quality'))]",
        default=lambda s: s.env.ref("mrp.block_reason1", raise_if_not_found=False),
    )
    description = fields.Text()

    def action_pause(self):
        """Pause the run with this downtime reason."""
        self.ensure_one()
        self.run_id.action_pause(self.loss_id.id, self.description)
        return {"type": "ir.actions.act_window_close"}
