# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import models

# a run's fields that move the ready date of what it supplies
DISPATCH_FIELDS = {"state", "planned_qty", "standard_rate", "date_start", "date_stop"}


class OptiwiseProductionRun(models.Model):
    _inherit = "optiwise.production.run"

    def write(self, vals):
        if DISPATCH_FIELDS & vals.keys():
            self.env["optiwise.dispatch.request"]._queue(
                (run.company_id.id, run.product_id.id) for run in self
            )
        return super().write(vals)
