# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, models

from odoo.addons.optiwise_qc.models.stock_lot import HELD_STATES


class OptiwiseShopfloor(models.AbstractModel):
    _inherit = "optiwise.shopfloor"

    @api.model
    def _shopfloor_lot_refusal(self, lot, purpose):
        """A lot on hold (pending, quarantined, rejected) is neither consumed
        nor shipped."""
        reason = super()._shopfloor_lot_refusal(lot, purpose)
        if reason or purpose not in ("consume", "ship"):
            return reason
        if lot.optiwise_quality_state in HELD_STATES:
            return self.env._(
                "Lot %(lot)s is %(state)s by quality control: do not use it.",
                lot=lot.name,
                state=lot._optiwise_quality_label(),
            )
        return ""
