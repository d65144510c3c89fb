# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Changeover-aware sequencing of a work center's work orders, and their
re-planning on its calendar."""

import logging
import math
import time
from datetime import datetime

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError

from .. import sequencing
from ..arguments import (
    as_bool,
    as_int,
    as_quantity,
    single,
)

_logger = logging.getLogger(__name__)


class MrpWorkcenter(models.Model):
    _inherit = "mrp.workcenter"

    def compute_sequence(
        self,
        workorder_ids: list[int] | None = None,
        apply: bool = False,
        time_limit: float = 5.0,
        weight: float | None = None,
        seed: int = 0,
        allow_new_late: bool = False,
    ) -> dict:
        """Changeover-aware order of this work center's work orders to do.

        Starting from the product last made here, orders the work orders to
        minimise total changeover minutes (``optiwise.changeover.rule``) plus
        ``weight`` x minutes of lateness against their manufacturing orders'
        deadlines, time counted in the work center's working minutes from now
        (see ``optiwise_batch.sequencing``).

        With a tardiness weight, the proposal never makes an order late that
        the current order has on time: when a sequence that does would save
        more changeover, it comes as ``alternative`` (its saving and the
        orders it makes late shown), and is proposed only with
        ``allow_new_late``.

        :param list workorder_ids: ids of work orders of this work center not
            yet started; default all of them
        :param bool apply: re-plan the work orders in the proposed order
            through core planning (production managers only)
        :param float time_limit: seconds the search may last at most
            (0 < t <= 60); a budget of rounds normally ends it first, so the
            same work orders and seed give the same order
        :param float weight: tardiness weight; default the work center's
        :param int seed: seed of the search (same seed, same answer)
        :param bool allow_new_late: accept the alternative, orders made late
            included
        :return: dict with ``workorder_ids`` (proposed order), ``current`` and
            ``proposed`` (each ``workorder_ids``, ``changeover_minutes``,
            ``late_count``, ``tardiness_minutes``, ``makespan_minutes`` and
            per job ``workorder_id``, ``changeover_minutes``,
            ``completion_minutes``, ``due_minutes``, ``late``,
            ``lateness_minutes``, ``current_lateness_minutes``),
            ``alternative`` (the same figures plus ``newly_late_workorder_ids``
            and ``changeover_saving_minutes``, or False), ``start_product_id``
            and ``applied``
        :raises UserError: on work orders of another work center, started or
            closed ones, or a bad time limit or weight
        :raises AccessError: if ``apply`` is asked by a non-manager
        """
        single(self, "compute_sequence")
        self.check_access("read")
        _ = self.env._
        apply = as_bool(self.env, apply, _("apply"))
        allow_new_late = as_bool(self.env, allow_new_late, _("allow_new_late"))
        seed = as_int(self.env, seed, _("The seed"), minimum=0)
        if apply:
            self._optiwise_check_sequence_manager()
        time_limit = self._optiwise_time_limit(time_limit)
        weight = (
            self.optiwise_sequencing_tardiness_weight
            if weight is None
            else as_quantity(self.env, weight, _("The tardiness weight"))
        )
        if not math.isfinite(weight) or weight < 0:
            raise UserError(_("The tardiness weight must be zero or more."))
        workorders = self._optiwise_get_sequencing_workorders(workorder_ids)
        current = workorders.sorted(lambda wo: (wo.date_start or datetime.max, wo.id))
        start_product = self._optiwise_get_sequence_start_product(workorders)
        problem = self._optiwise_sequencing_problem(current, start_product)
        jobs = list(current)
        before = sequencing.evaluate(list(range(len(jobs))), **problem, weight=weight)
        # what the current order has on time stays on time, when it can
        protect = [
            job.index
            for job in before["jobs"]
            if weight and job.due is not None and not job.lateness
        ]
        # both searches together end within the time limit: the first may
        # take half of it, the second what is left
        began = time.monotonic()
        deadline = began + time_limit
        result = sequencing.solve(
            **problem,
            weight=weight,
            time_limit=time_limit / 2 if protect else time_limit,
            seed=seed,
            protect=protect,
            initial=list(range(len(jobs))),
        )
        alternative = False
        if protect:
            free = sequencing.solve(
                **problem,
                weight=weight,
                time_limit=max(deadline - time.monotonic(), 0.01),
                seed=seed,
            )
            newly_late = [
                job.index
                for job in free["jobs"]
                if job.lateness and job.index in protect
            ]
            saving = result["setup_minutes"] - free["setup_minutes"]
            if newly_late and saving > 1e-6:
                alternative = dict(
                    self._optiwise_sequence_figures(jobs, free, before),
                    newly_late_workorder_ids=[jobs[i].id for i in sorted(newly_late)],
                    changeover_saving_minutes=saving,
                )
        proposed = self._optiwise_sequence_figures(jobs, result, before)
        if alternative and allow_new_late:
            proposed = alternative
        _logger.info(
            "sequence of %s: %d work orders, changeover %.0f -> %.0f min, "
            "late %d -> %d, %d rounds in %.2f s (%s)%s",
            self.display_name,
            len(jobs),
            before["setup_minutes"],
            proposed["changeover_minutes"],
            before["late_count"],
            proposed["late_count"],
            result["iterations"],
            time.monotonic() - began,
            result["stopped_by"],
            ", applied" if apply and jobs else "",
        )
        if apply and jobs:
            self._optiwise_apply_sequence(
                self.env["mrp.workorder"].browse(proposed["workorder_ids"]),
                [job["changeover_minutes"] for job in proposed["jobs"]],
            )
        return {
            "workorder_ids": proposed["workorder_ids"],
            "start_product_id": start_product.id or False,
            "current": self._optiwise_sequence_figures(jobs, before, before),
            "proposed": proposed,
            "alternative": alternative,
            "applied": bool(apply and jobs),
        }

    def _optiwise_sequencing_problem(self, workorders, start_product):
        """The engine's problem for ``workorders`` (in their current order)
        after ``start_product``: setup, processing, due and start_setup."""
        products = workorders.product_id
        minutes = self._optiwise_changeover_minutes(
            [(a, b) for a in products for b in products]
            + [(start_product, b) for b in products]
        )
        jobs = list(workorders)
        return {
            "setup": [
                [minutes[a.product_id.id, b.product_id.id] for b in jobs] for a in jobs
            ],
            "processing": [wo.duration_expected for wo in jobs],
            "due": self._optiwise_working_minutes_until(
                [wo.production_id.date_deadline for wo in jobs]
            ),
            "start_setup": [minutes[start_product.id, wo.product_id.id] for wo in jobs],
        }

    @api.model
    def _optiwise_sequence_figures(self, jobs, figures, current=None):
        """Totals of one sequence of the work orders ``jobs`` and, per job,
        its changeover, completion and due time in working minutes from now
        and its lateness, as the engine scheduled them (``figures``: its
        ``evaluate``), beside its lateness in the ``current`` order."""
        before = {job.index: job.lateness for job in (current or figures)["jobs"]}
        return {
            "workorder_ids": [jobs[job.index].id for job in figures["jobs"]],
            "changeover_minutes": figures["setup_minutes"],
            "late_count": figures["late_count"],
            "tardiness_minutes": figures["tardiness_minutes"],
            "makespan_minutes": figures["makespan"],
            "jobs": [
                {
                    "workorder_id": jobs[job.index].id,
                    "changeover_minutes": job.changeover,
                    "completion_minutes": job.end,
                    # False, not None: XML-RPC cannot carry None
                    "due_minutes": job.due if job.due is not None else False,
                    "late": bool(job.lateness),
                    "lateness_minutes": job.lateness,
                    "current_lateness_minutes": before[job.index],
                }
                for job in figures["jobs"]
            ],
        }

    def _optiwise_get_sequencing_workorders(self, workorder_ids):
        """The work orders to sequence, checked: this work center's, not started."""
        _ = self.env._
        Workorder = self.env["mrp.workorder"]
        if workorder_ids is None or workorder_ids is False:
            return Workorder.search(
                [("workcenter_id", "=", self.id), ("state", "in", ("blocked", "ready"))]
            )
        if not isinstance(workorder_ids, (list, tuple)) or not all(
            isinstance(i, int) and not isinstance(i, bool) for i in workorder_ids
        ):
            raise UserError(_("Give the work orders as a list of ids."))
        repeated = sorted({i for i in workorder_ids if workorder_ids.count(i) > 1})
        if repeated:
            # planned twice, a work order would leave a reserved slot behind
            raise UserError(
                _(
                    "Work orders %(ids)s are listed more than once: give each "
                    "work order once.",
                    ids=repeated,
                )
            )
        workorders = Workorder.browse(workorder_ids)
        missing = set(workorder_ids) - set(workorders.exists().ids)
        if missing:
            raise UserError(_("Work orders %(ids)s do not exist.", ids=sorted(missing)))
        elsewhere = workorders.filtered(lambda wo: wo.workcenter_id != self)
        if elsewhere:
            raise UserError(
                _(
                    "Work orders %(names)s are planned on other work centers, not "
                    "on %(workcenter)s: sequence each work center on its own.",
                    names=", ".join(elsewhere.mapped("display_name")),
                    workcenter=self.display_name,
                )
            )
        started = workorders.filtered(
            lambda wo: wo.state not in ("blocked", "ready") or wo.time_ids
        )
        if started:
            raise UserError(
                _(
                    "Work orders %(names)s have started or are closed; only work "
                    "orders still to do can be sequenced.",
                    names=", ".join(started.mapped("display_name")),
                )
            )
        return workorders

    def _optiwise_working_minutes_until(self, deadlines):
        """Working minutes of this work center from now to each deadline (None
        without one; negative wall-clock minutes for a deadline past)."""
        now = fields.Datetime.now()
        known = [d for d in deadlines if d]
        if not known:
            return [None] * len(deadlines)
        calendar = self.resource_calendar_id
        intervals = []
        if calendar and max(known) > now:
            tz = pytz.timezone(calendar.tz or "UTC")
            start = pytz.utc.localize(now)
            stop = pytz.utc.localize(max(known))
            intervals = [
                (
                    a.astimezone(pytz.utc).replace(tzinfo=None),
                    b.astimezone(pytz.utc).replace(tzinfo=None),
                )
                for a, b, _meta in calendar._work_intervals_batch(
                    start.astimezone(tz),
                    stop.astimezone(tz),
                    resources=self.resource_id,
                )[self.resource_id.id]
            ]
        result = []
        for deadline in deadlines:
            if not deadline:
                result.append(None)
            elif deadline <= now:
                result.append((deadline - now).total_seconds() / 60)
            else:
                result.append(
                    sum(
                        (min(b, deadline) - a).total_seconds() / 60
                        for a, b in intervals
                        if a < deadline
                    )
                )
        return result

    def _optiwise_apply_sequence(self, workorders, changeover_minutes):
        """Re-plan ``workorders`` in this order on this work center's calendar:
        each after the previous one and after its changeover, whose time is
        reserved too; then the manufacturing orders' dates follow."""
        Leave = self.env["resource.calendar.leaves"]
        (workorders.leave_id | workorders.optiwise_changeover_leave_id).unlink()
        cursor = fields.Datetime.now()
        for workorder, setup in zip(workorders, changeover_minutes, strict=True):
            start = max(
                [cursor]
                + [
                    before.date_finished
                    for before in workorder.blocked_by_workorder_ids
                    if before.date_finished
                ]
            )
            vals = {"optiwise_changeover_leave_id": False}
            if setup:
                slot_from, slot_to = self._get_first_available_slot(start, setup)
                self._optiwise_check_slot(slot_from, slot_to)
                vals["optiwise_changeover_leave_id"] = Leave.create(
                    workorder._optiwise_prepare_sequence_leave_vals(
                        slot_from,
                        slot_to,
                        self.env._(
                            "Changeover before %(wo)s", wo=workorder.display_name
                        ),
                    )
                ).id
                start = slot_to
            slot_from, slot_to = self._get_first_available_slot(
                start, workorder.duration_expected
            )
            self._optiwise_check_slot(slot_from, slot_to)
            vals["leave_id"] = Leave.create(
                workorder._optiwise_prepare_sequence_leave_vals(
                    slot_from, slot_to, workorder.display_name
                )
            ).id
            workorder.write(vals)
            cursor = slot_to
        workorders.production_id._optiwise_dates_from_slots()

    def _optiwise_check_slot(self, slot_from, slot_to):
        if not slot_from:
            raise UserError(
                self.env._(
                    "%(workcenter)s has no free time to plan the sequence (%(why)s); "
                    "check its working hours.",
                    workcenter=self.display_name,
                    why=slot_to,
                )
            )

    def apply_sequence(self, workorder_ids: list[int]) -> bool:
        """Re-plan work orders of this work center in exactly the given order
        (the sequencing wizard's Apply), changeover time reserved before each.

        :param list workorder_ids: ids of this work center's work orders not
            yet started, in the order to run them
        :return: True
        :raises AccessError: if the user is not a production manager
        :raises UserError: on work orders of another work center, started or
            closed ones, or ids that are not a list of integers
        """
        single(self, "apply_sequence")
        self.check_access("read")
        self._optiwise_check_sequence_manager()
        if not isinstance(workorder_ids, (list, tuple)):
            raise UserError(
                self.env._("Give the work orders to sequence as a list of ids.")
            )
        workorders = self._optiwise_get_sequencing_workorders(list(workorder_ids))
        previous = self._optiwise_get_sequence_start_product(workorders)
        pairs = []
        for workorder in workorders:
            pairs.append((previous, workorder.product_id))
            previous = workorder.product_id
        minutes = self._optiwise_changeover_minutes(pairs)
        self._optiwise_apply_sequence(
            workorders, [minutes[a.id, b.id] for a, b in pairs]
        )
        return True
