# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import models


class OptiwiseProductionRun(models.Model):
    _inherit = "optiwise.production.run"

    def action_stop(self):
        """Stop the runs, then close one cost sheet per lot each made."""
        result = super().action_stop()
        for run in self:
            # sudo: sheets are due whoever stops the run; built from its orders
            self.env["optiwise.batch.cost"].sudo()._build_for_run(run)
        return result
