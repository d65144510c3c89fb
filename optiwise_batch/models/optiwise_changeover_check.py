# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.exceptions import UserError


class OptiwiseChangeoverCheck(models.Model):
    _name = "optiwise.changeover.check"
    _inherit = ["optiwise.guarded.mixin"]
    _description = "Changeover Check"
    # who ticked is recorded by the tick itself; a check cannot move to
    # another changeover nor stop being mandatory (that would open the gate)
    _optiwise_guarded_fields = ("done_user_id", "done_date")
    _optiwise_guard_actions = "Tick or untick the check (done)."
    _order = "changeover_id, sequence, id"

    changeover_id = fields.Many2one(
        "optiwise.changeover", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="changeover_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Check", required=True)
    instructions = fields.Text()
    mandatory = fields.Boolean(default=True)
    done = fields.Boolean(string="Ticked")
    done_user_id = fields.Many2one("res.users", string="Ticked By", readonly=True)
    done_date = fields.Datetime(string="Ticked On", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        changeovers = self.env["optiwise.changeover"].browse(
            [vals["changeover_id"] for vals in vals_list if vals.get("changeover_id")]
        )
        changeovers._check_open_for_checks()
        if not self._optiwise_guard_is_open():
            self._optiwise_check_create(vals_list)
        for vals in vals_list:
            if vals.get("done"):
                vals.update(done_user_id=self.env.uid, done_date=fields.Datetime.now())
        with self._optiwise_guard_open():
            return super().create(vals_list)

    def write(self, vals):
        self.changeover_id._check_open_for_checks()
        if not self._optiwise_guard_is_open():
            self._optiwise_check_write(vals)
            if "changeover_id" in vals and self.filtered(
                lambda c: c.changeover_id.id != vals["changeover_id"]
            ):
                raise UserError(
                    self.env._("A check cannot move to another changeover.")
                )
            if (
                "mandatory" in vals
                and not vals["mandatory"]
                and self.filtered("mandatory")
            ):
                raise UserError(
                    self.env._(
                        "A mandatory check stays mandatory: tick it once it is done."
                    )
                )
        if "done" in vals:
            vals = dict(
                vals,
                done_user_id=self.env.uid if vals["done"] else False,
                done_date=fields.Datetime.now() if vals["done"] else False,
            )
        with self._optiwise_guard_open():
            result = super().write(vals)
        if "done" in vals:
            for check in self:
                check.changeover_id.message_post(
                    body=self.env._(
                        "Check %(check)s %(what)s.",
                        check=check.name,
                        what=self.env._("ticked")
                        if check.done
                        else self.env._("unticked"),
                    )
                )
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_mandatory(self):
        self.changeover_id._check_open_for_checks()
        if self.filtered("mandatory"):
            raise UserError(
                self.env._("Mandatory checks of a changeover cannot be removed.")
            )
