# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import OptiwisePlantCase


@tagged("post_install", "-at_install")
class TestBatchPlanning(OptiwisePlantCase):
    def _plan(self, production, user=None):
        return production.with_user(user or self.manager).action_plan_batches()

    def test_max_size_split_with_lots(self):
        """1800 units by 500: batches -001..-004 of 500/500/500/300, one lot each."""
        production = self._confirmed_mo(1800)
        name = production.name
        batches = self._plan(production)
        self.assertEqual(batches.mapped("product_qty"), [500, 500, 500, 300])
        self.assertEqual(batches.mapped("name"), [f"{name}-00{i}" for i in range(1, 5)])
        self.assertEqual(batches[0], production)
        self.assertEqual(set(batches.mapped("optiwise_batch_family_id")), {production})
        self.assertEqual(production.optiwise_batch_count, 4)
        lots = batches.lot_producing_ids
        self.assertEqual(len(lots), 4, "one lot per batch")
        for batch in batches:
            self.assertEqual(len(batch.lot_producing_ids), 1)
            self.assertEqual(batch.lot_producing_ids.product_id, self.base)
            self.assertEqual(batch.state, "confirmed")
        # components follow the split: 2 paste per unit -> 1000 for a 500 batch
        paste_moves = batches[0].move_raw_ids.filtered(
            lambda m: m.product_id == self.paste
        )
        self.assertEqual(paste_moves.product_uom_qty, 1000)
        self.assertEqual(
            sum(
                batches.move_raw_ids.filtered(
                    lambda m: m.product_id == self.paste
                ).mapped("product_uom_qty")
            ),
            3600,
        )

    def test_balanced_split(self):
        """1100 units, at most 500, balanced: 366.67 + 366.67 + 366.66."""
        self.bom.optiwise_batch_split_strategy = "balanced"
        batches = self._plan(self._confirmed_mo(1100))
        # ceil(1100 / 500) = 3 batches; Units round to 0.01: 110000 hundredths
        # / 3 = 36666 r 2, so the first two batches take one hundredth more
        self.assertEqual(batches.mapped("product_qty"), [366.67, 366.67, 366.66])
        self.assertEqual(sum(batches.mapped("product_qty")), 1100)

    def test_small_remainder_merged_or_rounded_up(self):
        """1550 by 500, minimum 100: merged to 500/500/550, or rounded to 1600."""
        self.bom.optiwise_batch_min_size = 100
        merged = self._plan(self._confirmed_mo(1550))
        self.assertEqual(merged.mapped("product_qty"), [500, 500, 550])
        self.bom.optiwise_batch_remainder_policy = "round_up"
        production = self._confirmed_mo(1550)
        rounded = self._plan(production)
        # 3 x 500 + 100 = 1600: the order grew by 50 through core's qty change
        self.assertEqual(rounded.mapped("product_qty"), [500, 500, 500, 100])

    @freeze_time("2026-11-22 10:00:00")
    def test_lot_pattern_continues_the_counter(self):
        """Pattern TB-{date:%y%m%d}-{seq:03d}: after lot TB-261122-002, 003 and 004."""
        self.base.optiwise_lot_name_pattern = "{code}-{date:%y%m%d}-{seq:03d}"
        self.env["stock.lot"].create(
            {"name": "TB-261122-002", "product_id": self.base.id}
        )
        production = self._confirmed_mo(1000)
        production.date_start = "2026-11-22 08:00:00"
        batches = self._plan(production)
        self.assertEqual(
            batches.lot_producing_ids.sorted("name").mapped("name"),
            ["TB-261122-003", "TB-261122-004"],
        )

    @freeze_time("2026-11-22 10:00:00")
    def test_preview_is_what_is_planned(self):
        """Plan Batches first shows the batches, their sizes and lot names
        (nothing created); confirmed, it makes exactly those. Both with a
        lot pattern and with the product's lot sequence."""
        self.bom.optiwise_batch_min_size = 100
        self.bom.optiwise_batch_remainder_policy = "round_up"
        for pattern in ("{code}-{date:%y%m%d}-{seq:03d}", False):
            with self.subTest(pattern=pattern):
                self.base.optiwise_lot_name_pattern = pattern
                production = self._confirmed_mo(1550)
                production.date_start = "2026-11-22 08:00:00"
                lots_before = self.env["stock.lot"].search_count([])
                # what the dialog shows before anything is saved
                Plan = (
                    self.env["optiwise.batch.plan"]
                    .with_user(self.manager)
                    .with_context(default_production_id=production.id)
                )
                with Form(Plan) as dialog:
                    rows = dialog.line_ids._records
                    self.assertEqual(
                        [row["qty"] for row in rows], [500.0, 500.0, 500.0, 100.0]
                    )
                    shown = [row["lot_name"] for row in rows]
                plan = dialog.record
                self.assertEqual(len(plan.line_ids), 4, "saved once, not twice")
                self.assertEqual(
                    plan.line_ids.mapped("qty"), [500.0, 500.0, 500.0, 100.0]
                )
                self.assertIn("1600", plan.note)
                self.assertEqual(self.env["stock.lot"].search_count([]), lots_before)
                self.assertEqual(production.product_qty, 1550)
                previewed = plan.line_ids.mapped("lot_name")
                self.assertTrue(all(previewed))
                self.assertEqual(previewed, shown)
                action = plan.action_confirm()
                batches = self.env["mrp.production"].search(action["domain"])
                self.assertEqual(
                    batches.mapped("product_qty"), plan.line_ids.mapped("qty")
                )
                self.assertEqual([b.lot_producing_ids.name for b in batches], previewed)

    def test_bad_lot_pattern_refused(self):
        """A pattern without {seq}, or with an unknown field, is refused."""
        with self.assertRaises(ValidationError):
            self.base.optiwise_lot_name_pattern = "{code}-{date:%y}"
        with self.assertRaises(ValidationError):
            self.base.optiwise_lot_name_pattern = "{code}-{shift}-{seq}"

    def test_lot_pattern_must_fit_gs1(self):
        """A pattern that can give names longer than GS1 AI (10) allows, or
        characters it does not carry, is refused with how long they get."""
        # TB-SAUCE-TOMATO-261207-9999: 27 characters at the 9,999th batch
        with self.assertRaisesRegex(ValidationError, "up to 27 characters long"):
            self.base.optiwise_lot_name_pattern = (
                "{code}-SAUCE-TOMATO-{date:%y%m%d}-{seq}"
            )
        # the month's name: "September" makes TB-September-001 16, fine;
        # a weekday and month name, 30 at the longest
        with self.assertRaisesRegex(ValidationError, "characters long"):
            self.base.optiwise_lot_name_pattern = "{code}-{date:%A-%B}-{seq:03d}"
        with self.assertRaisesRegex(ValidationError, "characters GS1 does not allow"):
            self.base.optiwise_lot_name_pattern = "{code} {date:%y%m} {seq:03d}"
        # a longer internal reference makes a saved pattern too long: refused
        self.base.optiwise_lot_name_pattern = "{code}-{date:%y%m%d}-{seq:03d}"
        with self.assertRaisesRegex(ValidationError, "internal reference"):
            self.base.default_code = "TOMATO-BASE-XL"

    def test_lot_pattern_reaches_no_python_object(self):
        """Attribute or item access, positional fields, conversions and nested
        placeholders are refused: str.format would reach into Python objects."""
        for pattern in (
            "{code.upper}-{seq}",
            "{seq.__format__.__globals__}",
            "{code[0]}-{seq}",
            "{0}-{seq}",
            "{code!r}-{seq}",
            "{code:{seq}}-{seq}",
            "{code-{seq}",
        ):
            with self.subTest(pattern=pattern), self.assertRaises(ValidationError):
                self.base.optiwise_lot_name_pattern = pattern
        # the documented placeholders, with their formats, pass
        self.base.optiwise_lot_name_pattern = "B-{code:_>4}-{date:%y%m}-{seq:03d}"
        self.assertEqual(
            self.base.optiwise_lot_name_pattern, "B-{code:_>4}-{date:%y%m}-{seq:03d}"
        )

    def test_batch_produces_into_its_lot(self):
        """Producing a batch puts its quantity in stock under the batch's lot."""
        batches = self._plan(self._confirmed_mo(1000))
        batch = batches[0]
        lot = batch.lot_producing_ids
        with Form(batch.with_user(self.operator)) as form:
            form.qty_producing = 500
        batch = form.save()
        action = batch.with_user(self.operator).button_mark_done()
        self.assertIs(action, True, "no wizard: the batch is produced at once")
        self.assertEqual(batch.state, "done")
        # on hand (internal locations) under the batch's lot: the 500 produced
        self.assertEqual(lot.product_qty, 500)
        quant = self.env["stock.quant"].search(
            [("lot_id", "=", lot.id), ("location_id", "=", self.stock_location.id)]
        )
        self.assertEqual(quant.quantity, 500)
        self.assertEqual(batches[1].lot_producing_ids.product_qty, 0)

    def test_refusals(self):
        """Draft, started, cancelled, untracked, empty and re-planned are refused."""
        draft = self.env["mrp.production"].create(
            {"product_id": self.base.id, "product_qty": 1000}
        )
        with self.assertRaisesRegex(UserError, "draft"):
            self._plan(draft)
        started = self._confirmed_mo(1000)
        started.qty_producing = 10
        with self.assertRaisesRegex(UserError, "started"):
            self._plan(started)
        cancelled = self._confirmed_mo(1000)
        cancelled.action_cancel()
        with self.assertRaisesRegex(UserError, "cancel"):
            self._plan(cancelled)
        plain = self.env["product.product"].create(
            {"name": "Untracked Sauce", "is_storable": True}
        )
        untracked = self._confirmed_mo(10, product=plain)
        with self.assertRaisesRegex(UserError, "not tracked by lots"):
            self._plan(untracked)
        self.bom.optiwise_batch_min_size = 100
        tiny = self._confirmed_mo(80)
        with self.assertRaisesRegex(UserError, "no batch"):
            self._plan(tiny)
        self.assertEqual(tiny.product_qty, 80, "a refused order is left as it was")
        self.assertFalse(tiny.lot_producing_ids)
        planned = self._plan(self._confirmed_mo(1000))
        with self.assertRaisesRegex(UserError, "already a batch"):
            self._plan(planned[1])

    def test_done_refused(self):
        """A done order cannot be planned."""
        production = self._confirmed_mo(500)
        production.lot_producing_ids = self.env["stock.lot"].create(
            {"name": "DONE-1", "product_id": self.base.id}
        )
        with Form(production) as form:
            form.qty_producing = 500
        production.button_mark_done()
        self.assertEqual(production.state, "done")
        with self.assertRaisesRegex(UserError, "done"):
            self._plan(production)

    def test_operator_may_not_plan(self):
        """Planning batches is a production manager's decision."""
        production = self._confirmed_mo(1000)
        with self.assertRaises(AccessError):
            self._plan(production, user=self.operator)
        with self.assertRaises(AccessError):
            self._plan(production, user=self.stock_user)
        self.assertFalse(production.optiwise_batch_family_id)

    def test_run_mode_from_product_or_work_center(self):
        """An MO takes its product's mode, else its work center's; editable in draft."""
        production = self._confirmed_mo(500)
        # the base has no mode of its own: the vessel's default (batch) applies
        self.assertEqual(production.optiwise_run_mode, "batch")
        bottles = self._confirmed_mo(10, product=self.bottle)
        self.assertEqual(bottles.optiwise_run_mode, "continuous")
        self.base.optiwise_run_mode = "continuous"
        with Form(self.env["mrp.production"].with_user(self.manager)) as form:
            form.product_id = self.base
            self.assertEqual(form.optiwise_run_mode, "continuous")
            form.optiwise_run_mode = "batch"
        self.assertEqual(form.save().optiwise_run_mode, "batch")


@tagged("post_install", "-at_install")
class TestBatchRecord(OptiwisePlantCase):
    def test_batch_record_of_a_produced_batch(self):
        """The record lists the batch's lot, the component lots it consumed, qty."""
        paste_lot_product = self.env["product.product"].create(
            {"name": "Tracked Paste", "is_storable": True, "tracking": "lot"}
        )
        paste_lot = self.env["stock.lot"].create(
            {"name": "PASTE-LOT-7", "product_id": paste_lot_product.id}
        )
        self.env["stock.quant"]._update_available_quantity(
            paste_lot_product, self.stock_location, 5000, lot_id=paste_lot
        )
        self.bom.bom_line_ids = [
            Command.create({"product_id": paste_lot_product.id, "product_qty": 100})
        ]
        batch = self._plan(self._confirmed_mo(500))
        batch.action_assign()
        with Form(batch) as form:
            form.qty_producing = 500
        batch.button_mark_done()
        self.assertEqual(batch.state, "done")
        data = batch.with_user(self.operator)._optiwise_prepare_batch_record_data()
        self.assertEqual(data["lots"], batch.lot_producing_ids)
        self.assertEqual(data["quantities"]["expected"], 500)
        self.assertEqual(data["quantities"]["produced"], 500)
        tracked = [c for c in data["components"] if c["lot"] == paste_lot]
        # 100 per 500 units of the BoM -> 100 consumed from PASTE-LOT-7
        self.assertEqual(len(tracked), 1)
        self.assertEqual(tracked[0]["quantity"], 100)
        html = (
            self.env["ir.actions.report"]
            .with_user(self.operator)
            ._render_qweb_html("optiwise_batch.action_report_batch_record", batch.ids)[
                0
            ]
            .decode()
        )
        self.assertIn("PASTE-LOT-7", html)
        self.assertIn(batch.lot_producing_ids.name, html)

    def _plan(self, production):
        return production.with_user(self.manager).action_plan_batches()


@tagged("post_install", "-at_install")
class TestBatchCycleTime(OptiwisePlantCase):
    def test_time_between_batches(self):
        """Batches ending 10:00, 12:30, 14:00: gaps 150 and 90 min, average 120."""
        batches = self.manager_plan(self._confirmed_mo(1500))
        ends = ["2026-11-20 10:00:00", "2026-11-20 12:30:00", "2026-11-20 14:00:00"]
        for batch, end in zip(batches, ends, strict=True):
            batch.workorder_ids.write({"state": "done", "date_finished": end})
        with freeze_time("2026-11-22 08:00:00"):
            self.vessel.invalidate_recordset()
            # 3 batches, 2 gaps averaged: (150 + 90) / 2 (the first has none)
            self.assertEqual(self.vessel.optiwise_batch_cycle_count, 3)
            self.assertAlmostEqual(self.vessel.optiwise_batch_cycle_minutes, 120.0)

    def manager_plan(self, production):
        return production.with_user(self.manager).action_plan_batches()
