# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class MrpWorkcenterProductivity(models.Model):
    _inherit = "mrp.workcenter.productivity"

    optiwise_run_id = fields.Many2one(
        "optiwise.production.run",
        string="Continuous Run",
        index="btree_not_null",
        check_company=True,
    )
    optiwise_changeover_id = fields.Many2one(
        "optiwise.changeover",
        string="Changeover",
        index="btree_not_null",
        check_company=True,
    )
