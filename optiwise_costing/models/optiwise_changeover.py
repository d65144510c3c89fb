# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models

# production managers, and the cost roles of this addon
COST_GROUPS = "optiwise_batch.group_manager,optiwise_costing.group_user"


class OptiwiseChangeover(models.Model):
    _inherit = "optiwise.changeover"

    rule_cost = fields.Monetary(groups=COST_GROUPS)
    actual_cost = fields.Monetary(groups=COST_GROUPS)
    planned_cost = fields.Monetary(groups=COST_GROUPS)


class OptiwiseChangeoverTransition(models.Model):
    _inherit = "optiwise.changeover.transition"

    total_cost = fields.Monetary(groups=COST_GROUPS)
