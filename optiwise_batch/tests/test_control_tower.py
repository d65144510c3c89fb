# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import OptiwisePlantCase


@tagged("post_install", "-at_install")
class TestControlTower(OptiwisePlantCase):
    def _plant(self, size):
        """``size`` of each: a batch delayed, a batch planned, a draft run."""
        for _index in range(size):
            self._plan(self._confirmed_mo(500), self.now - timedelta(hours=3))
            self._plan(self._confirmed_mo(500), self.now + timedelta(days=10))
            self.env["optiwise.production.run"].create(
                {
                    "product_id": self.bottle.id,
                    "workcenter_id": self.line.id,
                    "planned_qty": 100,
                    "standard_rate": 100,
                }
            )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.now = fields.Datetime.now()
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
        before = self._tiles()
        self._plant(2)
        after = self._tiles()
        self.assertEqual(
            after["mo_delayed"]["value"] - before["mo_delayed"]["value"], 2
        )
        # confirmed: 2 delayed + 2 planned batches
        self.assertEqual(
            after["mo_planned"]["value"] - before["mo_planned"]["value"], 4
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
        self.assertEqual(after["mo_delayed"]["tone"], "danger")

    def test_tiles_follow_access(self):
        """A warehouse clerk sees no production tile: runs, changeovers."""
        tower = self.env["optiwise.control.tower"].with_user(self.stock_user)
        keys = {
            tile["key"]
            for section in tower.get_tower_data()["sections"]
            for tile in section["tiles"]
        }
        self.assertNotIn("run_planned", keys)
        self.assertNotIn("changeover_week", keys)

    def test_changeover_and_oee_tiles(self):
        """Changeover hours of the week and OEE per line today have tiles."""
        tiles = self._tiles()
        self.assertIn("changeover_week", tiles)
        self.assertIn(f"oee_{self.vessel.id}", tiles)
        self.assertTrue(tiles[f"oee_{self.vessel.id}"]["display"].endswith("%"))

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
            large["mo_delayed"]["value"] - small["mo_delayed"]["value"], 10
        )
