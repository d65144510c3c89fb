# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import timedelta

from odoo import api, fields, models


class OptiwiseControlTower(models.AbstractModel):
    _inherit = "optiwise.control.tower"

    @api.model
    def _tower_sections(self):
        return [*super()._tower_sections(), (70, "cost", self.env._("Cost"))]

    @api.model
    def _get_tower_tiles(self, now):
        """Add the batches of the last 30 days costing more than expected."""
        tiles = super()._get_tower_tiles(now)
        _ = self.env._
        Cost = self.env["optiwise.batch.cost"]
        if Cost.has_access("read"):
            domain = [
                ("band_status", "=", "above"),
                ("date", ">=", fields.Datetime.to_string(now - timedelta(days=30))),
            ]
            above = Cost.search_count(domain)
            tiles.append(
                self._tile(
                    "cost_above",
                    "cost",
                    10,
                    _("Batches Costing More than Expected (30 days)"),
                    above,
                    "optiwise.batch.cost",
                    domain,
                    tone="danger" if above else "success",
                )
            )
        return tiles
