# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models
from odoo.fields import Domain

from ..holds import FREE_STATES


class StockQuant(models.Model):
    _inherit = "stock.quant"

    optiwise_quality_state = fields.Selection(
        related="lot_id.optiwise_quality_state", string="Quality State"
    )

    def _get_gather_domain(
        self,
        product_id,
        location_id,
        lot_id=None,
        package_id=None,
        owner_id=None,
        strict=False,
    ):
        domain = super()._get_gather_domain(
            product_id, location_id, lot_id, package_id, owner_id, strict
        )
        if self.env.context.get("optiwise_released_lots_only"):
            domain &= Domain("lot_id", "=", False) | Domain(
                "lot_id.optiwise_quality_state", "in", FREE_STATES
            )
        return domain
