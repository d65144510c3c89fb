# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    optiwise_qc_segregation = fields.Boolean(
        related="company_id.optiwise_qc_segregation", readonly=False
    )
    optiwise_qc_test_cost = fields.Float(
        related="company_id.optiwise_qc_test_cost", readonly=False
    )
