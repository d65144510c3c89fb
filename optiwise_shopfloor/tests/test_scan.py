# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import date, timedelta

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools.barcode import get_barcode_check_digit

from odoo.addons.optiwise_batch.tests.common import OptiwiseChangeoverCase
from odoo.addons.optiwise_shopfloor import gs1

GS = "\x1d"


def with_check_digit(digits):
    return digits + str(get_barcode_check_digit(digits + "0"))


def delivery(case, product, qty):
    """A confirmed delivery of ``qty`` ``product`` from the case's stock."""
    picking = case.env["stock.picking"].create(
        {
            "picking_type_id": case.env.ref("stock.warehouse0").out_type_id.id,
            "partner_id": case.env.ref("base.res_partner_2").id,
            "move_ids": [
                Command.create(
                    {
                        "product_id": product.id,
                        "product_uom_qty": qty,
                        "location_id": case.stock_location.id,
                        "location_dest_id": case.env.ref(
                            "stock.stock_location_customers"
                        ).id,
                    }
                )
            ],
        }
    )
    picking.action_confirm()
    return picking


class TestScanResolverCase(OptiwiseChangeoverCase):
    """Every kind of code the shop floor scans, and every refusal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.nomenclature_id = cls.env.ref(
            "barcodes_gs1_nomenclature.default_gs1_nomenclature"
        )
        cls.Shopfloor = cls.env["optiwise.shopfloor"].with_user(cls.operator)
        cls.vessel.optiwise_barcode = "WC-TEST-VESSEL"
        cls.ean = with_check_digit("590123412345")
        cls.gtin = "0" + cls.ean
        cls.bottle.barcode = cls.ean
        cls.lot = cls.env["stock.lot"].create(
            {"name": "SCAN-L1", "product_id": cls.bottle.id}
        )

    def _gs1(self, lot="SCAN-L1", expiry=None, tail=""):
        expiry = expiry or date.today() + timedelta(days=30)
        return f"]C101{self.gtin}10{lot}{GS}17{expiry.strftime('%y%m%d')}{tail}"


@tagged("post_install", "-at_install")
class TestScanResolver(TestScanResolverCase):
    def test_work_center(self):
        answer = self.Shopfloor.resolve_scan("WC-TEST-VESSEL")
        self.assertEqual(
            (answer["status"], answer["kind"], answer["id"], answer["next"]),
            ("ok", "workcenter", self.vessel.id, "open_workcenter"),
        )

    def test_documents_by_name(self):
        production = self._mo(self.base)
        run = self._run(self.bottle)
        for record, kind in ((production, "production"), (run, "run")):
            answer = self.Shopfloor.resolve_scan(record.name)
            self.assertEqual((answer["kind"], answer["id"]), (kind, record.id))

    def test_lot_by_name_and_ambiguous_name(self):
        answer = self.Shopfloor.resolve_scan("SCAN-L1")
        self.assertEqual((answer["kind"], answer["id"]), ("lot", self.lot.id))
        self.env["stock.lot"].create({"name": "SCAN-L1", "product_id": self.base.id})
        answer = self.Shopfloor.resolve_scan("SCAN-L1")
        self.assertEqual(answer["status"], "refused")
        self.assertIn("GS1 label", answer["message"])

    def test_product_barcode_and_gtin(self):
        for code in (self.ean, self.gtin):
            answer = self.Shopfloor.resolve_scan(code)
            self.assertEqual(
                (answer["kind"], answer["id"]), ("product", self.bottle.id)
            )

    def test_gs1_lot_label(self):
        """GTIN, lot, expiry and count of a case label; the lot of that
        product even when another product has a lot of the same name."""
        self.env["stock.lot"].create({"name": "SCAN-L1", "product_id": self.base.id})
        answer = self.Shopfloor.resolve_scan(self._gs1(tail="3712"))
        self.assertEqual(
            (answer["status"], answer["kind"], answer["id"]), ("ok", "lot", self.lot.id)
        )
        self.assertEqual(answer["gs1"]["gtin"], self.gtin)
        self.assertEqual(answer["gs1"]["lot"], "SCAN-L1")
        self.assertEqual(
            (answer["gs1"]["quantity"], answer["gs1"]["quantity_ai"]), (12.0, "37")
        )

    def test_gs1_net_weight(self):
        """310n: net kilograms with n decimals (3103 000500 = 0.5 kg)."""
        answer = self.Shopfloor.resolve_scan(f"01{self.gtin}3103000500")
        self.assertEqual(answer["kind"], "product")
        self.assertEqual(answer["gs1"]["quantity"], 0.5)
        self.assertEqual(answer["gs1"]["quantity_ai"], "3103")

    def test_refusals(self):
        """An expired lot, an unknown lot, an unknown code: said plainly."""
        expired = self.Shopfloor.resolve_scan(
            self._gs1(expiry=date.today() - timedelta(days=1))
        )
        self.assertEqual(expired["status"], "refused")
        self.assertIn("expired", expired["message"])
        unknown_lot = self.Shopfloor.resolve_scan(self._gs1(lot="NOPE-9"))
        self.assertEqual(
            (unknown_lot["status"], unknown_lot["kind"]), ("unknown", "lot")
        )
        unknown = self.Shopfloor.resolve_scan("NOTHING-HERE")
        self.assertEqual((unknown["status"], unknown["kind"]), ("unknown", False))

    def test_bad_arguments(self):
        for code, workcenter_id in (
            (12, None),
            (["x"], None),
            ("", None),
            ("X", "1"),
            ("X", 4.5),
            ("X", 999999999),
        ):
            with (
                self.subTest(code=code, workcenter_id=workcenter_id),
                self.assertRaises(UserError),
            ):
                self.Shopfloor.resolve_scan(code, workcenter_id=workcenter_id)


@tagged("at_install", "-post_install")
class TestScanResolverQueries(TestScanResolverCase):
    """Query budgets, at install: this addon's own queries, before the
    addons that depend on it are installed."""

    def test_scan_query_budget(self):
        """A scan resolves within 20 queries on a running server (its caches
        warm, a new request's record cache empty): the nomenclature and its
        rules in one query each, the look-ups, the names. Measured 8 to 12
        for a lot's GS1 label and 3 to 7 for a work center, depending on which
        access caches earlier calls warmed: bounded here, not exact."""
        label = self._gs1(tail="3712")
        for code in (label, "WC-TEST-VESSEL"):
            self.Shopfloor.resolve_scan(code)
        for code in (label, "WC-TEST-VESSEL"):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self.Shopfloor.resolve_scan(code)
            with self.subTest(code=code):
                self.assertLessEqual(self.env.cr.sql_log_count - before, 20)


@tagged("post_install", "-at_install")
class TestWorkcenterJob(OptiwiseChangeoverCase):
    def test_run_under_way(self):
        run = self._run(self.bottle)
        run.action_start()
        run.record_output(5.0)
        job = (
            self.env["optiwise.shopfloor"]
            .with_user(self.operator)
            .get_workcenter_job(self.line.id)["job"]
        )
        self.assertEqual((job["type"], job["id"], job["done"]), ("run", run.id, 5.0))
        self.assertEqual(job["uom"], self.bottle.uom_id.name)
        self.assertEqual(job["failed_declarations"], [])

    def test_failed_declaration_on_the_run_card(self):
        """A declaration the posting job refused is on the run's card, with
        its reason, until it is posted again."""
        run = self._run(self.bottle)
        run.action_start()
        answer = run.with_user(self.operator).declare_output(6.0, qty_scrap=1.0)
        output = self.env["optiwise.run.output"].browse(answer["id"])
        # what could refuse it, after it was accepted: here, a simulated one
        output.sudo().write({"state": "failed", "error": "Paste ran out."})
        job = (
            self.env["optiwise.shopfloor"]
            .with_user(self.operator)
            .get_workcenter_job(self.line.id)["job"]
        )
        [failed] = job["failed_declarations"]
        self.assertEqual((failed["id"], failed["qty_good"]), (output.id, 6.0))
        self.assertEqual(failed["qty_scrap"], 1.0)
        self.assertEqual(failed["error"], "Paste ran out.")

    def test_work_order_with_changeover_to_do(self):
        """The next batch after another product shows its changeover first,
        with its checklist."""
        self._run_workorder(self._mo(self.dark))
        workorder = self._mo(self.base).workorder_ids
        workorder.with_user(self.operator).button_start()
        job = (
            self.env["optiwise.shopfloor"]
            .with_user(self.operator)
            .get_workcenter_job(self.vessel.id)["job"]
        )
        self.assertEqual((job["type"], job["id"]), ("workorder", workorder.id))
        self.assertEqual(
            [c["name"] for c in job["changeover"]["checks"]], ["Wet clean", "Photo"]
        )
        self.assertTrue(job["changeover"]["checks"][0]["mandatory"])

    def test_batch_under_way_comes_first(self):
        """The batch in progress is the job, before a batch planned earlier
        that waits."""
        waiting = self._mo(self.base).workorder_ids
        under_way = self._mo(self.base).workorder_ids
        under_way.button_start()
        under_way.optiwise_changeover_ids.filtered(
            lambda c: c.state == "running"
        ).check_ids.done = True
        under_way.button_start()
        self.assertEqual(under_way.state, "progress")
        waiting.date_start = under_way.date_start - timedelta(days=1)
        job = self.env["optiwise.shopfloor"].get_workcenter_job(self.vessel.id)["job"]
        self.assertEqual((job["id"], job["state"]), (under_way.id, "progress"))


@tagged("post_install", "-at_install")
class TestConsumeLot(OptiwiseChangeoverCase):
    """Scanning component lots onto a batch in progress."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.nomenclature_id = cls.env.ref(
            "barcodes_gs1_nomenclature.default_gs1_nomenclature"
        )
        Product = cls.env["product.product"]
        cls.herbs = Product.create(
            {
                "name": "Test Herbs",
                "is_storable": True,
                "tracking": "lot",
                "barcode": with_check_digit("590123400001"),
            }
        )
        cls.herb_sauce = Product.create(
            {"name": "Test Herb Sauce", "is_storable": True}
        )
        cls.env["mrp.bom"].create(
            {
                "product_tmpl_id": cls.herb_sauce.product_tmpl_id.id,
                "product_qty": 1,
                "bom_line_ids": [
                    (0, 0, {"product_id": cls.herbs.id, "product_qty": 2})
                ],
                "operation_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Mix",
                            "workcenter_id": cls.vessel.id,
                            "time_cycle_manual": 30,
                        },
                    )
                ],
            }
        )
        cls.herb_lot = cls.env["stock.lot"].create(
            {"name": "HERB-1", "product_id": cls.herbs.id}
        )
        cls.env["stock.quant"]._update_available_quantity(
            cls.herbs, cls.stock_location, 100, lot_id=cls.herb_lot
        )

    def _batch_in_progress(self, qty=10):
        production = self.env["mrp.production"].create(
            {"product_id": self.herb_sauce.id, "product_qty": qty}
        )
        production.action_confirm()
        workorder = production.workorder_ids
        workorder.with_user(self.operator).button_start()
        return production, workorder

    def test_lot_put_on_batch_and_traced(self):
        """The scanned lot is what the batch consumes (genealogy exact)."""
        production, workorder = self._batch_in_progress()
        answer = (
            self.env["optiwise.shopfloor"]
            .with_user(self.operator)
            .consume_lot(workorder.id, "HERB-1")
        )
        self.assertEqual((answer["status"], answer["next"]), ("ok", "consumed"))
        self.assertEqual(answer["quantity"], 20)
        lines = production.move_raw_ids.move_line_ids
        self.assertEqual(lines.lot_id, self.herb_lot)
        self.assertTrue(all(lines.mapped("picked")))
        production.qty_producing = 10
        production._set_qty_producing()
        production.button_mark_done()
        self.assertEqual(production.state, "done")
        self.assertEqual(production.move_raw_ids.move_line_ids.lot_id, self.herb_lot)

    def test_gs1_count_and_refusals(self):
        """A case label's count is the quantity; a lot of another product
        and an expired label are refused, the batch unchanged."""
        production, workorder = self._batch_in_progress()
        Shopfloor = self.env["optiwise.shopfloor"].with_user(self.operator)
        gtin = "0" + self.herbs.barcode
        expiry = (date.today() + timedelta(days=60)).strftime("%y%m%d")
        answer = Shopfloor.consume_lot(
            workorder.id, f"]C101{gtin}10HERB-1{GS}17{expiry}373"
        )
        self.assertEqual((answer["status"], answer["quantity"]), ("ok", 3.0))
        bottles = self.env["stock.lot"].create(
            {"name": "NOT-HERBS", "product_id": self.bottle.id}
        )
        refused = Shopfloor.consume_lot(workorder.id, bottles.name)
        self.assertEqual(refused["status"], "refused")
        self.assertIn("does not use", refused["message"])
        expired = (date.today() - timedelta(days=1)).strftime("%y%m%d")
        refused = Shopfloor.consume_lot(
            workorder.id, f"]C101{gtin}10HERB-1{GS}17{expired}"
        )
        self.assertIn("expired", refused["message"])
        self.assertEqual(
            production.move_raw_ids.move_line_ids.mapped("quantity"), [3.0]
        )


@tagged("post_install", "-at_install")
class TestLotLabel(OptiwiseChangeoverCase):
    """The GS1 label of a lot scans back to that lot, with its quantity."""

    def test_label_round_trip(self):
        self.env.company.nomenclature_id = self.env.ref(
            "barcodes_gs1_nomenclature.default_gs1_nomenclature"
        )
        self.bottle.barcode = with_check_digit("590123400002")
        lot = self.env["stock.lot"].create(
            {"name": "LBL-1", "product_id": self.bottle.id}
        )
        self.env["stock.quant"]._update_available_quantity(
            self.bottle, self.stock_location, 12, lot_id=lot
        )
        code = lot._optiwise_gs1_code()
        self.assertEqual(code, f"01{self.bottle.barcode.zfill(14)}10LBL-1{GS}3712")
        answer = (
            self.env["optiwise.shopfloor"].with_user(self.operator).resolve_scan(code)
        )
        self.assertEqual((answer["kind"], answer["id"]), ("lot", lot.id))
        self.assertEqual(answer["gs1"]["quantity"], 12.0)
        zpl = lot._optiwise_zpl()
        self.assertIn("^BCN,120,N,N,N,D^FD>;>801", zpl)
        self.assertIn(">8", zpl.split("^FD>;>8", 1)[1])
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "optiwise_shopfloor.report_lot_gs1_label", lot.ids
        )
        self.assertIn(b"(01)" + self.bottle.barcode.zfill(14).encode(), html)
        self.assertIn(b"(10)LBL-1(37)12", html)
        text, _type = self.env["ir.actions.report"]._render_qweb_text(
            "optiwise_shopfloor.report_lot_gs1_label_zpl", lot.ids
        )
        self.assertTrue(text.strip().startswith(b"^XA"))
        # printed as ZPL, not escaped as HTML
        self.assertIn(b"^FD>;>801", text)
        self.assertNotIn(b"&gt;", text)

    def test_control_characters_refused_clearly(self):
        """A code with a NUL or another control character is a clear error;
        the GS1 group separator is part of a code."""
        floor = self.env["optiwise.shopfloor"].with_user(self.operator)
        for code in ("LBL\x00-1", "LBL\x07", "\x1bLBL"):
            with (
                self.subTest(code=repr(code)),
                self.assertRaisesRegex(UserError, "control characters"),
            ):
                floor.resolve_scan(code)
        answer = floor.resolve_scan(f"10NO-SUCH-LOT{GS}3712")
        self.assertEqual(answer["status"], "unknown")

    def test_label_refuses_a_name_gs1_cannot_carry(self):
        """A lot name longer than GS1 AI (10) allows, or with a character it
        does not carry, gets no label (PDF or ZPL), with the reason."""
        for name, reason in (
            ("RUN-2612-006-261206-S0", "22 characters, GS1 allows 20"),
            ("LOT 7", "characters GS1 does not allow"),
        ):
            lot = self.env["stock.lot"].create(
                {"name": name, "product_id": self.bottle.id}
            )
            with self.subTest(name=name):
                with self.assertRaisesRegex(UserError, reason):
                    lot._optiwise_gs1_code()
                with self.assertRaisesRegex(UserError, reason):
                    lot._optiwise_zpl()
                with self.assertRaisesRegex(UserError, reason):
                    self.env["ir.actions.report"]._render_qweb_html(
                        "optiwise_shopfloor.report_lot_gs1_label", lot.ids
                    )
                with self.assertRaisesRegex(UserError, reason):
                    self.env["ir.actions.report"]._render_qweb_text(
                        "optiwise_shopfloor.report_lot_gs1_label_zpl", lot.ids
                    )


@tagged("post_install", "-at_install")
class TestCheckDelivery(OptiwiseChangeoverCase):
    """A delivery checked lot by lot against the order."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lots = cls.env["stock.lot"].create(
            [{"name": f"SHIP-{i}", "product_id": cls.bottle.id} for i in (1, 2)]
        )
        for lot in cls.lots:
            cls.env["stock.quant"]._update_available_quantity(
                cls.bottle, cls.stock_location, 10, lot_id=lot
            )
        cls.picking = delivery(cls, cls.bottle, 15)
        cls.picking.action_assign()

    def test_lots_checked_then_validated(self):
        """Two lots fill the order (10 + 5); the delivery ships exactly them."""
        Shopfloor = self.env["optiwise.shopfloor"].with_user(self.stock_user)
        first = Shopfloor.check_delivery_scan(self.picking.id, "SHIP-2")
        self.assertEqual(first["status"], "ok", first["message"])
        self.assertEqual(first["delivery"]["lines"][0]["scanned"], 10)
        second = Shopfloor.check_delivery_scan(self.picking.id, "SHIP-1")
        self.assertEqual(second["delivery"]["lines"][0]["scanned"], 15)
        self.assertEqual(second["delivery"]["lines"][0]["lots"], ["SHIP-2", "SHIP-1"])
        self.picking.with_user(self.stock_user).button_validate()
        self.assertEqual(self.picking.state, "done")
        shipped = self.picking.move_ids.move_line_ids
        self.assertEqual(
            sorted((line.lot_id.name, line.quantity) for line in shipped),
            [("SHIP-1", 5.0), ("SHIP-2", 10.0)],
        )

    def test_refusals(self):
        """Another product, more than ordered, a document: refused, nothing
        put on the delivery."""
        Shopfloor = self.env["optiwise.shopfloor"].with_user(self.stock_user)
        other = self.env["stock.lot"].create(
            {"name": "NOT-SHIP", "product_id": self.base.id}
        )
        refused = Shopfloor.check_delivery_scan(self.picking.id, other.name)
        self.assertIn("is not on delivery", refused["message"])
        Shopfloor.check_delivery_scan(self.picking.id, "SHIP-1")
        gtin = "0" + with_check_digit("590123400009")
        self.bottle.barcode = gtin[1:]
        self.env.company.nomenclature_id = self.env.ref(
            "barcodes_gs1_nomenclature.default_gs1_nomenclature"
        )
        too_much = Shopfloor.check_delivery_scan(
            self.picking.id, f"01{gtin}10SHIP-2{GS}379"
        )
        self.assertEqual(too_much["status"], "refused")
        self.assertIn("more than", too_much["message"])
        self.assertEqual(too_much["delivery"]["lines"][0]["scanned"], 10)
        with self.assertRaises(UserError):
            Shopfloor.check_delivery_scan(self.picking.id, ["SHIP-1"])


@tagged("post_install", "-at_install")
class TestPallets(OptiwiseChangeoverCase):
    """Pallets named by SSCC, their GS1 logistic label, and a delivery
    checked pallet by pallet."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.nomenclature_id = cls.env.ref(
            "barcodes_gs1_nomenclature.default_gs1_nomenclature"
        )
        cls.env.company.optiwise_gs1_company_prefix = "0614141"
        cls.bottle.barcode = with_check_digit("590123400017")
        Lot = cls.env["stock.lot"]
        cls.lot_a = Lot.create({"name": "PAL-A", "product_id": cls.bottle.id})
        cls.lot_b = Lot.create({"name": "PAL-B", "product_id": cls.bottle.id})
        Package = cls.env["stock.package"]
        cls.pallet_one = Package.create({"name": "PAL-ONE"})
        cls.pallet_two = Package.create({"name": "PAL-TWO"})
        Quant = cls.env["stock.quant"]
        Quant._update_available_quantity(
            cls.bottle,
            cls.stock_location,
            6,
            lot_id=cls.lot_a,
            package_id=cls.pallet_one,
        )
        Quant._update_available_quantity(
            cls.bottle,
            cls.stock_location,
            4,
            lot_id=cls.lot_b,
            package_id=cls.pallet_one,
        )
        Quant._update_available_quantity(
            cls.bottle,
            cls.stock_location,
            8,
            lot_id=cls.lot_b,
            package_id=cls.pallet_two,
        )
        cls.picking = delivery(cls, cls.bottle, 15)

    def test_sscc_assigned_once_with_check_digit(self):
        pallets = (self.pallet_one | self.pallet_two).with_user(self.stock_user)
        pallets.action_optiwise_assign_sscc()
        names = pallets.mapped("name")
        for name in names:
            self.assertEqual(len(name), 18)
            self.assertTrue(name.startswith("00614141"))
            self.assertEqual(name[-1], gs1.check_digit(name[:-1]))
        self.assertTrue(all(pallets.mapped("valid_sscc")))
        self.assertNotEqual(names[0], names[1])
        # run again: nothing renamed
        pallets.action_optiwise_assign_sscc()
        self.assertEqual(pallets.mapped("name"), names)

    def test_sscc_needs_a_valid_company_prefix(self):
        self.env.company.optiwise_gs1_company_prefix = False
        with self.assertRaisesRegex(UserError, "no GS1 company prefix"):
            self.pallet_one.with_user(self.stock_user).action_optiwise_assign_sscc()
        self.assertEqual(self.pallet_one.name, "PAL-ONE")
        with self.assertRaisesRegex(ValidationError, "6 to 12 digits"):
            self.env.company.optiwise_gs1_company_prefix = "61414A"

    def test_pallet_label_round_trip(self):
        """The logistic label of a one-lot pallet: SSCC, content GTIN, count,
        lot; scanned, it names the pallet, not the lot."""
        self.pallet_two.action_optiwise_assign_sscc()
        elements = self.pallet_two._optiwise_gs1_elements()
        self.assertEqual(
            elements,
            [
                ("00", self.pallet_two.name),
                ("02", self.bottle.barcode.zfill(14)),
                ("37", "8"),
                ("10", "PAL-B"),
            ],
        )
        code = gs1.code(elements)
        self.assertIn(f"378{GS}10PAL-B", code)
        answer = (
            self.env["optiwise.shopfloor"].with_user(self.operator).resolve_scan(code)
        )
        self.assertEqual(
            (answer["kind"], answer["id"], answer["gs1"]["sscc"]),
            ("package", self.pallet_two.id, self.pallet_two.name),
        )
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "optiwise_shopfloor.report_pallet_gs1_label", self.pallet_two.ids
        )
        self.assertIn(f"(00){self.pallet_two.name}(02)".encode(), html)
        text, _type = self.env["ir.actions.report"]._render_qweb_text(
            "optiwise_shopfloor.report_pallet_gs1_label_zpl", self.pallet_two.ids
        )
        self.assertIn(f">;>800{self.pallet_two.name}02".encode(), text)
        # a mixed pallet's label carries its SSCC only
        self.pallet_one.action_optiwise_assign_sscc()
        self.assertEqual(
            self.pallet_one._optiwise_gs1_elements()[1:],
            [("02", self.bottle.barcode.zfill(14)), ("37", "10")],
        )
        unknown = self.env["optiwise.shopfloor"].resolve_scan("00" + "0" * 17 + "0")
        self.assertEqual((unknown["status"], unknown["kind"]), ("unknown", "package"))

    def test_delivery_checked_pallet_by_pallet(self):
        """A pallet of two lots is taken whole; a second pallet that would
        exceed the order is refused and nothing of it is taken; the same
        pallet twice is refused; the delivery ships the pallet."""
        Shopfloor = self.env["optiwise.shopfloor"].with_user(self.stock_user)
        answer = Shopfloor.check_delivery_scan(self.picking.id, "PAL-ONE")
        self.assertEqual(answer["status"], "ok", answer["message"])
        line = answer["delivery"]["lines"][0]
        self.assertEqual((line["scanned"], line["packages"]), (10, ["PAL-ONE"]))
        self.assertEqual(sorted(line["lots"]), ["PAL-A", "PAL-B"])
        again = Shopfloor.check_delivery_scan(self.picking.id, "PAL-ONE")
        self.assertIn("already checked", again["message"])
        too_much = Shopfloor.check_delivery_scan(self.picking.id, "PAL-TWO")
        self.assertEqual(too_much["status"], "refused")
        self.assertIn("more than the 5", too_much["message"])
        self.assertEqual(too_much["delivery"]["lines"][0]["scanned"], 10)
        self.picking.move_ids.product_uom_qty = 10
        self.picking.with_user(self.stock_user).button_validate()
        self.assertEqual(self.picking.state, "done")
        shipped = self.picking.move_ids.move_line_ids
        self.assertEqual(shipped.result_package_id, self.pallet_one)
        self.assertEqual(
            sorted((ml.lot_id.name, ml.quantity) for ml in shipped),
            [("PAL-A", 6.0), ("PAL-B", 4.0)],
        )
        self.assertEqual(
            self.pallet_one.location_id, self.env.ref("stock.stock_location_customers")
        )

    def test_pallet_refusals(self):
        """A pallet of another product, one reserved by another delivery, one
        elsewhere: refused with the reason, nothing taken."""
        Shopfloor = self.env["optiwise.shopfloor"].with_user(self.stock_user)
        jar = self.env["stock.package"].create({"name": "PAL-JAR"})
        self.env["stock.quant"]._update_available_quantity(
            self.base,
            self.stock_location,
            3,
            package_id=jar,
            lot_id=self.env["stock.lot"].create(
                {"name": "PAL-JAR-L", "product_id": self.base.id}
            ),
        )
        refused = Shopfloor.check_delivery_scan(self.picking.id, "PAL-JAR")
        self.assertIn("which is not on delivery", refused["message"])
        other = self.picking.copy()
        other.action_confirm()
        other.action_assign()
        self.assertTrue(other.move_line_ids.package_id)
        reserved = other.move_line_ids.package_id[:1]
        refused = Shopfloor.check_delivery_scan(self.picking.id, reserved.name)
        self.assertIn("reserved for another transfer", refused["message"])
        self.assertFalse(self.picking.move_line_ids.filtered("optiwise_scanned"))
        self.assertEqual(refused["delivery"]["lines"][0]["scanned"], 0)
