# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""OEE of work centers: the one set-wise computation behind a work center's,
a run's, the tower's and the OEE analysis' figures."""

import math
from collections import defaultdict, namedtuple

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..arguments import (
    as_datetime,
    single,
)
from ..oee import busy_minutes, compute_oee, scale_stops

OeeSlot = namedtuple(
    "OeeSlot", "workcenter start end planned_minutes run", defaults=(None,)
)
OeeSlot.__doc__ = """A period of one work center whose OEE is asked: ``start`` and
``end`` naive UTC datetimes, ``planned_minutes`` its planned production time;
``run``: a production run whose own OEE is asked (only its output counts),
or None for the work center's."""


class MrpWorkcenter(models.Model):
    _inherit = "mrp.workcenter"

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
        [figures] = self._optiwise_get_oee_figures(
            [OeeSlot(self, start, end, hours * 60)]
        )
        return figures

    @api.model
    def _optiwise_get_oee_figures(self, slots):
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
        for log in workcenters._optiwise_get_oee_logs(start, end):
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
        outputs, workorders = workcenters._optiwise_get_oee_production(start, end)
        outputs_by, workorders_by = defaultdict(list), defaultdict(list)
        for output in outputs:
            outputs_by[output.workcenter_id.id].append(output)
        for workorder in workorders:
            workorders_by[workorder.workcenter_id.id].append(workorder)
        result = []
        for slot in slots:
            key = slot.workcenter.id
            stops = self._optiwise_oee_stops_from_logs(
                logs_by[key], slot.start, slot.end
            )
            outputs, workorders = outputs_by[key], workorders_by[key]
            if slot.run:
                # a run's own OEE: its output alone
                outputs = [o for o in outputs if o.run_id == slot.run]
                workorders = []
            good, total, ideal = self._optiwise_oee_counts_from(
                outputs, workorders, slot.start, slot.end
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

    def _optiwise_get_oee_stops(self, start, end):
        """Minutes of stop per OEE bucket on this work center in [start, end)."""
        return self._optiwise_oee_stops_from_logs(
            self._optiwise_get_oee_logs(start, end), start, end
        )

    def _optiwise_get_oee_logs(self, start, end):
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
    def _optiwise_oee_stops_from_logs(self, logs, start, end):
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

    def _optiwise_get_oee_production(self, start, end):
        """Run output and done batch work orders of these work centers in the
        period."""
        outputs = self.env["optiwise.run.output"].search_fetch(
            [
                ("workcenter_id", "in", self.ids),
                ("date", ">=", start),
                ("date", "<", end),
                # what was declared, posted or about to be; not what was
                # refused (as the run's own figures)
                ("state", "!=", "failed"),
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
    def _optiwise_oee_counts_from(self, outputs, workorders, start, end):
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
