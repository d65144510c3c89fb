# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    optiwise_cost_band_window = fields.Integer(
        string="Control Band Window",
        default=20,
        help="A batch's cost per unit is compared with the mean +- 2 standard "
        "deviations of this many earlier batches of the product (at least 5).",
    )

    _check_band_window = models.Constraint(
        "CHECK(optiwise_cost_band_window >= 5)",
        "The control band needs a window of at least 5 batches.",
    )
