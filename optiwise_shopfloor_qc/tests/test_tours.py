# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestInspectTour(HttpCase):
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
