# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import datetime, time, timedelta

import pytz
from psycopg2.errors import UniqueViolation

from odoo import api, fields, models, modules
from odoo.exceptions import AccessError, ConcurrencyError, UserError
from odoo.tools import SQL

from ..arguments import as_datetime, as_quantity, as_text, single
from ..batching.lot_names import AI10_MAX_LENGTH, ai10_problem, compact_run_name
from ..oee import compute_oee
from .optiwise_changeover import GateJob

# the advisory locks of runs (pg_advisory_lock's first key): "OWRN"
RUN_LOCK_SPACE = 0x4F57524E


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
                GateJob(run, run.workcenter_id, run.product_id, "to_run_id")
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

    def record_output(
        self,
        qty_good: float,
        qty_scrap: float = 0.0,
        lot_name: str | None = None,
        external_ref: str | None = None,
        at: str | None = None,
        source: str = "rpc",
    ) -> int:
        """Declare output of a running run and post it to stock.

        The declaration produces ``qty_good + qty_scrap`` through a
        manufacturing order of the run (components consumed per the BoM, the
        finished quantity into the lot), then scraps ``qty_scrap`` of it.

        :param float qty_good: good units (>= 0)
        :param float qty_scrap: scrapped units (>= 0); the sum must be > 0
        :param str lot_name: lot of the output; default: the run's lot policy
        :param str external_ref: the caller's id of this declaration; a second
            call with the same reference on the same run returns the first
            declaration and posts nothing
        :param str at: when the output was made (``YYYY-MM-DD HH:MM:SS``,
            UTC); default now; must lie within the run
        :param str source: who declares: ``rpc`` (an integration, default),
            ``manual`` (the declaration form) or ``barcode`` (a scanner)
        :return: id of the ``optiwise.run.output``
        :raises UserError: if the run is not running, a quantity is negative or
            not finite, the lot belongs to another product, ``at`` lies
            outside the run, or the source is unknown
        """
        single(self, "record_output")
        self.check_access("write")
        kwargs = {
            "lot_name": lot_name,
            "external_ref": external_ref,
            "at": at,
            "source": source,
        }
        if self._optiwise_post_in_turn():
            return self._optiwise_record_output_in_turn(qty_good, qty_scrap, **kwargs)
        return self._record_output(qty_good, qty_scrap, **kwargs).id

    def _optiwise_post_in_turn(self):
        """Whether a declaration posted at once waits its turn on the run
        (a served database; not while modules load nor in Odoo's own test
        runner, whose transaction a second connection could not see)."""
        return self.env.registry.ready and not modules.module.current_test

    def _optiwise_record_output_in_turn(self, qty_good, qty_scrap, **kwargs):
        """Declare and post in the run's turn: the callers of one run wait for
        each other instead of failing.

        At REPEATABLE READ a transaction reads as of its first statement, so a
        lock taken inside the caller's transaction would be granted with a
        stale view of the quants its predecessor just changed, and the
        posting would fail with a serialization error (224 of 1,000 calls
        from 20 scanners did, after Odoo's retries). So the declaration is
        made on a connection of its own: it takes the run's advisory lock
        (session-level), ends that first transaction, and declares and posts
        in a new one that sees everything committed before its turn; the lock
        is released once it has committed. The declaration is idempotent by
        ``external_ref`` as ever (a repeat, in its turn, finds the first).
        """
        self.ensure_one()
        key = SQL("pg_advisory_lock(%s, %s)", RUN_LOCK_SPACE, self.id)
        unlock = SQL("SELECT pg_advisory_unlock(%s, %s)", RUN_LOCK_SPACE, self.id)
        # a cursor of its own (never the caller's, which is never committed
        # here): its commits end the waiting transaction and store the turn's
        # work; Odoo's own cron jobs commit their cursors the same way
        with self.env.registry.cursor() as turn_cr:
            turn_cr.execute(SQL("SELECT %s", key))
            try:
                # the first transaction only waited: a fresh one reads all
                # that was committed before this turn
                turn_cr.commit()
                run = self.with_env(self.env(cr=turn_cr))
                output_id = run._record_output(qty_good, qty_scrap, **kwargs).id
                turn_cr.commit()
                return output_id
            finally:
                turn_cr.rollback()
                turn_cr.execute(unlock)
                turn_cr.commit()

    def _record_output(
        self,
        qty_good,
        qty_scrap=0.0,
        lot_name=None,
        external_ref=None,
        at=None,
        source="rpc",
        post=True,
    ):
        """The one path of an output declaration: check it, record it, post it
        (or, with ``post=False``, leave it accepted for the posting job).

        Safe to re-run: a known ``external_ref`` returns the declaration
        already made. The caller has checked the user's right to the run.

        :return: the ``optiwise.run.output``, posted
        """
        self.ensure_one()
        Output = self.env["optiwise.run.output"]
        external_ref = as_text(
            self.env, external_ref, self.env._("The external reference")
        )
        if external_ref:
            known = Output.search(
                [("run_id", "=", self.id), ("external_ref", "=", external_ref)],
                limit=1,
            )
            if known:
                return known
        vals = self._prepare_output_vals(
            qty_good, qty_scrap, lot_name, external_ref, at, source
        )
        # what the posting would refuse, refused now: an accepted declaration
        # is one the posting job posts
        self._optiwise_check_postable(vals["qty_good"] + vals["qty_scrap"])
        try:
            with self.env.cr.savepoint():
                # sudo: declarations are created only here, after the caller's
                # right to write the run was checked and the values were
                # validated; users may read declarations, never create or edit
                # them (no unposted or hand-made declaration can exist). The
                # posting runs as the user.
                output = (
                    Output.sudo()
                    .create(dict(vals, state="posted" if post else "accepted"))
                    .sudo(False)
                )
        except UniqueViolation as exc:
            if not external_ref:
                raise
            # the same declaration, sent again at the same time, committed
            # first: have the request retried, which then finds and returns it
            raise ConcurrencyError(
                self.env._(
                    "Declaration %(ref)s of run %(run)s is being posted by a "
                    "concurrent call: send it again in a moment to get its id.",
                    ref=external_ref,
                    run=self.name,
                )
            ) from exc
        if post:
            output._post()
        else:
            self.env.ref("optiwise_batch.optiwise_run_output_post_cron")._trigger()
        return output

    def declare_output(
        self,
        qty_good: float,
        qty_scrap: float = 0.0,
        lot_name: str | None = None,
        external_ref: str | None = None,
        at: str | None = None,
        source: str = "barcode",
    ) -> dict:
        """Declare output and be acknowledged at once: the declaration is
        checked and stored now (state ``accepted``) and posted to stock by
        the background job within seconds (state ``posted``, or ``failed``
        with the reason). For scanners and line controllers that declare
        every case; ``record_output`` posts before it answers.

        Same checks as :meth:`record_output`; a repeated ``external_ref``
        returns the first declaration.

        :param float qty_good: good units (>= 0)
        :param float qty_scrap: scrapped units (>= 0); the sum must be > 0
        :param str lot_name: lot of the output; default: the run's lot policy
        :param str external_ref: the caller's id of this declaration (a
            scanner's or PLC's): sent again, it returns the first declaration
            and stores nothing
        :param str at: when the output was made (``YYYY-MM-DD HH:MM:SS``,
            UTC); default now; must lie within the run
        :param str source: who declares: ``barcode`` (a scanner, default),
            ``rpc`` (an integration) or ``manual``
        :return: dict ``{"id": int, "state": "accepted"|"posted"|"failed"}``
        :raises UserError: if the run is not running, a quantity is negative or
            not finite, the lot belongs to another product, ``at`` lies
            outside the run, or the source is unknown
        :raises AccessError: if the user may not write runs
        """
        single(self, "declare_output")
        self.check_access("write")
        output = self._record_output(
            qty_good,
            qty_scrap,
            lot_name=lot_name,
            external_ref=external_ref,
            at=at,
            source=source,
            post=False,
        )
        return {"id": output.id, "state": output.state}

    @api.readonly
    def get_oee(self) -> dict:
        """Optiwise OEE of one run, from its start to its stop (or now).

        Planned production time is the run's elapsed time; stops are its own
        time logs by bucket (see ``mrp.workcenter.get_oee``); the ideal cycle
        time is 60 / standard rate minutes per unit.

        :return: dict, see ``optiwise_batch.oee.compute_oee``, plus
            ``total_count`` and ``good_count``
        :raises UserError: if the run has not started
        """
        single(self, "get_oee")
        self.check_access("read")
        if not self.date_start:
            raise UserError(self.env._("Run %(run)s has not started.", run=self.name))
        end = self.date_stop or fields.Datetime.now()
        stops = self.workcenter_id._get_oee_stops(self.date_start, end)
        planned = (end - self.date_start).total_seconds() / 60
        good = self.produced_qty
        total = good + self.scrap_qty
        figures = compute_oee(
            planned, stops, total * 60.0 / self.standard_rate, total, good
        )
        figures.update(total_count=total, good_count=good)
        return figures

    def _prepare_output_vals(
        self, qty_good, qty_scrap, lot_name, external_ref, at, source
    ):
        """Check a declaration and return the values of its output record."""
        self.ensure_one()
        _ = self.env._
        sources = dict(self.env["optiwise.run.output"]._fields["source"].selection)
        if not isinstance(source, str) or source not in sources:
            raise UserError(
                _(
                    "Unknown source %(given)r: give one of %(sources)s.",
                    given=source,
                    sources=", ".join(sources),
                )
            )
        if self.state != "running":
            raise UserError(
                _(
                    "Run %(run)s is %(state)s: output can only be declared "
                    "while it runs.",
                    run=self.name,
                    state=self.state,
                )
            )
        good = as_quantity(self.env, qty_good, _("The good quantity"))
        scrap = as_quantity(
            self.env,
            0.0 if qty_scrap is None or qty_scrap is False else qty_scrap,
            _("The scrap quantity"),
        )
        if good + scrap <= 0:
            raise UserError(
                _(
                    "Declare a positive quantity: good %(good)s and scrap "
                    "%(scrap)s may not be negative, and not both zero.",
                    good=good,
                    scrap=scrap,
                )
            )
        lot_name = as_text(self.env, lot_name, _("The lot name"))
        external_ref = as_text(self.env, external_ref, _("The external reference"))
        at = as_datetime(self.env, at, _("The time of the output"))
        when = at or fields.Datetime.now()
        if when < self.date_start or when > fields.Datetime.now() + timedelta(
            minutes=5
        ):
            raise UserError(
                _(
                    "%(at)s lies outside run %(run)s, which started %(start)s.",
                    at=when,
                    run=self.name,
                    start=self.date_start,
                )
            )
        lot = self._get_output_lot(lot_name, when)
        return {
            "run_id": self.id,
            "date": when,
            "qty_good": good,
            "qty_scrap": scrap,
            "lot_id": lot.id,
            "external_ref": external_ref or False,
            "source": source,
            "user_id": self.env.user.id,
        }

    def _optiwise_check_postable(self, qty):
        """Refuse a declaration of ``qty`` that its posting would refuse: a
        lot-tracked component without enough lots in stock to consume (with
        the declarations accepted and not posted yet of this run counted
        first).

        :raises UserError: naming the component, what is needed and what is
            there
        """
        self.ensure_one()
        bom = self.bom_id
        # only lot-tracked components can be missing at posting (the others
        # are consumed as planned, stock or not): most runs stop here
        if not bom or not self._optiwise_bom_has_tracked_components(bom):
            return
        [(good, scrap)] = self.env["optiwise.run.output"]._read_group(
            [("run_id", "=", self.id), ("state", "=", "accepted")],
            aggregates=["qty_good:sum", "qty_scrap:sum"],
        )
        total = qty + (good or 0.0) + (scrap or 0.0)
        picking_type = self._optiwise_posting_picking_type()
        location = picking_type.default_location_src_id
        if not location:
            return
        factor = self.product_id.uom_id._compute_quantity(total, bom.product_uom_id) / (
            bom.product_qty or 1.0
        )
        _boms, lines = bom.explode(self.product_id, factor)
        Quant = self.env["stock.quant"]
        for line, data in lines:
            component = line.product_id
            if component.tracking == "none" or not component.is_storable:
                continue
            needed = line.product_uom_id._compute_quantity(
                data["qty"], component.uom_id
            )
            available = self._optiwise_component_available(
                Quant, component, location, picking_type
            )
            if component.uom_id.compare(available, needed) < 0:
                raise UserError(
                    self.env._(
                        "Run %(run)s cannot post this declaration: it consumes "
                        "%(needed)s %(uom)s of %(component)s, and %(location)s "
                        "has %(available)s %(uom)s that may be consumed%(more)s. "
                        "Bring lots of %(component)s to the line first.",
                        run=self.name,
                        needed=f"{needed:g}",
                        uom=component.uom_id.name,
                        component=component.display_name,
                        location=location.display_name,
                        available=f"{available:g}",
                        more=self._optiwise_unavailable_note(component, location),
                    )
                )

    @api.model
    def _optiwise_bom_has_tracked_components(self, bom):
        """Whether ``bom`` consumes a lot-tracked storable product, directly
        or through a kit (one query: a scanner's declaration is a hot path)."""
        for model, names in (
            ("mrp.bom.line", ["bom_id", "product_id"]),
            ("product.template", ["tracking", "is_storable"]),
            ("mrp.bom", ["type", "product_tmpl_id", "active"]),
        ):
            self.env[model].flush_model(names)
        rows = self.env.execute_query(
            SQL(
                """
                SELECT 1
                  FROM mrp_bom_line line
                  JOIN product_product product ON product.id = line.product_id
                  JOIN product_template template
                    ON template.id = product.product_tmpl_id
                 WHERE line.bom_id = %(bom)s
                   AND ((template.tracking != 'none' AND template.is_storable)
                        OR EXISTS (
                            SELECT 1 FROM mrp_bom kit
                             WHERE kit.product_tmpl_id = template.id
                               AND kit.type = 'phantom' AND kit.active))
                 LIMIT 1
                """,
                bom=bom.id,
            )
        )
        return bool(rows)

    def _optiwise_posting_picking_type(self):
        """The manufacturing operation type the posting's orders use."""
        self.ensure_one()
        return self.bom_id.picking_type_id or self.env["stock.picking.type"].search(
            [
                ("code", "=", "mrp_operation"),
                ("company_id", "=", self.company_id.id),
            ],
            limit=1,
        )

    def _optiwise_component_available(self, Quant, component, location, picking_type):
        """What of ``component`` a posting may consume at ``location``
        (extension point: quality counts released lots only)."""
        # sudo: a count of stock for the check, nothing read is returned
        return Quant.sudo()._get_available_quantity(component, location)

    def _optiwise_unavailable_note(self, component, location):
        """What else the check's message says of the component (extension
        point: quality names the lots on hold)."""
        return ""

    def _get_output_lot(self, lot_name, when):
        """The lot a declaration goes into: given by name, or from the policy."""
        Lot = self.env["stock.lot"]
        if not lot_name:
            lot_name = self._policy_lot_name(when)
        lot = Lot.search(
            [("product_id", "=", self.product_id.id), ("name", "=", lot_name)],
            limit=1,
        )
        if lot:
            return lot
        other = Lot.search([("name", "=", lot_name)], limit=1)
        if other:
            raise UserError(
                self.env._(
                    "Lot %(lot)s belongs to %(product)s, not to %(run_product)s "
                    "made by run %(run)s.",
                    lot=lot_name,
                    product=other.product_id.display_name,
                    run_product=self.product_id.display_name,
                    run=self.name,
                )
            )
        return Lot.create(
            {
                "name": lot_name,
                "product_id": self.product_id.id,
                "company_id": self.company_id.id,
            }
        )

    def _policy_lot_name(self, when):
        """Lot name the lot policy gives to output made at ``when`` (UTC).

        Every name fits GS1 AI (10) (at most 20 characters): one lot per run
        is the run's name (``RUN-2612-006``); per day and per shift, the
        run's name without separators, the local date and the shift counted
        from 1 (``RUN2612006-1206``, ``RUN2612006-1206-1``).

        :raises UserError: if the run's name is too long to make such a name
            (a lot name must then be given)
        """
        self.ensure_one()
        calendar = self.workcenter_id.resource_calendar_id
        tz = pytz.timezone(calendar.tz or self.env.user.tz or "UTC")
        local = pytz.utc.localize(when).astimezone(tz)
        if self.lot_policy == "run":
            name = self.name.replace("/", "-")
            if len(name) > AI10_MAX_LENGTH:
                name = compact_run_name(self.name)
        elif self.lot_policy == "day":
            name = f"{compact_run_name(self.name)}-{local:%m%d}"
        else:
            name = (
                f"{compact_run_name(self.name)}-{local:%m%d}-{self._shift_index(local)}"
            )
        problem = ai10_problem(name)
        if problem:
            raise UserError(
                self.env._(
                    "Run %(run)s cannot name its lot %(lot)s: %(problem)s. Give "
                    "the lot name with the declaration, or rename the run's "
                    "sequence to a shorter prefix.",
                    run=self.name,
                    lot=name,
                    problem=problem,
                )
            )
        return name

    def _shift_index(self, local):
        """1-based index of the calendar attendance (shift) ``local`` falls in.

        Output after a shift's end, before the next one starts, belongs to the
        shift that ran over (overtime); output before the day's first shift
        to the first one; a day without shifts has one, 1.
        """
        calendar = self.workcenter_id.resource_calendar_id
        hour = local.hour + local.minute / 60
        shifts = calendar.attendance_ids.filtered(
            lambda a: a.dayofweek == str(local.weekday()) and a.day_period != "lunch"
        ).sorted("hour_from")
        index = 1
        for number, shift in enumerate(shifts, start=1):
            if shift.hour_from <= hour:
                index = number
        return index

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
