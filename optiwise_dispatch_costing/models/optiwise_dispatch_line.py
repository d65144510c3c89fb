# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models


class OptiwiseDispatchLine(models.Model):
    _inherit = "optiwise.dispatch.line"

    cost_above_band = fields.Boolean(
        compute="_compute_cost_above_band",
        store=True,
        help="A lot supplying this delivery comes from a batch that cost more "
        "than its control band.",
    )

    @api.depends("supply_ids.cost_above_band")
    def _compute_cost_above_band(self):
        for line in self:
            line.cost_above_band = any(line.supply_ids.mapped("cost_above_band"))

    @api.model
    def _dispatch_adjust_supplies(self, supplies, now):
        """Flag the lots whose batch cost sheet is above its band (one search)."""
        supplies = super()._dispatch_adjust_supplies(supplies, now)
        lot_ids = {s["lot_id"] for s in supplies if s.get("lot_id")}
        if not lot_ids:
            return supplies
        above = set(
            self.env["optiwise.batch.cost"]
            .search([("lot_id", "in", list(lot_ids)), ("band_status", "=", "above")])
            .lot_id.ids
        )
        for supply in supplies:
            if supply.get("lot_id") in above:
                supply["cost_above_band"] = True
        return supplies

    @api.model
    def _prepare_dispatch_supply_vals(self, supply):
        vals = super()._prepare_dispatch_supply_vals(supply)
        vals["cost_above_band"] = supply.get("cost_above_band", False)
        return vals
