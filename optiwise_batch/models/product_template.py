# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..batching import check_pattern
from ..batching.lot_names import ai10_problem, longest_name

RUN_MODES = [("batch", "Batch"), ("continuous", "Continuous")]


class ProductTemplate(models.Model):
    _inherit = "product.template"

    optiwise_storage_capacity = fields.Float(
        string="Storage Capacity",
        digits="Product Unit",
        default=0.0,
        help="Most of this product the store can hold at once (its racks, its "
        "cold room share); 0: no limit. Economic batch sizes stay within it.",
    )
    optiwise_run_mode = fields.Selection(
        RUN_MODES,
        tracking=True,
        index=True,
        help="How this product is made: in defined, lot-numbered batches, or as a "
        "continuous flow on a line. Empty: the default of the work center of its "
        "first operation.",
    )
    optiwise_changeover_family_id = fields.Many2one(
        "optiwise.changeover.family",
        tracking=True,
        index="btree_not_null",
        help="Group of products that change over alike (colour, allergen, recipe "
        "base): changeover rules may name the family instead of each product.",
    )
    optiwise_lot_name_pattern = fields.Char(
        string="Batch Lot Pattern",
        help="Name of the lot a batch gets when it is planned, e.g. "
        "'{code}-{date:%y%m%d}-{seq:03d}'. {code}: internal reference, "
        "{date:...}: planned start of the batch (strftime codes), {seq:...}: "
        "a counter per name stem, starting at 1. Empty: the product's lot "
        "sequence.",
    )

    _check_optiwise_storage_capacity = models.Constraint(
        "CHECK(optiwise_storage_capacity >= 0)",
        "A storage capacity may not be negative (0: no limit).",
    )

    @api.constrains("optiwise_lot_name_pattern", "default_code")
    def _optiwise_check_lot_name_pattern(self):
        for template in self.filtered("optiwise_lot_name_pattern"):
            pattern = template.optiwise_lot_name_pattern
            try:
                check_pattern(pattern)
                first = pattern.format(code="X", date=datetime(2026, 1, 2), seq=1)
                second = pattern.format(code="X", date=datetime(2026, 1, 2), seq=2)
            except (KeyError, IndexError, ValueError) as exc:
                raise ValidationError(
                    self.env._(
                        "The batch lot pattern %(pattern)s of %(product)s cannot be "
                        "used (%(error)s). Use only {code}, {date:...} and "
                        "{seq:...}, e.g. '{code}-{date:%%y%%m%%d}-{seq:03d}'.",
                        pattern=pattern,
                        product=template.display_name,
                        error=exc,
                    )
                ) from exc
            if first == second:
                raise ValidationError(
                    self.env._(
                        "The batch lot pattern %(pattern)s of %(product)s must "
                        "contain {seq} so that each batch gets its own lot.",
                        pattern=pattern,
                        product=template.display_name,
                    )
                )
            length, example = longest_name(pattern, template.default_code or "")
            problem = ai10_problem(example)
            if problem:
                raise ValidationError(
                    self.env._(
                        "The batch lot pattern %(pattern)s of %(product)s gives "
                        "names up to %(length)s characters long, e.g. "
                        "%(example)s: %(problem)s. A lot name must fit a GS1 "
                        "label (AI 10: at most 20 letters, digits or GS1 "
                        "punctuation); shorten the pattern or the internal "
                        "reference.",
                        pattern=pattern,
                        product=template.display_name,
                        length=length,
                        example=example,
                        problem=problem,
                    )
                )

    def action_optiwise_lot_size(self):
        """The economic batch size of this product's bill of materials."""
        self.ensure_one()
        bom = (
            self.env["mrp.bom"]
            ._bom_find(self.product_variant_id, bom_type="normal")
            .get(self.product_variant_id)
        )
        if not bom:
            raise UserError(
                self.env._(
                    "%(product)s has no bill of materials to make it: no batch "
                    "size to weigh.",
                    product=self.display_name,
                )
            )
        return bom.action_optiwise_lot_size()
