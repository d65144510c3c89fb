# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class OptiwiseRecallLine(models.Model):
    _name = "optiwise.recall.line"
    _inherit = ["optiwise.guarded.child.mixin"]
    # what the trace found: written only by the recall's actions
    _optiwise_guard_parent = "optiwise.recall"
    _description = "Recall Affected Lot"
    _order = "recall_id, level, id"

    recall_id = fields.Many2one(
        "optiwise.recall", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="recall_id.company_id", store=True)
    lot_id = fields.Many2one("stock.lot", required=True, ondelete="restrict")
    product_id = fields.Many2one(related="lot_id.product_id", store=True)
    uom_id = fields.Many2one(related="lot_id.product_uom_id", string="Unit")
    level = fields.Integer(help="0: a lot at fault; n: n steps downstream of one.")
    qty_on_hand = fields.Float(string="On Hand", digits="Product Unit")
    locations = fields.Char()
    quality_state = fields.Selection(related="lot_id.optiwise_quality_state")
