# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class OptiwiseChangeoverChecklist(models.Model):
    _name = "optiwise.changeover.checklist"
    _description = "Changeover Checklist Template"
    _order = "name, id"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Empty: shared by all companies."
    )
    item_ids = fields.One2many(
        "optiwise.changeover.checklist.item", "checklist_id", string="Checks", copy=True
    )
    mandatory_count = fields.Integer(
        compute="_compute_mandatory_count", string="Mandatory Checks"
    )

    def _compute_mandatory_count(self):
        for checklist in self:
            checklist.mandatory_count = len(checklist.item_ids.filtered("mandatory"))
