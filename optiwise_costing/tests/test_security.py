# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tests import TransactionCase, new_test_user, tagged


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
