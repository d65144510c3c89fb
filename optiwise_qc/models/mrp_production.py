# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import models


class MrpProduction(models.Model):
    _inherit = "mrp.production"

    def _prepare_batch_record_data(self):
        data = super()._prepare_batch_record_data()
        data["quality"] = [
            {
                "lot": lot.name,
                "state": lot._optiwise_quality_label(),
                "inspections": lot.optiwise_inspection_ids,
            }
            for lot in self.lot_producing_ids
        ]
        return data
