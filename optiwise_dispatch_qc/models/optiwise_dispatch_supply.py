# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models

from odoo.addons.optiwise_qc.models.stock_lot import QUALITY_STATES


class OptiwiseDispatchSupply(models.Model):
    _inherit = "optiwise.dispatch.supply"

    hold_state = fields.Selection(
        QUALITY_STATES,
        string="Lot Quality",
        readonly=True,
        help="The quality state of the lot when the dispatch was computed.",
    )

    def _reason_text(self, visible=True):
        """A lot on hold or awaiting its decision, in words."""
        _ = self.env._
        if self.blocked and self.hold_state:
            state = dict(self._fields["hold_state"]._description_selection(self.env))
            return _(
                "%(subject)s is %(state)s",
                subject=self._subject(visible),
                state=state[self.hold_state].lower(),
            )
        text = super()._reason_text(visible=visible)
        if self.hold_state == "pending":
            waiting = _(
                "%(subject)s awaits its QC decision", subject=self._subject(visible)
            )
            return f"{waiting}; {text}" if text else waiting
        return text
