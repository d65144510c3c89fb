# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class ResCompany(models.Model):
    _name = "res.company"
    _inherit = ["res.company", "optiwise.finite.mixin"]
    _optiwise_finite_fields = ("optiwise_dispatch_margin_hours",)

    optiwise_dispatch_margin_hours = fields.Float(
        string="Dispatch Margin (h)",
        default=24.0,
        help="A delivery whose goods are expected ready less than this many "
        "hours before its promise is at risk.",
    )

    _optiwise_dispatch_margin_positive = models.Constraint(
        "CHECK(optiwise_dispatch_margin_hours >= 0)",
        "The dispatch margin may not be negative.",
    )
