# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import logging
from datetime import timedelta

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..arguments import as_quantity
from .product_template import RUN_MODES

_logger = logging.getLogger(__name__)


def __getattr__(name):
    # OEE moved to mrp_workcenter_oee in 19.0.2.2.0: the old import works one
    # more version
    if name == "OeeSlot":
        _logger.warning(
            "optiwise_batch.models.mrp_workcenter.OeeSlot is deprecated and goes "
            "in the next version: import it from "
            "odoo.addons.optiwise_batch.models.mrp_workcenter_oee"
        )
        from . import mrp_workcenter_oee

        return mrp_workcenter_oee.OeeSlot
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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

    def _optiwise_get_last_jobs(self, workorders=None, runs=None):
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

    def _optiwise_get_sequence_start_product(self, workorders):
        """What this work center made last, leaving ``workorders`` out."""
        last = self._optiwise_get_last_jobs(workorders=workorders).get(self.id)
        return last["product"] if last else self.env["product.product"]

    def _optiwise_changeover_minutes(self, pairs):
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

    def _optiwise_check_sequence_manager(self):
        """Only production managers re-plan work orders by a sequence."""
        if not self.env.user.has_group("optiwise_batch.group_manager"):
            raise AccessError(
                self.env._(
                    "Only production managers may apply a changeover-aware sequence."
                )
            )
