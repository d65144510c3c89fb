# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    optiwise_scanned = fields.Boolean(
        string="Scanned",
        readonly=True,
        copy=False,
        help="The lot was scanned onto the batch on the shop floor screen.",
    )
