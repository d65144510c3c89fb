# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.exceptions import UserError


class StockMove(models.Model):
    _inherit = "stock.move"

    optiwise_standard_price = fields.Float(
        string="Standard Price at Confirmation",
        digits="Product Price",
        copy=False,
        help="The component's cost when its manufacturing order was confirmed: "
        "the batch cost sheet's price variance is measured against it.",
    )

    def _optiwise_standard_price_open(self):
        """Written only when a batch is confirmed (the freeze) or by a cost
        controller's correction with a reason (both inside the cost sheet's
        guard), and by the module loader."""
        return self.env["optiwise.batch.cost"]._optiwise_guard_is_open()

    @api.model_create_multi
    def create(self, vals_list):
        if not self._optiwise_standard_price_open() and any(
            vals.get("optiwise_standard_price") for vals in vals_list
        ):
            raise UserError(self._optiwise_standard_price_refusal())
        return super().create(vals_list)

    def write(self, vals):
        if "optiwise_standard_price" in vals and not (
            self._optiwise_standard_price_open()
        ):
            raise UserError(self._optiwise_standard_price_refusal())
        return super().write(vals)

    def _optiwise_standard_price_refusal(self):
        return self.env._(
            "A component's standard price is frozen when its batch is "
            "confirmed; a cost controller corrects it on the batch's cost "
            "sheet, with a reason (Correct Standard Price)."
        )
