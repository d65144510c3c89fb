# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import math
import time
from collections import defaultdict, namedtuple
from datetime import datetime, timedelta

import pytz

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from .. import sequencing
from ..arguments import (
    as_bool,
    as_datetime,
    as_int,
    as_quantity,
    as_records,
    single,
)
from ..oee import busy_minutes, compute_oee, scale_stops
from .product_template import RUN_MODES

OeeSlot = namedtuple("OeeSlot", "workcenter start end planned_minutes")
OeeSlot.__doc__ = """A period of one work center whose OEE is asked: ``start`` and
``end`` naive UTC datetimes, ``planned_minutes`` its planned production time."""


class MrpWorkcenter(models.Model):
    _name = "mrp.workcenter"
    _inherit = ["mrp.workcenter", "optiwise.finite.mixin"]
    _optiwise_finite_fields = ("optiwise_sequencing_tardiness_weight",)

    optiwise_default_run_mode = fields.Selection(
        RUN_MODES,
        default="batch",
        required=True,
        tracking=True,
        help="Run mode of the products made here that have none of their own.",
    )
    optiwise_batch_cycle_minutes = fields.Float(
        string="Time Between Batches (min)",
        compute="_compute_optiwise_batch_cycle",
        help="Average time from the end of one batch to the end of the next on "
        "this work center, over the batches finished in the last 30 days.",
    )
    optiwise_batch_cycle_count = fields.Integer(
        string="Batches (30 days)", compute="_compute_optiwise_batch_cycle"
    )
    optiwise_sequencing_tardiness_weight = fields.Float(
        string="Tardiness Weight",
        default=1.0,
        help="Changeover-aware sequencing: how many minutes of changeover one "
        "minute of lateness against a manufacturing order's deadline is worth. "
        "0 minimises changeovers alone.",
    )
    optiwise_changeover_rule_ids = fields.One2many(
        "optiwise.changeover.rule", "workcenter_id", string="Changeover Rules"
    )

    _check_tardiness_weight = models.Constraint(
        "CHECK(optiwise_sequencing_tardiness_weight >= 0)",
        "The tardiness weight may not be negative.",
    )

    def _compute_optiwise_batch_cycle(self):
        """One query for all work centers: gaps between consecutive batch ends."""
        self.optiwise_batch_cycle_minutes = 0.0
        self.optiwise_batch_cycle_count = 0
        if not self.ids:
            return
        self.env["mrp.workorder"].flush_model(
            ["workcenter_id", "date_finished", "state", "production_id"]
        )
        self.env["mrp.production"].flush_model(["optiwise_batch_family_id"])
        since = fields.Datetime.now() - timedelta(days=30)
        rows = self.env.execute_query(
            SQL(
                """
                SELECT workcenter_id, COUNT(*), AVG(gap)
                  FROM (
                    SELECT wo.workcenter_id,
                           EXTRACT(EPOCH FROM wo.date_finished - LAG(wo.date_finished)
                               OVER (PARTITION BY wo.workcenter_id
                                     ORDER BY wo.date_finished, wo.id)) / 60 AS gap
                      FROM mrp_workorder wo
                      JOIN mrp_production mo ON mo.id = wo.production_id
                     WHERE wo.workcenter_id IN %(ids)s
                       AND wo.state = 'done'
                       AND wo.date_finished >= %(since)s
                       AND mo.company_id = ANY(%(companies)s)
                       AND mo.optiwise_batch_family_id IS NOT NULL
                  ) AS batches
                 GROUP BY workcenter_id
                """,
                ids=tuple(self.ids),
                since=since,
                companies=list({*self.env.companies.ids, *self.company_id.ids}),
            )
        )
        for workcenter_id, count, gap in rows:
            workcenter = self.browse(workcenter_id)
            workcenter.optiwise_batch_cycle_count = count
            workcenter.optiwise_batch_cycle_minutes = float(gap or 0.0)

    @api.readonly
    def get_oee(self, date_from: str, date_to: str) -> dict:
        """Optiwise OEE of one work center over a period.

        Planned production time is the work center's working calendar in the
        period (leaves excluded); stops are the core time logs
        (``mrp.workcenter.productivity``) of the period, clipped to it, by
        bucket: setup (reasons marked *Setup / Changeover*), breakdown (other
        availability reasons) and other stops (quality reasons); counts and
        ideal time come from the output of continuous runs and from the done
        work orders on it.

        :param str date_from: start, ``YYYY-MM-DD HH:MM:SS`` UTC
        :param str date_to: end, same format, after ``date_from``
        :return: dict, see ``optiwise_batch.oee.compute_oee``, plus
            ``total_count`` and ``good_count``
        :raises UserError: if the period is empty or inverted
        """
        single(self, "get_oee")
        self.check_access("read")
        start = as_datetime(self.env, date_from, self.env._("The start"))
        end = as_datetime(self.env, date_to, self.env._("The end"))
        if not start or not end or end <= start:
            raise UserError(
                self.env._("Give a period whose end comes after its start.")
            )
        hours = self.resource_calendar_id.get_work_hours_count(start, end)
        [figures] = self._get_oee_figures([OeeSlot(self, start, end, hours * 60)])
        return figures

    @api.model
    def _get_oee_figures(self, slots):
        """OEE of many slots at once: the one computation behind ``get_oee``,
        the control tower's OEE tiles and the OEE analysis.

        Fetches the stop logs and the production of every work center of the
        slots over the span of all of them (one search each), then splits
        them over the slots.

        :param list slots: :class:`OeeSlot` (work center, start, end, planned
            minutes)
        :return: list of dicts, one per slot in the same order: see
            ``optiwise_batch.oee.compute_oee``, plus ``total_count`` and
            ``good_count``
        """
        if not slots:
            return []
        workcenters = self.browse(list({slot.workcenter.id for slot in slots}))
        start = min(slot.start for slot in slots)
        end = max(slot.end for slot in slots)
        logs_by = defaultdict(list)
        busy_by = defaultdict(list)
        now = fields.Datetime.now()
        for log in workcenters._get_oee_logs(start, end):
            logs_by[log.workcenter_id.id].append(log)
            busy_by[log.workcenter_id.id].append((log.date_start, log.date_end or now))
        for run in self.env["optiwise.production.run"].search_fetch(
            [
                ("workcenter_id", "in", workcenters.ids),
                ("date_start", "!=", False),
                ("date_start", "<", end),
                "|",
                ("date_stop", "=", False),
                ("date_stop", ">", start),
            ],
            # the standard rate too: the ideal time of their output below
            ["workcenter_id", "date_start", "date_stop", "standard_rate"],
        ):
            busy_by[run.workcenter_id.id].append((run.date_start, run.date_stop or now))
        outputs, workorders = workcenters._get_oee_production(start, end)
        outputs_by, workorders_by = defaultdict(list), defaultdict(list)
        for output in outputs:
            outputs_by[output.workcenter_id.id].append(output)
        for workorder in workorders:
            workorders_by[workorder.workcenter_id.id].append(workorder)
        result = []
        for slot in slots:
            key = slot.workcenter.id
            stops = self._oee_stops_from_logs(logs_by[key], slot.start, slot.end)
            good, total, ideal = self._oee_counts_from(
                outputs_by[key], workorders_by[key], slot.start, slot.end
            )
            # planned production time: the calendar's time in which the line
            # had a job (a run under way, a work order or a stop logged); idle
            # time with nothing to make is no speed loss
            busy = busy_minutes(busy_by[key], slot.start, slot.end)
            planned = min(slot.planned_minutes, busy)
            stops = scale_stops(stops, planned)
            figures = compute_oee(planned, stops, ideal, total, good)
            figures.update(
                total_count=total,
                good_count=good,
                calendar_minutes=slot.planned_minutes,
                no_planned_time=planned <= 0,
            )
            result.append(figures)
        return result

    def _get_oee_stops(self, start, end):
        """Minutes of stop per OEE bucket on this work center in [start, end)."""
        return self._oee_stops_from_logs(self._get_oee_logs(start, end), start, end)

    def _get_oee_logs(self, start, end):
        """Time logs of these work centers in the period: work (productive,
        performance) and stops (availability, quality)."""
        return self.env["mrp.workcenter.productivity"].search_fetch(
            [
                ("workcenter_id", "in", self.ids),
                ("date_start", "<", end),
                "|",
                ("date_end", "=", False),
                ("date_end", ">", start),
            ],
            ["workcenter_id", "date_start", "date_end", "loss_id", "loss_type"],
        )

    @api.model
    def _oee_stops_from_logs(self, logs, start, end):
        """Split ``logs``, clipped to [start, end), into the OEE stop buckets."""
        now = fields.Datetime.now()
        stops = {"setup": 0.0, "breakdown": 0.0, "other_stops": 0.0}
        for log in logs:
            if log.loss_type not in ("availability", "quality"):
                continue  # work, not a stop
            overlap = min(log.date_end or now, end) - max(log.date_start, start)
            minutes = max(overlap.total_seconds(), 0) / 60
            if log.loss_type == "quality":
                stops["other_stops"] += minutes
            elif log.loss_id.optiwise_is_setup:
                stops["setup"] += minutes
            else:
                stops["breakdown"] += minutes
        return stops

    def _get_oee_production(self, start, end):
        """Run output and done batch work orders of these work centers in the
        period."""
        outputs = self.env["optiwise.run.output"].search_fetch(
            [
                ("workcenter_id", "in", self.ids),
                ("date", ">=", start),
                ("date", "<", end),
            ],
            ["workcenter_id", "date", "qty_good", "qty_scrap", "run_id"],
        )
        workorders = self.env["mrp.workorder"].search_fetch(
            [
                ("workcenter_id", "in", self.ids),
                ("state", "=", "done"),
                # the orders a run posts its output through are counted by
                # the run's declarations, not twice
                ("production_id.optiwise_run_id", "=", False),
                ("date_finished", ">=", start),
                ("date_finished", "<", end),
            ],
            ["workcenter_id", "date_finished", "qty_produced", "operation_id"],
        )
        return outputs, workorders

    @api.model
    def _oee_counts_from(self, outputs, workorders, start, end):
        """(good, total, ideal minutes) of ``outputs`` and ``workorders`` in the slot.

        Run output: ideal time = units x 60 / the run's standard rate. Work
        orders (batches): good = produced quantity, scrap = the order's scrap
        of that work order, ideal time = cycles x the operation's time per cycle
        (no setup, no efficiency factor).
        """
        good = total = ideal = 0.0
        for output in outputs:
            if start <= output.date < end:
                made = output.qty_good + output.qty_scrap
                good += output.qty_good
                total += made
                ideal += made * 60.0 / output.run_id.standard_rate
        for workorder in workorders:
            if not start <= workorder.date_finished < end:
                continue
            scrapped = sum(
                scrap.scrap_qty
                for scrap in workorder.production_id.scrap_ids
                if scrap.workorder_id == workorder
                and scrap.product_id == workorder.product_id
            )
            made = workorder.qty_produced + scrapped
            capacity = workorder.workcenter_id._get_capacity(
                workorder.product_id,
                workorder.product_uom_id,
                workorder.production_bom_id.product_qty or 1,
            )[0]
            good += workorder.qty_produced
            total += made
            ideal += math.ceil(made / capacity) * workorder.operation_id.time_cycle
        return good, total, ideal

    def _get_last_jobs(self, workorders=None, runs=None):
        """The job each work center worked on last, leaving out ``workorders``
        and ``runs``: the one whose time on it ended last (still open: now).

        Work orders count by their time logs (those of run declarations are the
        run's); runs from their start to their stop. One query.

        :return: dict {workcenter id: {"product", "workorder", "run"}}
        """
        if not self.ids:
            return {}
        for model in ("mrp.workcenter.productivity", "mrp.workorder", "mrp.production"):
            self.env[model].flush_model()
        self.env["optiwise.production.run"].flush_model()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT DISTINCT ON (workcenter_id)
                       workcenter_id, product_id, workorder_id, run_id
                  FROM (
                    SELECT log.workcenter_id, mo.product_id,
                           log.workorder_id, NULL::integer AS run_id,
                           MAX(COALESCE(log.date_end, %(now)s)) AS seen
                      FROM mrp_workcenter_productivity log
                      JOIN mrp_workorder wo ON wo.id = log.workorder_id
                      JOIN mrp_production mo ON mo.id = wo.production_id
                     WHERE log.workcenter_id IN %(ids)s
                       AND mo.company_id = ANY(%(companies)s)
                       AND NOT log.workorder_id = ANY(%(workorders)s)
                       AND mo.optiwise_run_id IS NULL
                     GROUP BY log.workcenter_id, mo.product_id, log.workorder_id
                    UNION ALL
                    SELECT run.workcenter_id, run.product_id, NULL, run.id,
                           COALESCE(run.date_stop, %(now)s)
                      FROM optiwise_production_run run
                     WHERE run.workcenter_id IN %(ids)s
                       AND run.company_id = ANY(%(companies)s)
                       AND run.date_start IS NOT NULL
                       AND NOT run.id = ANY(%(runs)s)
                  ) AS jobs
                 ORDER BY workcenter_id, seen DESC, workorder_id DESC NULLS LAST,
                          run_id DESC NULLS LAST
                """,
                now=fields.Datetime.now(),
                ids=tuple(self.ids),
                # the caller's companies, and those of the work centers
                companies=list({*self.env.companies.ids, *self.company_id.ids}),
                workorders=list(workorders.ids if workorders else []),
                runs=list(runs.ids if runs else []),
            )
        )
        Product = self.env["product.product"]
        return {
            workcenter_id: {
                "product": Product.browse(product_id),
                "workorder": self.env["mrp.workorder"].browse(workorder_id or []),
                "run": self.env["optiwise.production.run"].browse(run_id or []),
            }
            for workcenter_id, product_id, workorder_id, run_id in rows
        }

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
            self._check_sequence_manager()
        time_limit = self._optiwise_time_limit(time_limit)
        weight = (
            self.optiwise_sequencing_tardiness_weight
            if weight is None
            else as_quantity(self.env, weight, _("The tardiness weight"))
        )
        if not math.isfinite(weight) or weight < 0:
            raise UserError(_("The tardiness weight must be zero or more."))
        workorders = self._get_sequencing_workorders(workorder_ids)
        current = workorders.sorted(lambda wo: (wo.date_start or datetime.max, wo.id))
        start_product = self._get_sequence_start_product(workorders)
        problem = self._sequencing_problem(current, start_product)
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
        deadline = time.monotonic() + time_limit
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
                    self._sequence_figures(jobs, free, before),
                    newly_late_workorder_ids=[jobs[i].id for i in sorted(newly_late)],
                    changeover_saving_minutes=saving,
                )
        proposed = self._sequence_figures(jobs, result, before)
        if alternative and allow_new_late:
            proposed = alternative
        if apply and jobs:
            self._apply_sequence(
                self.env["mrp.workorder"].browse(proposed["workorder_ids"]),
                [job["changeover_minutes"] for job in proposed["jobs"]],
            )
        return {
            "workorder_ids": proposed["workorder_ids"],
            "start_product_id": start_product.id or False,
            "current": self._sequence_figures(jobs, before, before),
            "proposed": proposed,
            "alternative": alternative,
            "applied": bool(apply and jobs),
        }

    @api.model
    def _optiwise_time_limit(self, time_limit):
        """``time_limit`` checked: a number of seconds above 0, at most 60 and
        below the server's CPU limit per request (``limit_time_cpu``), so a
        search never outlives the worker that runs it."""
        _ = self.env._
        time_limit = as_quantity(self.env, time_limit, _("The time limit"))
        cpu = tools.config.get("limit_time_cpu") or 0
        ceiling = min(60.0, cpu * 0.8) if cpu else 60.0
        if not 0 < time_limit <= ceiling:
            raise UserError(
                _(
                    "Give a time limit above 0 and at most %(ceiling)s seconds "
                    "(the server stops a request after %(cpu)s seconds of CPU).",
                    ceiling=f"{ceiling:g}",
                    cpu=cpu or _("no limit"),
                )
            )
        return time_limit

    @api.readonly
    def compute_product_wheel(
        self,
        product_ids: list[int] | None = None,
        run_minutes: list[float] | None = None,
        time_limit: float = 5.0,
        seed: int = 0,
    ) -> dict:
        """The product wheel of this work center: the repeating cycle of its
        products with the least changeover per cycle (the sequence returns
        to its first product), entered where the first cycle is cheapest
        from what the work center made last.

        :param list product_ids: products of the wheel, each once; default
            the products of this work center's work orders to do and of
            those done in the last 90 days
        :param list run_minutes: minutes each product runs per cycle, in the
            order of ``product_ids``; default the mean expected duration of
            its work orders here (0 without any)
        :param float time_limit: seconds the search may last at most
            (0 < t <= 60)
        :param int seed: seed of the search (same seed, same answer)
        :return: dict with ``products`` (the cycle, each ``product_id``,
            ``changeover_minutes`` before it in a running wheel and
            ``run_minutes``), ``changeover_minutes_per_cycle``,
            ``run_minutes_per_cycle``, ``cycle_minutes`` (both),
            ``changeover_share`` (% of the cycle), ``entry_changeover_minutes``
            (from what was made last to the first product) and
            ``start_product_id``
        :raises UserError: on repeated or unknown products, run minutes that
            do not match them, or a bad time limit
        """
        single(self, "compute_product_wheel")
        self.check_access("read")
        _ = self.env._
        seed = as_int(self.env, seed, _("The seed"), minimum=0)
        time_limit = self._optiwise_time_limit(time_limit)
        if product_ids is None or product_ids is False:
            products = self._wheel_default_products()
        else:
            products = as_records(
                self.env, "product.product", product_ids, _("The products")
            )
            if len(set(product_ids)) != len(product_ids):
                raise UserError(_("List each product of the wheel once."))
        defaults = self._wheel_default_run_minutes(products)
        if run_minutes is None or run_minutes is False:
            runs = [defaults[product.id] for product in products]
        else:
            if not isinstance(run_minutes, (list, tuple)) or len(run_minutes) != len(
                products
            ):
                raise UserError(
                    _(
                        "Give one run time in minutes per product of the wheel "
                        "(%(count)s), in the order of the products.",
                        count=len(products),
                    )
                )
            runs = [
                as_quantity(self.env, value, _("A run time")) for value in run_minutes
            ]
        start_product = self._get_sequence_start_product(
            self.env["mrp.workorder"].search(
                [("workcenter_id", "=", self.id), ("state", "in", ("blocked", "ready"))]
            )
        )
        minutes = self._changeover_minutes(
            [(a, b) for a in products for b in products]
            + [(start_product, b) for b in products]
        )
        items = list(products)
        result = sequencing.solve(
            [[minutes[a.id, b.id] for b in items] for a in items],
            runs,
            start_setup=[minutes[start_product.id, b.id] for b in items],
            time_limit=time_limit,
            seed=seed,
            cyclic=True,
        )
        order = result["order"]
        lines = []
        for position, index in enumerate(order):
            previous = items[order[position - 1]]
            lines.append(
                {
                    "product_id": items[index].id,
                    "changeover_minutes": minutes[previous.id, items[index].id]
                    if len(order) > 1
                    else 0.0,
                    "run_minutes": runs[index],
                }
            )
        changeover = sum(line["changeover_minutes"] for line in lines)
        running = sum(runs)
        cycle = changeover + running
        return {
            "products": lines,
            "changeover_minutes_per_cycle": changeover,
            "run_minutes_per_cycle": running,
            "cycle_minutes": cycle,
            "changeover_share": 100.0 * changeover / cycle if cycle else 0.0,
            "entry_changeover_minutes": minutes[start_product.id, items[order[0]].id]
            if order
            else 0.0,
            "start_product_id": start_product.id or False,
        }

    def _wheel_default_products(self):
        """Products of this work center's work orders to do or done in the
        last 90 days."""
        since = fields.Datetime.now() - timedelta(days=90)
        rows = self.env["mrp.workorder"]._read_group(
            [
                ("workcenter_id", "=", self.id),
                "|",
                ("state", "in", ("blocked", "ready", "progress")),
                "&",
                ("state", "=", "done"),
                ("date_finished", ">=", since),
            ],
            ["product_id"],
        )
        return self.env["product.product"].union(*(product for (product,) in rows))

    def _wheel_default_run_minutes(self, products):
        """Mean expected minutes of each product's work orders here."""
        rows = self.env["mrp.workorder"]._read_group(
            [("workcenter_id", "=", self.id), ("product_id", "in", products.ids)],
            ["product_id"],
            ["duration_expected:avg"],
        )
        means = {product.id: mean or 0.0 for product, mean in rows}
        return {product.id: means.get(product.id, 0.0) for product in products}

    def _sequencing_problem(self, workorders, start_product):
        """The engine's problem for ``workorders`` (in their current order)
        after ``start_product``: setup, processing, due and start_setup."""
        products = workorders.product_id
        minutes = self._changeover_minutes(
            [(a, b) for a in products for b in products]
            + [(start_product, b) for b in products]
        )
        jobs = list(workorders)
        return {
            "setup": [
                [minutes[a.product_id.id, b.product_id.id] for b in jobs] for a in jobs
            ],
            "processing": [wo.duration_expected for wo in jobs],
            "due": self._working_minutes_until(
                [wo.production_id.date_deadline for wo in jobs]
            ),
            "start_setup": [minutes[start_product.id, wo.product_id.id] for wo in jobs],
        }

    def _check_sequence_manager(self):
        """Only production managers re-plan work orders by a sequence."""
        if not self.env.user.has_group("optiwise_batch.group_manager"):
            raise AccessError(
                self.env._(
                    "Only production managers may apply a changeover-aware sequence."
                )
            )

    def _get_sequence_start_product(self, workorders):
        """What this work center made last, leaving ``workorders`` out."""
        last = self._get_last_jobs(workorders=workorders).get(self.id)
        return last["product"] if last else self.env["product.product"]

    def _changeover_minutes(self, pairs):
        """Changeover minutes on this work center of each (from product, to
        product) pair, from the matrix (0 without a rule; an empty product:
        the work center's state before its first job).

        :return: dict {(from product id, to product id): minutes}
        """
        matrix = self.env["optiwise.changeover.rule"]._resolve(self, pairs)
        return {
            (a.id, b.id): rule.duration if (rule := matrix[(a.id, b.id)]) else 0.0
            for a, b in pairs
        }

    @api.model
    def _sequence_figures(self, jobs, figures, current=None):
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

    def _get_sequencing_workorders(self, workorder_ids):
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

    def _working_minutes_until(self, deadlines):
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

    def _apply_sequence(self, workorders, changeover_minutes):
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
                self._check_slot(slot_from, slot_to)
                vals["optiwise_changeover_leave_id"] = Leave.create(
                    workorder._prepare_sequence_leave_vals(
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
            self._check_slot(slot_from, slot_to)
            vals["leave_id"] = Leave.create(
                workorder._prepare_sequence_leave_vals(
                    slot_from, slot_to, workorder.display_name
                )
            ).id
            workorder.write(vals)
            cursor = slot_to
        for production in workorders.production_id:
            planned = production.workorder_ids.filtered(
                lambda wo: wo.state not in ("done", "cancel") and wo.leave_id
            )
            production.with_context(force_date=True).write(
                {
                    "date_start": min(planned.mapped("leave_id.date_from")),
                    "date_finished": max(planned.mapped("leave_id.date_to")),
                }
            )

    def _check_slot(self, slot_from, slot_to):
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
        self._check_sequence_manager()
        if not isinstance(workorder_ids, (list, tuple)):
            raise UserError(
                self.env._("Give the work orders to sequence as a list of ids.")
            )
        workorders = self._get_sequencing_workorders(list(workorder_ids))
        previous = self._get_sequence_start_product(workorders)
        pairs = []
        for workorder in workorders:
            pairs.append((previous, workorder.product_id))
            previous = workorder.product_id
        minutes = self._changeover_minutes(pairs)
        self._apply_sequence(workorders, [minutes[a.id, b.id] for a, b in pairs])
        return True
