# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class StockMove(models.Model):
    _inherit = "stock.move"

    optiwise_standard_price = fields.Float(
        string="Standard Price at Confirmation",
        digits="Product Price",
        copy=False,
        help="The component's cost when its manufacturing order was confirmed: "
        "the batch cost sheet's price variance is measured against it.",
    )
