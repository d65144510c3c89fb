# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A plan the finite-capacity planner proposed, beside the current one."""

import logging
import time

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .. import planning
from ..arguments import as_records

_logger = logging.getLogger(__name__)

# a safety net on the planner's time, whose budget is counted in work (the
# same plan on a busy server): a 200-order week takes about 6 s, a week of up
# to 20 orders, taken on by CP-SAT, about 30 s
PLAN_SECONDS = 60.0


class OptiwisePlanningProposal(models.Model):
    _name = "optiwise.planning.proposal"
    _inherit = ["mail.thread"]
    _description = "Planning Proposal"
    _order = "create_date desc, id desc"
    # read-only for every group (a figure or date typed in would be applied
    # as planned): the planner creates proposals and the actions move their
    # state, under sudo, once the caller's right is checked; who may read
    # one may comment on it
    _mail_post_access = "read"

    name = fields.Char(required=True, readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda s: s.env.company
    )
    user_id = fields.Many2one(
        "res.users", string="Planned by", readonly=True, default=lambda s: s.env.user
    )
    state = fields.Selection(
        [("draft", "Proposed"), ("applied", "Applied"), ("discarded", "Discarded")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    origin = fields.Datetime(string="Planned From", required=True, readonly=True)
    workcenter_ids = fields.Many2many("mrp.workcenter", string="Work Centers")
    line_ids = fields.One2many(
        "optiwise.planning.proposal.line", "proposal_id", readonly=True
    )
    seconds = fields.Float(string="Planning Time (s)", readonly=True, digits=(16, 2))
    current_changeover_minutes = fields.Float(
        string="Changeovers Now (min)", readonly=True, digits=(16, 0)
    )
    changeover_minutes = fields.Float(
        string="Changeovers (min)", readonly=True, digits=(16, 0)
    )
    current_late_count = fields.Integer(string="Late Now", readonly=True)
    late_count = fields.Integer(string="Late", readonly=True)
    current_lateness_hours = fields.Float(
        string="Lateness Now (h)", readonly=True, digits=(16, 1)
    )
    lateness_hours = fields.Float(string="Lateness (h)", readonly=True, digits=(16, 1))
    current_makespan_hours = fields.Float(
        string="Last End Now (h)", readonly=True, digits=(16, 1)
    )
    makespan_hours = fields.Float(string="Last End (h)", readonly=True, digits=(16, 1))
    moved_count = fields.Integer(
        string="Work Orders Moved", compute="_compute_moved_count"
    )

    @api.depends("line_ids.moved")
    def _compute_moved_count(self):
        for proposal in self:
            proposal.moved_count = len(proposal.line_ids.filtered("moved"))

    @api.model
    def create_plan(self, workcenter_ids: list[int] | None = None) -> int:
        """Plan the work orders still to do with finite capacity: weighted
        lateness first, then changeover minutes; a proposal to compare with
        the current plan and apply.

        :param list workcenter_ids: work centers to plan (with the
            alternatives of their work orders); default every work center
            with work orders to do. Only the current company's work orders
            are planned (the proposal is that company's)
        :return: the id of the new proposal
        :raises AccessError: if the user is not a production manager
        :raises UserError: on ids that are not a list of work centers, or
            when there is nothing to plan
        """
        self._optiwise_check_planner()
        workcenters = self.env["mrp.workcenter"]
        if workcenter_ids not in (None, False):
            workcenters = as_records(
                self.env, "mrp.workcenter", workcenter_ids, self.env._("Work centers")
            )
        began = time.monotonic()
        # a proposal is the current company's (its company_id): it plans that
        # company's work orders only, whatever other companies the user has
        # selected (their work would show in another company's proposal)
        service = self.env["optiwise.planning"].with_context(
            allowed_company_ids=[self.env.company.id]
        )
        data = service._optiwise_problem(workcenters.with_env(service.env))
        if not data["workorders"]:
            raise UserError(
                self.env._(
                    "There is no work order to plan: confirm manufacturing orders "
                    "first."
                )
            )
        problem = data["problem"]
        # the current plan as it would run: nothing earlier than planned
        current = planning.decode(service._optiwise_as_planned(data), data["initial"])
        proposed = planning.plan(
            problem, time_limit=PLAN_SECONDS, initial=data["initial"]
        )
        if current is not None and current.key < proposed.key:
            # the plan as it stands is better than any the planner found
            # from now (the planner's first plan is the current order run
            # as soon as possible, not at its planned times)
            proposed = current
        # sudo: proposals are read-only for every group; the caller is a
        # production manager (checked above) and every value comes from the
        # planner, company and planner set to the caller's
        proposal = self.sudo().create(
            self._optiwise_prepare_proposal_vals(data, current, proposed, workcenters)
        )
        _logger.info(
            "planning proposal %s: %d work orders on %d work centers, %.2f s",
            proposal.id,
            len(data["workorders"]),
            len(data["machines"]),
            time.monotonic() - began,
        )
        return proposal.id

    def action_apply(self):
        """Write the proposal's dates and work centers on its work orders
        (core's slots), the changeovers reserved before them; the
        manufacturing orders' dates follow, and with them dispatch's expected
        dates and the tower."""
        self._optiwise_check_planner()
        for proposal in self:
            if proposal.state != "draft":
                raise UserError(
                    self.env._(
                        "%(name)s is %(state)s: only a proposal may be applied.",
                        name=proposal.name,
                        state=dict(self._fields["state"].selection)[proposal.state],
                    )
                )
            proposal._optiwise_check_current()
            self.env["optiwise.planning"]._optiwise_write_slots(
                [
                    (
                        line.workorder_id,
                        line.workcenter_id,
                        line.changeover_start,
                        line.changeover_end,
                        line.date_start,
                        line.date_finished,
                    )
                    for line in proposal.line_ids
                ]
            )
            # sudo: read-only model, the manager's right checked above
            proposal.sudo().state = "applied"
            proposal.message_post(
                body=self.env._(
                    "Applied: %(moved)s work orders moved; changeovers %(before)s → "
                    "%(after)s min, late %(late_before)s → %(late_after)s.",
                    moved=proposal.moved_count,
                    before=round(proposal.current_changeover_minutes),
                    after=round(proposal.changeover_minutes),
                    late_before=proposal.current_late_count,
                    late_after=proposal.late_count,
                )
            )
        return True

    def action_discard(self):
        """Drop the proposal; the current plan stays as it is."""
        self._optiwise_check_planner()
        for proposal in self.filtered(lambda p: p.state == "draft"):
            # sudo: read-only model, the manager's right checked above
            proposal.sudo().state = "discarded"
        return True

    def _optiwise_check_current(self):
        """The work orders are still where the proposal found them."""
        changed = self.line_ids.filtered(
            lambda line: (
                line.workorder_id.state not in ("blocked", "ready")
                or line.workorder_id.workcenter_id != line.current_workcenter_id
                or line.workorder_id.date_start != line.current_date_start
            )
        )
        if changed:
            raise UserError(
                self.env._(
                    "%(names)s changed since this plan was made: plan again.",
                    names=", ".join(changed.workorder_id.mapped("display_name")),
                )
            )

    @api.model
    def _optiwise_check_planner(self):
        if not self.env.user.has_group("optiwise_batch.group_manager"):
            raise AccessError(
                self.env._("Only production managers may plan and apply plans.")
            )

    @api.model
    def _optiwise_prepare_proposal_vals(self, data, current, proposed, workcenters):
        """The proposal's values: its figures beside the current plan's, and a
        line per work order."""
        origin = data["origin"]
        service = self.env["optiwise.planning"]
        lines = []
        for k, wo in enumerate(data["workorders"]):
            slot, before = proposed.slots[k], current.slots[k]
            machine = data["machines"][slot.machine]
            calendar = data["problem"].machines[slot.machine].calendar
            lines.append(
                {
                    "workorder_id": wo.id,
                    "workcenter_id": machine.id,
                    "current_workcenter_id": wo.workcenter_id.id,
                    "changeover_minutes": slot.changeover,
                    "changeover_start": service._optiwise_moment(
                        origin, slot.setup_start
                    ),
                    "changeover_end": service._optiwise_moment(
                        origin, calendar.add(slot.setup_start, slot.changeover)
                    ),
                    "date_start": service._optiwise_moment(origin, slot.start),
                    "date_finished": service._optiwise_moment(origin, slot.end),
                    "current_date_start": wo.date_start,
                    "current_date_finished": wo.date_finished,
                    "expected_start": service._optiwise_moment(origin, before.start),
                    "due_date": data["due"][k],
                    "lateness_minutes": slot.lateness,
                    "current_lateness_minutes": before.lateness,
                    "sequence": k,
                }
            )
        return {
            "name": self.env._(
                "Plan of %(date)s", date=fields.Datetime.to_string(origin)[:16]
            ),
            "company_id": self.env.company.id,
            "user_id": self.env.user.id,
            "origin": origin,
            "workcenter_ids": [fields.Command.set(workcenters.ids)],
            "seconds": proposed.seconds,
            "current_changeover_minutes": current.changeover_minutes,
            "changeover_minutes": proposed.changeover_minutes,
            "current_late_count": current.late_count,
            "late_count": proposed.late_count,
            "current_lateness_hours": current.lateness / 60,
            "lateness_hours": proposed.lateness / 60,
            "current_makespan_hours": current.makespan / 60,
            "makespan_hours": proposed.makespan / 60,
            "line_ids": [fields.Command.create(vals) for vals in lines],
        }


class OptiwisePlanningProposalLine(models.Model):
    _name = "optiwise.planning.proposal.line"
    _description = "Planning Proposal Line"
    _order = "proposal_id, workcenter_id, date_start, id"

    proposal_id = fields.Many2one(
        "optiwise.planning.proposal", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="proposal_id.company_id", store=True)
    sequence = fields.Integer()
    workorder_id = fields.Many2one("mrp.workorder", required=True, ondelete="cascade")
    production_id = fields.Many2one(related="workorder_id.production_id")
    product_id = fields.Many2one(related="workorder_id.product_id")
    workcenter_id = fields.Many2one("mrp.workcenter", string="Work Center")
    current_workcenter_id = fields.Many2one("mrp.workcenter", string="Work Center Now")
    changeover_minutes = fields.Float(string="Changeover (min)", digits=(16, 0))
    changeover_start = fields.Datetime()
    changeover_end = fields.Datetime()
    date_start = fields.Datetime(string="Start")
    date_finished = fields.Datetime(string="End")
    current_date_start = fields.Datetime(string="Planned Start Now")
    current_date_finished = fields.Datetime(string="Planned End Now")
    expected_start = fields.Datetime(
        string="Start as It Runs Now",
        help="When the work order would start in the current order, the "
        "changeovers and waits for batches made as they come.",
    )
    due_date = fields.Datetime(string="Due")
    lateness_minutes = fields.Float(string="Late (min)", digits=(16, 0))
    current_lateness_minutes = fields.Float(string="Late Now (min)", digits=(16, 0))
    late = fields.Boolean(compute="_compute_flags")
    moved = fields.Boolean(compute="_compute_flags")

    @api.depends(
        "lateness_minutes", "workcenter_id", "current_workcenter_id", "date_start"
    )
    def _compute_flags(self):
        for line in self:
            line.late = line.lateness_minutes > 0
            line.moved = (
                line.workcenter_id != line.current_workcenter_id
                or line.date_start != line.current_date_start
            )
