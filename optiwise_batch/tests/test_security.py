# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tests import tagged

from .common import OptiwiseCase


@tagged("post_install", "-at_install")
class TestSecurity(OptiwiseCase):
    def test_roles_imply_core_manufacturing_rights(self):
        """An operator is an MRP user; a production manager is an MRP manager."""
        self.assertTrue(self.operator.has_group("mrp.group_mrp_user"))
        self.assertFalse(self.operator.has_group("mrp.group_mrp_manager"))
        self.assertFalse(self.operator.has_group("optiwise_batch.group_manager"))
        self.assertTrue(self.manager.has_group("optiwise_batch.group_user"))
        self.assertTrue(self.manager.has_group("mrp.group_mrp_manager"))
        self.assertFalse(self.stock_user.has_group("optiwise_batch.group_user"))

    def test_groups_under_one_privilege(self):
        """Both roles sit under the Optiwise Production privilege, user first."""
        user = self.env.ref("optiwise_batch.group_user")
        manager = self.env.ref("optiwise_batch.group_manager")
        privilege = self.env.ref(
            "optiwise_batch.res_groups_privilege_optiwise_production"
        )
        self.assertEqual(user.privilege_id, privilege)
        self.assertEqual(manager.privilege_id, privilege)
        self.assertIn(user, manager.implied_ids)
        self.assertLess(user.sequence, manager.sequence)
