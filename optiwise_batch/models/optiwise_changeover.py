# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from collections import namedtuple

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

GateJob = namedtuple("GateJob", "record workcenter product link")
GateJob.__doc__ = """A job about to start on a work center: ``record`` (a work order
or a run), its ``workcenter`` and ``product``, and ``link``, the changeover
field that points at it (``to_workorder_id`` or ``to_run_id``)."""


# who sees what a changeover costs: production managers (cost roles are added
# by optiwise_costing, whose controllers and users imply nothing here)
COST_GROUPS = "optiwise_batch.group_manager"


class OptiwiseChangeover(models.Model):
    _name = "optiwise.changeover"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "optiwise.finite.mixin",
        "optiwise.guarded.mixin",
    ]
    _description = "Changeover"
    _order = "date_start desc, id desc"
    _optiwise_finite_fields = ("planned_minutes",)
    _optiwise_guarded_fields = (
        "state",
        "date_start",
        "date_end",
        "productivity_id",
        "rule_id",
        "from_workorder_id",
        "from_run_id",
    )
    _optiwise_guard_actions = (
        "Use Start, Finish or Cancel (action_start, action_finish, action_cancel)."
    )
    _optiwise_frozen_writable = ("note",)
    # what the changeover is: fixed once its clock runs
    _optiwise_started_locked = (
        "company_id",
        "workcenter_id",
        "from_product_id",
        "to_product_id",
        "to_workorder_id",
        "to_run_id",
        "planned_minutes",
        "rule_cost",
    )
    _check_company_auto = True

    name = fields.Char(
        required=True, copy=False, readonly=True, default=lambda s: s.env._("New")
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda s: s.env.company, index=True
    )
    workcenter_id = fields.Many2one(
        "mrp.workcenter",
        string="Work Center",
        required=True,
        check_company=True,
        index=True,
        tracking=True,
    )
    from_product_id = fields.Many2one(
        "product.product", check_company=True, tracking=True
    )
    to_product_id = fields.Many2one(
        "product.product",
        required=True,
        check_company=True,
        tracking=True,
    )
    from_family_id = fields.Many2one(
        related="from_product_id.optiwise_changeover_family_id",
        string="From Family",
        store=True,
    )
    to_family_id = fields.Many2one(
        related="to_product_id.optiwise_changeover_family_id",
        string="To Family",
        store=True,
    )
    transition = fields.Char(compute="_compute_transition", store=True)
    from_workorder_id = fields.Many2one(
        "mrp.workorder", string="From Work Order", index="btree_not_null"
    )
    from_run_id = fields.Many2one("optiwise.production.run", index="btree_not_null")
    to_workorder_id = fields.Many2one(
        "mrp.workorder",
        index="btree_not_null",
        tracking=True,
    )
    to_run_id = fields.Many2one(
        "optiwise.production.run",
        index="btree_not_null",
        tracking=True,
    )
    to_production_id = fields.Many2one(
        "mrp.production",
        string="Next Batch",
        compute="_compute_to_production_id",
        store=True,
        index="btree_not_null",
    )
    rule_id = fields.Many2one("optiwise.changeover.rule", readonly=True)
    planned_minutes = fields.Float(string="Planned (min)", tracking=True)
    rule_cost = fields.Monetary(
        string="Fixed Cost",
        compute="_compute_rule_cost",
        store=True,
        readonly=False,
        groups=COST_GROUPS,
        help="The rule's fixed cost of one changeover, as it was when the "
        "changeover was logged.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_start = fields.Datetime(string="Started", readonly=True, copy=False)
    date_end = fields.Datetime(string="Finished", readonly=True, copy=False)
    actual_minutes = fields.Float(
        string="Actual (min)", compute="_compute_actual", store=True, aggregator="sum"
    )
    variance_minutes = fields.Float(
        string="Variance (min)",
        compute="_compute_actual",
        store=True,
        aggregator="sum",
        help="Actual less planned minutes: positive when the changeover took longer.",
    )
    actual_hours = fields.Float(compute="_compute_actual", store=True)
    actual_cost = fields.Monetary(
        compute="_compute_actual",
        store=True,
        groups=COST_GROUPS,
        help="Fixed cost plus the actual time at the work center's cost per hour.",
    )
    planned_cost = fields.Monetary(
        compute="_compute_actual", store=True, groups=COST_GROUPS
    )
    state = fields.Selection(
        [
            ("draft", "To Do"),
            ("running", "In Progress"),
            ("done", "Done"),
            ("cancel", "Cancelled"),
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
    user_id = fields.Many2one(
        "res.users", string="Operator", default=lambda s: s.env.user, tracking=True
    )
    note = fields.Text(string="Notes")
    check_ids = fields.One2many(
        "optiwise.changeover.check", "changeover_id", string="Checklist", copy=True
    )
    open_check_count = fields.Integer(
        compute="_compute_open_check_count", string="Open Mandatory Checks"
    )
    productivity_id = fields.Many2one(
        "mrp.workcenter.productivity", string="Time Log", readonly=True, copy=False
    )

    _check_planned = models.Constraint(
        "CHECK(planned_minutes >= 0)", "Planned changeover minutes may not be negative."
    )
    _check_dates = models.Constraint(
        "CHECK(date_end IS NULL OR date_end >= date_start)",
        "A changeover cannot finish before it starts.",
    )

    @api.depends("from_product_id", "to_product_id")
    def _compute_transition(self):
        for changeover in self:
            source = changeover.from_product_id.display_name or self.env._("Nothing")
            changeover.transition = (
                f"{source} → {changeover.to_product_id.display_name}"
            )

    @api.depends("rule_id")
    def _compute_rule_cost(self):
        # the rule's cost when the changeover is logged: a later change of the
        # rule does not reprice past changeovers (no dependency on its cost)
        for changeover in self:
            changeover.rule_cost = changeover.rule_id.cost

    @api.depends("to_workorder_id")
    def _compute_to_production_id(self):
        for changeover in self:
            changeover.to_production_id = changeover.to_workorder_id.production_id

    @api.depends(
        "date_start",
        "date_end",
        "planned_minutes",
        "rule_cost",
        "workcenter_id.costs_hour",
    )
    def _compute_actual(self):
        for changeover in self:
            minutes = 0.0
            if changeover.date_start and changeover.date_end:
                delta = changeover.date_end - changeover.date_start
                minutes = delta.total_seconds() / 60
            rate = changeover.workcenter_id.costs_hour
            changeover.actual_minutes = minutes
            changeover.actual_hours = minutes / 60
            changeover.variance_minutes = (
                minutes - changeover.planned_minutes if changeover.date_end else 0.0
            )
            changeover.actual_cost = changeover.rule_cost + minutes / 60 * rate
            changeover.planned_cost = (
                changeover.rule_cost + changeover.planned_minutes / 60 * rate
            )

    @api.depends("check_ids.done", "check_ids.mandatory")
    def _compute_open_check_count(self):
        for changeover in self:
            changeover.open_check_count = len(
                changeover.check_ids.filtered(lambda c: c.mandatory and not c.done)
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", self.env._("New")) == self.env._("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "optiwise.changeover"
                ) or self.env._("New")
        changeovers = super().create(vals_list)
        # a changeover entered by hand follows the matrix like one the gate
        # logs: its rule, and the rule's minutes and checklist unless given
        for changeover, vals in zip(changeovers, vals_list, strict=True):
            if "rule_id" not in vals:
                changeover._apply_matrix(
                    minutes="planned_minutes" not in vals,
                    checks="check_ids" not in vals,
                )
        return changeovers

    def _matrix_rule(self):
        """The rule of the matrix this changeover falls under, or empty."""
        self.ensure_one()
        if not (self.workcenter_id and self.to_product_id):
            return self.env["optiwise.changeover.rule"]
        pair = (self.from_product_id, self.to_product_id)
        return self.env["optiwise.changeover.rule"]._resolve(
            self.workcenter_id, [pair]
        )[(pair[0].id, pair[1].id)]

    def _apply_matrix(self, minutes=True, checks=True):
        """Take the matrix's rule and, as asked, its minutes and checklist."""
        self.ensure_one()
        rule = self._matrix_rule()
        if not rule or self.state != "draft":
            return
        vals = {"rule_id": rule.id}
        if minutes:
            vals["planned_minutes"] = rule.duration
        if checks and rule.checklist_id:
            vals["check_ids"] = [
                Command.create(check)
                for check in rule.checklist_id.item_ids._prepare_check_vals()
            ]
        with self._optiwise_guard_open():
            self.write(vals)

    @api.onchange("workcenter_id", "from_product_id", "to_product_id")
    def _onchange_matrix(self):
        """On the form: the matrix's minutes and checklist for the pair."""
        if self.state != "draft":
            return
        rule = self._matrix_rule()
        self.rule_id = rule
        if rule:
            self.planned_minutes = rule.duration
            self.check_ids = [Command.clear()] + [
                Command.create(check)
                for check in rule.checklist_id.item_ids._prepare_check_vals()
            ]

    def _optiwise_started(self):
        return self.filtered(lambda c: c.state == "running")

    def _optiwise_frozen_records(self):
        return self.filtered(lambda c: c.state in ("done", "cancel"))

    def _optiwise_frozen_message(self, frozen):
        return self.env._(
            "Changeover %(names)s is closed: only its notes can change.",
            names=", ".join(frozen.mapped("name")),
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        started = self.filtered(lambda c: c.state != "draft")
        if started:
            raise UserError(
                self.env._(
                    "Changeover %(names)s has started and is kept for the record; "
                    "cancel it instead.",
                    names=", ".join(started.mapped("name")),
                )
            )

    def action_start(self):
        """Start changeovers that are to do: the clock and a setup time log run.

        :raises UserError: if a changeover is not to do
        """
        self.check_access("write")
        for changeover in self:
            if changeover.state != "draft":
                raise UserError(
                    self.env._(
                        "Changeover %(name)s is %(state)s, not to do.",
                        name=changeover.name,
                        state=changeover._state_label(),
                    )
                )
        self._start(fields.Datetime.now())
        return True

    def action_finish(self):
        """Finish changeovers in progress; the next job may then start.

        :raises UserError: if a changeover is not in progress or has mandatory
            checks not ticked (they are named)
        """
        self.check_access("write")
        for changeover in self:
            if changeover.state != "running":
                raise UserError(
                    self.env._(
                        "Changeover %(name)s is %(state)s, not in progress.",
                        name=changeover.name,
                        state=changeover._state_label(),
                    )
                )
        self._check_mandatory_checks()
        now = fields.Datetime.now()
        self.productivity_id.filtered(lambda log: not log.date_end).date_end = now
        with self._optiwise_guard_open():
            self.write({"state": "done", "date_end": now})
        return True

    def action_cancel(self):
        """Cancel changeovers not yet done (e.g. logged by mistake).

        Their time log, if any, is closed; they stay on record.

        :raises UserError: if a changeover is done
        """
        self.check_access("write")
        done = self.filtered(lambda c: c.state == "done")
        if done:
            raise UserError(
                self.env._(
                    "Changeover %(names)s is done and cannot be cancelled.",
                    names=", ".join(done.mapped("name")),
                )
            )
        now = fields.Datetime.now()
        self.productivity_id.filtered(lambda log: not log.date_end).date_end = now
        with self._optiwise_guard_open():
            self.state = "cancel"
        return True

    def _start(self, when):
        """Start the clock: state, start time and an open setup time log."""
        loss = self._get_setup_loss()
        for changeover in self:
            log = self.env["mrp.workcenter.productivity"].create(
                changeover._prepare_productivity_vals(loss, when)
            )
            with self._optiwise_guard_open():
                changeover.write(
                    {
                        "state": "running",
                        "date_start": when,
                        "productivity_id": log.id,
                        "user_id": self.env.user.id,
                    }
                )

    def _check_mandatory_checks(self):
        for changeover in self:
            open_checks = changeover.check_ids.filtered(
                lambda c: c.mandatory and not c.done
            )
            if open_checks:
                raise UserError(
                    self.env._(
                        "Changeover %(name)s on %(workcenter)s (%(transition)s) has "
                        "mandatory checks not ticked: %(checks)s. Tick them on the "
                        "changeover, then continue.",
                        name=changeover.name,
                        workcenter=changeover.workcenter_id.display_name,
                        transition=changeover.transition,
                        checks=", ".join(open_checks.mapped("name")),
                    )
                )

    def _state_label(self):
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _get_setup_loss(self):
        loss = self.env.ref("mrp.block_reason2", raise_if_not_found=False)
        if not loss or not loss.optiwise_is_setup:
            loss = self.env["mrp.workcenter.productivity.loss"].search(
                [("optiwise_is_setup", "=", True), ("loss_type", "=", "availability")],
                limit=1,
            )
        if not loss:
            raise UserError(
                self.env._(
                    "No loss reason is marked Setup / Changeover. Mark one under "
                    "Manufacturing > Configuration > Productivity Losses."
                )
            )
        return loss

    def _prepare_productivity_vals(self, loss, when):
        """Values of the core time log that books this changeover as setup."""
        self.ensure_one()
        return {
            "workcenter_id": self.workcenter_id.id,
            "company_id": self.company_id.id,
            "loss_id": loss.id,
            "description": self.env._(
                "Changeover %(name)s: %(transition)s",
                name=self.name,
                transition=self.transition,
            ),
            "date_start": when,
            "user_id": self.env.user.id,
            "optiwise_changeover_id": self.id,
        }

    def _check_open_for_checks(self):
        closed = self.filtered(lambda c: c.state in ("done", "cancel"))
        if closed:
            raise UserError(
                self.env._(
                    "The checklist of changeover %(names)s is closed with it.",
                    names=", ".join(closed.mapped("name")),
                )
            )

    @api.model
    def _gate_job_start(self, jobs):
        """Changeovers due before ``jobs`` start; which of them must wait.

        A job starting for the first time on a work center whose previous job
        made another product gets a changeover, started now; the job waits for
        it (it is returned). A job whose changeover is in progress may start
        once its mandatory checks are ticked: the changeover then finishes. A
        changeover with neither planned time nor checks is logged done at once.

        :param jobs: list of :class:`GateJob` (record, workcenter, product,
            link: ``to_workorder_id`` or ``to_run_id``)
        :return: the changeovers the jobs now wait for
        :raises UserError: if a changeover in progress has mandatory checks
            not ticked
        """
        if not jobs:
            return self.browse()
        existing = {}
        for link in {job.link for job in jobs}:
            ids = [job.record.id for job in jobs if job.link == link]
            for changeover in self.search(
                [(link, "in", ids), ("state", "!=", "cancel")], order="id"
            ):
                existing[(link, changeover[link].id)] = changeover
        waiting, to_finish, fresh = self.browse(), self.browse(), []
        for job in jobs:
            changeover = existing.get((job.link, job.record.id))
            if not changeover:
                fresh.append(job)
            elif changeover.state == "draft":
                waiting |= changeover
            elif changeover.state == "running":
                to_finish |= changeover
        to_finish._check_mandatory_checks()
        if to_finish:
            to_finish.action_finish()
        if waiting:
            waiting._start(fields.Datetime.now())
        return waiting | self._create_for_jobs(fresh)

    @api.model
    def _create_for_jobs(self, jobs):
        """Create the changeovers ``jobs`` need; return those started."""
        if not jobs:
            return self.browse()
        workcenters = self.env["mrp.workcenter"].union(
            *(job.workcenter for job in jobs)
        )
        last = workcenters._optiwise_get_last_jobs(
            workorders=self.env["mrp.workorder"].union(
                *(job.record for job in jobs if job.link == "to_workorder_id")
            ),
            runs=self.env["optiwise.production.run"].union(
                *(job.record for job in jobs if job.link == "to_run_id")
            ),
        )
        Rule = self.env["optiwise.changeover.rule"]
        vals_list = []
        for job in jobs:
            previous = last.get(job.workcenter.id)
            if not previous or previous["product"] == job.product:
                continue
            rule = Rule._resolve(job.workcenter, [(previous["product"], job.product)])[
                (previous["product"].id, job.product.id)
            ]
            vals_list.append(
                self._prepare_job_changeover_vals(
                    job.record, job.workcenter, job.product, job.link, previous, rule
                )
            )
        now = fields.Datetime.now()
        with self._optiwise_guard_open():
            changeovers = self.create(vals_list)
            instant = changeovers.filtered(
                lambda c: not c.planned_minutes and not c.check_ids
            )
            instant.write({"state": "done", "date_start": now, "date_end": now})
        started = changeovers - instant
        started._start(now)
        return started

    @api.model
    def _prepare_job_changeover_vals(
        self, record, workcenter, product, link, previous, rule
    ):
        """Values of the changeover logged before ``record`` starts."""
        return {
            "company_id": workcenter.company_id.id or self.env.company.id,
            "workcenter_id": workcenter.id,
            "from_product_id": previous["product"].id,
            "to_product_id": product.id,
            "from_workorder_id": previous["workorder"].id,
            "from_run_id": previous["run"].id,
            link: record.id,
            "rule_id": rule.id,
            "planned_minutes": rule.duration,
            "check_ids": [
                Command.create(vals)
                for vals in rule.checklist_id.item_ids._prepare_check_vals()
            ],
        }

    def _action_open(self):
        """Window action showing these changeovers (the form if one)."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "optiwise_batch.optiwise_changeover_action"
        )
        if len(self) == 1:
            action.update(res_id=self.id, views=[(False, "form")], view_mode="form")
        else:
            action["domain"] = [("id", "in", self.ids)]
        return action
