# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import Command, api, fields, models


class OptiwiseQcCorrection(models.TransientModel):
    """A quality manager's correction of a complete inspection's results."""

    _name = "optiwise.qc.correction"
    _description = "Correct Inspection Results"

    inspection_id = fields.Many2one(
        "optiwise.qc.inspection", required=True, readonly=True
    )
    line_ids = fields.One2many(
        "optiwise.qc.correction.line", "correction_id", string="Tests"
    )
    reason = fields.Text(required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        inspection = self.env["optiwise.qc.inspection"].browse(
            values.get("inspection_id")
            or (
                self.env.context.get("active_model") == "optiwise.qc.inspection"
                and self.env.context.get("active_id")
            )
        )
        if inspection.exists():
            values["inspection_id"] = inspection.id
            values["line_ids"] = [
                Command.create(
                    {
                        "test_line_id": line.id,
                        "measured_value": line.measured_value,
                        "pass_fail": line.pass_fail,
                        "choice_id": line.choice_id.id,
                        "acknowledged": line.acknowledged,
                    }
                )
                for line in inspection.line_ids
            ]
        return values

    def action_confirm(self):
        """Correct the results that changed, through the inspection's own
        method (the chatter keeps old and new values and the reason)."""
        self.ensure_one()
        corrections = []
        for row in self.line_ids:
            line = row.test_line_id
            vals = {}
            if line.test_type == "measure" and (
                not line.has_value or row.measured_value != line.measured_value
            ):
                vals["measured_value"] = row.measured_value
            elif line.test_type == "passfail" and row.pass_fail != line.pass_fail:
                vals["pass_fail"] = row.pass_fail
            elif line.test_type == "choice" and row.choice_id != line.choice_id:
                vals["choice_id"] = row.choice_id.id
            elif line.test_type == "instruction" and (
                row.acknowledged != line.acknowledged
            ):
                vals["acknowledged"] = row.acknowledged
            if vals and (vals.get("pass_fail", True) and vals.get("choice_id", True)):
                corrections.append(dict(vals, line_id=line.id))
        if corrections:
            self.inspection_id.action_correct_results(corrections, self.reason)
        return {"type": "ir.actions.act_window_close"}


class OptiwiseQcCorrectionLine(models.TransientModel):
    _name = "optiwise.qc.correction.line"
    _description = "Correct Inspection Results: a Test"

    correction_id = fields.Many2one(
        "optiwise.qc.correction", required=True, ondelete="cascade"
    )
    test_line_id = fields.Many2one(
        "optiwise.qc.inspection.line", string="Test", required=True, readonly=True
    )
    test_type = fields.Selection(related="test_line_id.test_type")
    specification = fields.Char(related="test_line_id.specification")
    unit = fields.Char(related="test_line_id.unit")
    recorded = fields.Char(related="test_line_id.value_display", string="Recorded")
    point_id = fields.Many2one(related="test_line_id.point_id")
    measured_value = fields.Float(string="Measured")
    pass_fail = fields.Selection([("pass", "Pass"), ("fail", "Fail")])
    choice_id = fields.Many2one(
        "optiwise.qc.point.choice", domain="[('point_id', '=', point_id)]"
    )
    acknowledged = fields.Boolean(string="Done")
