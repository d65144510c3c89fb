# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.fields import Domain

from ..oee import compute_oee
from .optiwise_dispatch_line import OPEN_PRODUCTION_STATES


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
    def get_tower_data(self):
        """Tiles of the control tower for the current user and companies.

        A tile is left out when the user may not read its model; counts
        follow the user's record rules.

        :return: dict with ``generated_at`` and ``dispatch_computed_at``
            (``YYYY-MM-DD HH:MM:SS`` UTC, or False) and ``sections``: list of
            {key, title, tiles}; a tile is {key, label, value, display,
            tone (success / warning / danger / info / muted), action:
            {name, res_model, domain, views}}
        """
        now = fields.Datetime.now()
        by_section = defaultdict(list)
        for tile in self._get_tower_tiles(now):
            by_section[tile.pop("section")].append(tile)
        sections = []
        for key, title in self._tower_sections():
            own = sorted(by_section[key], key=lambda tile: tile["sequence"])
            for tile in own:
                del tile["sequence"]
            if own:
                sections.append({"key": key, "title": title, "tiles": own})
        computed_at = False
        if self.env["optiwise.dispatch.line"].has_access("read"):
            rows = self.env["optiwise.dispatch.line"]._read_group(
                [], [], ["computed_at:max"]
            )
            computed_at = fields.Datetime.to_string(rows[0][0]) if rows else False
        return {
            "generated_at": fields.Datetime.to_string(now),
            "dispatch_computed_at": computed_at or False,
            "sections": sections,
        }

    @api.model
    def action_refresh_dispatch(self):
        """Rebuild the dispatch lines of the user's companies (tower button).

        :return: True
        :raises AccessError: if the user may not read dispatch lines
        """
        Line = self.env["optiwise.dispatch.line"]
        Line.check_access("read")
        Line._refresh(company_ids=self.env.companies.ids)
        return True

    # ------------------------------------------------------------------
    # Tiles
    # ------------------------------------------------------------------

    @api.model
    def _tower_sections(self):
        """(key, title) of the sections, in screen order."""
        _ = self.env._
        return [
            ("production", _("Production")),
            ("quality", _("Quality")),
            ("dispatch", _("Dispatch")),
            ("cost", _("Cost")),
            ("lines", _("Lines Today")),
        ]

    @api.model
    def _get_tower_tiles(self, now):
        """All tiles, each with a ``section`` and a ``sequence``. Extend me."""
        tiles = []
        tiles += self._tower_production_tiles(now)
        tiles += self._tower_dispatch_tiles(now)
        tiles += self._tower_changeover_tiles(now)
        tiles += self._tower_oee_tiles(now)
        return tiles

    @api.model
    def _tile(self, key, section, sequence, label, value, model, domain, **kw):
        """One tile: ``value`` with the list behind it (``model``, ``domain``)."""
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
                "views": kw.get("views", [[False, "list"], [False, "form"]]),
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
            counts = dict(
                Production._read_group(
                    [("state", "in", OPEN_PRODUCTION_STATES)], ["state"], ["__count"]
                )
            )
            late_domain = [
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
                    [("state", "=", "confirmed")],
                ),
                self._tile(
                    "mo_running",
                    "production",
                    20,
                    _("Batches Running"),
                    running,
                    "mrp.production",
                    [("state", "in", ("progress", "to_close"))],
                    tone="success" if running else "muted",
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
                ),
                self._tile(
                    "run_running",
                    "production",
                    50,
                    _("Runs Running"),
                    runs.get("running", 0),
                    "optiwise.production.run",
                    [("state", "=", "running")],
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
                    tone="danger" if stopped else "success",
                ),
            ]
        return tiles

    @api.model
    def _tower_dispatch_tiles(self, now):
        _ = self.env._
        Picking = self.env["stock.picking"]
        if not Picking.has_access("read"):
            return []
        open_domain = [("state", "not in", ("done", "cancel"))]
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
                )
            )
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
                display=self.env._(
                    "%(hours)s h in %(count)s", hours=round(hours, 1), count=count
                ),
                tone="info" if count else "muted",
            )
        ]

    @api.model
    def _tower_oee_tiles(self, now):
        """OEE since the start of the user's day, per work center with planned
        time today: three grouped reads for all work centers, then the
        calendar of each work center."""
        Workcenter = self.env["mrp.workcenter"]
        Log = self.env["mrp.workcenter.productivity"]
        if not (Workcenter.has_access("read") and Log.has_access("read")):
            return []
        start, _week = self._user_day(now)
        workcenters = Workcenter.search(
            [("company_id", "in", [*self.env.companies.ids, False])]
        )
        logs = workcenters._get_oee_logs(start, now)
        outputs, workorders = workcenters._get_oee_production(start, now)
        logs_by = defaultdict(lambda: Log)
        for log in logs:
            logs_by[log.workcenter_id] |= log
        outputs_by = defaultdict(lambda: outputs.browse())
        for output in outputs:
            outputs_by[output.workcenter_id] |= output
        workorders_by = defaultdict(lambda: workorders.browse())
        for workorder in workorders:
            workorders_by[workorder.workcenter_id] |= workorder
        tiles = []
        # work centers share calendars: one computation per calendar
        hours_by_calendar = {
            calendar: calendar.get_work_hours_count(start, now, compute_leaves=True)
            for calendar in workcenters.resource_calendar_id
        }
        for sequence, workcenter in enumerate(workcenters):
            hours = hours_by_calendar.get(workcenter.resource_calendar_id, 0.0)
            if (
                hours <= 0
                and not outputs_by[workcenter]
                and not workorders_by[workcenter]
            ):
                continue
            stops = Workcenter._oee_stops_from_logs(logs_by[workcenter], start, now)
            good, total, ideal = Workcenter._oee_counts_from(
                outputs_by[workcenter], workorders_by[workcenter], start, now
            )
            figures = compute_oee(hours * 60, stops, ideal, total, good)
            oee = round(figures["oee"] * 100, 1)
            tone = "success" if oee >= 85 else "warning" if oee >= 60 else "danger"
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
                    display=f"{oee} %",
                    tone=tone if total or hours else "muted",
                )
            )
        return tiles
