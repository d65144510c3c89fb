# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import timedelta

from odoo.tests import tagged

from .common import OptiwiseDispatchCase


@tagged("post_install", "-at_install")
class TestControlTowerDispatch(OptiwiseDispatchCase):
    def _plant(self, size):
        """``size`` of each: batches delayed and planned, deliveries late and
        at risk (each with its own batch), a draft run."""
        for _index in range(size):
            self._plan(self._confirmed_mo(500), self.now - timedelta(hours=3))
            self._plan(self._confirmed_mo(500), self.now + timedelta(days=10))
            # no stock: promised yesterday, so late
            self._ship(10, self.now - timedelta(days=1), product=self.plain)
            # its batch finishes 6 hours before the promise: at risk
            promised = self.now + timedelta(days=20)
            self._ship(500, promised, product=self.dark)
            self._plan(
                self._confirmed_mo(500, product=self.dark),
                promised - timedelta(hours=6),
            )
            self.env["optiwise.production.run"].create(
                {
                    "product_id": self.bottle.id,
                    "workcenter_id": self.line.id,
                    "planned_qty": 100,
                    "standard_rate": 100,
                }
            )
        self._refresh()

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        product = cls.env["product.product"]
        cls.plain = product.create({"name": "Test Plain", "is_storable": True})
        cls.dark = product.create({"name": "Test Dark", "is_storable": True})
        cls.bom.copy({"product_tmpl_id": cls.dark.product_tmpl_id.id})
        cls.tower = cls.env["optiwise.control.tower"].with_user(cls.manager)
        # the vessel works around the clock, so it has planned time today
        # whatever the day of the week
        cls.vessel.resource_calendar_id = cls._around_the_clock()

    def _tiles(self):
        data = self.tower.get_tower_data()
        return {
            tile["key"]: tile
            for section in data["sections"]
            for tile in section["tiles"]
        }

    def test_tiles_open_what_they_count(self):
        """Each tile counts the list it opens, and moves with the plant."""
        self._refresh()
        before = self._tiles()
        self._plant(2)
        after = self._tiles()
        self.assertEqual(
            after["mo_delayed"]["value"] - before["mo_delayed"]["value"], 2
        )
        # confirmed: 2 delayed + 2 planned + 2 at-risk batches
        self.assertEqual(
            after["mo_planned"]["value"] - before["mo_planned"]["value"], 6
        )
        self.assertEqual(
            after["delivery_late"]["value"] - before["delivery_late"]["value"], 2
        )
        self.assertEqual(
            after["delivery_at_risk"]["value"] - before["delivery_at_risk"]["value"], 2
        )
        self.assertEqual(
            after["run_planned"]["value"] - before["run_planned"]["value"], 2
        )
        manager_env = self.env(user=self.manager)
        for key, tile in after.items():
            if key.startswith("oee_") or key == "changeover_week":
                continue
            action = tile["action"]
            count = manager_env[action["res_model"]].search_count(action["domain"])
            self.assertEqual(count, tile["value"], key)
        self.assertEqual(after["delivery_late"]["tone"], "danger")

    def test_tiles_follow_access(self):
        """A warehouse clerk sees deliveries, not runs or changeovers; the
        note says when the dispatch was computed."""
        tower = self.env["optiwise.control.tower"].with_user(self.stock_user)
        keys = {
            tile["key"]
            for section in tower.get_tower_data()["sections"]
            for tile in section["tiles"]
        }
        self.assertIn("delivery_late", keys)
        self.assertNotIn("run_planned", keys)
        self.assertNotIn("changeover_week", keys)
        self._refresh()
        [note] = [n for n in tower.get_tower_data()["notes"] if n["key"] == "dispatch"]
        self.assertTrue(note["at"])

    def test_refresh_rebuilds_dispatch(self):
        """The tower's Refresh rebuilds the dispatch lines it reads."""
        picking = self._ship(10, self.now - timedelta(days=1), product=self.plain)
        self.assertFalse(picking.optiwise_dispatch_risk)
        self.tower.action_refresh()
        self.assertEqual(picking.optiwise_dispatch_risk, "late")

    def test_query_count_constant(self):
        """The tower costs the same queries for a plant ten times larger."""
        self._plant(1)
        self.tower.get_tower_data()
        self.env.invalidate_all()
        # grouped reads of each tile, the work centers and one working-time
        # computation per calendar; nothing per record
        budget = self._tower_budget()
        with self.assertQueryCount(budget):
            small = self._tiles()
        self._plant(10)
        self.env.invalidate_all()
        with self.assertQueryCount(budget):
            large = self._tiles()
        self.assertEqual(
            large["delivery_late"]["value"] - small["delivery_late"]["value"], 10
        )
