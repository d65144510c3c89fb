# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the finite-capacity planner reads of a manufacturing order: when it
is due, the batches it uses, how long its own output waits for QC."""

from datetime import timedelta

from odoo import models
from odoo.exceptions import AccessError


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

    def _optiwise_dates_from_slots(self):
        """Each order's dates from the slots its open work orders reserve."""
        for production in self:
            planned = production.workorder_ids.filtered(
                lambda wo: wo.state not in ("done", "cancel") and wo.leave_id
            )
            if not planned:
                continue
            production.with_context(force_date=True).write(
                {
                    "date_start": min(planned.mapped("leave_id.date_from")),
                    "date_finished": max(planned.mapped("leave_id.date_to")),
                }
            )

    def _optiwise_demo_plan_week(self, production_ids, late_id, hours_late=4):
        """Demo data only (called by the demo's XML, as the loader): plan the
        orders one after the other with core's own planning, as they came
        in, and promise ``late_id`` ``hours_late`` hours before that plan
        makes it: the week *Plan* puts right."""
        if not self.env.su:
            raise AccessError(self.env._("Only the demo data loader plans the demo."))
        productions = self.browse(production_ids)
        # made for the board: their components stay free for the plant's day
        productions.do_unreserve()
        for production in productions:
            production.button_plan()
        late = self.browse(late_id)
        late.date_deadline = late.date_finished - timedelta(hours=hours_late)
        return True
