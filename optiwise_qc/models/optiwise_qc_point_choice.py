# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class OptiwiseQcPointChoice(models.Model):
    _name = "optiwise.qc.point.choice"
    _description = "Quality Test Choice"
    _order = "sequence, id"

    point_id = fields.Many2one(
        "optiwise.qc.point", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    is_pass = fields.Boolean(string="Passes", default=True)
