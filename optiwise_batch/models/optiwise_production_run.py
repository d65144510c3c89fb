# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..arguments import as_text, single
from .mrp_workcenter_oee import OeeSlot
from .optiwise_changeover import GateJob


class OptiwiseProductionRun(models.Model):
    _name = "optiwise.production.run"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "optiwise.finite.mixin",
        "optiwise.guarded.mixin",
    ]
    _description = "Continuous Production Run"
    _order = "date_start desc, id desc"
    _optiwise_finite_fields = ("planned_qty", "standard_rate")
    # the dates bound what output may be declared: only the actions set them
    _optiwise_guarded_fields = ("state", "date_start", "date_stop")
    _optiwise_guard_actions = (
        "Use Start, Pause, Resume or Stop (action_start, action_pause, "
        "action_resume, action_stop)."
    )
    # what the run makes and where: fixed once it has started
    _optiwise_started_locked = ("company_id", "product_id", "bom_id", "workcenter_id")
    _optiwise_started_hint = " Stop it and start a new run."
    _check_company_auto = True

    name = fields.Char(
        required=True, copy=False, readonly=True, default=lambda s: s.env._("New")
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda s: s.env.company, index=True
    )
    product_id = fields.Many2one(
        "product.product",
        required=True,
        check_company=True,
        tracking=True,
        domain="[('is_storable', '=', True)]",
    )
    bom_id = fields.Many2one(
        "mrp.bom",
        string="Bill of Materials",
        required=True,
        check_company=True,
        compute="_compute_bom_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('type', '=', 'normal'), '|', ('product_id', '=', product_id), "
        "'&', ('product_id', '=', False), "
        "('product_tmpl_id.product_variant_ids', '=', product_id)]",
    )
    workcenter_id = fields.Many2one(
        "mrp.workcenter",
        string="Line",
        required=True,
        check_company=True,
        compute="_compute_workcenter_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    product_uom_id = fields.Many2one(related="product_id.uom_id")
    planned_qty = fields.Float(digits="Product Unit", required=True, tracking=True)
    standard_rate = fields.Float(
        string="Standard Rate (per hour)",
        help="Ideal output of the line for this product, in units per hour.",
        required=True,
        tracking=True,
    )
    date_start = fields.Datetime(string="Started", readonly=True, copy=False)
    date_stop = fields.Datetime(string="Stopped", readonly=True, copy=False)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("running", "Running"),
            ("paused", "Paused"),
            ("done", "Done"),
        ],
        default="draft",
        required=True,
        # kanban columns in the order the work flows, empty ones included
        group_expand=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    lot_policy = fields.Selection(
        [
            ("run", "One lot per run"),
            ("shift", "One lot per shift"),
            ("day", "One lot per day"),
        ],
        default="run",
        required=True,
        help="Which lot a declaration goes into when none is given. Shifts are "
        "the attendances of the line's working calendar.",
    )
    user_id = fields.Many2one(
        "res.users", string="Responsible", default=lambda s: s.env.user, tracking=True
    )
    output_ids = fields.One2many("optiwise.run.output", "run_id", string="Outputs")
    production_ids = fields.One2many(
        "mrp.production", "optiwise_run_id", string="Manufacturing Orders"
    )
    productivity_ids = fields.One2many(
        "mrp.workcenter.productivity", "optiwise_run_id", string="Time Logs"
    )
    changeover_ids = fields.One2many(
        "optiwise.changeover", "to_run_id", string="Changeovers"
    )
    produced_qty = fields.Float(
        compute="_compute_figures", digits="Product Unit", string="Good Output"
    )
    scrap_qty = fields.Float(
        compute="_compute_figures", digits="Product Unit", string="Scrap"
    )
    progress = fields.Float(compute="_compute_figures", string="Produced (%)")
    scrap_rate = fields.Float(compute="_compute_figures", string="Scrap (%)")
    downtime_minutes = fields.Float(compute="_compute_figures", string="Downtime (min)")
    achieved_rate = fields.Float(
        string="Achieved Rate (per hour)",
        compute="_compute_figures",
        help="Good and scrapped output per hour of run time (elapsed time less "
        "downtime).",
    )

    _check_planned_qty = models.Constraint(
        "CHECK(planned_qty > 0)", "The planned quantity of a run must be positive."
    )
    _check_standard_rate = models.Constraint(
        "CHECK(standard_rate > 0)", "The standard rate of a run must be positive."
    )

    @api.depends("product_id")
    def _compute_bom_id(self):
        for run in self:
            if run.product_id and run.bom_id.product_tmpl_id != (
                run.product_id.product_tmpl_id
            ):
                run.bom_id = self._find_bom(run.product_id, run.company_id)

    @api.model
    def _find_bom(self, product, company):
        """The normal bill of materials of ``product`` the user may use in
        ``company`` (empty if none)."""
        return self.env["mrp.bom"]._bom_find(
            product, company_id=company.id, bom_type="normal"
        )[product]

    @api.depends("bom_id")
    def _compute_workcenter_id(self):
        for run in self:
            if not run.workcenter_id:
                run.workcenter_id = run.bom_id.operation_ids[:1].workcenter_id

    @api.depends(
        "output_ids.state",
        "output_ids.qty_good",
        "output_ids.qty_scrap",
        "productivity_ids.duration",
        "date_start",
        "date_stop",
        "planned_qty",
    )
    def _compute_figures(self):
        for run in self:
            # what was declared, posted or about to be; not what was refused
            declared = run.output_ids.filtered(lambda o: o.state != "failed")
            good = sum(declared.mapped("qty_good"))
            scrap = sum(declared.mapped("qty_scrap"))
            downtime = sum(
                log.duration
                if log.date_end
                else (fields.Datetime.now() - log.date_start).total_seconds() / 60
                for log in run.productivity_ids
                if log.loss_type != "productive"
            )
            elapsed = 0.0
            if run.date_start:
                end = run.date_stop or fields.Datetime.now()
                elapsed = (end - run.date_start).total_seconds() / 60
            run_hours = max(elapsed - downtime, 0.0) / 60
            run.produced_qty = good
            run.scrap_qty = scrap
            run.downtime_minutes = downtime
            run.progress = 100 * good / run.planned_qty if run.planned_qty else 0.0
            run.scrap_rate = 100 * scrap / (good + scrap) if good + scrap else 0.0
            run.achieved_rate = (good + scrap) / run_hours if run_hours else 0.0

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("product_id") and not vals.get("bom_id"):
                # the bill of materials is computed; say clearly when there is
                # none rather than fail on the database's not-null constraint
                product = self.env["product.product"].browse(vals["product_id"])
                company = self.env["res.company"].browse(
                    vals.get("company_id") or self.env.company.id
                )
                if not self._find_bom(product.exists(), company):
                    raise UserError(
                        self.env._(
                            "Product %(product)s has no bill of materials you may "
                            "use in company %(company)s: give the run one, or "
                            "create it first.",
                            product=product.display_name
                            if product.has_access("read")
                            else product.id,
                            company=company.id,
                        )
                    )
            if vals.get("name", self.env._("New")) == self.env._("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "optiwise.production.run"
                ) or self.env._("New")
        return super().create(vals_list)

    def write(self, vals):
        # the standard rate is what OEE measures the line against: once the
        # run is under way, only a production manager changes it
        if (
            "standard_rate" in vals
            and not self.env.su
            and not self.env.user.has_group("optiwise_batch.group_manager")
            and self._optiwise_started()
        ):
            raise AccessError(
                self.env._(
                    "Only a production manager may change the standard rate of "
                    "a run under way (%(runs)s).",
                    runs=", ".join(self._optiwise_started().mapped("name")),
                )
            )
        return super().write(vals)

    @api.model
    def _demo_last_week(self, product_id, workcenter_id, loss_id, days=5):
        """Demo data only: the early shifts (06:00-14:00 in the work
        center's time zone) of the last ``days`` working days, a run of the
        product each, with two declarations, a little scrap and a 35-minute
        stop, so that OEE over the past week has real figures. Backdating a
        run is the module loader's alone (see the guarded mixin)."""
        if self.env.registry.ready or not self.env.su:
            return False
        workcenter = self.env["mrp.workcenter"].browse(workcenter_id)
        tz = pytz.timezone(workcenter.resource_calendar_id.tz or "UTC")
        day = fields.Date.context_today(self) - timedelta(days=1)
        shifts = []
        while len(shifts) < days:
            if day.weekday() < 5:
                shifts.insert(0, day)
            day -= timedelta(days=1)

        def utc(day, hour, minute=0):
            moment = tz.localize(datetime.combine(day, time(hour, minute)))
            return moment.astimezone(pytz.utc).replace(tzinfo=None)

        for index, day in enumerate(shifts):
            run = self.create(
                {
                    "product_id": product_id,
                    "workcenter_id": workcenter.id,
                    "planned_qty": 3000,
                    "standard_rate": 400,
                }
            )
            run.action_start()
            run.write({"date_start": utc(day, 6)})
            self.env["mrp.workcenter.productivity"].create(
                {
                    "workcenter_id": workcenter.id,
                    "company_id": run.company_id.id,
                    "loss_id": loss_id,
                    "description": "Labeller jam",
                    "date_start": utc(day, 9, 30),
                    "date_end": utc(day, 10, 5),
                    "optiwise_run_id": run.id,
                }
            )
            for good, scrap, hour, minute in (
                (1300 + 20 * index, 20, 10, 0),
                (1250 - 10 * index, 15, 13, 55),
            ):
                run.record_output(
                    good,
                    qty_scrap=scrap,
                    at=fields.Datetime.to_string(utc(day, hour, minute)),
                )
            run.action_stop()
            run.write({"date_stop": utc(day, 14)})
        return True

    def _optiwise_started(self):
        return self.filtered(lambda r: r.state in ("running", "paused"))

    def _optiwise_frozen_records(self):
        return self.filtered(lambda r: r.state == "done")

    def _optiwise_frozen_message(self, frozen):
        return self.env._(
            "Run %(names)s is done and kept as it ran.",
            names=", ".join(frozen.mapped("name")),
        )

    def action_start(self):
        """Start draft runs now.

        A run whose line last made another product first goes through a
        changeover (see ``optiwise.changeover``): the first call starts the
        changeover and returns it, the run stays a draft; the next call,
        once the mandatory checks are ticked, finishes the changeover and
        starts the run.

        :return: True, or the action showing the changeovers started
        :raises UserError: if a run is not a draft, or its changeover has
            mandatory checks not ticked
        """
        for run in self:
            if run.state != "draft":
                raise UserError(
                    self.env._("Run %(run)s has already started.", run=run.name)
                )
        waiting = self.env["optiwise.changeover"]._gate_job_start(
            [
                GateJob(
                    record=run,
                    workcenter=run.workcenter_id,
                    product=run.product_id,
                    link="to_run_id",
                )
                for run in self
            ]
        )
        to_start = self - waiting.to_run_id
        with self._optiwise_guard_open():
            to_start.write({"state": "running", "date_start": fields.Datetime.now()})
        if waiting:
            return waiting._action_open()
        return True

    def action_pause(
        self, loss_id: int | None = None, description: str | None = None
    ) -> bool:
        """Pause running runs: the line stops, and downtime is logged.

        :param int loss_id: an ``mrp.workcenter.productivity.loss`` (downtime
            reason); default: core's "Equipment Failure"
        :param str description: free text kept on the time log
        :raises UserError: if a run is not running, or the reason is not a
            downtime (availability or quality) reason
        """
        if loss_id not in (None, False) and (
            isinstance(loss_id, bool) or not isinstance(loss_id, int)
        ):
            raise UserError(
                self.env._(
                    "Give the downtime reason as the id of a loss reason, not "
                    "%(value)r.",
                    value=loss_id,
                )
            )
        description = as_text(
            self.env, description, self.env._("The description"), max_length=1000
        )
        loss = self._get_downtime_loss(loss_id)
        for run in self:
            if run.state != "running":
                raise UserError(self.env._("Run %(run)s is not running.", run=run.name))
        now = fields.Datetime.now()
        self.env["mrp.workcenter.productivity"].create(
            [
                {
                    "workcenter_id": run.workcenter_id.id,
                    "company_id": run.company_id.id,
                    "loss_id": loss.id,
                    "description": description or False,
                    "date_start": now,
                    "optiwise_run_id": run.id,
                    "user_id": self.env.user.id,
                }
                for run in self
            ]
        )
        with self._optiwise_guard_open():
            self.state = "paused"
        return True

    def action_resume(self):
        """Resume paused runs; closes their open downtime.

        :raises UserError: if a run is not paused
        """
        for run in self:
            if run.state != "paused":
                raise UserError(self.env._("Run %(run)s is not paused.", run=run.name))
        self._close_downtime()
        with self._optiwise_guard_open():
            self.state = "running"
        return True

    def action_stop(self):
        """Stop running or paused runs for good.

        :raises UserError: if a run is a draft or already done
        """
        for run in self:
            if run.state not in ("running", "paused"):
                raise UserError(
                    self.env._("Run %(run)s is not under way.", run=run.name)
                )
        self._close_downtime()
        with self._optiwise_guard_open():
            self.write({"state": "done", "date_stop": fields.Datetime.now()})
        return True

    @api.readonly
    def get_oee(self) -> dict:
        """Optiwise OEE of one run, from its start to its stop (or now).

        The work center's OEE computation (``mrp.workcenter.get_oee``) over
        the run's time, counting the run's own output: planned production
        time is the run's elapsed time in which the line had a job, stops
        the line's time logs by bucket, the ideal cycle time 60 / standard
        rate minutes per unit.

        :return: dict, see ``optiwise_batch.oee.compute_oee``, plus
            ``total_count`` and ``good_count``
        :raises UserError: if the run has not started
        """
        single(self, "get_oee")
        self.check_access("read")
        if not self.date_start:
            raise UserError(self.env._("Run %(run)s has not started.", run=self.name))
        end = self.date_stop or fields.Datetime.now()
        planned = (end - self.date_start).total_seconds() / 60
        [figures] = self.env["mrp.workcenter"]._optiwise_get_oee_figures(
            [OeeSlot(self.workcenter_id, self.date_start, end, planned, run=self)]
        )
        return figures

    def _get_downtime_loss(self, loss_id):
        loss = (
            self.env["mrp.workcenter.productivity.loss"].browse(loss_id).exists()
            if loss_id
            else self.env.ref("mrp.block_reason1")
        )
        if not loss or loss.loss_type not in ("availability", "quality"):
            raise UserError(
                self.env._(
                    "Give a downtime reason: a loss reason of the availability "
                    "or quality category (Manufacturing > Configuration)."
                )
            )
        return loss

    def _close_downtime(self):
        open_logs = self.productivity_ids.filtered(lambda log: not log.date_end)
        open_logs.date_end = fields.Datetime.now()
