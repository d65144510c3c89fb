# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    optiwise_dispatch_margin_hours = fields.Float(
        related="company_id.optiwise_dispatch_margin_hours", readonly=False
    )
