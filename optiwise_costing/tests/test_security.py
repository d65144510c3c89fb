# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import OptiwiseCostCase


@tagged("post_install", "-at_install")
class TestSecurity(TransactionCase):
    def test_roles(self):
        """A cost user reads production; a cost controller is also a cost user."""
        user = new_test_user(
            self.env, login="ow_cost_user", groups="optiwise_costing.group_user"
        )
        controller = new_test_user(
            self.env, login="ow_cost_ctrl", groups="optiwise_costing.group_manager"
        )
        self.assertTrue(user.has_group("optiwise_batch.group_user"))
        self.assertFalse(user.has_group("optiwise_costing.group_manager"))
        self.assertTrue(controller.has_group("optiwise_costing.group_user"))
        self.assertFalse(controller.has_group("optiwise_batch.group_manager"))


@tagged("post_install", "-at_install")
class TestOverheadByController(OptiwiseCostCase):
    """The cost controller sets overhead rates without being a work-center
    administrator; nobody else does; the change is in the chatter."""

    def test_controller_sets_overhead(self):
        """The controller's own method and dialog set the rates."""
        vessel = self.vessel.with_user(self.controller)
        with self.assertRaises(AccessError):
            vessel.write({"name": "Renamed"})
        vessel.set_optiwise_overhead(25.0, 4.0, reason="Energy prices 2027")
        self.assertEqual(self.vessel.optiwise_overhead_rate, 25.0)
        self.assertEqual(self.vessel.optiwise_overhead_material_percent, 4.0)
        message = self.vessel.message_ids[:1]
        self.assertIn("Energy prices 2027", message.body)
        self.assertIn("to 25.0 per hour", message.body)
        action = vessel.action_open_optiwise_overhead()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.controller)
            .with_context(**action["context"])
            .create({})
        )
        self.assertEqual(wizard.overhead_rate, 25.0)
        wizard.overhead_rate = 30.0
        wizard.action_confirm()
        self.assertEqual(self.vessel.optiwise_overhead_rate, 30.0)

    def test_others_refused_and_bad_rates(self):
        """A cost user or a production user may not; NaN, negative, text and
        a list of ids are clear errors, and nothing changes."""
        before = self.vessel.optiwise_overhead_rate
        for user in (self.cost_user, self.manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.vessel.with_user(user).set_optiwise_overhead(99.0, 1.0)
        vessel = self.vessel.with_user(self.controller)
        for rate in (float("nan"), float("inf"), -1.0, "12", True):
            with self.subTest(rate=rate), self.assertRaises(UserError):
                vessel.set_optiwise_overhead(rate, 1.0)
        with self.assertRaises(UserError):
            (self.vessel | self.vessel.copy()).with_user(
                self.controller
            ).set_optiwise_overhead(1.0, 1.0)
        self.assertEqual(self.vessel.optiwise_overhead_rate, before)
