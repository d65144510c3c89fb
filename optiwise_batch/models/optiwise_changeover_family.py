# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class OptiwiseChangeoverFamily(models.Model):
    _name = "optiwise.changeover.family"
    _description = "Changeover Family"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Empty: the family is shared by all companies.",
    )
    description = fields.Text(
        help="What the products of this family have in common for a changeover "
        "(e.g. colour, allergen, viscosity)."
    )
    product_tmpl_ids = fields.One2many(
        "product.template", "optiwise_changeover_family_id", string="Products"
    )
    product_count = fields.Integer(compute="_compute_product_count")

    _unique_name = models.UniqueIndex(
        "(COALESCE(company_id, 0), name)",
        "A changeover family of this name already exists.",
    )

    def _compute_product_count(self):
        counts = dict(
            self.env["product.template"]._read_group(
                [("optiwise_changeover_family_id", "in", self.ids)],
                ["optiwise_changeover_family_id"],
                ["__count"],
            )
        )
        for family in self:
            family.product_count = counts.get(family, 0)
