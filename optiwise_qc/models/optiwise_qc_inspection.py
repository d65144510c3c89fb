# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import math
from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from odoo.addons.optiwise_batch.arguments import as_text, single

from .optiwise_qc_point import TRIGGERS
from .stock_lot import INCOMING_TRIGGERS

DECISIONS = [
    ("release", "Release"),
    ("reject", "Reject"),
    ("quarantine", "Quarantine"),
]


class OptiwiseQcInspection(models.Model):
    _name = "optiwise.qc.inspection"
    _inherit = ["mail.thread", "mail.activity.mixin", "optiwise.guarded.mixin"]
    _description = "Quality Inspection"
    _order = "create_date desc, id desc"
    _check_company_auto = True
    # set by the triggers and the actions only: who produced the lot (for
    # segregation of duties), the recording and the decision
    _optiwise_guarded_fields = (
        "trigger",
        "picking_id",
        "production_id",
        "run_id",
        "recall_id",
        "producer_user_id",
        "lead_time_hours",
        "state",
        "inspector_id",
        "date_done",
        "decision",
        "decision_user_id",
        "decision_date",
        "decision_note",
    )
    _optiwise_guard_actions = (
        "Record the tests, then Complete, Release, Reject or Quarantine "
        "(action_complete, action_release, action_reject, action_quarantine); a "
        "quality manager changes a decision with a reason (action_change_decision)."
    )

    name = fields.Char(
        required=True, copy=False, readonly=True, default=lambda s: s.env._("New")
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda s: s.env.company, index=True
    )
    lot_id = fields.Many2one(
        "stock.lot",
        required=True,
        check_company=True,
        index=True,
        tracking=True,
        ondelete="restrict",
    )
    product_id = fields.Many2one(related="lot_id.product_id", store=True, index=True)
    trigger = fields.Selection(
        [*TRIGGERS, ("recall", "Recall"), ("manual", "Manual")],
        string="Source",
        required=True,
        default="manual",
        readonly=True,
        copy=False,
        index=True,
    )
    picking_id = fields.Many2one(
        "stock.picking", string="Transfer", readonly=True, copy=False
    )
    production_id = fields.Many2one(
        "mrp.production", string="Manufacturing Order", readonly=True, copy=False
    )
    run_id = fields.Many2one(
        "optiwise.production.run", string="Continuous Run", readonly=True, copy=False
    )
    recall_id = fields.Many2one("optiwise.recall", readonly=True, copy=False)
    producer_user_id = fields.Many2one(
        "res.users",
        string="Produced By",
        readonly=True,
        copy=False,
        help="Who recorded the production of the lot; with segregation of duties "
        "on, this user may not release it.",
    )
    line_ids = fields.One2many(
        "optiwise.qc.inspection.line", "inspection_id", string="Tests", copy=True
    )
    state = fields.Selection(
        [
            ("todo", "To Do"),
            ("progress", "In Progress"),
            ("passed", "Passed"),
            ("failed", "Failed"),
        ],
        default="todo",
        required=True,
        # kanban columns in the order the work flows, empty ones included
        group_expand=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    inspector_id = fields.Many2one("res.users", readonly=True, tracking=True)
    date_done = fields.Datetime(string="Inspected On", readonly=True, copy=False)
    decision = fields.Selection(
        DECISIONS, readonly=True, copy=False, tracking=True, index=True
    )
    decision_user_id = fields.Many2one(
        "res.users", string="Decided By", readonly=True, copy=False, tracking=True
    )
    decision_date = fields.Datetime(string="Decided On", readonly=True, copy=False)
    decision_note = fields.Text(readonly=True, copy=False)
    lead_time_hours = fields.Float(
        string="QC Lead Time (h)",
        readonly=True,
        help="The longest lead time of its quality points.",
    )
    held_input_note = fields.Char(
        string="Inputs on Hold", related="lot_id.optiwise_held_input_note"
    )
    nonconformance_ids = fields.One2many(
        "optiwise.qc.nonconformance", "inspection_id", string="Non-conformances"
    )
    nonconformance_count = fields.Integer(compute="_compute_nonconformance_count")
    failed_count = fields.Integer(compute="_compute_counts", string="Failed Tests")
    open_count = fields.Integer(compute="_compute_counts", string="Tests Left")

    # one open inspection per lot and trigger; new quantity into a lot whose
    # inspection is decided re-opens quality with a new one
    _unique_open_lot_trigger = models.UniqueIndex(
        "(lot_id, trigger) WHERE decision IS NULL "
        "AND trigger NOT IN ('manual', 'recall')",
        "This lot already has an open inspection for this trigger.",
    )

    @api.depends("nonconformance_ids")
    def _compute_nonconformance_count(self):
        for inspection in self:
            inspection.nonconformance_count = len(inspection.nonconformance_ids)

    @api.depends("line_ids.result", "line_ids.mandatory")
    def _compute_counts(self):
        for inspection in self:
            inspection.failed_count = len(
                inspection.line_ids.filtered(lambda line: line.result == "fail")
            )
            inspection.open_count = len(
                inspection.line_ids.filtered(
                    lambda line: line.mandatory and line.result == "pending"
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", self.env._("New")) == self.env._("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "optiwise.qc.inspection"
                ) or self.env._("New")
        inspections = super().create(vals_list)
        inspections.filtered(
            lambda i: i.trigger == "manual" and not i.line_ids
        )._add_product_points()
        return inspections

    def _add_product_points(self):
        """Tests of a manual inspection: every active point of its product."""
        points = self.env["optiwise.qc.point"].search(
            [("company_id", "in", self.company_id.ids)]
        )
        for inspection in self:
            inspection.line_ids = [
                Command.create(point._prepare_line_vals(1))
                for point in points
                if point._applies_to(inspection.product_id)
            ]

    def write(self, vals):
        if "lot_id" in vals and self.filtered(lambda i: i.state != "todo"):
            raise UserError(
                self.env._("The lot of an inspection under way cannot change.")
            )
        return super().write(vals)

    def _optiwise_frozen_records(self):
        # complete: its results are the record; decided: so is the decision
        return self.filtered(lambda i: i.state in ("passed", "failed") or i.decision)

    def _optiwise_frozen_message(self, frozen):
        return self.env._(
            "Inspection %(names)s is complete: it is kept as recorded. %(how)s",
            names=", ".join(frozen.mapped("name")),
            how=self._optiwise_guard_actions,
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        if self.filtered(lambda i: i.state != "todo" or i.decision):
            raise UserError(
                self.env._(
                    "Inspections that have results or a decision are kept for the "
                    "record."
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_complete(self):
        """Close the recording: passed if no test failed, failed otherwise.

        :raises UserError: if a mandatory test has no result, or the
            inspection is already complete
        :raises AccessError: for users who are not quality inspectors
        """
        self._check_inspector()
        for inspection in self:
            if inspection.state in ("passed", "failed"):
                raise UserError(
                    self.env._(
                        "Inspection %(name)s is already complete.", name=inspection.name
                    )
                )
            missing = inspection.line_ids.filtered(
                lambda line: line.mandatory and line.result == "pending"
            )
            if missing:
                raise UserError(
                    self.env._(
                        "Inspection %(name)s: record %(tests)s before completing it.",
                        name=inspection.name,
                        tests=", ".join(missing.mapped("display_name")),
                    )
                )
            with self._optiwise_guard_open():
                inspection.write(
                    {
                        "state": "failed" if inspection.failed_count else "passed",
                        "inspector_id": self.env.uid,
                        "date_done": fields.Datetime.now(),
                    }
                )
        return True

    def action_release(self, note: str | None = None) -> bool:
        """Release the lots: they may be reserved and shipped.

        A failed inspection, or a lot made from lots on hold (pending,
        quarantined or rejected), can only be released by a quality manager (a
        concession, which the note must explain).

        :param str note: why (required for a concession)
        :raises UserError: if the inspection is not complete, already decided,
            the user recorded the lot's production (segregation of duties), or
            a concession has no note
        """
        self._check_inspector()
        note = as_text(self.env, note, self.env._("The note"), max_length=2000)
        for inspection in self:
            if inspection.state not in ("passed", "failed"):
                raise UserError(
                    self.env._(
                        "Inspection %(name)s is not complete: complete it before "
                        "releasing lot %(lot)s.",
                        name=inspection.name,
                        lot=inspection.lot_id.name,
                    )
                )
            if inspection.state == "failed":
                if not self.env.user.has_group("optiwise_qc.group_manager"):
                    raise AccessError(
                        self.env._(
                            "Inspection %(name)s failed: only a quality manager may "
                            "release lot %(lot)s as a concession.",
                            name=inspection.name,
                            lot=inspection.lot_id.name,
                        )
                    )
                if not (note or "").strip():
                    raise UserError(
                        self.env._("Say why a failed lot is released as a concession.")
                    )
            held = inspection.lot_id.optiwise_held_input_ids
            if held:
                if not self.env.user.has_group("optiwise_qc.group_manager"):
                    raise AccessError(
                        self.env._(
                            "Lot %(lot)s was made from lots on hold: %(inputs)s. "
                            "Only a quality manager may release it, as a "
                            "concession with a reason.",
                            lot=inspection.lot_id.name,
                            inputs=inspection.lot_id.optiwise_held_input_note,
                        )
                    )
                if not (note or "").strip():
                    raise UserError(
                        self.env._(
                            "Lot %(lot)s was made from lots on hold (%(inputs)s): "
                            "say why it is released as a concession.",
                            lot=inspection.lot_id.name,
                            inputs=inspection.lot_id.optiwise_held_input_note,
                        )
                    )
        self._check_segregation()
        return self._decide("release", note)

    def action_reject(self, note: str | None = None) -> bool:
        """Reject the lots: they may never be reserved or shipped.

        :param str note: why, posted on the inspection and the lots
        :return: True
        :raises UserError: if already decided, or the user recorded the lot's
            production (segregation of duties)
        :raises AccessError: if the user is no quality inspector
        """
        self._check_inspector()
        note = as_text(self.env, note, self.env._("The note"), max_length=2000)
        return self._decide("reject", note)

    def action_quarantine(self, note: str | None = None) -> bool:
        """Quarantine the lots until a quality manager decides otherwise.

        :param str note: why, posted on the inspection and the lots
        :return: True
        :raises UserError: if already decided, or the user recorded the lot's
            production (segregation of duties)
        :raises AccessError: if the user is no quality inspector
        """
        self._check_inspector()
        note = as_text(self.env, note, self.env._("The note"), max_length=2000)
        return self._decide("quarantine", note)

    def action_change_decision(self, decision: str, reason: str) -> bool:
        """Change a final decision (quality managers only), with a reason.

        :param str decision: ``release``, ``reject`` or ``quarantine``
        :param str reason: why; kept in the chatter of the inspection and the lot
        :raises AccessError: for users who are not quality managers
        :raises UserError: on an unknown decision, an empty reason, or an
            inspection without a decision
        """
        if not self.env.user.has_group("optiwise_qc.group_manager"):
            raise AccessError(
                self.env._("Only a quality manager may change a quality decision.")
            )
        self.check_access("write")
        if not isinstance(decision, str) or decision not in dict(DECISIONS):
            raise UserError(
                self.env._(
                    "Unknown decision %(decision)s: use release, reject or quarantine.",
                    decision=decision,
                )
            )
        reason = as_text(self.env, reason, self.env._("The reason"), max_length=2000)
        if not reason:
            raise UserError(self.env._("Give the reason for changing the decision."))
        undecided = self.filtered(lambda i: not i.decision)
        if undecided:
            raise UserError(
                self.env._(
                    "Inspection %(names)s has no decision yet: decide it first.",
                    names=", ".join(undecided.mapped("name")),
                )
            )
        if decision == "release":
            self._check_segregation()
        for inspection in self:
            previous = inspection._decision_label()
            with self._optiwise_guard_open():
                inspection.write(
                    {
                        "decision": decision,
                        "decision_user_id": self.env.uid,
                        "decision_date": fields.Datetime.now(),
                        "decision_note": reason,
                    }
                )
            message = self.env._(
                "Decision changed from %(old)s to %(new)s by %(user)s: %(reason)s",
                old=previous,
                new=inspection._decision_label(),
                user=self.env.user.name,
                reason=reason,
            )
            inspection.message_post(body=message)
            inspection.lot_id.message_post(body=message)
        return True

    def action_correct_results(self, corrections: list, reason: str) -> bool:
        """Correct the recorded results of a complete inspection (quality
        managers only), openly: each old and new value and the reason go to
        the chatter of the inspection and its lot, and the inspection passes
        or fails again on the corrected results. A decision stands as it was
        (a quality manager changes it with :meth:`action_change_decision`).

        :param list corrections: dicts with ``line_id`` (a test of this
            inspection) and the new ``measured_value`` (a number),
            ``pass_fail`` (``pass``/``fail``), ``choice_id`` (a choice of the
            test's point) or ``acknowledged`` (bool)
        :param str reason: why (required)
        :return: True
        :raises AccessError: for users who are not quality managers
        :raises UserError: on an inspection not complete, an empty reason, a
            line of another inspection or a value of the wrong kind
        """
        single(self, "action_correct_results")
        _ = self.env._
        if not self.env.user.has_group("optiwise_qc.group_manager"):
            raise AccessError(
                _("Only a quality manager may correct the results of an inspection.")
            )
        self.check_access("write")
        reason = as_text(self.env, reason, _("The reason"), max_length=2000)
        if not reason:
            raise UserError(_("Give the reason for correcting the results."))
        if self.state not in ("passed", "failed"):
            raise UserError(
                _(
                    "Inspection %(name)s is not complete: record its results "
                    "instead of correcting them.",
                    name=self.name,
                )
            )
        if not isinstance(corrections, list) or not corrections:
            raise UserError(
                _("Give the corrections as a list of {line_id, value} dicts.")
            )
        changes = []
        writes = []
        for correction in corrections:
            line, vals = self._optiwise_check_correction(correction)
            for name, value in vals.items():
                old = line._optiwise_display_value(name, line[name])
                new = line._optiwise_display_value(name, value)
                if old != new:
                    changes.append(f"{line.display_name}: {old} -> {new}")
            writes.append((line, vals))
        if not changes:
            return True
        before = self._fields["state"].convert_to_export(self.state, self)
        with self._optiwise_guard_open():
            for line, vals in writes:
                line.write(vals)
            self.invalidate_recordset(["failed_count"])
            self.write({"state": "failed" if self.failed_count else "passed"})
        after = self._fields["state"].convert_to_export(self.state, self)
        message = _(
            "Results corrected by %(user)s: %(changes)s. Reason: %(reason)s. "
            "Inspection %(before)s, now %(after)s.%(decision)s",
            user=self.env.user.name,
            changes="; ".join(changes),
            reason=reason,
            before=before,
            after=after,
            decision=_(
                " The decision (%(decision)s) stands: change it if the "
                "corrected results call for it.",
                decision=self._decision_label(),
            )
            if self.decision
            else "",
        )
        self.message_post(body=message)
        self.lot_id.message_post(body=message)
        return True

    def _optiwise_check_correction(self, correction):
        """The line and the values of one correction, checked."""
        _ = self.env._
        if not isinstance(correction, dict):
            raise UserError(_("Each correction is a dict with line_id and a value."))
        line_id = correction.get("line_id")
        line = self.line_ids.filtered(lambda candidate: candidate.id == line_id)
        if isinstance(line_id, bool) or not line:
            raise UserError(
                _(
                    "Test %(line)r is not a test of inspection %(name)s.",
                    line=line_id,
                    name=self.name,
                )
            )
        vals = {}
        for name, value in correction.items():
            if name == "line_id":
                continue
            if name == "measured_value":
                if (
                    isinstance(value, bool)
                    or not isinstance(value, (int, float))
                    or not math.isfinite(value)
                ):
                    raise UserError(
                        _("A measured value is a finite number, not %(v)r.", v=value)
                    )
                vals[name] = float(value)
            elif name == "pass_fail":
                if value not in ("pass", "fail"):
                    raise UserError(_("A pass/fail result is pass or fail."))
                vals[name] = value
            elif name == "choice_id":
                choices = line.point_id.choice_ids
                if isinstance(value, bool) or value not in choices.ids:
                    raise UserError(
                        _(
                            "Choice %(v)r is not a choice of test %(test)s.",
                            v=value,
                            test=line.display_name,
                        )
                    )
                vals[name] = value
            elif name == "acknowledged":
                if not isinstance(value, bool):
                    raise UserError(_("Acknowledged is true or false."))
                vals[name] = value
            else:
                raise UserError(
                    _(
                        "%(field)s cannot be corrected: correct measured_value, "
                        "pass_fail, choice_id or acknowledged.",
                        field=name,
                    )
                )
        if not vals:
            raise UserError(_("Give the corrected value of test %(t)s.", t=line.name))
        return line, vals

    def action_open_nonconformance(self):
        """Open a non-conformance for this (failed) inspection."""
        single(self, "action_open_nonconformance")
        nonconformance = self.nonconformance_ids[:1]
        if not nonconformance:
            nonconformance = self.env["optiwise.qc.nonconformance"].create(
                self._prepare_nonconformance_vals()
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "optiwise.qc.nonconformance",
            "res_id": nonconformance.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _optiwise_demo_decide(self, decision, user_id, note=None):
        """Demo data only (the demo's XML, while modules load): a decision
        taken by the demo's person who took it, so that the chatter and the
        history name them, not the loader."""
        if self.env.registry.ready:
            raise AccessError(self.env._("Only the demo data loader uses this."))
        return self.with_user(user_id)._decide(decision, note)

    def _decide(self, decision, note):
        decided = self.filtered("decision")
        if decided:
            raise UserError(
                self.env._(
                    "Inspection %(names)s is already decided (%(decision)s): a "
                    "decision is final; a quality manager may change it with a "
                    "reason.",
                    names=", ".join(decided.mapped("name")),
                    decision=decided[0]._decision_label(),
                )
            )
        with self._optiwise_guard_open():
            self.write(
                {
                    "decision": decision,
                    "decision_user_id": self.env.uid,
                    "decision_date": fields.Datetime.now(),
                    "decision_note": note or False,
                }
            )
        for inspection in self:
            inspection.lot_id.message_post(
                body=self.env._(
                    "%(decision)s by %(user)s after inspection %(name)s.",
                    decision=inspection._decision_label(),
                    user=self.env.user.name,
                    name=inspection.name,
                )
            )
        return True

    def _decision_label(self):
        self.ensure_one()
        return dict(DECISIONS).get(self.decision, self.env._("none"))

    def _check_inspector(self):
        if not self.env.user.has_group("optiwise_qc.group_inspector"):
            raise AccessError(
                self.env._("Only quality inspectors may record and decide inspections.")
            )
        self.check_access("write")

    def _check_segregation(self):
        for inspection in self:
            if (
                inspection.company_id.optiwise_qc_segregation
                and inspection.producer_user_id == self.env.user
            ):
                raise UserError(
                    self.env._(
                        "You recorded the production of lot %(lot)s: another "
                        "inspector must release it (segregation of duties).",
                        lot=inspection.lot_id.name,
                    )
                )

    def _prepare_nonconformance_vals(self):
        self.ensure_one()
        failed = self.line_ids.filtered(lambda line: line.result == "fail")
        return {
            "name": self.env._(
                "%(product)s lot %(lot)s: %(tests)s",
                product=self.product_id.display_name,
                lot=self.lot_id.name,
                tests=", ".join(failed.mapped("display_name")) or self.name,
            ),
            "inspection_id": self.id,
            "company_id": self.company_id.id,
            "lot_ids": [Command.set(self.lot_id.ids)],
            "product_id": self.product_id.id,
            "description": "\n".join(
                f"{line.display_name}: {line.value_display}" for line in failed
            ),
        }

    @api.model
    def _create_for_lots(self, requests):
        """Create the inspections due for ``requests``, never twice.

        :param requests: list of dicts with ``lot`` (stock.lot), ``trigger``
            and optionally ``picking``, ``production``, ``run``, ``producer``,
            ``picking_type``
        :return: the inspections created
        """
        requests = [r for r in requests if r["lot"]]
        if not requests:
            return self.browse()
        inspections = self._create_due_for_lots(requests)
        # lots that came in without a point inspecting them (sampled out,
        # or no point for this way in) need no inspection after all
        arrived = self.env["stock.lot"].union(
            *(r["lot"] for r in requests if r["trigger"] in INCOMING_TRIGGERS)
        )
        # sudo: the flag is the lot's own bookkeeping, set by what just
        # happened to it; nothing else of the lot is written
        arrived.sudo().filtered(
            lambda lot: (
                lot.optiwise_quality_required and not lot.optiwise_inspection_ids
            )
        ).optiwise_quality_required = False
        return inspections

    @api.model
    def _create_due_for_lots(self, requests):
        lots = self.env["stock.lot"].union(*(r["lot"] for r in requests))
        triggers = {r["trigger"] for r in requests}
        # sudo: inspections are due whoever moved the goods (a warehouse clerk
        # receiving, an operator producing); reading points and existing
        # inspections creates nothing the user could not see on the lot
        Inspection = self.sudo()
        points = (
            self.env["optiwise.qc.point"]
            .sudo()
            .search(
                [
                    ("trigger", "in", list(triggers)),
                    ("company_id", "in", lots.company_id.ids + self.env.companies.ids),
                ]
            )
        )
        if not points and not any(r.get("held_inputs") for r in requests):
            return self.browse()
        # an open inspection is never made twice; a decided one is, for new
        # quantity coming in (it re-opens quality), not before a delivery
        existing = {
            (inspection.lot_id.id, inspection.trigger)
            for inspection in Inspection.search(
                [("lot_id", "in", lots.ids), ("trigger", "in", list(triggers))]
            )
            if not inspection.decision or inspection.trigger not in INCOMING_TRIGGERS
        }
        by_trigger = defaultdict(lambda: self.env["optiwise.qc.point"])
        for point in points:
            by_trigger[point.trigger] |= point
        # the n-th lot counters are read under a row lock: a concurrent caller
        # waits, and at REPEATABLE READ one that read them before another's
        # commit is refused and retried by Odoo (never two lots with one
        # number, never a lot left out of its sampling)
        sampled = points.filtered(
            lambda point: (
                point.sampling == "nth_lot"
                and any(point._applies_to(lot.product_id) for lot in lots)
            )
        )
        if sampled:
            sampled.flush_recordset(["lot_counter"])
            self.env.execute_query(
                SQL(
                    "SELECT id FROM optiwise_qc_point WHERE id IN %s "
                    "ORDER BY id FOR UPDATE",
                    tuple(sampled.ids),
                )
            )
            sampled.invalidate_recordset(["lot_counter"])
        vals_list, counters, seen = [], defaultdict(int), set()
        for request in requests:
            lot, trigger = request["lot"], request["trigger"]
            key = (lot.id, trigger)
            if key in existing or key in seen:
                continue
            seen.add(key)
            lines = []
            lead = 0.0
            for point in by_trigger[trigger]:
                if not point._applies_to(lot.product_id):
                    continue
                if point.picking_type_ids and request.get("picking_type") not in (
                    point.picking_type_ids
                ):
                    continue
                if point.sampling == "nth_lot":
                    index = point.lot_counter + counters[point.id]
                    counters[point.id] += 1
                    if index % point.sampling_n:
                        continue
                samples = point.sampling_n if point.sampling == "samples" else 1
                lines += [
                    Command.create(point._prepare_line_vals(sample))
                    for sample in range(1, samples + 1)
                ]
                lead = max(lead, point.lead_time_hours)
            held = request.get("held_inputs")
            if held:
                # made from lots on hold: inspected whatever the points say,
                # and released only as a concession (see action_release)
                lines.append(
                    Command.create(
                        {
                            "name": self.env._(
                                "Review the inputs on hold: %(lots)s",
                                lots=", ".join(
                                    f"{i.name} ({i._optiwise_quality_label()})"
                                    for i in held
                                ),
                            ),
                            "test_type": "instruction",
                            "sequence": 0,
                        }
                    )
                )
            if not lines:
                continue
            vals_list.append(self._prepare_inspection_vals(request, lines, lead))
        for point in points.filtered(lambda p: counters[p.id]):
            point.lot_counter += counters[point.id]
        with self._optiwise_guard_open():
            return Inspection.create(vals_list).sudo(False)

    @api.model
    def _prepare_inspection_vals(self, request, lines, lead_time_hours):
        """Values of the inspection a trigger creates (extension point).

        :param dict request: ``lot``, ``trigger`` and, by trigger,
            ``picking``, ``picking_type``, ``production``, ``run``,
            ``producer`` (see ``_create_for_lots``)
        :param list lines: ``Command.create`` of its test lines
        :param float lead_time_hours: the longest lead time of its points
        """
        lot, trigger = request["lot"], request["trigger"]
        return {
            "lot_id": lot.id,
            "company_id": lot.company_id.id or self.env.company.id,
            "trigger": trigger,
            "picking_id": request.get("picking", self.env["stock.picking"]).id,
            "production_id": request.get("production", self.env["mrp.production"]).id,
            "run_id": request.get("run", self.env["optiwise.production.run"]).id,
            "producer_user_id": request.get("producer", self.env.user).id
            if trigger in ("production", "run_output")
            else False,
            "lead_time_hours": lead_time_hours,
            "line_ids": lines,
        }
