# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models


class OptiwiseCostRecompute(models.TransientModel):
    _name = "optiwise.cost.recompute"
    _description = "Recompute Cost Sheets"

    cost_ids = fields.Many2many("optiwise.batch.cost", required=True)
    reason = fields.Text(required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "optiwise.batch.cost":
            values["cost_ids"] = [
                fields.Command.set(self.env.context.get("active_ids") or [])
            ]
        return values

    def action_confirm(self):
        """Recompute the sheets with the reason."""
        self.ensure_one()
        self.cost_ids.action_recompute(self.reason)
        return {"type": "ir.actions.act_window_close"}
