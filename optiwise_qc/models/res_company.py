# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    optiwise_qc_segregation = fields.Boolean(
        string="Segregation of Duties",
        default=True,
        help="The user who recorded a lot's production may not release that lot.",
    )
