# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models


class OptiwiseStandardCorrect(models.TransientModel):
    """A cost controller's correction of a component's frozen standard price."""

    _name = "optiwise.standard.correct"
    _description = "Correct a Frozen Standard Price"

    cost_id = fields.Many2one("optiwise.batch.cost", required=True, readonly=True)
    currency_id = fields.Many2one(related="cost_id.currency_id")
    component_ids = fields.Many2many(
        "product.product", compute="_compute_component_ids", string="Components"
    )
    product_id = fields.Many2one(
        "product.product",
        string="Component",
        required=True,
        domain="[('id', 'in', component_ids)]",
    )
    current_price = fields.Float(
        string="Frozen Standard", compute="_compute_current_price"
    )
    standard_price = fields.Float(string="Correct Standard Price", required=True)
    reason = fields.Text(required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "optiwise.batch.cost":
            values.setdefault("cost_id", self.env.context.get("active_id"))
        return values

    @api.depends("cost_id")
    def _compute_component_ids(self):
        for wizard in self:
            # sudo: the controller reads the sheet's batches' components
            wizard.component_ids = (
                wizard.cost_id.sudo()
                .production_ids.move_raw_ids.filtered(lambda move: move.state == "done")
                .product_id
            )

    @api.depends("cost_id", "product_id")
    def _compute_current_price(self):
        for wizard in self:
            # sudo: as above, the frozen price of a component of this sheet
            moves = wizard.cost_id.sudo().production_ids.move_raw_ids.filtered(
                lambda move, p=wizard.product_id: move.product_id == p
            )
            wizard.current_price = moves[:1].optiwise_standard_price

    def action_confirm(self):
        """Correct it through the sheet's own method (reason in the chatter)."""
        self.ensure_one()
        self.cost_id.action_correct_standard_price(
            self.product_id.id, self.standard_price, self.reason
        )
        return {"type": "ir.actions.act_window_close"}
