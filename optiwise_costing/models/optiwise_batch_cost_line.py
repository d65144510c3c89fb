# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models

LINE_CATEGORIES = [
    ("component", "Component"),
    ("operation", "Operation"),
    ("changeover", "Changeover"),
    ("overhead", "Overhead"),
    ("yield", "Yield Loss"),
    ("byproduct", "By-product"),
]


class OptiwiseBatchCostLine(models.Model):
    _name = "optiwise.batch.cost.line"
    _inherit = ["optiwise.guarded.child.mixin"]
    # the sheet's frozen figures: written only when the sheet is built or
    # recomputed
    _optiwise_guard_parent = "optiwise.batch.cost"
    _description = "Batch Cost Line"
    _order = "cost_id, sequence, id"

    cost_id = fields.Many2one(
        "optiwise.batch.cost", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="cost_id.company_id", store=True)
    currency_id = fields.Many2one(related="cost_id.currency_id")
    sequence = fields.Integer(compute="_compute_sequence", store=True)
    category = fields.Selection(LINE_CATEGORIES, required=True)
    name = fields.Char(required=True)
    product_id = fields.Many2one("product.product")
    workcenter_id = fields.Many2one("mrp.workcenter")
    changeover_id = fields.Many2one("optiwise.changeover")
    uom_name = fields.Char(
        string="Unit", compute="_compute_uom_name", help="Unit of the quantities"
    )
    qty_expected = fields.Float(digits="Product Unit")
    qty_actual = fields.Float(digits="Product Unit")
    std_price = fields.Float(string="Standard Price", digits="Product Price")
    minutes_expected = fields.Float(string="Expected Minutes")
    minutes_actual = fields.Float(string="Actual Minutes")
    cost_expected = fields.Monetary(string="Expected Cost")
    cost_actual = fields.Monetary(string="Actual Cost")
    variance = fields.Monetary(compute="_compute_variance", store=True)
    variance_price = fields.Monetary(
        string="Price Variance",
        help="Of a component's variance, what its price explains (actual cost "
        "against the standard price of the quantity used); the rest is usage.",
    )

    @api.depends("category")
    def _compute_sequence(self):
        order = [key for key, _label in LINE_CATEGORIES]
        for line in self:
            line.sequence = order.index(line.category) if line.category else 0

    @api.depends("product_id")
    def _compute_uom_name(self):
        for line in self:
            line.uom_name = line.product_id.uom_id.name or ""

    @api.depends("cost_expected", "cost_actual")
    def _compute_variance(self):
        for line in self:
            line.variance = line.cost_actual - line.cost_expected
