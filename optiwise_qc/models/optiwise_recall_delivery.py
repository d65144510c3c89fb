# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class OptiwiseRecallDelivery(models.Model):
    _name = "optiwise.recall.delivery"
    _inherit = ["optiwise.guarded.child.mixin"]
    # what the trace found: written only by the recall's actions
    _optiwise_guard_parent = "optiwise.recall"
    _description = "Recall Delivery"
    _order = "recall_id, date_done desc, id"

    recall_id = fields.Many2one(
        "optiwise.recall", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="recall_id.company_id", store=True)
    picking_id = fields.Many2one("stock.picking", string="Delivery")
    partner_id = fields.Many2one("res.partner", string="Customer")
    lot_id = fields.Many2one("stock.lot", required=True, ondelete="restrict")
    product_id = fields.Many2one(related="lot_id.product_id", store=True)
    quantity = fields.Float(digits="Product Unit", aggregator=None)
    uom_id = fields.Many2one(related="lot_id.product_uom_id", string="Unit")
    date_done = fields.Datetime(string="Delivered On")
