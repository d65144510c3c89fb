# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models


class OptiwiseWorkcenterWizardMixin(models.AbstractModel):
    """A dialog about one work center (the one it is opened from), that
    computes and shows its result in the same dialog."""

    _name = "optiwise.workcenter.wizard.mixin"
    _description = "Work Center Dialog"

    workcenter_id = fields.Many2one(
        "mrp.workcenter", string="Work Center", required=True, readonly=True
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        workcenter = self.env["mrp.workcenter"].browse(
            values.get("workcenter_id") or self.env.context.get("active_id")
        )
        if workcenter.exists():
            values["workcenter_id"] = workcenter.id
            values.update(self._workcenter_defaults(workcenter, fields_list))
        return values

    @api.model
    def _workcenter_defaults(self, workcenter, fields_list):
        """Default values that come from the work center."""
        return {}

    def _reopen(self, title):
        """The same dialog again, showing what was computed."""
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": title,
        }
