# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import timedelta

from odoo import api, fields, models


class OptiwiseControlTower(models.AbstractModel):
    _inherit = "optiwise.control.tower"

    @api.model
    def _get_tower_tiles(self, now):
        """Add the batches of the last 30 days costing more than expected and
        the deliveries fed by them."""
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
        Line = self.env["optiwise.dispatch.line"]
        if Line.has_access("read"):
            domain = [("cost_above_band", "=", True)]
            flagged = Line.search_count(domain)
            tiles.append(
                self._tile(
                    "cost_dispatch",
                    "cost",
                    20,
                    _("Deliveries of Costly Batches"),
                    flagged,
                    "optiwise.dispatch.line",
                    domain,
                    tone="warning" if flagged else "muted",
                )
            )
        return tiles
