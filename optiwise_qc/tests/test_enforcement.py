# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import OptiwiseQcCase


@tagged("post_install", "-at_install")
class TestLotEnforcement(OptiwiseQcCase):
    def test_deliveries_require_released_by_default(self):
        """Outgoing and manufacturing types require released lots; incoming
        ones do not."""
        self.assertTrue(self.warehouse.out_type_id.optiwise_require_released)
        self.assertFalse(self.warehouse.in_type_id.optiwise_require_released)
        self.assertTrue(self.warehouse.manu_type_id.optiwise_require_released)

    def test_pending_lot_is_not_reserved(self):
        """A pending lot stays in stock when a delivery reserves."""
        self._produce()
        picking = self._delivery(100)
        picking.action_assign()
        self.assertEqual(picking.move_ids.quantity, 0)
        self.assertEqual(picking.state, "confirmed")

    def test_released_lot_ships(self):
        """Released: reserved and shipped."""
        lot = self._produce()
        self._pass_production(lot).action_release()
        picking = self._delivery(100)
        picking.action_assign()
        self.assertEqual(picking.move_ids.move_line_ids.lot_id, lot)
        picking.move_ids.picked = True
        picking.button_validate()
        self.assertEqual(picking.state, "done")

    def test_reservation_skips_to_released_lot(self):
        """With a rejected and a released lot in stock, the released one goes."""
        rejected = self._produce(lot_name="BASE-REJ")
        rejected.optiwise_inspection_ids.with_user(self.inspector).action_reject()
        released = self._produce(lot_name="BASE-OK")
        self._pass_production(released).action_release()
        picking = self._delivery(500)
        picking.action_assign()
        self.assertEqual(picking.move_ids.move_line_ids.lot_id, released)
        self.assertEqual(picking.move_ids.quantity, 500)

    def test_quarantined_lot_cannot_ship_when_picked_by_hand(self):
        """A lot put on the delivery by hand is refused at validation, named."""
        lot = self._produce(lot_name="BASE-Q")
        self._pass_production(lot).action_quarantine()
        picking = self._delivery(10)
        picking.move_ids.move_line_ids = [
            (
                0,
                0,
                {
                    "product_id": self.base.id,
                    "lot_id": lot.id,
                    "quantity": 10,
                    "location_id": self.stock_location.id,
                    "location_dest_id": picking.location_dest_id.id,
                },
            )
        ]
        picking.move_ids.picked = True
        with self.assertRaisesRegex(
            UserError, r"Test Sauce Base BASE-Q \(Quarantined\)"
        ):
            picking.button_validate()
        self.assertEqual(picking.state, "assigned")

    def test_components_may_require_released(self):
        """A manufacturing type requiring released lots holds back components."""
        tomato_bom = self.bom.copy(
            {
                "product_tmpl_id": self.bottle.product_tmpl_id.id,
                "bom_line_ids": [
                    (0, 0, {"product_id": self.tomato.id, "product_qty": 100})
                ],
            }
        )
        lot = self._receive("TOM-C1", qty=500)
        production = self.env["mrp.production"].create(
            {"product_id": self.bottle.id, "bom_id": tomato_bom.id, "product_qty": 1}
        )
        production.action_confirm()
        production.action_assign()
        self.assertEqual(production.move_raw_ids.quantity, 0)
        inspection = lot.optiwise_inspection_ids.with_user(self.inspector)
        inspection.line_ids.measured_value = 28
        inspection.action_complete()
        inspection.action_release()
        production.action_assign()
        self.assertEqual(production.move_raw_ids.move_line_ids.lot_id, lot)


@tagged("post_install", "-at_install")
class TestHoldsFollowMaterial(OptiwiseQcCase):
    """A lot on hold is not consumed by a batch nor a run; a lot made from one
    shows it and is released only as a quality manager's concession; new
    quantity into a released lot re-opens quality; a lot awaiting its first
    inspection is pending, one that no point inspects needs none."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tomato_bom = cls.bottle_bom.copy(
            {"bom_line_ids": [(0, 0, {"product_id": cls.tomato.id, "product_qty": 1})]}
        )

    def _quarantined_tomatoes(self, name):
        lot = self._receive(name, qty=500)
        inspection = lot.optiwise_inspection_ids.with_user(self.inspector)
        inspection.line_ids.measured_value = 28
        inspection.action_complete()
        inspection.action_quarantine(note="Mould on a crate")
        self.assertEqual(lot.optiwise_quality_state, "quarantined")
        return lot

    def _bottles_by_hand(self, tomatoes, qty=10):
        """A batch of bottles with ``tomatoes`` put on it by hand."""
        production = self.env["mrp.production"].create(
            {
                "product_id": self.bottle.id,
                "bom_id": self.tomato_bom.id,
                "product_qty": qty,
            }
        )
        production.action_confirm()
        production.action_assign()
        move = production.move_raw_ids.filtered(lambda m: m.product_id == self.tomato)
        if self.warehouse.manu_type_id.optiwise_require_released:
            self.assertEqual(move.quantity, 0, "a held lot is not reserved")
        move.move_line_ids = [
            (5, 0, 0),
            (
                0,
                0,
                {
                    "product_id": self.tomato.id,
                    "lot_id": tomatoes.id,
                    "quantity": qty,
                    "location_id": move.location_id.id,
                    "location_dest_id": move.location_dest_id.id,
                },
            ),
        ]
        production.lot_producing_ids = self.env["stock.lot"].create(
            {"name": f"BOT-{tomatoes.name}", "product_id": self.bottle.id}
        )
        production.qty_producing = qty
        production._set_qty_producing()
        production.move_raw_ids.picked = True
        return production

    def test_quarantined_component_refused_by_batch(self):
        """Put on a batch by hand, a quarantined lot is refused at mark done,
        named with its state; nothing is consumed."""
        tomatoes = self._quarantined_tomatoes("TOM-Q1")
        production = self._bottles_by_hand(tomatoes)
        with self.assertRaisesRegex(UserError, r"TOM-Q1 \(Quarantined\)"):
            production.with_context(skip_consumption=True).button_mark_done()
        self.assertEqual(tomatoes.product_qty, 500)

    def test_quarantined_component_refused_by_run(self):
        """A run's declaration does not consume a quarantined lot: refused,
        naming the lot; nothing is declared."""
        tomatoes = self._quarantined_tomatoes("TOM-Q2")
        run = self.env["optiwise.production.run"].create(
            {
                "product_id": self.bottle.id,
                "bom_id": self.tomato_bom.id,
                "workcenter_id": self.line.id,
                "planned_qty": 100,
                "standard_rate": 600,
            }
        )
        run.action_start()
        with (
            self.assertRaisesRegex(UserError, r"TOM-Q2 \(Quarantined\)"),
            self.env.cr.savepoint(),
        ):
            run.record_output(10.0)
        self.env.invalidate_all()
        self.assertFalse(run.output_ids)
        self.assertEqual(tomatoes.product_qty, 500)

    def test_lot_made_from_held_input_needs_concession(self):
        """Where the plant lets a held lot be consumed, the lot made from it
        shows the input and its state, waits for an inspection, and is
        released only by a quality manager with a reason."""
        self.warehouse.manu_type_id.optiwise_require_released = False
        tomatoes = self._quarantined_tomatoes("TOM-Q3")
        production = self._bottles_by_hand(tomatoes)
        production.with_context(skip_consumption=True).button_mark_done()
        bottles = production.lot_producing_ids
        self.assertEqual(bottles.optiwise_held_input_ids, tomatoes)
        self.assertIn("TOM-Q3 (Quarantined)", bottles.optiwise_held_input_note)
        self.assertEqual(bottles.optiwise_quality_state, "pending")
        inspection = bottles.optiwise_inspection_ids.with_user(self.inspector)
        self.assertIn("TOM-Q3", inspection.line_ids.name)
        inspection.line_ids.acknowledged = True
        inspection.action_complete()
        with self.assertRaisesRegex(AccessError, "made from lots on hold"):
            inspection.action_release(note="Looks fine")
        as_manager = inspection.with_user(self.qc_manager)
        with self.assertRaisesRegex(UserError, "concession"):
            as_manager.action_release()
        as_manager.action_release(note="Crate discarded, rest tested clean")
        self.assertEqual(bottles.optiwise_quality_state, "released")

    def test_new_quantity_reopens_released_lot(self):
        """Produced again into a released lot: a new inspection, pending."""
        lot = self._produce(lot_name="BASE-AGAIN")
        self._pass_production(lot).action_release()
        self.assertEqual(lot.optiwise_quality_state, "released")
        production = self.env["mrp.production"].create(
            {"product_id": self.base.id, "product_qty": 100}
        )
        production.action_confirm()
        production.lot_producing_ids = lot
        production.qty_producing = 100
        production._set_qty_producing()
        production.move_raw_ids.picked = True
        production.button_mark_done()
        self.assertEqual(len(lot.optiwise_inspection_ids), 2)
        self.assertEqual(lot.optiwise_quality_state, "pending")

    def test_pending_before_inspection_and_not_required(self):
        """A lot planned for a product with a production point is pending
        before it is made; a lot no point inspects needs no inspection and
        ships."""
        planned = self.env["stock.lot"].create(
            {"name": "BASE-PLANNED", "product_id": self.base.id}
        )
        self.assertEqual(planned.optiwise_quality_state, "pending")
        salt = self.env["product.product"].create(
            {"name": "Test Salt", "is_storable": True, "tracking": "lot"}
        )
        free = self.env["stock.lot"].create({"name": "SALT-1", "product_id": salt.id})
        self.assertEqual(free.optiwise_quality_state, "not_required")
        with self.assertRaisesRegex(UserError, "set by|follows"):
            planned.with_user(self.qc_manager).write(
                {"optiwise_quality_required": False}
            )
