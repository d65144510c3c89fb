# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from ..lotsizing import recommend
from .common import OptiwisePlantCase

NOW = "2026-11-23 09:00:00"


class LotSizeCase(OptiwisePlantCase):
    """The plant, and a jar made on the vessel after the sauce base, with
    twelve weeks of deliveries behind it and more promised."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.optiwise_working_capital_rate = 10.0
        category = cls.env["product.category"].create(
            {"name": "Test Jars", "optiwise_storage_cost": 0.02}
        )
        cls.jar = cls.env["product.product"].create(
            {
                "name": "Test Jar",
                "is_storable": True,
                "tracking": "lot",
                "standard_price": 5.0,
                "categ_id": category.id,
            }
        )
        cls.jar_bom = cls.env["mrp.bom"].create(
            {
                "product_tmpl_id": cls.jar.product_tmpl_id.id,
                "product_qty": 100,
                "bom_line_ids": [
                    Command.create({"product_id": cls.paste.id, "product_qty": 50})
                ],
                "operation_ids": [
                    Command.create(
                        {
                            "name": "Fill jars",
                            "workcenter_id": cls.vessel.id,
                            "time_cycle_manual": 60,
                        }
                    )
                ],
            }
        )
        # into a jar from the sauce base, the vessel's other product: 45 min
        # and 10 of cleaning agents
        cls.env["optiwise.changeover.rule"].create(
            {
                "workcenter_id": cls.vessel.id,
                "from_product_id": cls.base.id,
                "to_product_id": cls.jar.id,
                "duration": 45,
                "cost": 10,
            }
        )
        cls.customers = cls.env.ref("stock.stock_location_customers")
        lot = cls.env["stock.lot"].create(
            {"name": "JAR-STOCK", "product_id": cls.jar.id}
        )
        cls.env["stock.quant"]._update_available_quantity(
            cls.jar, cls.stock_location, 5000, lot_id=lot
        )
        now = fields.Datetime.now()
        # twelve weeks of deliveries, 100 a week
        for weeks in range(12, 0, -1):
            with freeze_time(now - timedelta(weeks=weeks) + timedelta(days=1)):
                cls._deliver(100)
        # and 2,600 promised within the next 13 weeks: 200 a week
        cls._deliver(2600, done=False, date=now + timedelta(weeks=4))

    @classmethod
    def _deliver(cls, qty, done=True, date=None):
        move = cls.env["stock.move"].create(
            {
                "product_id": cls.jar.id,
                "product_uom_qty": qty,
                "location_id": cls.stock_location.id,
                "location_dest_id": cls.customers.id,
                "date": date or fields.Datetime.now(),
            }
        )
        move._action_confirm()
        if done:
            move._action_assign()
            move.picked = True
            move._action_done()
        return move


@freeze_time(NOW)
@tagged("post_install", "-at_install")
class TestEconomicBatchSize(LotSizeCase):
    def _lot_size(self, boms=None):
        return (
            self.env["optiwise.lot.size"]
            .with_user(self.manager)
            ._optiwise_refresh(boms or self.jar_bom)
        )

    def test_inputs_come_from_the_data(self):
        """Demand from the deliveries, setup from the matrix and the work
        center's cost, holding from cost, rate and storage: each said."""
        record = self._lot_size()
        self.assertAlmostEqual(record.forecast, 100.0)
        self.assertAlmostEqual(record.forecast_error, 0.0)
        self.assertAlmostEqual(record.open_demand, 2600.0)
        self.assertAlmostEqual(record.weekly_demand, 200.0)  # the open orders win
        self.assertAlmostEqual(record.setup_minutes, 45.0)
        # 45 min x 60 an hour + 10 a changeover
        self.assertAlmostEqual(record.setup_cost, 55.0)
        self.assertAlmostEqual(record.holding_cost, 5.0 * 0.10 / 52 + 0.02, places=5)
        self.assertIn("45 min of changeover", record.setup_source)
        self.assertIn("10 % a year", record.holding_source)
        self.assertIn("12 weeks of deliveries", record.demand_source)
        self.assertGreater(record.production_rate, record.weekly_demand)
        self.assertEqual(record.workcenter_id, self.vessel)
        # the recommendation is the engine's on these inputs
        expected = recommend(
            200.0,
            55.0,
            record.holding_cost,
            production_rate=record.production_rate,
        )
        # in the product's unit, to its rounding
        self.assertAlmostEqual(
            record.recommended_size,
            expected["quantity"],
            delta=0.001 * expected["quantity"],
        )
        self.assertEqual(record.method, "epq")
        self.assertFalse(record.binding)
        # shown to a tenth of a day and a cent
        self.assertAlmostEqual(
            record.days_covered, expected["quantity"] / 200.0 * 7, delta=0.05
        )
        self.assertAlmostEqual(
            record.working_capital,
            expected["average_inventory"] * 5.0,
            delta=0.001 * record.working_capital,
        )
        self.assertIn("<svg", record.curve_svg)

    def test_vessel_and_multiple_cap_it(self):
        """A vessel smaller than the economic size caps it, named; a multiple
        rounds it down into the vessel."""
        self.jar_bom.write(
            {"optiwise_batch_max_size": 300, "optiwise_batch_multiple": 40}
        )
        record = self._lot_size()
        self.assertAlmostEqual(record.recommended_size, 280.0)
        self.assertEqual(record.binding, "vessel")
        self.assertEqual(record.binding_note, "capped by the vessel: 300")
        self.jar.optiwise_storage_capacity = 150
        record = self._lot_size()
        self.assertEqual(record.binding, "storage")
        self.assertLessEqual(record.storage_needed, 150 + 1e-6)

    def test_shelf_life_caps_it(self):
        """A jar that keeps 14 days (product_expiry) is made in batches of at
        most two weeks of demand, and the panel says why."""
        self.jar.write({"use_expiration_date": True, "expiration_time": 14})
        record = self._lot_size()
        self.assertEqual(record.shelf_life_days, 14)
        self.assertEqual(record.binding, "shelf_life")
        self.assertEqual(record.binding_note, "capped by shelf life: 14 days")
        self.assertAlmostEqual(record.recommended_size, 400.0)  # 2 weeks x 200
        self.assertLessEqual(record.days_covered, 14 + 1e-6)

    def test_apply_writes_the_bom_with_its_reason(self):
        """Apply writes core's batch size (so its splitting and Plan Batches
        use it), the old and new size in the chatter; managers only."""
        self.jar_bom.write({"enable_batch_size": True, "batch_size": 1000})
        record = self._lot_size()
        self.assertAlmostEqual(record.current_size, 1000.0)
        self.assertGreater(record.saving_year, 0.0)
        with self.assertRaises(AccessError):
            record.with_user(self.operator).action_apply()
        self.assertEqual(self.jar_bom.batch_size, 1000)
        record.action_apply()
        self.assertAlmostEqual(self.jar_bom.batch_size, record.recommended_size)
        self.assertTrue(record.applied)
        message = self.jar_bom.message_ids[:1]
        self.assertIn("Batch size 1000.0", message.body)
        self.assertIn("economic batch size", message.body)
        # the next order is split into batches of the new size
        quantities = self.jar_bom._optiwise_get_batch_quantities(
            3 * record.recommended_size, self.jar.uom_id
        )
        self.assertEqual(len(quantities), 3)

    def test_figures_cannot_be_typed_in(self):
        """The report is computed, never written: a manager cannot set a size
        by RPC and then apply it as "economic"."""
        record = self._lot_size()
        self._assert_write_refused(record, {"recommended_size": 1.0}, user=self.manager)
        self._assert_create_refused(
            "optiwise.lot.size",
            {
                "bom_id": self.jar_bom.id,
                "product_id": self.jar.id,
                "company_id": self.company.id,
            },
            user=self.manager,
        )

    def test_nothing_to_weigh(self):
        """Without changeover cost every order can be its own batch: said,
        no size invented."""
        record = self._lot_size(self.bottle_bom)
        self.assertEqual(record.binding, "no_setup")
        self.assertFalse(record.recommended_size)
        self.assertFalse(record.curve_svg)

    def test_api_answers_without_storing(self):
        """The JSON-2 method answers the same figures, stores nothing, and
        needs read access only."""
        Lot = self.env["optiwise.lot.size"]
        before = Lot.search_count([])
        [answer] = self.jar.with_user(self.operator).get_optiwise_economic_batch_size()
        self.assertEqual(Lot.search_count([]), before)
        self.assertEqual(answer["product_id"], self.jar.id)
        self.assertEqual(answer["bom_id"], self.jar_bom.id)
        self.assertEqual(answer["uom"], self.jar.uom_id.name)
        self.assertAlmostEqual(answer["weekly_demand"], 200.0)
        record = self._lot_size()
        self.assertAlmostEqual(answer["recommended_size"], record.recommended_size)
        self.assertIs(answer["binding"], False)
        with self.assertRaises(AccessError):
            self.jar.with_user(self.stock_user).get_optiwise_economic_batch_size()

    def test_queries_do_not_grow_with_the_boms(self):
        """The report costs the same queries for a vessel making 2 products or
        12 (each time all of its bills of materials, so that the changeover
        mix is theirs)."""
        Lot = self.env["optiwise.lot.size"].with_user(self.manager)

        def counted(boms):
            # warm-up: the record rules, defaults and calendars this user's
            # first calls cache
            Lot._optiwise_refresh(boms)
            Lot._optiwise_refresh(boms)
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            records = Lot._optiwise_refresh(boms)
            self.assertEqual(len(records), len(boms))
            return self.env.cr.sql_log_count - before

        boms = self.jar_bom | self.bom
        small = counted(boms)
        for index in range(10):
            product = self.env["product.product"].create(
                {"name": f"Test Jar {index}", "is_storable": True, "tracking": "lot"}
            )
            boms |= self.jar_bom.copy({"product_tmpl_id": product.product_tmpl_id.id})
        self.assertEqual(counted(boms), small)


@tagged("post_install", "-at_install")
class TestLotSizeTour(HttpCase, LotSizeCase):
    # a manager's desk
    browser_size = "1400x900"

    def test_lot_size_tour(self):
        """A manager opens the economic batch size from the bill of materials,
        reads the curve and the limit, applies it; the next Plan Batches
        splits an order into batches of that size."""
        self.jar_bom.write(
            {
                "optiwise_batch_max_size": 300,
                "optiwise_batch_multiple": 40,
                "enable_batch_size": True,
                "batch_size": 1000,
            }
        )
        url = f"/odoo/action-mrp.mrp_bom_form_action/{self.jar_bom.id}"
        self.start_tour(url, "optiwise_lot_size_tour", login="ow_manager")
        self.assertEqual(self.jar_bom.batch_size, 280)
        production = self.env["mrp.production"].create(
            {"product_id": self.jar.id, "product_qty": 840, "bom_id": self.jar_bom.id}
        )
        production.action_confirm()
        batches = production.with_user(self.manager).action_plan_batches()
        self.assertEqual(batches.mapped("product_qty"), [280.0, 280.0, 280.0])
