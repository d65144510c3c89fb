# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class ProductCategory(models.Model):
    _inherit = "product.category"

    optiwise_storage_cost = fields.Float(
        string="Storage Cost (per unit and week)",
        digits="Product Price",
        help="What keeping one unit of these products in store costs a week "
        "(space, cooling, handling), besides the money tied up in it: part "
        "of the holding cost of economic batch sizes.",
    )

    _check_storage_cost = models.Constraint(
        "CHECK(optiwise_storage_cost >= 0)",
        "A storage cost may not be negative.",
    )
