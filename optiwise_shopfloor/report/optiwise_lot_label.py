# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, models


class ReportLotGs1Label(models.AbstractModel):
    """The GS1 lot label (PDF): refused, with the reason, for a lot whose
    name GS1 AI (10) cannot carry, before anything is drawn."""

    _name = "report.optiwise_shopfloor.report_lot_gs1_label"
    _description = "GS1 Lot Label"

    @api.model
    def _get_report_values(self, docids, data=None):
        lots = self.env["stock.lot"].browse(docids)
        lots._optiwise_check_gs1_label()
        return {"doc_ids": docids, "doc_model": "stock.lot", "docs": lots}


class ReportLotGs1LabelZpl(models.AbstractModel):
    """The GS1 lot label (ZPL), refused likewise."""

    _name = "report.optiwise_shopfloor.report_lot_gs1_label_zpl"
    _inherit = "report.optiwise_shopfloor.report_lot_gs1_label"
    _description = "GS1 Lot Label (ZPL)"
