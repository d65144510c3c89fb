# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.fields import Domain

from .mrp_production import OPEN_PRODUCTION_STATES
from .mrp_workcenter_oee import OeeSlot

# tiles that call for action first: danger, then warning, then the rest
TONE_URGENCY = {"danger": 0, "warning": 1, "info": 2, "success": 2, "muted": 3}


class OptiwiseControlTower(models.AbstractModel):
    """The production control tower: one screen of what is planned, running,
    delayed, waiting on quality, at risk of shipping late and costing more
    than expected.

    Every figure is one grouped query over indexed columns, so the number of
    queries does not grow with the data (see ``benchmarks/control_tower.py``).
    Extensions add tiles by overriding :meth:`_get_tower_tiles`.
    """

    _name = "optiwise.control.tower"
    _description = "Production Control Tower"

    @api.model
    @api.readonly
    def get_tower_data(self) -> dict:
        """Tiles of the control tower for the current user and companies.

        A tile is left out when the user may not read its model; counts
        follow the user's record rules.

        :return: dict with ``generated_at`` (``YYYY-MM-DD HH:MM:SS`` UTC),
            ``notes`` (list of {key, label, at}: what the figures are as of,
            ``at`` a UTC string) and ``sections``: list of {key, title,
            tiles}, the sections with a danger (then warning) tile first and
            the tiles of a section in that order too; a tile is {key, label,
            value, display, tone (success / warning / danger / info / muted),
            action: {name, res_model, domain, views, mobile_views (kanban
            first where the model has one), help (what an empty list says)}}
        :raises AccessError: never for a tile: a tile whose model the user
            may not read is left out, and counts follow the record rules
        """
        now = fields.Datetime.now()
        by_section = defaultdict(list)
        for tile in self._get_tower_tiles(now):
            by_section[tile.pop("section")].append(tile)
        sections = []
        for sequence, key, title in sorted(self._tower_sections()):
            # within a section, what needs attention first
            own = sorted(
                by_section[key],
                key=lambda tile: (TONE_URGENCY.get(tile["tone"], 9), tile["sequence"]),
            )
            for tile in own:
                del tile["sequence"]
            if own:
                urgency = min(TONE_URGENCY.get(tile["tone"], 9) for tile in own)
                sections.append(
                    (urgency, sequence, {"key": key, "title": title, "tiles": own})
                )
        # the sections with something late, held or over budget come first
        sections = [
            section for _u, _s, section in sorted(sections, key=lambda s: s[:2])
        ]
        return {
            "generated_at": fields.Datetime.to_string(now),
            "notes": self._get_tower_notes(),
            "sections": sections,
        }

    @api.model
    def action_refresh(self) -> bool:
        """Rebuild the derived data the tower reads (its Refresh button).

        Each extension refreshes what it owns and the user may read (e.g.
        the dispatch lines); the tower itself reads live data.

        :return: True
        """
        self._tower_refresh()
        return True

    # ------------------------------------------------------------------
    # Hooks
    # ------------------------------------------------------------------

    @api.model
    def _tower_sections(self):
        """(sequence, key, title) of the sections. Extend me: an addon that
        adds tiles to a section of its own adds the section here."""
        _ = self.env._
        return [(10, "production", _("Production")), (90, "lines", _("Lines Today"))]

    @api.model
    def _get_tower_tiles(self, now):
        """All tiles, each with a ``section`` and a ``sequence``. Extend me."""
        tiles = []
        tiles += self._tower_production_tiles(now)
        tiles += self._tower_changeover_tiles(now)
        tiles += self._tower_oee_tiles(now)
        return tiles

    @api.model
    def _get_tower_notes(self):
        """What derived figures are as of: list of {key, label, at}. Extend me."""
        return []

    @api.model
    def _tower_refresh(self):
        """Rebuild derived data before the tower is read again. Extend me."""
        return True

    @api.model
    def _tile(self, key, section, sequence, label, value, model, domain, **kw):
        """One tile: ``value`` with the list behind it (``model``, ``domain``)."""
        views = kw.get("views", [[False, "list"], [False, "form"]])
        return {
            "key": key,
            "section": section,
            "sequence": sequence,
            "label": label,
            "value": value,
            "display": kw.get("display", str(value)),
            "tone": kw.get("tone", "info" if value else "muted"),
            "action": {
                "name": label,
                "res_model": model,
                "domain": list(Domain(domain)),
                "views": views,
                # on a phone: cards where the model has them
                "mobile_views": [[False, "kanban"], *views]
                if kw.get("kanban")
                else views,
                # what an empty list says, instead of faded sample records
                "help": kw.get("help")
                or self.env._("Nothing here right now: %(label)s is 0.", label=label),
            },
        }

    @api.model
    def _user_day(self, now):
        """Start of the user's today and of the user's week (Monday), in UTC."""
        tz = pytz.timezone(self.env.user.tz or "UTC")
        local = pytz.utc.localize(now).astimezone(tz)
        day = tz.localize(datetime.combine(local.date(), time.min))
        week = day - timedelta(days=local.weekday())
        return (
            day.astimezone(pytz.utc).replace(tzinfo=None),
            week.astimezone(pytz.utc).replace(tzinfo=None),
        )

    @api.model
    def _tower_production_tiles(self, now):
        _ = self.env._
        tiles = []
        Production = self.env["mrp.production"]
        if Production.has_access("read"):
            # batches: orders of products made in batch mode (not the orders
            # that continuous runs post, not products without a run mode)
            batches = [("optiwise_run_mode", "=", "batch")]
            counts = dict(
                Production._read_group(
                    [*batches, ("state", "in", OPEN_PRODUCTION_STATES)],
                    ["state"],
                    ["__count"],
                )
            )
            late_domain = [
                *batches,
                ("state", "in", OPEN_PRODUCTION_STATES),
                ("date_finished", "<", fields.Datetime.to_string(now)),
            ]
            delayed = Production.search_count(late_domain)
            planned = counts.get("confirmed", 0)
            running = counts.get("progress", 0) + counts.get("to_close", 0)
            tiles += [
                self._tile(
                    "mo_planned",
                    "production",
                    10,
                    _("Batches Planned"),
                    planned,
                    "mrp.production",
                    [*batches, ("state", "=", "confirmed")],
                    kanban=True,
                ),
                self._tile(
                    "mo_running",
                    "production",
                    20,
                    _("Batches Running"),
                    running,
                    "mrp.production",
                    [*batches, ("state", "in", ("progress", "to_close"))],
                    tone="success" if running else "muted",
                    kanban=True,
                ),
                self._tile(
                    "mo_delayed",
                    "production",
                    30,
                    _("Batches Delayed"),
                    delayed,
                    "mrp.production",
                    late_domain,
                    tone="danger" if delayed else "success",
                    kanban=True,
                ),
            ]
        Run = self.env["optiwise.production.run"]
        if Run.has_access("read"):
            runs = dict(Run._read_group([], ["state"], ["__count"]))
            stopped = runs.get("paused", 0)
            tiles += [
                self._tile(
                    "run_planned",
                    "production",
                    40,
                    _("Runs Planned"),
                    runs.get("draft", 0),
                    "optiwise.production.run",
                    [("state", "=", "draft")],
                    kanban=True,
                ),
                self._tile(
                    "run_running",
                    "production",
                    50,
                    _("Runs Running"),
                    runs.get("running", 0),
                    "optiwise.production.run",
                    [("state", "=", "running")],
                    kanban=True,
                    tone="success" if runs.get("running") else "muted",
                ),
                self._tile(
                    "run_stopped",
                    "production",
                    60,
                    _("Runs Stopped"),
                    stopped,
                    "optiwise.production.run",
                    [("state", "=", "paused")],
                    kanban=True,
                    tone="danger" if stopped else "success",
                ),
            ]
        return tiles

    @api.model
    def _tower_changeover_tiles(self, now):
        Changeover = self.env["optiwise.changeover"]
        if not Changeover.has_access("read"):
            return []
        _day, week = self._user_day(now)
        domain = [("date_start", ">=", fields.Datetime.to_string(week))]
        rows = Changeover._read_group(domain, [], ["actual_minutes:sum", "__count"])
        minutes, count = rows[0] if rows else (0.0, 0)
        hours = (minutes or 0.0) / 60
        return [
            self._tile(
                "changeover_week",
                "lines",
                5,
                self.env._("Changeover Hours This Week"),
                round(hours, 1),
                "optiwise.changeover",
                domain,
                kanban=True,
                display=self.env._(
                    "%(hours)s h in %(count)s changeovers",
                    hours=round(hours, 1),
                    count=count,
                ),
                tone="info" if count else "muted",
            )
        ]

    @api.model
    def _tower_oee_tiles(self, now):
        """OEE since the start of the user's day, per work center with planned
        time or production today: one set-wise computation for all work
        centers (``mrp.workcenter._optiwise_get_oee_figures``), one working-time
        computation per calendar."""
        Workcenter = self.env["mrp.workcenter"]
        Log = self.env["mrp.workcenter.productivity"]
        if not (Workcenter.has_access("read") and Log.has_access("read")):
            return []
        start, _week = self._user_day(now)
        workcenters = Workcenter.search(
            [("company_id", "in", [*self.env.companies.ids, False])]
        )
        tiles = []
        # work centers share calendars: one computation per calendar
        hours_by_calendar = {
            calendar: calendar.get_work_hours_count(start, now, compute_leaves=True)
            for calendar in workcenters.resource_calendar_id
        }
        slots = [
            OeeSlot(
                workcenter,
                start,
                now,
                hours_by_calendar.get(workcenter.resource_calendar_id, 0.0) * 60,
            )
            for workcenter in workcenters
        ]
        figures_list = Workcenter._optiwise_get_oee_figures(slots)
        for sequence, (slot, figures) in enumerate(
            zip(slots, figures_list, strict=True)
        ):
            workcenter, hours = slot.workcenter, slot.planned_minutes / 60
            total = figures["total_count"]
            if hours <= 0 and not total:
                continue
            oee = round(figures["oee"] * 100, 1)
            tone = "success" if oee >= 85 else "warning" if oee >= 60 else "danger"
            display = f"{oee} %"
            if figures["no_planned_time"]:
                # a day off, or a line with no job yet: no OEE to speak of
                display, tone = self.env._("No planned time"), "muted"
            tiles.append(
                self._tile(
                    f"oee_{workcenter.id}",
                    "lines",
                    10 + sequence,
                    self.env._("OEE %(line)s", line=workcenter.name),
                    oee,
                    "mrp.workcenter.productivity",
                    [
                        ("workcenter_id", "=", workcenter.id),
                        ("date_start", ">=", fields.Datetime.to_string(start)),
                    ],
                    display=display,
                    tone=tone,
                )
            )
        return tiles
