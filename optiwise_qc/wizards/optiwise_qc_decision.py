# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models

from ..models.optiwise_qc_inspection import DECISIONS


class OptiwiseQcDecision(models.TransientModel):
    _name = "optiwise.qc.decision"
    _description = "Quality Decision"

    inspection_ids = fields.Many2many("optiwise.qc.inspection", required=True)
    mode = fields.Selection(
        [("decide", "Decide"), ("change", "Change a decision")],
        default="decide",
        required=True,
    )
    decision = fields.Selection(DECISIONS, required=True)
    note = fields.Text(
        help="Why: required to change a decision or to release a failed lot."
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        ids = self.env.context.get("active_ids") or []
        if self.env.context.get("active_model") == "optiwise.qc.inspection" and ids:
            values.setdefault("inspection_ids", [fields.Command.set(ids)])
        return values

    def action_confirm(self):
        """Apply the decision (or the change) to the inspections."""
        self.ensure_one()
        inspections = self.inspection_ids
        if self.mode == "change":
            inspections.action_change_decision(self.decision, self.note)
        elif self.decision == "release":
            inspections.action_release(note=self.note)
        elif self.decision == "reject":
            inspections.action_reject(note=self.note)
        else:
            inspections.action_quarantine(note=self.note)
        return {"type": "ir.actions.act_window_close"}
