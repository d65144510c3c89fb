# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models

from .product_template import RUN_MODES


class MrpWorkcenter(models.Model):
    _inherit = "mrp.workcenter"

    default_run_mode = fields.Selection(
        RUN_MODES,
        default="batch",
        required=True,
        tracking=True,
        help="Run mode of the products made here that have none of their own.",
    )
