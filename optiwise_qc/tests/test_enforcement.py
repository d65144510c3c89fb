# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import OptiwiseQcCase


@tagged("post_install", "-at_install")
class TestLotEnforcement(OptiwiseQcCase):
    def test_deliveries_require_released_by_default(self):
        """Outgoing types require released lots; incoming ones do not."""
        self.assertTrue(self.warehouse.out_type_id.optiwise_require_released)
        self.assertFalse(self.warehouse.in_type_id.optiwise_require_released)
        self.assertFalse(self.warehouse.manu_type_id.optiwise_require_released)

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
        self.warehouse.manu_type_id.optiwise_require_released = True
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
