# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    optiwise_qc_segregation = fields.Boolean(
        string="Segregation of Duties",
        default=True,
        help="The user who recorded a lot's production may not release that lot.",
    )
    optiwise_qc_test_cost = fields.Float(
        string="Cost of a Test",
        default=0.0,
        help="What one test of an inspection costs (time, consumables, a lab's "
        "fee): the quality cost of a lot in its economic batch size.",
    )

    _check_optiwise_qc_test_cost = models.Constraint(
        "CHECK(optiwise_qc_test_cost >= 0)", "A test may not cost less than nothing."
    )
