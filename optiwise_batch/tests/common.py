# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fixtures shared by the tests of the Optiwise addons.

Never relies on demo data: every record a test needs is built here.
"""

from odoo.tests import TransactionCase, new_test_user


class OptiwiseCase(TransactionCase):
    """Users of each production role, for tests that run flows as non-admins."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.operator = new_test_user(
            cls.env,
            login="ow_operator",
            groups="optiwise_batch.group_user",
            name="Line Operator",
        )
        cls.manager = new_test_user(
            cls.env,
            login="ow_manager",
            groups="optiwise_batch.group_manager",
            name="Production Manager",
        )
        cls.stock_user = new_test_user(
            cls.env,
            login="ow_stock_user",
            groups="stock.group_stock_user",
            name="Warehouse Clerk",
        )
