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
