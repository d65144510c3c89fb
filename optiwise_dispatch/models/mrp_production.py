# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import models

# a batch's fields that move the ready date of what it supplies
DISPATCH_FIELDS = {"date_start", "date_finished", "state", "product_qty"}


class MrpProduction(models.Model):
    _inherit = "mrp.production"

    def write(self, vals):
        if DISPATCH_FIELDS & vals.keys():
            self.env["optiwise.dispatch.request"]._queue(
                (production.company_id.id, production.product_id.id)
                for production in self
            )
        return super().write(vals)

    def _optiwise_planning_due(self):
        """A batch is due when the first delivery pegged to it is promised
        (dispatch's pegging); without one, core's deadline."""
        result = super()._optiwise_planning_due()
        if not self:
            return result
        # sudo: the planner reads when the deliveries waiting on these
        # batches are promised (a date per batch, nothing else leaves here);
        # a production manager plans without reading the dispatch lines
        supplies = (
            self.env["optiwise.dispatch.supply"]
            .sudo()
            .search([("production_id", "in", self.ids)])
        )
        promised = {}
        for supply in supplies:
            date = supply.line_id.promised_date
            key = supply.production_id.id
            if date and (key not in promised or date < promised[key]):
                promised[key] = date
        for production_id, date in promised.items():
            _deadline, weight = result.get(production_id, (None, 1.0))
            result[production_id] = (date, weight)
        return result
