# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    optiwise_working_capital_rate = fields.Float(
        string="Working Capital Rate (% a year)",
        default=10.0,
        help="What money tied up in stock costs the company a year, in % of "
        "its value: the holding cost of economic batch sizes.",
    )

    _check_working_capital_rate = models.Constraint(
        "CHECK(optiwise_working_capital_rate >= 0"
        " AND optiwise_working_capital_rate <= 100)",
        "The working capital rate is a percentage a year, from 0 to 100.",
    )
