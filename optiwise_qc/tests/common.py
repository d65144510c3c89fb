# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fixtures of the quality tests: the batch plant plus quality roles and points.

Never relies on demo data.
"""

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.optiwise_batch.tests.common import OptiwisePlantCase


class OptiwiseQcCase(OptiwisePlantCase):
    """The plant of optiwise_batch's tests with quality control.

    - users: ``inspector`` and ``inspector_two`` (quality inspectors),
      ``qc_manager``, ``qc_user`` (reads quality), ``operator`` (production),
      ``operator_inspector`` (both: produces and inspects);
    - ``tomato``: a lot-tracked raw material received from a supplier;
    - points: on receipt of ``tomato``, *Brix* measured (target 28, 27-29);
      on production of ``base``, *Taste* pass/fail and *pH* measured twice
      per lot (target 4.0, 3.8-4.2); on continuous output of ``bottle``,
      *Fill level* (choice: OK passes, Low fails) every 2nd lot.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.inspector = new_test_user(
            cls.env,
            login="ow_inspector",
            groups="optiwise_qc.group_inspector",
            name="Inspector One",
        )
        cls.inspector_two = new_test_user(
            cls.env,
            login="ow_inspector_two",
            groups="optiwise_qc.group_inspector",
            name="Inspector Two",
        )
        cls.qc_manager = new_test_user(
            cls.env,
            login="ow_qc_manager",
            groups="optiwise_qc.group_manager",
            name="QC Manager",
        )
        cls.qc_user = new_test_user(
            cls.env,
            login="ow_qc_user",
            groups="optiwise_qc.group_user",
            name="QC Reader",
        )
        cls.operator_inspector = new_test_user(
            cls.env,
            login="ow_operator_inspector",
            groups="optiwise_batch.group_manager,optiwise_qc.group_inspector",
            name="Producing Inspector",
        )
        # a database's own points (demo data) would add tests to the fixtures'
        cls.env["optiwise.qc.point"].search([]).active = False
        cls.tomato = cls.env["product.product"].create(
            {"name": "Test Tomatoes", "is_storable": True, "tracking": "lot"}
        )
        Point = cls.env["optiwise.qc.point"]
        cls.point_brix = Point.create(
            {
                "name": "Brix",
                "trigger": "receipt",
                "product_id": cls.tomato.id,
                "test_type": "measure",
                "target": 28,
                "tolerance_min": 27,
                "tolerance_max": 29,
                "unit": "°Bx",
            }
        )
        cls.point_taste = Point.create(
            {"name": "Taste", "trigger": "production", "product_id": cls.base.id}
        )
        cls.point_ph = Point.create(
            {
                "name": "pH",
                "trigger": "production",
                "product_id": cls.base.id,
                "test_type": "measure",
                "target": 4.0,
                "tolerance_min": 3.8,
                "tolerance_max": 4.2,
                "sampling": "samples",
                "sampling_n": 2,
                "lead_time_hours": 48,
            }
        )
        cls.point_fill = Point.create(
            {
                "name": "Fill level",
                "trigger": "run_output",
                "product_id": cls.bottle.id,
                "test_type": "choice",
                "sampling": "nth_lot",
                "sampling_n": 2,
                "choice_ids": [
                    Command.create({"name": "OK", "is_pass": True}),
                    Command.create({"name": "Low", "is_pass": False}),
                ],
            }
        )
        cls.warehouse = cls.env.ref("stock.warehouse0")
        cls.customer = cls.env["res.partner"].create({"name": "Test Customer"})
        cls.supplier = cls.env["res.partner"].create({"name": "Test Grower"})

    # ------------------------------------------------------------------
    # Flows
    # ------------------------------------------------------------------

    def _receive(self, lot_name, qty=100.0, product=None, user=None):
        """Receive ``qty`` of a lot from the supplier; return the lot."""
        product = product or self.tomato
        env = self.env(user=user) if user else self.env
        picking = env["stock.picking"].create(
            {
                "picking_type_id": self.warehouse.in_type_id.id,
                "partner_id": self.supplier.id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": qty,
                            "location_id": self.env.ref(
                                "stock.stock_location_suppliers"
                            ).id,
                            "location_dest_id": self.stock_location.id,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.move_ids.move_line_ids.unlink()
        picking.move_ids.move_line_ids = [
            Command.create(
                {
                    "product_id": product.id,
                    "lot_name": lot_name,
                    "quantity": qty,
                    "location_id": picking.location_id.id,
                    "location_dest_id": self.stock_location.id,
                }
            )
        ]
        picking.move_ids.picked = True
        picking.button_validate()
        return picking.move_ids.move_line_ids.lot_id

    def _produce(self, qty=500.0, user=None, lot_name=None):
        """Make ``qty`` of base through a manufacturing order; return the lot."""
        env = self.env(user=user or self.manager)
        production = env["mrp.production"].create(
            {"product_id": self.base.id, "product_qty": qty}
        )
        production.action_confirm()
        production.lot_producing_ids = env["stock.lot"].create(
            {
                "name": lot_name or env["ir.sequence"].next_by_code("stock.lot.serial"),
                "product_id": self.base.id,
            }
        )
        production.qty_producing = qty
        production._set_qty_producing()
        production.move_raw_ids.picked = True
        production.button_mark_done()
        self.assertEqual(production.state, "done")
        return production.lot_producing_ids

    def _delivery(self, qty, product=None):
        """A confirmed delivery of ``qty`` to the customer."""
        product = product or self.base
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": self.warehouse.out_type_id.id,
                "partner_id": self.customer.id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": qty,
                            "location_id": self.stock_location.id,
                            "location_dest_id": self.env.ref(
                                "stock.stock_location_customers"
                            ).id,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        return picking

    def _pass_production(self, lot, user=None):
        """Record passing results on the lot's production inspection."""
        inspection = lot.optiwise_inspection_ids.filtered(
            lambda i: i.trigger == "production"
        ).with_user(user or self.inspector)
        for line in inspection.line_ids:
            if line.test_type == "measure":
                line.measured_value = 4.0
            else:
                line.pass_fail = "pass"
        inspection.action_complete()
        return inspection
