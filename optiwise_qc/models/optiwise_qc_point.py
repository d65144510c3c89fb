# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

TRIGGERS = [
    ("receipt", "Receipt of lots"),
    ("production", "Batch production"),
    ("run_output", "Continuous output"),
    ("delivery", "Before delivery"),
]
TEST_TYPES = [
    ("passfail", "Pass / Fail"),
    ("measure", "Measurement"),
    ("choice", "Choice"),
    ("instruction", "Instruction"),
]


class OptiwiseQcPoint(models.Model):
    _name = "optiwise.qc.point"
    _inherit = ["mail.thread", "optiwise.finite.mixin"]
    _optiwise_finite_fields = (
        "target",
        "tolerance_min",
        "tolerance_max",
        "lead_time_hours",
    )
    _description = "Quality Control Point"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(string="Test", required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda s: s.env.company, index=True
    )
    trigger = fields.Selection(TRIGGERS, required=True, tracking=True, index=True)
    product_id = fields.Many2one(
        "product.product",
        check_company=True,
        tracking=True,
        domain="[('tracking', '!=', 'none')]",
        help="Empty: every lot-tracked product (of the category, if one is given).",
    )
    categ_id = fields.Many2one(
        "product.category", string="Product Category", tracking=True
    )
    test_type = fields.Selection(
        TEST_TYPES, required=True, default="passfail", tracking=True
    )
    instructions = fields.Html()
    target = fields.Float(tracking=True)
    tolerance_min = fields.Float(string="Minimum", tracking=True)
    tolerance_max = fields.Float(string="Maximum", tracking=True)
    unit = fields.Char(help="Unit of the measured value, e.g. °Brix, pH, g/L.")
    choice_ids = fields.One2many(
        "optiwise.qc.point.choice", "point_id", string="Choices", copy=True
    )
    mandatory = fields.Boolean(
        default=True,
        tracking=True,
        help="An inspection cannot be completed while this test has no result.",
    )
    sampling = fields.Selection(
        [
            ("every_lot", "Every lot"),
            ("nth_lot", "Every n-th lot"),
            ("samples", "n samples per lot"),
        ],
        default="every_lot",
        required=True,
        tracking=True,
    )
    sampling_n = fields.Integer(
        string="n",
        default=1,
        help="Every n-th lot: the 1st, (n+1)-th, (2n+1)-th lot... is inspected. "
        "Samples per lot: the test is done n times.",
    )
    lot_counter = fields.Integer(
        readonly=True,
        copy=False,
        help="Lots this point has seen, for every-n-th-lot sampling.",
    )
    group_id = fields.Many2one(
        "res.groups",
        string="Recorded By",
        default=lambda s: s.env.ref(
            "optiwise_qc.group_inspector", raise_if_not_found=False
        ),
        help="Only members of this group may record the test's result.",
    )
    lead_time_hours = fields.Float(
        string="QC Lead Time (h)",
        default=24.0,
        help="Usual time from a lot's inspection being due to its decision; "
        "dispatch visibility adds it to a pending lot's ready date.",
    )
    picking_type_ids = fields.Many2many(
        "stock.picking.type",
        string="Operation Types",
        check_company=True,
        help="Receipt / delivery points: only on these operation types (empty: "
        "all incoming / outgoing ones).",
    )

    _check_sampling_n = models.Constraint(
        "CHECK(sampling_n >= 1)", "n must be at least 1."
    )
    _check_lead_time = models.Constraint(
        "CHECK(lead_time_hours >= 0)", "The QC lead time may not be negative."
    )

    @api.constrains("test_type", "tolerance_min", "tolerance_max", "target")
    def _check_tolerance(self):
        for point in self.filtered(lambda p: p.test_type == "measure"):
            if point.tolerance_min > point.tolerance_max:
                raise ValidationError(
                    self.env._(
                        "Test %(test)s: the minimum %(min)s is above the maximum "
                        "%(max)s.",
                        test=point.name,
                        min=point.tolerance_min,
                        max=point.tolerance_max,
                    )
                )
            if not point.tolerance_min <= point.target <= point.tolerance_max:
                raise ValidationError(
                    self.env._(
                        "Test %(test)s: the target %(target)s lies outside "
                        "[%(min)s, %(max)s].",
                        test=point.name,
                        target=point.target,
                        min=point.tolerance_min,
                        max=point.tolerance_max,
                    )
                )

    @api.constrains("test_type", "choice_ids")
    def _check_choices(self):
        for point in self.filtered(lambda p: p.test_type == "choice"):
            if not point.choice_ids.filtered("is_pass"):
                raise ValidationError(
                    self.env._(
                        "Test %(test)s needs at least one choice that passes.",
                        test=point.name,
                    )
                )

    def _applies_to(self, product):
        """Whether this point covers ``product``."""
        self.ensure_one()
        if self.product_id:
            return self.product_id == product
        if self.categ_id:
            return product.categ_id.parent_path.startswith(self.categ_id.parent_path)
        return True

    def _prepare_line_vals(self, sample):
        """Values of the inspection line for one sample of this test."""
        self.ensure_one()
        return {
            "point_id": self.id,
            "sequence": self.sequence,
            "sample": sample,
            "name": self.name,
            "test_type": self.test_type,
            "target": self.target,
            "tolerance_min": self.tolerance_min,
            "tolerance_max": self.tolerance_max,
            "unit": self.unit,
            "mandatory": self.mandatory,
        }
