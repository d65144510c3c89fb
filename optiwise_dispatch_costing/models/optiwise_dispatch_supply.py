# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class OptiwiseDispatchSupply(models.Model):
    _inherit = "optiwise.dispatch.supply"

    cost_above_band = fields.Boolean(
        readonly=True,
        help="The lot's batch cost more than its control band.",
    )

    def _reason_text(self, visible=True):
        """Add the cost flag: it does not change the risk, it is worth knowing."""
        text = super()._reason_text(visible=visible)
        if not self.cost_above_band:
            return text
        flag = self.env._(
            "%(subject)s cost more than expected (above its cost band)",
            subject=self._subject(visible),
        )
        return f"{text}; {flag}" if text else flag
