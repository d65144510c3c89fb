# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    # core does not index move lines by lot: genealogy, recall and the lot's
    # traceability all look them up that way
    lot_id = fields.Many2one(index="btree_not_null")
    optiwise_quality_state = fields.Selection(
        related="lot_id.optiwise_quality_state", string="Quality State"
    )
