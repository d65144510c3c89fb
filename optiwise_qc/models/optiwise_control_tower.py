# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, models


class OptiwiseControlTower(models.AbstractModel):
    _inherit = "optiwise.control.tower"

    @api.model
    def _tower_sections(self):
        return [*super()._tower_sections(), (30, "quality", self.env._("Quality"))]

    @api.model
    def _get_tower_tiles(self, now):
        """Add the lots awaiting a QC decision and the lots on hold."""
        tiles = super()._get_tower_tiles(now)
        Lot = self.env["stock.lot"]
        if not Lot.has_access("read"):
            return tiles
        _ = self.env._
        counts = dict(
            Lot._read_group(
                [("optiwise_quality_state", "in", ("pending", "quarantined"))],
                ["optiwise_quality_state"],
                ["__count"],
            )
        )
        pending = counts.get("pending", 0)
        held = counts.get("quarantined", 0)
        # released lots made from a lot quarantined or rejected since their
        # release: a recall question, not a silent block of later releases
        held_since = len(Lot._optiwise_input_held_since_ids())
        tiles += [
            self._tile(
                "qc_pending",
                "quality",
                10,
                _("Lots Awaiting QC Decision"),
                pending,
                "stock.lot",
                [("optiwise_quality_state", "=", "pending")],
                tone="warning" if pending else "success",
            ),
            self._tile(
                "qc_quarantined",
                "quality",
                20,
                _("Lots in Quarantine"),
                held,
                "stock.lot",
                [("optiwise_quality_state", "=", "quarantined")],
                tone="danger" if held else "success",
            ),
            self._tile(
                "qc_input_held_since",
                "quality",
                30,
                _("Released Lots with an Input Put on Hold Since"),
                held_since,
                "stock.lot",
                [("optiwise_input_held_since", "=", True)],
                tone="danger" if held_since else "success",
            ),
        ]
        return tiles
