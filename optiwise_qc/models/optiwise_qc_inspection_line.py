# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .optiwise_qc_point import TEST_TYPES

RECORDED_FIELDS = {"measured_value", "pass_fail", "choice_id", "acknowledged", "note"}
# what the test is: set when it is created (from its quality point), then fixed
SPEC_FIELDS = {
    "inspection_id",
    "point_id",
    "sequence",
    "sample",
    "name",
    "test_type",
    "mandatory",
    "target",
    "tolerance_min",
    "tolerance_max",
    "unit",
}
# who recorded what and when: written by the recording itself
BOOKKEEPING_FIELDS = {"has_value", "user_id", "date"}


class OptiwiseQcInspectionLine(models.Model):
    _name = "optiwise.qc.inspection.line"
    _inherit = ["optiwise.finite.mixin"]
    _optiwise_finite_fields = (
        "measured_value",
        "target",
        "tolerance_min",
        "tolerance_max",
    )
    _description = "Quality Inspection Test"
    _order = "inspection_id, sequence, sample, id"

    inspection_id = fields.Many2one(
        "optiwise.qc.inspection", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="inspection_id.company_id", store=True)
    point_id = fields.Many2one("optiwise.qc.point", readonly=True)
    sequence = fields.Integer(default=10)
    sample = fields.Integer(default=1)
    name = fields.Char(string="Test", required=True)
    test_type = fields.Selection(TEST_TYPES, required=True, default="passfail")
    mandatory = fields.Boolean(default=True)
    target = fields.Float()
    tolerance_min = fields.Float(string="Minimum")
    tolerance_max = fields.Float(string="Maximum")
    unit = fields.Char()
    measured_value = fields.Float(string="Measured")
    has_value = fields.Boolean(readonly=True)
    pass_fail = fields.Selection([("pass", "Pass"), ("fail", "Fail")])
    choice_id = fields.Many2one(
        "optiwise.qc.point.choice", domain="[('point_id', '=', point_id)]"
    )
    acknowledged = fields.Boolean(string="Done")
    note = fields.Char()
    result = fields.Selection(
        [("pending", "Pending"), ("pass", "Pass"), ("fail", "Fail")],
        compute="_compute_result",
        store=True,
        index=True,
    )
    value_display = fields.Char(string="Result Value", compute="_compute_value_display")
    specification = fields.Char(compute="_compute_value_display")
    user_id = fields.Many2one("res.users", string="Recorded By", readonly=True)
    date = fields.Datetime(string="Recorded On", readonly=True)

    @api.depends(
        "test_type",
        "has_value",
        "measured_value",
        "tolerance_min",
        "tolerance_max",
        "pass_fail",
        "choice_id.is_pass",
        "acknowledged",
    )
    def _compute_result(self):
        for line in self:
            if line.test_type == "measure":
                result = (
                    "pending"
                    if not line.has_value
                    else "pass"
                    if line.tolerance_min <= line.measured_value <= line.tolerance_max
                    else "fail"
                )
            elif line.test_type == "passfail":
                result = line.pass_fail or "pending"
            elif line.test_type == "choice":
                result = (
                    "pending"
                    if not line.choice_id
                    else "pass"
                    if line.choice_id.is_pass
                    else "fail"
                )
            else:
                result = "pass" if line.acknowledged else "pending"
            line.result = result

    @api.depends(
        "test_type", "has_value", "measured_value", "pass_fail", "choice_id", "unit"
    )
    def _compute_value_display(self):
        for line in self:
            unit = f" {line.unit}" if line.unit else ""
            if line.test_type == "measure":
                line.value_display = (
                    f"{line.measured_value:g}{unit}" if line.has_value else ""
                )
                line.specification = (
                    f"{line.target:g}{unit} [{line.tolerance_min:g} - "
                    f"{line.tolerance_max:g}]"
                )
            elif line.test_type == "passfail":
                line.value_display = dict(
                    self._fields["pass_fail"]._description_selection(self.env)
                ).get(line.pass_fail, "")
                line.specification = self.env._("Pass")
            elif line.test_type == "choice":
                line.value_display = line.choice_id.name or ""
                line.specification = ", ".join(
                    line.point_id.choice_ids.filtered("is_pass").mapped("name")
                )
            else:
                line.value_display = self.env._("Done") if line.acknowledged else ""
                line.specification = self.env._("Instruction followed")

    @api.depends("name", "sample")
    def _compute_display_name(self):
        for line in self:
            line.display_name = (
                f"{line.name} #{line.sample}" if line.sample > 1 else line.name
            )

    @api.model_create_multi
    def create(self, vals_list):
        inspections = self.env["optiwise.qc.inspection"].browse(
            {vals["inspection_id"] for vals in vals_list if vals.get("inspection_id")}
        )
        complete = inspections.filtered(lambda i: i.state in ("passed", "failed"))
        if complete:
            raise UserError(
                self.env._(
                    "Inspection %(name)s is complete: no test can be added to it.",
                    name=", ".join(complete.mapped("name")),
                )
            )
        trusted = self.env["optiwise.qc.inspection"]._optiwise_guard_is_open()
        for vals in vals_list:
            given = BOOKKEEPING_FIELDS & {k for k, v in vals.items() if v}
            if given and not trusted:
                raise UserError(
                    self.env._(
                        "%(fields)s of a test are set when its result is recorded.",
                        fields=", ".join(sorted(given)),
                    )
                )
            if "measured_value" in vals:
                vals["has_value"] = True
        return super().create(vals_list)

    def write(self, vals):
        fixed = (SPEC_FIELDS | BOOKKEEPING_FIELDS) & set(vals)
        if fixed and not self.env["optiwise.qc.inspection"]._optiwise_guard_is_open():
            raise UserError(
                self.env._(
                    "%(fields)s of a test come from its quality point and stay as "
                    "they were when the inspection was created; record its result "
                    "instead. A quality manager changes the point for the next "
                    "inspections.",
                    fields=", ".join(
                        sorted(
                            self._fields[name]._description_string(self.env)
                            for name in fixed
                        )
                    ),
                )
            )
        if RECORDED_FIELDS & set(vals):
            self._check_can_record()
            # who recorded a result and when stays as it was through a
            # quality manager's correction (the chatter says who corrected)
            if not self._optiwise_correcting():
                vals = dict(vals, user_id=self.env.uid, date=fields.Datetime.now())
            if "measured_value" in vals:
                vals["has_value"] = vals["measured_value"] is not False
        result = super().write(vals)
        if RECORDED_FIELDS & set(vals):
            Inspection = self.env["optiwise.qc.inspection"]
            with Inspection._optiwise_guard_open():
                self.inspection_id.filtered(
                    lambda i: i.state == "todo"
                ).state = "progress"
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_recorded(self):
        kept = self.filtered(
            lambda line: line.mandatory or line.inspection_id.state != "todo"
        )
        if kept:
            raise UserError(
                self.env._(
                    "Tests %(tests)s are kept: a mandatory test, or any test of an "
                    "inspection under way, cannot be removed.",
                    tests=", ".join(kept.mapped("display_name")),
                )
            )

    def _optiwise_display_value(self, name, value):
        """A recorded value as the chatter shows it."""
        self.ensure_one()
        if name == "choice_id":
            return self.env["optiwise.qc.point.choice"].browse(value).name or "-"
        if name == "measured_value":
            unit = f" {self.unit}" if self.unit else ""
            return f"{value:g}{unit}" if self.has_value or value else "-"
        if name == "pass_fail":
            return dict(self._fields[name].selection).get(value, "-")
        return str(bool(value))

    def _optiwise_correcting(self):
        """Inside a quality manager's correction (action_correct_results)."""
        return self.env["optiwise.qc.inspection"]._optiwise_guard_is_open()

    def _check_can_record(self):
        corrected = self._optiwise_correcting()
        for line in self:
            if line.inspection_id.state in ("passed", "failed") and not corrected:
                raise UserError(
                    self.env._(
                        "Inspection %(name)s is complete: its results cannot change.",
                        name=line.inspection_id.name,
                    )
                )
            group = line.point_id.group_id
            if group and group not in self.env.user.all_group_ids:
                raise AccessError(
                    self.env._(
                        "Only %(group)s may record test %(test)s.",
                        group=group.full_name,
                        test=line.display_name,
                    )
                )
