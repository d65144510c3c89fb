# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fixtures shared by the tests of the Optiwise addons.

Never relies on demo data: every record a test needs is built here.
"""

from odoo import Command
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


class OptiwisePlantCase(OptiwiseCase):
    """A small plant: a lot-tracked product made in batches from two components.

    - ``base``: lot-tracked, unit rounding 1; BoM for 500 units with batch
      size 500: 2 x ``paste`` + 1 x ``oil`` per unit, one 60-minute operation
      on ``vessel``;
    - ``bottle``: lot-tracked, made on ``line`` (a continuous work center);
    - components in stock: 100 000 each.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.uom_unit = cls.env.ref("uom.product_uom_unit")
        cls.stock_location = cls.env.ref("stock.warehouse0").lot_stock_id
        cls.vessel = cls.env["mrp.workcenter"].create(
            {"name": "Test Vessel", "default_run_mode": "batch", "costs_hour": 60}
        )
        cls.line = cls.env["mrp.workcenter"].create(
            {"name": "Test Line", "default_run_mode": "continuous"}
        )
        product = cls.env["product.product"]
        cls.paste = product.create(
            {"name": "Test Paste", "is_storable": True, "standard_price": 2.0}
        )
        cls.oil = product.create(
            {"name": "Test Oil", "is_storable": True, "standard_price": 3.0}
        )
        cls.base = product.create(
            {
                "name": "Test Sauce Base",
                "default_code": "TB",
                "is_storable": True,
                "tracking": "lot",
            }
        )
        cls.bottle = product.create(
            {"name": "Test Bottle", "is_storable": True, "tracking": "lot"}
        )
        cls.bom = cls.env["mrp.bom"].create(
            {
                "product_tmpl_id": cls.base.product_tmpl_id.id,
                "product_qty": 500,
                "enable_batch_size": True,
                "batch_size": 500,
                "bom_line_ids": [
                    Command.create({"product_id": cls.paste.id, "product_qty": 1000}),
                    Command.create({"product_id": cls.oil.id, "product_qty": 500}),
                ],
                "operation_ids": [
                    Command.create(
                        {
                            "name": "Cook",
                            "workcenter_id": cls.vessel.id,
                            "time_cycle_manual": 60,
                        }
                    )
                ],
            }
        )
        cls.bottle_bom = cls.env["mrp.bom"].create(
            {
                "product_tmpl_id": cls.bottle.product_tmpl_id.id,
                "product_qty": 1,
                "bom_line_ids": [
                    Command.create({"product_id": cls.paste.id, "product_qty": 1}),
                ],
                "operation_ids": [
                    Command.create(
                        {
                            "name": "Fill",
                            "workcenter_id": cls.line.id,
                            "time_cycle_manual": 1,
                        }
                    )
                ],
            }
        )
        for component in (cls.paste, cls.oil):
            cls.env["stock.quant"]._update_available_quantity(
                component, cls.stock_location, 100000
            )

    @classmethod
    def _confirmed_mo(cls, qty, product=None, user=None):
        env = cls.env(user=user or cls.manager)
        production = env["mrp.production"].create(
            {"product_id": (product or cls.base).id, "product_qty": qty}
        )
        production.action_confirm()
        return production.with_env(cls.env)
