# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class MrpWorkcenterProductivityLoss(models.Model):
    _inherit = "mrp.workcenter.productivity.loss"

    optiwise_is_setup = fields.Boolean(
        string="Setup / Changeover",
        help="Time logged with this reason is counted as setup loss in Optiwise "
        "OEE, apart from breakdowns.",
    )
