# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..batching import plan_batches


class MrpBom(models.Model):
    _name = "mrp.bom"
    _inherit = ["mrp.bom", "optiwise.finite.mixin"]
    _optiwise_finite_fields = (
        "optiwise_batch_min_size",
        "optiwise_batch_max_size",
        "optiwise_batch_multiple",
    )

    optiwise_run_mode = fields.Selection(related="product_tmpl_id.optiwise_run_mode")
    optiwise_batch_max_size = fields.Float(
        string="Maximum Batch Size",
        digits="Product Unit",
        default=0.0,
        help="Largest batch the equipment holds (the vessel); 0: no limit. "
        "Economic batch sizes stay within it.",
    )
    optiwise_batch_multiple = fields.Float(
        string="Batch Multiple",
        digits="Product Unit",
        default=0.0,
        help="Batches are whole multiples of it (a drum, a pallet); 0: any "
        "size. Economic batch sizes are rounded to it.",
    )
    optiwise_batch_min_size = fields.Float(
        string="Minimum Batch Size",
        digits="Product Unit",
        default=0.0,
        help="Smallest batch worth making. A remainder below it is merged into "
        "the previous batch or rounded up to it, as the remainder policy says.",
    )
    optiwise_batch_split_strategy = fields.Selection(
        [("max_size", "Full batches + remainder"), ("balanced", "Balanced")],
        string="Split Strategy",
        default="max_size",
        required=True,
        help="Full batches + remainder: as many batches of the batch size as fit, "
        "then the rest. Balanced: the fewest batches within the batch size, all "
        "of equal size.",
    )
    optiwise_batch_remainder_policy = fields.Selection(
        [("merge", "Merge into the previous batch"), ("round_up", "Round up")],
        string="Small Remainder",
        default="merge",
        required=True,
        help="What becomes of a last batch below the minimum batch size: merged "
        "into the previous batch, or rounded up to the minimum (the order's "
        "quantity grows).",
    )

    _check_optiwise_batch_limits = models.Constraint(
        "CHECK(optiwise_batch_max_size >= 0 AND optiwise_batch_multiple >= 0)",
        "A maximum batch size or a batch multiple may not be negative (0: none).",
    )

    @api.constrains("optiwise_batch_min_size", "batch_size", "enable_batch_size")
    def _optiwise_check_batch_min_size(self):
        for bom in self:
            if bom.optiwise_batch_min_size < 0 or (
                bom.enable_batch_size
                and bom.product_uom_id.compare(
                    bom.optiwise_batch_min_size, bom.batch_size
                )
                > 0
            ):
                raise ValidationError(
                    self.env._(
                        "The minimum batch size of %(bom)s must lie between 0 and "
                        "its batch size (%(size)s).",
                        bom=bom.display_name,
                        size=bom.batch_size,
                    )
                )

    def _optiwise_get_batch_quantities(self, quantity, uom):
        """Batch quantities, in ``uom``, for making ``quantity`` (in ``uom``).

        :return: list of floats; empty if no batch can be made
        """
        self.ensure_one()
        to_uom = self.product_uom_id._compute_quantity
        max_size = to_uom(self.batch_size, uom)
        min_size = to_uom(self.optiwise_batch_min_size, uom)
        return plan_batches(
            quantity,
            max_size,
            min_size,
            strategy=self.optiwise_batch_split_strategy,
            remainder=self.optiwise_batch_remainder_policy,
            rounding=uom.rounding,
        )
