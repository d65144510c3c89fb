# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import models


class OptiwiseQcInspection(models.Model):
    _inherit = "optiwise.qc.inspection"

    def write(self, vals):
        # a lot decided (or its decision changed) moves the deliveries it
        # supplies: they are refreshed soon
        if "decision" in vals:
            self.env["optiwise.dispatch.request"]._queue(
                (
                    inspection.lot_id.company_id.id or inspection.company_id.id,
                    inspection.product_id.id,
                )
                for inspection in self
            )
        return super().write(vals)
