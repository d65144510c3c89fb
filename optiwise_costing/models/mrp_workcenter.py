# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class MrpWorkcenter(models.Model):
    _inherit = "mrp.workcenter"
    # NaN and infinities refused (optiwise.finite.mixin, from optiwise_batch)
    _optiwise_finite_fields = (
        "optiwise_overhead_rate",
        "optiwise_overhead_material_percent",
    )

    optiwise_overhead_rate = fields.Float(
        string="Overhead per Hour",
        help="Overhead charged to a batch per hour logged on this work center "
        "(energy, depreciation, supervision), besides its cost per hour.",
    )
    optiwise_overhead_material_percent = fields.Float(
        string="Overhead (% of Material)",
        help="Overhead charged to a batch made here as a percentage of its "
        "material cost.",
    )

    _check_overhead = models.Constraint(
        "CHECK(optiwise_overhead_rate >= 0 "
        "AND optiwise_overhead_material_percent >= 0)",
        "Overhead rates may not be negative.",
    )
