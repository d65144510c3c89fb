# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .common import OptiwiseTowerCase


class TestControlTowerCase(OptiwiseTowerCase):
    """Fixtures of TestControlTower."""


@tagged("post_install", "-at_install")
class TestControlTower(TestControlTowerCase):
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
        self._assert_tiles_count_their_lists(after)
        self.assertEqual(after["mo_delayed"]["tone"], "danger")

    def test_tiles_follow_access(self):
        """A warehouse clerk sees no production tile: runs, changeovers."""
        keys = set(
            self._tiles(self.env["optiwise.control.tower"].with_user(self.stock_user))
        )
        self.assertNotIn("run_planned", keys)
        self.assertNotIn("changeover_week", keys)

    def test_changeover_and_oee_tiles(self):
        """Changeover hours of the week and OEE per line today have tiles; a
        line with no job today says so instead of showing 0 %."""
        with freeze_time("2026-11-23 08:00:00"):
            run = self.env["optiwise.production.run"].create(
                {
                    "product_id": self.bottle.id,
                    "workcenter_id": self.line.id,
                    "planned_qty": 1000,
                    "standard_rate": 100,
                }
            )
            run.action_start()
        with freeze_time("2026-11-23 10:00:00"):
            run.record_output(100)
            tiles = self._tiles()
        self.assertIn("changeover_week", tiles)
        self.assertTrue(tiles["changeover_week"]["display"].endswith("changeovers"))
        vessel = tiles[f"oee_{self.vessel.id}"]
        self.assertEqual(
            (vessel["display"], vessel["tone"]), ("No planned time", "muted")
        )
        line = tiles[f"oee_{self.line.id}"]
        self.assertTrue(line["display"].endswith("%"), line["display"])
        self.assertNotEqual(line["tone"], "muted")


@tagged("at_install", "-post_install")
class TestControlTowerQueries(TestControlTowerCase):
    """Query budgets, at install: this addon's own queries, before the
    addons that depend on it are installed."""

    @freeze_time("2020-06-03 10:00:00")
    def test_query_count_constant(self):
        """The tower costs the same queries for a plant ten times larger
        (at a fixed time: what today holds decides which figures are read)."""
        self.now = fields.Datetime.now()
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
