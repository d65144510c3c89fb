# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import models


class MrpWorkorder(models.Model):
    _inherit = "mrp.workorder"

    def _create_or_update_analytic_entry_for_record(self, value, hours):
        """Keep the work center's analytic line in step with the time logged,
        whoever logs it: an operator closing a batch (a scanner posting start
        and finish together) has no right to read analytic lines, and core
        reads them here as the user (an access error marked the batch not
        done)."""
        self.check_access("write")
        # sudo: the caller may write this work order (checked above); only
        # its own analytic lines are read and written, as core does for them
        return super(
            MrpWorkorder, self.sudo()
        )._create_or_update_analytic_entry_for_record(value, hours)
