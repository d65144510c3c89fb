# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the finite-capacity planner reads of a manufacturing order: when it
is due, the batches it uses, how long its own output waits for QC."""

from odoo import models


class MrpProduction(models.Model):
    _inherit = "mrp.production"

    def _optiwise_planning_due(self):
        """When each order must be made and what a minute late weighs:
        ``{production id: (deadline or None, weight)}``. Here core's deadline
        (``date_deadline``), a starred order weighing 2; dispatch uses the
        promise dates of the deliveries pegged to the order."""
        return {
            production.id: (
                production.date_deadline or None,
                2.0 if production.priority == "1" else 1.0,
            )
            for production in self
        }

    def _optiwise_planning_sources_by_production(self):
        """The manufacturing orders still to finish whose output each order
        uses (core's chain of moves): ``{production id: productions}``."""
        result = {}
        for production in self:
            sources = production.move_raw_ids.move_orig_ids.production_id
            sources = (
                sources.filtered(lambda p: p.state not in ("done", "cancel"))
                - production
            )
            if sources:
                result[production.id] = sources
        return result

    def _optiwise_planning_sources(self):
        """All the orders still to finish whose output these orders use."""
        sources = self.browse()
        for found in self._optiwise_planning_sources_by_production().values():
            sources |= found
        return sources

    def _optiwise_planning_release_hours(self):
        """Hours each order's output waits, once made, before it may be used
        (its QC release): ``{production id: hours}``. None here; QC adds the
        lead time of the inspections its output gets."""
        return {production.id: 0.0 for production in self}

    def _optiwise_planning_holds(self):
        """What keeps each order from running though its components are in
        stock (a lot on hold, say): ``{production id: text}``. Nothing here;
        QC names the held lots."""
        return {}
