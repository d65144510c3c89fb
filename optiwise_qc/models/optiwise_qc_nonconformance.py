# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.exceptions import UserError


class OptiwiseQcNonconformance(models.Model):
    _name = "optiwise.qc.nonconformance"
    _inherit = ["mail.thread", "mail.activity.mixin", "optiwise.guarded.mixin"]
    _description = "Non-conformance"
    _order = "create_date desc, id desc"
    _check_company_auto = True
    _optiwise_guarded_fields = ("state", "date_closed")
    _optiwise_guard_actions = (
        "Use its buttons (action_start_analysis, action_start_actions, "
        "action_close, action_cancel, action_reopen): it closes with its root "
        "cause and corrective action written down."
    )

    reference = fields.Char(
        required=True, copy=False, readonly=True, default=lambda s: s.env._("New")
    )
    name = fields.Char(string="Title", required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda s: s.env.company, index=True
    )
    inspection_id = fields.Many2one(
        "optiwise.qc.inspection", check_company=True, index="btree_not_null"
    )
    product_id = fields.Many2one("product.product", check_company=True, tracking=True)
    lot_ids = fields.Many2many("stock.lot", string="Lots", check_company=True)
    description = fields.Text(tracking=True)
    severity = fields.Selection(
        [("minor", "Minor"), ("major", "Major"), ("critical", "Critical")],
        default="minor",
        required=True,
        tracking=True,
        index=True,
    )
    root_cause = fields.Text(tracking=True)
    corrective_action = fields.Text(tracking=True)
    preventive_action = fields.Text(tracking=True)
    owner_id = fields.Many2one("res.users", default=lambda s: s.env.user, tracking=True)
    deadline = fields.Date(tracking=True)
    state = fields.Selection(
        [
            ("open", "Open"),
            ("analysis", "Root Cause Analysis"),
            ("action", "Actions Under Way"),
            ("closed", "Closed"),
            ("cancel", "Cancelled"),
        ],
        default="open",
        required=True,
        # kanban columns in the order the work flows, empty ones included
        group_expand=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    date_closed = fields.Datetime(readonly=True, copy=False)
    overdue = fields.Boolean(compute="_compute_overdue", search="_search_overdue")

    @api.depends("deadline", "state")
    def _compute_overdue(self):
        today = fields.Date.context_today(self)
        for record in self:
            record.overdue = bool(
                record.deadline
                and record.deadline < today
                and record.state not in ("closed", "cancel")
            )

    def _search_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search overdue with = True or = False."))
        domain = [
            ("deadline", "<", fields.Date.context_today(self)),
            ("state", "not in", ("closed", "cancel")),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", "&", *domain]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("reference", self.env._("New")) == self.env._("New"):
                vals["reference"] = self.env["ir.sequence"].next_by_code(
                    "optiwise.qc.nonconformance"
                ) or self.env._("New")
        return super().create(vals_list)

    def _optiwise_frozen_records(self):
        return self.filtered(lambda r: r.state in ("closed", "cancel"))

    def _optiwise_frozen_message(self, frozen):
        return self.env._(
            "Non-conformance %(ref)s is closed: reopen it to change it.",
            ref=", ".join(frozen.mapped("reference")),
        )

    def action_start_analysis(self):
        """Move open non-conformances to root cause analysis."""
        self._check_state(("open",))
        with self._optiwise_guard_open():
            self.state = "analysis"
        return True

    def action_start_actions(self):
        """Root cause known: corrective and preventive actions under way.

        :raises UserError: without a root cause
        """
        self._check_state(("open", "analysis"))
        if self.filtered(lambda r: not (r.root_cause or "").strip()):
            raise UserError(self.env._("Write down the root cause first."))
        with self._optiwise_guard_open():
            self.state = "action"
        return True

    def action_close(self):
        """Close: needs a root cause and a corrective action.

        :raises UserError: if either is missing
        """
        self._check_state(("open", "analysis", "action"))
        incomplete = self.filtered(
            lambda r: (
                not (r.root_cause or "").strip()
                or not (r.corrective_action or "").strip()
            )
        )
        if incomplete:
            raise UserError(
                self.env._(
                    "%(ref)s: a non-conformance closes with its root cause and "
                    "corrective action written down.",
                    ref=", ".join(incomplete.mapped("reference")),
                )
            )
        with self._optiwise_guard_open():
            self.write({"state": "closed", "date_closed": fields.Datetime.now()})
        return True

    def action_reopen(self):
        """Reopen closed or cancelled non-conformances."""
        self._check_state(("closed", "cancel"))
        with self._optiwise_guard_open():
            self.write({"state": "open", "date_closed": False})
        return True

    def action_cancel(self):
        """Cancel (opened by mistake); kept on record."""
        self._check_state(("open", "analysis", "action"))
        with self._optiwise_guard_open():
            self.state = "cancel"
        return True

    def _check_state(self, allowed):
        wrong = self.filtered(lambda r: r.state not in allowed)
        if wrong:
            raise UserError(
                self.env._(
                    "%(ref)s cannot do this in its current state.",
                    ref=", ".join(wrong.mapped("reference")),
                )
            )
        self.check_access("write")

    @api.depends("reference", "name")
    def _compute_display_name(self):
        for record in self:
            record.display_name = f"{record.reference} {record.name or ''}".strip()
