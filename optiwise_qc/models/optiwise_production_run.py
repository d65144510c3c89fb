# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import models

from ..holds import FREE_STATES


class OptiwiseProductionRun(models.Model):
    _inherit = "optiwise.production.run"

    def _optiwise_component_available(self, Quant, component, location, picking_type):
        """Released lots only, where the operation type requires them."""
        if picking_type.optiwise_require_released:
            Quant = Quant.with_context(optiwise_released_lots_only=True)
        return super()._optiwise_component_available(
            Quant, component, location, picking_type
        )

    def _optiwise_unavailable_note(self, component, location):
        """Name the lots on hold in stock: why they do not count."""
        note = super()._optiwise_unavailable_note(component, location)
        # sudo: the lots' names and states, for the refusal's message
        held = (
            self.env["stock.quant"]
            .sudo()
            .search(
                [
                    ("product_id", "=", component.id),
                    ("location_id", "child_of", location.id),
                    ("quantity", ">", 0),
                    ("lot_id.optiwise_quality_state", "not in", FREE_STATES),
                ]
            )
            .lot_id
        )
        if not held:
            return note
        return note + self.env._(
            " (on hold by quality control: %(lots)s)",
            lots=", ".join(
                f"{lot.name} ({lot._optiwise_quality_label()})" for lot in held
            ),
        )
