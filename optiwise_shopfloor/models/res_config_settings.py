# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    optiwise_gs1_company_prefix = fields.Char(
        related="company_id.optiwise_gs1_company_prefix", readonly=False
    )
