# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, models


class ReportBatchRecord(models.AbstractModel):
    _name = "report.optiwise_batch.report_batch_record"
    _description = "Batch Record Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        productions = self.env["mrp.production"].browse(docids)
        productions.check_access("read")
        return {
            "doc_ids": docids,
            "doc_model": "mrp.production",
            "docs": productions,
            "records": {
                p.id: p._optiwise_prepare_batch_record_data() for p in productions
            },
        }
