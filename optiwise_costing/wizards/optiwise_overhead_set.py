# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models


class OptiwiseOverheadSet(models.TransientModel):
    _name = "optiwise.overhead.set"
    _description = "Set a Work Center's Overhead"

    workcenter_id = fields.Many2one("mrp.workcenter", required=True, readonly=True)
    currency_id = fields.Many2one(related="workcenter_id.company_id.currency_id")
    overhead_rate = fields.Float(string="Overhead per Hour")
    material_percent = fields.Float(string="Overhead (% of Material)")
    reason = fields.Text()

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        workcenter = self.env["mrp.workcenter"].browse(values.get("workcenter_id"))
        if workcenter.exists():
            values.setdefault("overhead_rate", workcenter.optiwise_overhead_rate)
            values.setdefault(
                "material_percent", workcenter.optiwise_overhead_material_percent
            )
        return values

    def action_confirm(self):
        """Set the rates through the work center's own method."""
        self.ensure_one()
        self.workcenter_id.set_optiwise_overhead(
            self.overhead_rate, self.material_percent, reason=self.reason
        )
        return {"type": "ir.actions.act_window_close"}
