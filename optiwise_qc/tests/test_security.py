# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSecurity(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.qc_user = new_test_user(
            cls.env, login="ow_qc_user", groups="optiwise_qc.group_user"
        )
        cls.inspector = new_test_user(
            cls.env, login="ow_inspector", groups="optiwise_qc.group_inspector"
        )
        cls.qc_manager = new_test_user(
            cls.env, login="ow_qc_manager", groups="optiwise_qc.group_manager"
        )

    def test_role_ladder(self):
        """user < inspector < manager; each role includes the ones below it."""
        self.assertTrue(self.qc_user.has_group("stock.group_stock_user"))
        self.assertFalse(self.qc_user.has_group("optiwise_qc.group_inspector"))
        self.assertTrue(self.inspector.has_group("optiwise_qc.group_user"))
        self.assertFalse(self.inspector.has_group("optiwise_qc.group_manager"))
        self.assertTrue(self.qc_manager.has_group("optiwise_qc.group_inspector"))
        self.assertTrue(self.qc_manager.has_group("optiwise_qc.group_user"))

    def test_quality_roles_do_not_grant_production(self):
        """Inspecting lots does not make an inspector a production manager."""
        self.assertFalse(self.qc_manager.has_group("optiwise_batch.group_manager"))
        self.assertFalse(self.qc_manager.has_group("mrp.group_mrp_manager"))
