# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class StockLocation(models.Model):
    _inherit = "stock.location"

    optiwise_quarantine = fields.Boolean(
        string="Quarantine Location",
        help="Lots on hold may always be moved here (the hold table's "
        "quarantine move), like scrap and returns to the vendor.",
    )
