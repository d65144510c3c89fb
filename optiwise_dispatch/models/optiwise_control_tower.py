# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models


class OptiwiseControlTower(models.AbstractModel):
    """The tower's Dispatch section: deliveries late, at risk and on time,
    as of the last dispatch refresh, which the tower's Refresh button runs."""

    _inherit = "optiwise.control.tower"

    @api.model
    def _tower_sections(self):
        return [*super()._tower_sections(), (50, "dispatch", self.env._("Dispatch"))]

    @api.model
    def _get_tower_tiles(self, now):
        return super()._get_tower_tiles(now) + self._tower_dispatch_tiles(now)

    @api.model
    def _get_tower_notes(self):
        """When the dispatch lines were last rebuilt (one grouped read)."""
        notes = super()._get_tower_notes()
        Line = self.env["optiwise.dispatch.line"]
        if Line.has_access("read"):
            [(computed_at,)] = Line._read_group([], [], ["computed_at:max"])
            notes.append(
                {
                    "key": "dispatch",
                    "label": self.env._("Dispatch as of"),
                    "at": fields.Datetime.to_string(computed_at) or False,
                }
            )
        return notes

    @api.model
    def _tower_refresh(self):
        """Rebuild the dispatch lines of the user's companies, if the user may
        read them (the refresh itself runs as superuser: derived data)."""
        result = super()._tower_refresh()
        Line = self.env["optiwise.dispatch.line"]
        if Line.has_access("read"):
            Line._refresh(company_ids=self.env.companies.ids)
        return result

    @api.model
    def _tower_dispatch_tiles(self, now):
        """Open deliveries of products made here per stored risk (a delivery
        takes the risk of its worst line; the Dispatch screen lists lines):
        one grouped query."""
        _ = self.env._
        Picking = self.env["stock.picking"]
        if not Picking.has_access("read"):
            return []
        # the deliveries of what the plant makes (products with a run mode):
        # a resold or core demo product is not production's business here
        open_domain = [
            ("state", "not in", ("done", "cancel")),
            ("move_ids.product_id.optiwise_run_mode", "!=", False),
        ]
        counts = dict(
            Picking._read_group(
                [*open_domain, ("optiwise_dispatch_risk", "!=", False)],
                ["optiwise_dispatch_risk"],
                ["__count"],
            )
        )
        tiles = []
        for sequence, (risk, label, tone) in enumerate(
            [
                ("late", _("Deliveries Late"), "danger"),
                ("at_risk", _("Deliveries at Risk"), "warning"),
                ("on_time", _("Deliveries on Time"), "success"),
            ]
        ):
            value = counts.get(risk, 0)
            tiles.append(
                self._tile(
                    f"delivery_{risk}",
                    "dispatch",
                    10 * (sequence + 1),
                    label,
                    value,
                    "stock.picking",
                    [*open_domain, ("optiwise_dispatch_risk", "=", risk)],
                    tone=tone if value else "muted",
                    # counted by delivery (its worst line), not by line as
                    # the Dispatch screen lists them
                    display=_("1 delivery")
                    if value == 1
                    else _("%(count)s deliveries", count=value),
                    kanban=True,
                )
            )
        return tiles
