# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import math
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..oee import compute_oee
from .product_template import RUN_MODES


class MrpWorkcenter(models.Model):
    _inherit = "mrp.workcenter"

    default_run_mode = fields.Selection(
        RUN_MODES,
        default="batch",
        required=True,
        tracking=True,
        help="Run mode of the products made here that have none of their own.",
    )
    batch_cycle_minutes = fields.Float(
        string="Time Between Batches",
        compute="_compute_batch_cycle",
        help="Average time from the end of one batch to the end of the next on "
        "this work center, over the batches finished in the last 30 days.",
    )
    batch_cycle_count = fields.Integer(
        string="Batches (30 days)", compute="_compute_batch_cycle"
    )

    def _compute_batch_cycle(self):
        """One query for all work centers: gaps between consecutive batch ends."""
        self.batch_cycle_minutes = 0.0
        self.batch_cycle_count = 0
        if not self.ids:
            return
        self.env["mrp.workorder"].flush_model(
            ["workcenter_id", "date_finished", "state", "production_id"]
        )
        self.env["mrp.production"].flush_model(["batch_family_id"])
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
                       AND mo.batch_family_id IS NOT NULL
                  ) AS batches
                 GROUP BY workcenter_id
                """,
                ids=tuple(self.ids),
                since=since,
            )
        )
        for workcenter_id, count, gap in rows:
            workcenter = self.browse(workcenter_id)
            workcenter.batch_cycle_count = count
            workcenter.batch_cycle_minutes = float(gap or 0.0)

    def get_oee(self, date_from, date_to):
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
        self.ensure_one()
        self.check_access("read")
        start = fields.Datetime.to_datetime(date_from)
        end = fields.Datetime.to_datetime(date_to)
        if not start or not end or end <= start:
            raise UserError(
                self.env._("Give a period whose end comes after its start.")
            )
        hours = self.resource_calendar_id.get_work_hours_count(start, end)
        stops = self._get_oee_stops(start, end)
        good, total, ideal = self._get_oee_counts(start, end)
        figures = compute_oee(hours * 60, stops, ideal, total, good)
        figures.update(total_count=total, good_count=good)
        return figures

    def _get_oee_stops(self, start, end):
        """Minutes of stop per OEE bucket on this work center in [start, end)."""
        return self._oee_stops_from_logs(self._get_oee_logs(start, end), start, end)

    def _get_oee_logs(self, start, end):
        """Stop time logs (availability and quality) of these work centers."""
        return self.env["mrp.workcenter.productivity"].search_fetch(
            [
                ("workcenter_id", "in", self.ids),
                ("date_start", "<", end),
                "|",
                ("date_end", "=", False),
                ("date_end", ">", start),
                ("loss_type", "in", ("availability", "quality")),
            ],
            ["workcenter_id", "date_start", "date_end", "loss_id", "loss_type"],
        )

    @api.model
    def _oee_stops_from_logs(self, logs, start, end):
        """Split ``logs``, clipped to [start, end), into the OEE stop buckets."""
        now = fields.Datetime.now()
        stops = {"setup": 0.0, "breakdown": 0.0, "other_stops": 0.0}
        for log in logs:
            overlap = min(log.date_end or now, end) - max(log.date_start, start)
            minutes = max(overlap.total_seconds(), 0) / 60
            if log.loss_type == "quality":
                stops["other_stops"] += minutes
            elif log.loss_id.is_setup:
                stops["setup"] += minutes
            else:
                stops["breakdown"] += minutes
        return stops

    def _get_oee_counts(self, start, end):
        """(good, total, ideal minutes) made here in the period."""
        outputs, workorders = self._get_oee_production(start, end)
        return self._oee_counts_from(outputs, workorders, start, end)

    def _get_oee_production(self, start, end):
        """Run output and done work orders of these work centers in the period."""
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
