# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models


class StockPickingType(models.Model):
    _inherit = "stock.picking.type"

    optiwise_require_released = fields.Boolean(
        string="Requires Released Lots",
        compute="_compute_optiwise_require_released",
        store=True,
        readonly=False,
        help="Moves of this operation type reserve, consume and take out of stock "
        "only lots that are released (or need no inspection). On by default for "
        "deliveries and manufacturing (components on hold are refused); turn it "
        "off on an operation type that may use lots still under inspection.",
    )

    @api.depends("code")
    def _compute_optiwise_require_released(self):
        for picking_type in self:
            if not picking_type.optiwise_require_released:
                picking_type.optiwise_require_released = picking_type.code in (
                    "outgoing",
                    "mrp_operation",
                )
