# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class OptiwiseChangeoverChecklistItem(models.Model):
    _name = "optiwise.changeover.checklist.item"
    _description = "Changeover Checklist Item"
    _order = "checklist_id, sequence, id"

    checklist_id = fields.Many2one(
        "optiwise.changeover.checklist", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Check", required=True, translate=True)
    instructions = fields.Text()
    mandatory = fields.Boolean(
        default=True,
        help="The next job cannot start production while this check is not ticked.",
    )

    def _prepare_check_vals(self):
        """Values of the changeover check lines copied from these items."""
        return [
            {
                "sequence": item.sequence,
                "name": item.name,
                "instructions": item.instructions,
                "mandatory": item.mandatory,
            }
            for item in self
        ]
