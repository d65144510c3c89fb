# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestShopfloorQualityTours(HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_inspector_decides_from_the_phone(self):
        """An inspector records a lot's tests on the phone and releases it."""
        new_test_user(
            self.env, login="tour_sf_inspector", groups="optiwise_qc.group_inspector"
        )
        product = self.env["product.product"].create(
            {"name": "Tour Sauce", "is_storable": True, "tracking": "lot"}
        )
        lot = self.env["stock.lot"].create(
            {"name": "TOUR-INSPECT-1", "product_id": product.id}
        )
        inspection = self.env["optiwise.qc.inspection"].create(
            {
                "lot_id": lot.id,
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Tour pH",
                            "test_type": "measure",
                            "target": 4.0,
                            "tolerance_min": 3.8,
                            "tolerance_max": 4.2,
                        },
                    ),
                    (0, 0, {"name": "Tour Taste", "test_type": "passfail"}),
                ],
            }
        )
        self.start_tour(
            "/odoo/shop-floor",
            "optiwise_shopfloor_inspect_tour",
            login="tour_sf_inspector",
        )
        self.assertEqual(inspection.decision, "release")
        self.assertEqual(lot.optiwise_quality_state, "released")
        self.assertEqual(inspection.line_ids.mapped("result"), ["pass", "pass"])

    def test_held_lot_refused_on_a_delivery(self):
        """A quarantined lot scanned onto a delivery is refused on the phone."""
        new_test_user(
            self.env, login="tour_sf_clerk_q", groups="stock.group_stock_user"
        )
        stock = self.env.ref("stock.warehouse0").lot_stock_id
        bottle = self.env["product.product"].create(
            {"name": "Tour Held Bottle", "is_storable": True, "tracking": "lot"}
        )
        lots = {}
        for name in ("TOUR-HELD", "TOUR-OK"):
            lots[name] = self.env["stock.lot"].create(
                {"name": name, "product_id": bottle.id}
            )
            self.env["stock.quant"]._update_available_quantity(
                bottle, stock, 10, lot_id=lots[name]
            )
        self.env["optiwise.qc.inspection"].create(
            {"lot_id": lots["TOUR-HELD"].id}
        ).action_quarantine(note="Seal check")
        picking = self.env["stock.picking"].create(
            {
                "name": "TOUR-DELIVERY-Q",
                "picking_type_id": self.env.ref("stock.picking_type_out").id,
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": bottle.id,
                            "product_uom_qty": 10,
                            "location_id": stock.id,
                            "location_dest_id": self.env.ref(
                                "stock.stock_location_customers"
                            ).id,
                        },
                    )
                ],
            }
        )
        picking.action_confirm()
        self.start_tour(
            "/odoo/shop-floor", "optiwise_shopfloor_held_tour", login="tour_sf_clerk_q"
        )
        self.assertEqual(picking.move_ids.move_line_ids.lot_id, lots["TOUR-OK"])
