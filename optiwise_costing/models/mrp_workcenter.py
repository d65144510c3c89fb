# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models
from odoo.exceptions import AccessError

from odoo.addons.optiwise_batch.arguments import as_quantity, as_text, single


class MrpWorkcenter(models.Model):
    _inherit = "mrp.workcenter"
    # NaN and infinities refused (optiwise.finite.mixin, from optiwise_batch)
    _optiwise_finite_fields = (
        "optiwise_overhead_rate",
        "optiwise_overhead_material_percent",
    )

    optiwise_overhead_rate = fields.Float(
        string="Overhead per Hour",
        help="Overhead charged to a batch per hour logged on this work center "
        "(energy, depreciation, supervision), besides its cost per hour.",
    )
    optiwise_overhead_material_percent = fields.Float(
        string="Overhead (% of Material)",
        help="Overhead charged to a batch made here as a percentage of its "
        "material cost.",
    )

    _check_overhead = models.Constraint(
        "CHECK(optiwise_overhead_rate >= 0 "
        "AND optiwise_overhead_material_percent >= 0)",
        "Overhead rates may not be negative.",
    )

    def set_optiwise_overhead(
        self,
        overhead_rate: float,
        material_percent: float,
        reason: str | None = None,
    ) -> bool:
        """Set the work center's overhead rates (cost controllers): the
        controller's own fields, without being a work-center administrator.
        The old and new rates go to the work center's chatter.

        :param float overhead_rate: overhead per hour logged (>= 0, finite)
        :param float material_percent: overhead as % of material (>= 0)
        :param str reason: why (optional), posted with the change
        :return: True
        :raises AccessError: for users who are not cost controllers, or who
            may not read the work center
        :raises UserError: on a rate that is not a finite number >= 0
        """
        single(self, "set_optiwise_overhead")
        if not self.env.user.has_group("optiwise_costing.group_manager"):
            raise AccessError(
                self.env._("Only a cost controller may set overhead rates.")
            )
        self.check_access("read")
        _ = self.env._
        rate = as_quantity(self.env, overhead_rate, _("The overhead per hour"))
        percent = as_quantity(
            self.env, material_percent, _("The overhead (% of material)")
        )
        reason = as_text(self.env, reason, _("The reason"), max_length=2000)
        old = (self.optiwise_overhead_rate, self.optiwise_overhead_material_percent)
        if old == (rate, percent):
            return True
        # sudo: the caller is a cost controller (checked above) who may read
        # this work center; only the two overhead fields are written
        self.sudo().write(
            {
                "optiwise_overhead_rate": rate,
                "optiwise_overhead_material_percent": percent,
            }
        )
        # sudo: posting needs write access on the work center; the note is
        # the controller's own, authored by them
        self.sudo().message_post(
            author_id=self.env.user.partner_id.id,
            body=_(
                "Overhead set by %(user)s: %(old_rate)s to %(rate)s per hour, "
                "%(old_percent)s %% to %(percent)s %% of material.%(reason)s",
                user=self.env.user.name,
                old_rate=old[0],
                rate=rate,
                old_percent=old[1],
                percent=percent,
                reason=f" {reason}" if reason else "",
            ),
        )
        return True

    def action_open_optiwise_overhead(self):
        """The dialog setting this work center's overhead rates."""
        single(self, "action_open_optiwise_overhead")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Set Overhead"),
            "res_model": "optiwise.overhead.set",
            "view_mode": "form",
            "target": "new",
            "context": {"default_workcenter_id": self.id},
        }
