# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The plant's work orders as a finite-capacity planning problem: what the
planning board shows, what *Plan* proposes and what a drag previews."""

import logging
from datetime import timedelta

import pytz

from odoo import api, fields, models

from .. import planning

_logger = logging.getLogger(__name__)

# how far ahead calendars are read: a plan longer than this runs on open time
HORIZON_DAYS = 56
# work orders the planner takes: not started, of orders to make
OPEN_STATES = ("blocked", "ready")


class OptiwisePlanning(models.AbstractModel):
    """The bridge between work orders and ``optiwise_batch.planning``.

    ``_optiwise_problem`` reads the work orders still to do on some work
    centers (and their alternatives) into a ``planning.Problem``: each
    machine's calendar (its real closures, not the slots its own work orders
    reserve), its changeover matrix and what it made last, each work order's
    duration on every work center that can run it (core's own
    ``_get_duration_expected``), its routing predecessors, the batch it uses
    from another manufacturing order with that batch's QC release time
    (``mrp.production._optiwise_planning_release_hours``), and the due time
    of what waits on it (``mrp.production._optiwise_planning_due``).
    Extensions add to those two hooks (dispatch: the promise dates of the
    deliveries pegged to a batch; QC: the lead time of its inspection).
    """

    _name = "optiwise.planning"
    _description = "Finite-Capacity Planning"

    @api.model
    def _optiwise_origin(self):
        """The plan's time 0: now, to the minute."""
        return fields.Datetime.now().replace(second=0, microsecond=0)

    @api.model
    def _optiwise_scope(self, workcenters):
        """The work orders to plan on ``workcenters`` (all the company's when
        empty) and the work centers they may run on."""
        domain = [
            ("state", "in", OPEN_STATES),
            ("production_id.state", "in", ("confirmed", "progress")),
            ("time_ids", "=", False),
        ]
        if workcenters:
            domain.append(("workcenter_id", "in", workcenters.ids))
        workorders = self.env["mrp.workorder"].search(
            domain, order="date_start, production_id, sequence, id"
        )
        machines = (
            workcenters
            | workorders.workcenter_id
            | workorders.workcenter_id.alternative_workcenter_ids
        )
        return workorders, machines.sorted("id")

    @api.model
    def _optiwise_calendar(self, workcenter, origin, horizon_days=HORIZON_DAYS):
        """The work center's open time as a ``planning.Calendar`` in minutes
        from ``origin``: its working hours less its real closures (leaves of
        type *leave*), not the slots work orders reserve."""
        calendar = workcenter.resource_calendar_id
        if not calendar:
            return planning.Calendar()
        tz = pytz.timezone(calendar.tz or "UTC")
        start = pytz.utc.localize(origin).astimezone(tz)
        stop = start + timedelta(days=horizon_days)
        intervals = calendar._work_intervals_batch(
            start, stop, resources=workcenter.resource_id, tz=tz
        )[workcenter.resource_id.id]
        merged = []
        for a, b, _meta in intervals:
            start_m = self._optiwise_minutes(origin, a)
            end_m = self._optiwise_minutes(origin, b)
            if merged and start_m - merged[-1][1] <= 1.0:
                # a day's hours end at 23:59:59: the next day's go on
                merged[-1][1] = max(merged[-1][1], end_m)
            elif end_m > start_m:
                merged.append([start_m, end_m])
        return planning.Calendar([tuple(interval) for interval in merged])

    @api.model
    def _optiwise_minutes(self, origin, moment):
        """Minutes from ``origin`` to ``moment`` (aware or naive UTC)."""
        if moment.tzinfo:
            moment = moment.astimezone(pytz.utc).replace(tzinfo=None)
        return (moment - origin).total_seconds() / 60

    @api.model
    def _optiwise_moment(self, origin, minutes):
        """The naive UTC datetime ``minutes`` after ``origin``, to the second."""
        return (origin + timedelta(minutes=minutes)).replace(microsecond=0)

    @api.model
    def _optiwise_problem(self, workcenters=None, origin=None):
        """The planning problem of the work orders still to do.

        :return: dict with ``problem`` (``planning.Problem``), ``workorders``
            (by operation index), ``machines`` (work centers by machine
            index), ``initial`` (the current sequences: by planned start, the
            unplanned last), ``origin`` and ``due`` (datetime or None per
            operation)
        """
        workcenters = workcenters or self.env["mrp.workcenter"]
        origin = origin or self._optiwise_origin()
        workorders, machines = self._optiwise_scope(workcenters)
        index = {wo.id: k for k, wo in enumerate(workorders)}
        machine_index = {wc.id: k for k, wc in enumerate(machines)}
        productions = workorders.production_id
        due = productions._optiwise_planning_due()
        release_hours = (
            productions | productions._optiwise_planning_sources()
        )._optiwise_planning_release_hours()
        sources = productions._optiwise_planning_sources_by_production()
        busy_until = self._optiwise_busy_until(machines, origin)
        # the last operations of each order: what a delivery waits on
        last_ops = workorders.filtered(
            lambda wo: not (wo.needed_by_workorder_ids & workorders)
        )
        operations, due_at = [], []
        for wo in workorders:
            options = {machine_index[wo.workcenter_id.id]: wo.duration_expected}
            for alternative in wo.workcenter_id.alternative_workcenter_ids:
                options[machine_index[alternative.id]] = wo._get_duration_expected(
                    alternative_workcenter=alternative
                )
            after, release = [], 0.0
            for before in wo.blocked_by_workorder_ids:
                if before.id in index:
                    after.append((index[before.id], 0.0))
                elif before.state not in ("done", "cancel") and before.date_finished:
                    release = max(
                        release, self._optiwise_minutes(origin, before.date_finished)
                    )
            if not wo.blocked_by_workorder_ids:
                # the first operation waits for the batches its order uses
                for source in sources.get(wo.production_id.id, ()):
                    lag = 60 * release_hours.get(source.id, 0.0)
                    ends = source.workorder_ids.filtered(
                        lambda w: not w.needed_by_workorder_ids
                    )
                    planned = [w for w in ends if w.id in index]
                    after += [(index[w.id], lag) for w in planned]
                    for w in ends - ends.browse([w.id for w in planned]):
                        if w.state not in ("done", "cancel") and w.date_finished:
                            release = max(
                                release,
                                self._optiwise_minutes(origin, w.date_finished) + lag,
                            )
            deadline, weight = due.get(wo.production_id.id, (None, 1.0))
            if wo not in last_ops:
                deadline = None
            due_at.append(deadline)
            operations.append(
                planning.Operation(
                    wo.id,
                    wo.product_id.id,
                    options,
                    after=tuple(after),
                    release=max(release, 0.0),
                    due=None
                    if deadline is None
                    else self._optiwise_minutes(origin, deadline),
                    weight=weight,
                    order=wo.production_id.id,
                )
            )
        plan_machines = []
        products = workorders.product_id
        for wc in machines:
            state = wc._optiwise_get_sequence_start_product(workorders)
            pairs = [(a, b) for a in products | state for b in products]
            minutes = wc._optiwise_changeover_minutes(pairs)
            plan_machines.append(
                planning.Machine(
                    wc.id,
                    self._optiwise_calendar(wc, origin),
                    {(a, b): m for (a, b), m in minutes.items() if a != b},
                    0.0,
                    state.id or None,
                    busy_until.get(wc.id, 0.0),
                )
            )
        problem = planning.Problem(plan_machines, operations)
        initial = [[] for _m in machines]
        for k, wo in enumerate(workorders):
            initial[machine_index[wo.workcenter_id.id]].append(k)
        return {
            "problem": problem,
            "workorders": workorders,
            "machines": machines,
            "initial": self._optiwise_feasible_initial(problem, initial),
            "origin": origin,
            "due": due_at,
        }

    @api.model
    def _optiwise_as_planned(self, data, moved=None, at=None):
        """The problem with each work order held to its planned start at the
        soonest (``moved``, an operation index, to ``at`` minutes instead):
        the current plan as it would run, changeovers and waits for batches
        made as they come, nothing earlier than planned."""
        base, origin = data["problem"], data["origin"]
        ops = []
        for i, (op, wo) in enumerate(
            zip(base.operations, data["workorders"], strict=True)
        ):
            planned = at if i == moved else None
            if planned is None and wo.date_start:
                planned = self._optiwise_minutes(origin, wo.date_start)
            ops.append(op._replace(release=max(op.release, planned or 0.0, 0.0)))
        return planning.Problem(base.machines, ops, base.lag_calendar)

    @api.model
    def _optiwise_busy_until(self, machines, origin):
        """Minutes from ``origin`` until each work center's started work
        orders are planned to end (0 when none)."""
        started = self.env["mrp.workorder"].search(
            [
                ("workcenter_id", "in", machines.ids),
                ("state", "=", "progress"),
                ("date_finished", ">", origin),
            ]
        )
        busy = {}
        for wo in started:
            end = self._optiwise_minutes(origin, wo.date_finished)
            busy[wo.workcenter_id.id] = max(busy.get(wo.workcenter_id.id, 0.0), end)
        return busy

    @api.model
    def _optiwise_feasible_initial(self, problem, initial):
        """The current sequences, or, where they wait on each other, the
        order the precedences allow nearest to them."""
        if planning.decode(problem, initial) is not None:
            return initial
        rank = {i: k for seq in initial for k, i in enumerate(seq)}
        machine = {i: m for m, seq in enumerate(initial) for i in seq}
        result = [[] for _seq in initial]
        for i in problem.topological:
            result[machine[i]].append(i)
        for seq in result:
            seq.sort(key=lambda i: (rank[i], i))
        if planning.decode(problem, result) is None:
            # the precedences' own order, machine by machine
            result = [[] for _seq in initial]
            for i in problem.topological:
                result[machine[i]].append(i)
        return result

    @api.model
    def _optiwise_write_slots(self, slots):
        """Write planned slots on work orders: ``(workorder, work center,
        changeover start, changeover end, start, end)`` each. The old
        slots go, the work order moves to its work center (core recomputes
        its expected duration there), its changeover and its own time are
        reserved on the work center's calendar (core's ``leave_id``, which
        core's dates follow), then each manufacturing order's dates."""
        workorders = self.env["mrp.workorder"].concat(*(s[0] for s in slots))
        (workorders.leave_id | workorders.optiwise_changeover_leave_id).unlink()
        Leave = self.env["resource.calendar.leaves"]
        for workorder, workcenter, setup_start, setup_end, start, end in slots:
            if workorder.workcenter_id != workcenter:
                workorder.workcenter_id = workcenter
            vals = {"optiwise_changeover_leave_id": False}
            if setup_end and setup_end > setup_start:
                vals["optiwise_changeover_leave_id"] = Leave.create(
                    workorder._optiwise_prepare_sequence_leave_vals(
                        setup_start,
                        setup_end,
                        self.env._(
                            "Changeover before %(wo)s", wo=workorder.display_name
                        ),
                    )
                ).id
            vals["leave_id"] = Leave.create(
                workorder._optiwise_prepare_sequence_leave_vals(
                    start, end, workorder.display_name
                )
            ).id
            workorder.write(vals)
        workorders.production_id._optiwise_dates_from_slots()
