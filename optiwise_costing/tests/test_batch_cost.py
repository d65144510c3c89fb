# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import base64
import io

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..costing import VARIANCE_CATEGORIES, compute_sheet
from .common import OptiwiseCostCase


def _variances(sheet):
    return {c: sheet[f"variance_{c}"] for c in VARIANCE_CATEGORIES}


@tagged("post_install", "-at_install")
class TestBatchCostSheet(OptiwiseCostCase):
    def test_at_standard(self):
        """A batch made exactly per BoM and routing has no variance."""
        sheet = self._sheet(self._batch())
        # material 200 x 2.00 + 100 x 3.00 = 700.00; cooking 1 h x 60.00
        self.assertEqual(sheet.material_actual, 700.0)
        self.assertEqual(sheet.operations_actual, 60.0)
        self.assertEqual(sheet.actual_cost, 760.0)
        self.assertEqual(sheet.standard_cost, 760.0)
        self.assertAlmostEqual(sheet.cost_per_unit, 7.6)
        self.assertEqual(set(_variances(sheet).values()), {0.0})
        self.assertEqual(sheet.total_variance, 0.0)
        self.assertEqual(sheet.qty_good, 100)

    def test_over_consumption(self):
        """220 paste instead of 200: usage variance 20 x 2.00 = 40.00."""
        sheet = self._sheet(self._batch(paste=220))
        self.assertEqual(sheet.variance_material_usage, 40.0)
        self.assertEqual(sheet.total_variance, 40.0)
        self.assertEqual(sheet.actual_cost, 800.0)
        paste = sheet.line_ids.filtered(lambda line: line.product_id == self.paste)
        self.assertEqual((paste.qty_expected, paste.qty_actual), (200, 220))
        self.assertEqual(paste.variance, 40.0)

    def test_price_change(self):
        """Paste goes from 2.00 to 2.50 after confirmation: price variance
        200 x 0.50 = 100.00, no usage variance."""
        production = self.env["mrp.production"].create(
            {"product_id": self.sauce.id, "product_qty": 100}
        )
        production.action_confirm()
        self.paste.standard_price = 2.5
        sheet = self._sheet(self._close(production))
        self.assertEqual(sheet.variance_material_price, 100.0)
        self.assertEqual(sheet.variance_material_usage, 0.0)
        self.assertEqual(sheet.total_variance, 100.0)

    def test_low_yield_with_scrap(self):
        """10 of 100 scrapped after close, recomputed: yield 10 x 7.60 = 76.00."""
        production = self._batch()
        sheet = self._sheet(production)
        scrap = self.env["stock.scrap"].create(
            {
                "product_id": self.sauce.id,
                "scrap_qty": 10,
                "lot_id": production.lot_producing_ids.id,
                "production_id": production.id,
                "location_id": self.stock_location.id,
            }
        )
        scrap.action_validate()
        sheet.with_user(self.controller).action_recompute("QC scrapped 10 units")
        self.assertEqual(
            (sheet.qty_total, sheet.qty_good, sheet.qty_scrap), (100, 90, 10)
        )
        self.assertEqual(sheet.variance_yield, 76.0)
        # standard for 90 good units: 684.00; actual still 760.00
        self.assertEqual(sheet.standard_cost, 684.0)
        self.assertEqual(sheet.total_variance, 76.0)
        self.assertAlmostEqual(sheet.cost_per_unit, 760 / 90)
        self.assertIn("QC scrapped 10 units", sheet.message_ids[0].body)
        self.assertEqual(sheet.recompute_count, 1)

    def test_slow_operation(self):
        """Cooking took 90 minutes instead of 60: efficiency 0.5 h x 60 = 30.00."""
        sheet = self._sheet(self._batch(minutes=90))
        self.assertEqual(sheet.variance_efficiency, 30.0)
        self.assertEqual(sheet.total_variance, 30.0)

    def test_changeover_charged_to_next_batch(self):
        """A 30-minute changeover before the batch (rule cost 5.00) costs
        5.00 + 0.5 h x 60.00 = 35.00, charged to that batch."""
        self.env["optiwise.changeover.rule"].search([]).active = False
        self.env["optiwise.changeover.rule"].create(
            {"workcenter_id": self.vessel.id, "duration": 30, "cost": 5.0}
        )
        with freeze_time("2026-11-23 07:00:00"):
            previous = self.env["mrp.production"].create(
                {"product_id": self.other.id, "product_qty": 100}
            )
            previous.action_confirm()
            previous.workorder_ids.button_start()
            previous.workorder_ids.button_finish()
        production = self.env["mrp.production"].create(
            {"product_id": self.sauce.id, "product_qty": 100}
        )
        production.action_confirm()
        with freeze_time("2026-11-23 08:00:00"):
            production.workorder_ids.button_start()
        with freeze_time("2026-11-23 08:30:00"):
            production.workorder_ids.button_start()
        self.assertEqual(production.workorder_ids.optiwise_changeover_ids.state, "done")
        sheet = self._sheet(self._close(production))
        self.assertEqual(sheet.changeover_cost, 35.0)
        self.assertEqual(sheet.variance_changeover, 35.0)
        line = sheet.line_ids.filtered(lambda line: line.category == "changeover")
        self.assertEqual(line.minutes_actual, 30.0)
        # Odoo's valuation leaves the changeover out, and the sheet says so
        self.assertEqual(sheet.valuation_comparable, sheet.valuation_value)
        self.assertIn("management costs", sheet.valuation_note)

    def test_categories_sum_to_the_cent(self):
        """Odd figures: the categories still add up to the total exactly."""
        self.vessel.optiwise_overhead_rate = 13.37
        self.vessel.optiwise_overhead_material_percent = 7.3
        production = self.env["mrp.production"].create(
            {"product_id": self.sauce.id, "product_qty": 100}
        )
        production.action_confirm()
        self.paste.standard_price = 2.013
        sheet = self._sheet(self._close(production, paste=203.7, minutes=71))
        total = round(sum(_variances(sheet).values()), 2)
        self.assertEqual(total, sheet.total_variance)
        self.assertEqual(
            round(sheet.actual_cost - sheet.standard_cost, 2), sheet.total_variance
        )
        self.assertNotEqual(sheet.variance_overhead, 0.0)

    def test_matches_odoo_valuation(self):
        """Material and operations equal Odoo's value of the finished move."""
        production = self._batch(paste=210, minutes=75)
        sheet = self._sheet(production)
        finished = production.move_finished_ids.filtered(
            lambda m: m.product_id == self.sauce
        )
        # 210 x 2 + 300 + 1.25 h x 60 = 795.00
        self.assertEqual(finished.value, 795.0)
        self.assertEqual(sheet.valuation_value, 795.0)
        self.assertEqual(sheet.valuation_comparable, 795.0)
        self.assertEqual(sheet.valuation_gap, 0.0)
        self.assertEqual(
            sheet.valuation_note, "Matches Odoo's valuation of the finished goods."
        )

    def test_frozen(self):
        """A closed sheet refuses writes; a controller recomputes, with a reason."""
        sheet = self._sheet(self._batch())
        with self.assertRaisesRegex(UserError, "frozen"):
            sheet.actual_cost = 1
        with self.assertRaisesRegex(UserError, "kept for the record"):
            sheet.unlink()
        with self.assertRaises(AccessError):
            sheet.with_user(self.cost_user).action_recompute("why not")
        with self.assertRaisesRegex(UserError, "Say why"):
            sheet.with_user(self.controller).action_recompute(" ")

    def test_get_batch_cost(self):
        """Integrators read the sheet from the order."""
        production = self._batch(paste=220)
        data = production.with_user(self.cost_user).get_batch_cost()
        self.assertEqual(len(data), 1)
        self.assertEqual(data[0]["actual_cost"], 800.0)
        self.assertEqual(data[0]["variances"]["material_usage"], 40.0)
        self.assertEqual(data[0]["currency"], self.env.company.currency_id.name)


@tagged("post_install", "-at_install")
class TestRunLotSheets(OptiwiseCostCase):
    def test_one_sheet_per_lot_at_stop(self):
        """A run's two lots get one sheet each when it stops, over their
        declarations' orders."""
        run = self.env["optiwise.production.run"].create(
            {
                "product_id": self.sauce.id,
                "workcenter_id": self.vessel.id,
                "planned_qty": 300,
                "standard_rate": 100,
            }
        )
        run.action_start()
        run.record_output(100, lot_name="RUN-A")
        run.record_output(50, qty_scrap=10, lot_name="RUN-A")
        run.record_output(100, lot_name="RUN-B")
        self.assertFalse(
            self.env["optiwise.batch.cost"].search([("run_id", "=", run.id)])
        )
        run.action_stop()
        sheets = self.env["optiwise.batch.cost"].search(
            [("run_id", "=", run.id)], order="name"
        )
        self.assertEqual(sheets.lot_id.mapped("name"), ["RUN-A", "RUN-B"])
        lot_a = sheets[0]
        self.assertEqual(len(lot_a.production_ids), 2)
        # 100 + 60 made, 10 scrapped
        self.assertEqual(
            (lot_a.qty_total, lot_a.qty_good, lot_a.qty_scrap), (160, 150, 10)
        )
        self.assertEqual(
            round(sum(_variances(lot_a).values()), 2), lot_a.total_variance
        )


@tagged("post_install", "-at_install")
class TestControlBand(OptiwiseCostCase):
    def test_band_flags_expensive_batch(self):
        """Six batches between 7.60 and 7.72 a unit make the band; 8.60 is above."""
        for paste in (200, 202, 204, 200, 206, 206):
            self._batch(paste=paste)
        expensive = self._sheet(self._batch(paste=250))
        # history costs per unit: 7.60, 7.64, 7.68, 7.60, 7.72, 7.72
        # mean 46.00 / 6 = 7.66; squared deviations sum to 0.0152, sample
        # sigma = sqrt(0.0152 / 5) = 0.055136: band 7.549728 - 7.770272
        self.assertAlmostEqual(expensive.band_mean, 7.66, places=5)
        self.assertAlmostEqual(expensive.band_high, 7.770272, places=5)
        self.assertEqual(expensive.band_status, "above")
        normal = self._sheet(self._batch(paste=203))
        self.assertEqual(normal.band_status, "in")
        listed = self.env["optiwise.batch.cost"].search(
            [("band_status", "=", "above"), ("product_id", "=", self.sauce.id)]
        )
        self.assertEqual(listed, expensive)


@tagged("post_install", "-at_install")
class TestWorkbooks(OptiwiseCostCase):
    def test_sheet_workbook(self):
        """The batch workbook holds the lines and variances, readable back."""
        sheet = self._sheet(self._batch(paste=220))
        export = (
            self.env["optiwise.batch.cost"]
            .with_user(self.cost_user)
            .export_xlsx(sheet.ids)
        )
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(export["content"])))
        rows = list(book.active.iter_rows(values_only=True))
        paste = next(r for r in rows if r[0] == self.paste.display_name)
        self.assertEqual(paste[1:6], (200, 220, 400, 440, 40))
        usage = next(r for r in rows if r[0] == "Material usage")
        self.assertEqual(usage[1], 40)
        # title, 8 header rows, a blank row, the column titles: lines from row 13
        self.assertEqual(book.active.freeze_panes, "B13")

    def test_comparison_workbook(self):
        """Several sheets: one row each, in date order."""
        sheets = self._sheet(self._batch()) | self._sheet(self._batch(paste=220))
        export = self.env["optiwise.batch.cost"].export_xlsx(sheets.ids)
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(export["content"])))
        rows = list(book.active.iter_rows(min_row=2, values_only=True))
        self.assertEqual([r[5] for r in rows], [760, 800])
        Cost = self.env["optiwise.batch.cost"]
        # not a list of existing ids: a clear refusal each time
        for bad in ([], True, "12", [sheets[0].id, True], [4.5], sheets[0].id):
            with (
                self.subTest(sheet_ids=bad),
                self.assertRaisesRegex(UserError, "Give the ids"),
            ):
                Cost.export_xlsx(bad)
        with self.assertRaisesRegex(UserError, "do not exist"):
            Cost.export_xlsx([sheets[0].id, 999999999])


@tagged("post_install", "-at_install")
class TestVarianceArithmetic(OptiwiseCostCase):
    def test_pure_sum(self):
        """The pure function: categories sum to actual - standard."""
        result = compute_sheet(
            [{"std_qty": 2, "std_price": 2.013, "qty": 203.7, "cost": 411.11}],
            [
                {
                    "rate": 61.3,
                    "expected_hours": 0.01,
                    "hours": 1.2,
                    "cost": 73.56,
                    "overhead_rate": 9.99,
                }
            ],
            qty_total=100,
            qty_good=97,
            changeover_cost=12.345,
            overhead_material_share=0.031,
            main_share=0.9,
        )
        self.assertEqual(
            round(sum(result["variances"].values()), 2), result["total_variance"]
        )
        with self.assertRaises(ValueError):
            compute_sheet([], [], qty_total=1, qty_good=2)


def assert_lines_are_the_header(case, sheet):
    """The sheet's header is the sum of its lines, category by category."""
    lines = sheet.line_ids

    def total(field, categories=None):
        chosen = lines.filtered(lambda l: not categories or l.category in categories)
        return round(sum(chosen.mapped(field)), 2)

    with case.subTest(sheet=sheet.name):
        case.assertEqual(total("cost_expected"), sheet.standard_cost)
        case.assertEqual(total("cost_actual"), sheet.actual_cost)
        case.assertEqual(total("variance"), sheet.total_variance)
        case.assertEqual(total("cost_actual", {"component"}), sheet.material_actual)
        case.assertEqual(total("cost_actual", {"operation"}), sheet.operations_actual)
        case.assertEqual(total("cost_actual", {"overhead"}), sheet.overhead_actual)
        case.assertEqual(total("cost_actual", {"changeover"}), sheet.changeover_cost)
        case.assertEqual(
            total("variance_price", {"component"}), sheet.variance_material_price
        )
        case.assertEqual(
            round(total("variance", {"component"}) - total("variance_price"), 2),
            sheet.variance_material_usage,
        )
        for category, field in (
            ("operation", "variance_efficiency"),
            ("overhead", "variance_overhead"),
            ("changeover", "variance_changeover"),
            ("yield", "variance_yield"),
        ):
            case.assertEqual(total("variance", {category}), sheet[field], field)


@tagged("post_install", "-at_install")
class TestLinesAreTheHeader(OptiwiseCostCase):
    """One source: what the lines say is what the header says."""

    def test_built_sheets(self):
        """Scrap, overhead, odd prices and a slow operation: the header is
        the sum of the lines."""
        self.vessel.optiwise_overhead_rate = 13.37
        self.vessel.optiwise_overhead_material_percent = 7.3
        self.paste.standard_price = 2.013
        sheets = self.env["optiwise.batch.cost"]
        for paste, minutes in ((203.7, 71), (200, 60), (190.3, 45)):
            production = self.env["mrp.production"].create(
                {"product_id": self.sauce.id, "product_qty": 100}
            )
            production.action_confirm()
            sheets |= self._sheet(self._close(production, paste=paste, minutes=minutes))
        scrap = self.env["stock.scrap"].create(
            {
                "product_id": self.sauce.id,
                "scrap_qty": 7,
                "lot_id": sheets[0].production_id.lot_producing_ids.id,
                "production_id": sheets[0].production_id.id,
                "location_id": self.stock_location.id,
            }
        )
        scrap.action_validate()
        sheets[0].with_user(self.controller).action_recompute("QC scrapped 7 units")
        self.assertTrue(sheets[0].line_ids.filtered(lambda l: l.category == "yield"))
        self.assertNotEqual(sheets[0].variance_overhead, 0.0)
        for sheet in sheets:
            assert_lines_are_the_header(self, sheet)

    def test_every_sheet_in_the_database(self):
        """Every sheet there is (the demo's included)."""
        sheets = self.env["optiwise.batch.cost"].search([])
        for sheet in sheets:
            assert_lines_are_the_header(self, sheet)


@tagged("post_install", "-at_install")
class TestCorrections(OptiwiseCostCase):
    """A frozen standard price is corrected openly, with a reason, by a cost
    controller only; a plain write opens nothing."""

    def test_controller_corrects_a_frozen_standard(self):
        """Paste frozen at 2.00 but its standard was 2.50 when confirmed: the
        corrected sheet has a price variance of 200 x (2.00 - 2.50) = -100.00."""
        production = self.env["mrp.production"].create(
            {"product_id": self.sauce.id, "product_qty": 100}
        )
        production.action_confirm()
        sheet = self._sheet(self._close(production))
        self.assertEqual(sheet.variance_material_price, 0.0)
        moves = production.move_raw_ids.filtered(lambda m: m.product_id == self.paste)
        # a plain write of the frozen price is refused, whoever writes
        for env in (self.env(user=self.controller), self.env(su=True)):
            with (
                self.subTest(env=env.uid),
                self.assertRaisesRegex(UserError, "frozen when its batch is confirmed"),
            ):
                moves.with_env(env).write({"optiwise_standard_price": 2.5})
        with self.assertRaises(AccessError):
            sheet.with_user(self.cost_user).action_correct_standard_price(
                self.paste.id, 2.5, "Price list of November"
            )
        with self.assertRaisesRegex(UserError, "Say why"):
            sheet.with_user(self.controller).action_correct_standard_price(
                self.paste.id, 2.5, " "
            )
        with self.assertRaisesRegex(UserError, "no component consumed"):
            sheet.with_user(self.controller).action_correct_standard_price(
                self.sauce.id, 2.5, "Wrong product"
            )
        wizard = (
            self.env["optiwise.standard.correct"]
            .with_user(self.controller)
            .with_context(active_model="optiwise.batch.cost", active_id=sheet.id)
            .create(
                {
                    "product_id": self.paste.id,
                    "standard_price": 2.5,
                    "reason": "Price list of November was loaded late",
                }
            )
        )
        self.assertEqual(wizard.current_price, 2.0)
        self.assertIn(self.paste, wizard.component_ids)
        wizard.action_confirm()
        self.assertEqual(set(moves.mapped("optiwise_standard_price")), {2.5})
        # the paste cost 2.00 against a standard of 2.50: 200 x -0.50
        self.assertEqual(sheet.variance_material_price, -100.0)
        self.assertEqual(sheet.recompute_count, 1)
        body = sheet.message_ids[0].body
        self.assertIn("Price list of November was loaded late", body)
        self.assertIn("corrected from", body)
