# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, models


class OptiwiseControlTower(models.AbstractModel):
    _inherit = "optiwise.control.tower"

    @api.model
    def _get_tower_tiles(self, now):
        """Add the deliveries fed by batches that cost more than expected."""
        tiles = super()._get_tower_tiles(now)
        Line = self.env["optiwise.dispatch.line"]
        # a cost figure: shown to the cost roles only, like the cost sheets
        if Line.has_access("read") and (
            self.env.su or self.env.user.has_group("optiwise_costing.group_user")
        ):
            domain = [("cost_above_band", "=", True)]
            flagged = Line.search_count(domain)
            tiles.append(
                self._tile(
                    "cost_dispatch",
                    "cost",
                    20,
                    self.env._("Deliveries of Costly Batches"),
                    flagged,
                    "optiwise.dispatch.line",
                    domain,
                    tone="warning" if flagged else "muted",
                )
            )
        return tiles
