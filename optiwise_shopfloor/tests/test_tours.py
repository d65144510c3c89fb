# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from freezegun import freeze_time

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.optiwise_batch.tests.common import OptiwiseChangeoverCase


@tagged("post_install", "-at_install")
class TestShopfloorTours(HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    def _line_with_run(self):
        new_test_user(
            self.env, login="tour_sf_operator", groups="optiwise_batch.group_user"
        )
        line = self.env["mrp.workcenter"].create(
            {"name": "Tour Line", "optiwise_barcode": "WC-TOUR-LINE"}
        )
        component = self.env["product.product"].create(
            {"name": "Tour Sauce", "is_storable": True}
        )
        self.env.company.nomenclature_id = self.env.ref(
            "barcodes_gs1_nomenclature.default_gs1_nomenclature"
        )
        # EAN-13 5901234000031: the GTIN 05901234000031 of the case labels
        product = self.env["product.product"].create(
            {
                "name": "Tour Bottle",
                "is_storable": True,
                "tracking": "lot",
                "barcode": "5901234000031",
            }
        )
        self.env["mrp.bom"].create(
            {
                "product_tmpl_id": product.product_tmpl_id.id,
                "bom_line_ids": [Command.create({"product_id": component.id})],
                "operation_ids": [
                    Command.create({"name": "Fill", "workcenter_id": line.id})
                ],
            }
        )
        run = self.env["optiwise.production.run"].create(
            {"product_id": product.id, "planned_qty": 1000, "standard_rate": 600}
        )
        run.action_start()
        # the lot of the case label the tour scans
        self.env["stock.lot"].create({"name": "TOUR-L1", "product_id": product.id})
        return run

    def test_declare_from_the_line(self):
        """On a phone, an operator finds the line by its code, declares,
        pauses with a reason, resumes and stops."""
        run = self._line_with_run()
        self.start_tour(
            "/odoo/shop-floor", "optiwise_shopfloor_tour", login="tour_sf_operator"
        )
        self.assertEqual(run.produced_qty, 12)
        self.assertEqual(run.output_ids.source, "barcode")
        self.assertEqual(run.state, "done")
        downtime = run.productivity_ids.filtered("optiwise_run_id")
        self.assertEqual(downtime.loss_id, self.env.ref("mrp.block_reason0"))
        self.assertTrue(downtime.date_end)

    def test_offline_declaration_sent_when_back(self):
        """A declaration made while the network is down is kept, shown as
        waiting, and sent once (by its reference) when the network is back."""
        run = self._line_with_run()
        self.start_tour(
            "/odoo/shop-floor",
            "optiwise_shopfloor_offline_tour",
            login="tour_sf_operator",
        )
        self.assertEqual(run.produced_qty, 5)
        self.assertEqual(len(run.output_ids), 1)
        self.assertTrue(run.output_ids.external_ref.startswith("sf-"))

    def test_offline_overnight_nothing_lost(self):
        """Declared offline, the session ended before the network came back:
        the expired session's refusal keeps the declaration queued, and it is
        sent once the operator logs in again (7 units, once)."""
        run = self._line_with_run()
        self.start_tour(
            "/odoo/shop-floor",
            "optiwise_shopfloor_overnight_tour",
            login="tour_sf_operator",
        )
        self.assertEqual(run.produced_qty, 7)
        self.assertEqual(len(run.output_ids), 1)
        self.assertEqual(run.output_ids.qty_good, 7)

    def test_delivery_checked_lot_by_lot(self):
        """A warehouse clerk checks a delivery by scanning a lot and a
        pallet's GS1 logistic label (SSCC)."""
        new_test_user(self.env, login="tour_sf_clerk", groups="stock.group_stock_user")
        stock = self.env.ref("stock.warehouse0").lot_stock_id
        self.env.company.nomenclature_id = self.env.ref(
            "barcodes_gs1_nomenclature.default_gs1_nomenclature"
        )
        bottle = self.env["product.product"].create(
            {
                "name": "Tour Bottle",
                "is_storable": True,
                "tracking": "lot",
                "barcode": "5901234000031",
            }
        )
        other = self.env["product.product"].create(
            {"name": "Tour Jar", "is_storable": True, "tracking": "lot"}
        )
        # a loose lot of 10, and a pallet of 5 named by its SSCC
        pallet = self.env["stock.package"].create({"name": "006141410000099993"})
        self.assertTrue(pallet.valid_sscc)
        for name, product, package in (
            ("TOUR-SHIP-1", bottle, False),
            ("TOUR-SHIP-2", bottle, pallet),
            ("TOUR-OTHER", other, False),
        ):
            lot = self.env["stock.lot"].create({"name": name, "product_id": product.id})
            self.env["stock.quant"]._update_available_quantity(
                product, stock, 5 if package else 10, lot_id=lot, package_id=package
            )
        picking = self.env["stock.picking"].create(
            {
                "name": "TOUR-DELIVERY",
                "picking_type_id": self.env.ref("stock.picking_type_out").id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": bottle.id,
                            "product_uom_qty": 15,
                            "location_id": stock.id,
                            "location_dest_id": self.env.ref(
                                "stock.stock_location_customers"
                            ).id,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.action_assign()
        self.start_tour(
            "/odoo/shop-floor",
            "optiwise_shopfloor_delivery_tour",
            login="tour_sf_clerk",
        )
        self.assertEqual(picking.state, "done")
        self.assertEqual(picking.move_line_ids.result_package_id, pallet)
        self.assertEqual(
            sorted(picking.move_ids.move_line_ids.lot_id.mapped("name")),
            ["TOUR-SHIP-1", "TOUR-SHIP-2"],
        )


@tagged("post_install", "-at_install")
class TestShopfloorBatchTour(HttpCase, OptiwiseChangeoverCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_batch_with_its_changeover(self):
        """On a phone: the vessel's next batch, its changeover checklist
        ticked (offline, sent when the network is back), the batch started,
        its component lot scanned, finished, marked done."""
        new_test_user(
            self.env, login="tour_sf_batch", groups="optiwise_batch.group_user"
        )
        self.vessel.optiwise_barcode = "WC-TOUR-VESSEL"
        with freeze_time("2026-11-23 08:00:00"):
            self._run_workorder(self._mo(self.dark))
        # the paste is lot-tracked, with a case label (GTIN 05901234000253)
        self.env.company.nomenclature_id = self.env.ref(
            "barcodes_gs1_nomenclature.default_gs1_nomenclature"
        )
        self.paste.write({"tracking": "lot", "barcode": "5901234000253"})
        paste_lot = self.env["stock.lot"].create(
            {"name": "TOUR-PASTE-1", "product_id": self.paste.id}
        )
        self.env["stock.quant"]._update_available_quantity(
            self.paste, self.stock_location, 1000, lot_id=paste_lot
        )
        production = self._mo(self.base)
        production.lot_producing_ids = self.env["stock.lot"].create(
            {"name": "TOUR-BATCH-1", "product_id": self.base.id}
        )
        workorder = production.workorder_ids
        self.start_tour(
            "/odoo/shop-floor", "optiwise_shopfloor_batch_tour", login="tour_sf_batch"
        )
        self.assertEqual(workorder.state, "done")
        self.assertEqual(production.state, "done")
        changeover = workorder.optiwise_changeover_ids
        self.assertEqual(changeover.state, "done")
        self.assertTrue(changeover.check_ids.filtered("mandatory").done)
        # the lot scanned is the lot consumed: genealogy exact
        paste_move = production.move_raw_ids.filtered(
            lambda m: m.product_id == self.paste
        )
        self.assertEqual(paste_move.move_line_ids.lot_id, paste_lot)
        self.assertEqual(paste_move.quantity, 1000)
