# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    optiwise_working_capital_rate = fields.Float(
        related="company_id.optiwise_working_capital_rate", readonly=False
    )
