# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tests import tagged

from odoo.addons.optiwise_shopfloor.tests.test_scan import (
    TestCheckDelivery,
    TestConsumeLot,
    TestPallets,
)


@tagged("post_install", "-at_install")
class TestConsumeHeldLot(TestConsumeLot):
    """The shop floor's scans, quality-aware."""

    def test_held_lot_refused(self):
        """A quarantined component lot scanned onto a batch is refused with
        its state; the batch keeps nothing of it."""
        lot = self.env["stock.lot"].create(
            {"name": "HERB-Q", "product_id": self.herbs.id}
        )
        self.env["stock.quant"]._update_available_quantity(
            self.herbs, self.stock_location, 50, lot_id=lot
        )
        inspection = self.env["optiwise.qc.inspection"].create({"lot_id": lot.id})
        inspection.action_quarantine(note="Mould")
        self.assertEqual(lot.optiwise_quality_state, "quarantined")
        production, workorder = self._batch_in_progress()
        answer = (
            self.env["optiwise.shopfloor"]
            .with_user(self.operator)
            .consume_lot(workorder.id, "HERB-Q")
        )
        self.assertEqual(answer["status"], "refused")
        self.assertIn("HERB-Q is Quarantined", answer["message"])
        self.assertNotIn(lot, production.move_raw_ids.move_line_ids.lot_id)

    def test_scanned_lot_shows_its_quality_first(self):
        """A rejected lot scanned on the phone says so in red, with why and
        what may still be done; a lot needing no inspection says that."""
        lot = self.env["stock.lot"].create(
            {"name": "HERB-R", "product_id": self.herbs.id}
        )
        inspection = self.env["optiwise.qc.inspection"].create({"lot_id": lot.id})
        inspection.action_reject(note="Foreign matter")
        floor = self.env["optiwise.shopfloor"].with_user(self.operator)
        answer = floor.resolve_scan("HERB-R")
        self.assertEqual((answer["kind"], answer["id"]), ("lot", lot.id))
        self.assertEqual(answer["tone"], "danger")
        self.assertEqual(answer["quality"]["label"], "Rejected")
        self.assertTrue(answer["quality"]["held"])
        self.assertTrue(
            answer["message"].startswith(
                "On hold: Rejected by quality control (Foreign matter)."
            ),
            answer["message"],
        )
        self.assertIn("Do not consume or ship it", answer["message"])
        self.assertIn("scrap, return to the vendor", answer["message"])
        free = self.env["stock.lot"].create(
            {"name": "HERB-F", "product_id": self.herbs.id}
        )
        answer = floor.resolve_scan("HERB-F")
        self.assertEqual(answer["quality"]["label"], "No Inspection Required")
        self.assertFalse(answer["quality"]["held"])
        self.assertNotIn("tone", answer)
        self.assertEqual(free.optiwise_quality_state, "not_required")


@tagged("post_install", "-at_install")
class TestShipHeldLot(TestCheckDelivery):
    def test_held_lot_not_checked_onto_a_delivery(self):
        """A rejected lot scanned onto a delivery is refused with its state."""
        lot = self.lots[0]
        inspection = self.env["optiwise.qc.inspection"].create({"lot_id": lot.id})
        inspection.action_reject(note="Leaking caps")
        answer = (
            self.env["optiwise.shopfloor"]
            .with_user(self.stock_user)
            .check_delivery_scan(self.picking.id, lot.name)
        )
        self.assertEqual(answer["status"], "refused")
        self.assertIn(f"{lot.name} is Rejected", answer["message"])
        self.assertEqual(answer["delivery"]["lines"][0]["scanned"], 0)


@tagged("post_install", "-at_install")
class TestShipHeldPallet(TestPallets):
    def test_pallet_with_a_held_lot_refused_whole(self):
        """One lot of a pallet on hold: the pallet is refused with that lot's
        state, and nothing of it (not even its released lot) is taken."""
        inspection = self.env["optiwise.qc.inspection"].create(
            {"lot_id": self.lot_b.id}
        )
        inspection.action_quarantine(note="Seal damaged")
        answer = (
            self.env["optiwise.shopfloor"]
            .with_user(self.stock_user)
            .check_delivery_scan(self.picking.id, "PAL-ONE")
        )
        self.assertEqual(answer["status"], "refused")
        self.assertIn("PAL-B is Quarantined", answer["message"])
        self.assertEqual(answer["delivery"]["lines"][0]["scanned"], 0)
        self.assertFalse(self.picking.move_line_ids.filtered("optiwise_scanned"))


@tagged("post_install", "-at_install")
class TestInspectFromTheScreen(TestConsumeLot):
    def test_lot_inspection_for_the_screen(self):
        """The open inspection of a scanned lot, its tests with their
        specification; none once decided."""
        lot = self.env["stock.lot"].create(
            {"name": "HERB-I", "product_id": self.herbs.id}
        )
        inspection = self.env["optiwise.qc.inspection"].create(
            {
                "lot_id": lot.id,
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Moisture",
                            "test_type": "measure",
                            "target": 10,
                            "tolerance_min": 8,
                            "tolerance_max": 12,
                            "unit": "%",
                        },
                    )
                ],
            }
        )
        data = (
            self.env["optiwise.shopfloor"]
            .with_user(self.operator)
            .get_lot_inspection(lot.id)
        )
        self.assertEqual(data["inspection"]["id"], inspection.id)
        line = data["inspection"]["lines"][0]
        self.assertEqual(
            (line["name"], line["specification"]), ("Moisture", "10 % [8 - 12]")
        )
        self.assertEqual(line["measured_value"], False)
        inspection.action_quarantine(note="Wet")
        data = self.env["optiwise.shopfloor"].get_lot_inspection(lot.id)
        self.assertIs(data["inspection"], False)
        self.assertEqual(data["lot"]["state"], "Quarantined")
