# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from odoo.addons.optiwise_batch.tests.common import OptiwiseTowerCase

from .common import OptiwiseDispatchCase


class TestControlTowerDispatchCase(OptiwiseTowerCase, OptiwiseDispatchCase):
    """Fixtures of TestControlTowerDispatch."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        product = cls.env["product.product"]
        # products the plant makes (a run mode), and one it resells
        made = {"is_storable": True, "optiwise_run_mode": "batch"}
        cls.plain = product.create(dict(made, name="Test Plain"))
        cls.dark = product.create(dict(made, name="Test Dark"))
        cls.resold = product.create({"name": "Test Resold", "is_storable": True})
        cls.bom.copy({"product_tmpl_id": cls.dark.product_tmpl_id.id})

    def _plant(self, size):
        """The production of the tower's plant, and ``size`` deliveries late
        and ``size`` at risk (each with its own batch)."""
        result = super()._plant(size)
        for _index in range(size):
            # no stock: promised yesterday, so late
            self._ship(10, self.now - timedelta(days=1), product=self.plain)
            # its batch finishes 6 hours before the promise: at risk
            promised = self.now + timedelta(days=20)
            self._ship(500, promised, product=self.dark)
            self._plan(
                self._confirmed_mo(500, product=self.dark),
                promised - timedelta(hours=6),
            )
        self._refresh()
        return result


@tagged("post_install", "-at_install")
class TestControlTowerDispatch(TestControlTowerDispatchCase):
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
        self._assert_tiles_count_their_lists(after)
        self.assertEqual(after["delivery_late"]["tone"], "danger")
        # a late delivery of a product the plant does not make (no run mode)
        # is not production's: the tiles do not count it
        resold = self._ship(5, self.now - timedelta(days=1), product=self.resold)
        self._refresh()
        self.assertEqual(resold.optiwise_dispatch_risk, "late")
        self.assertEqual(
            self._tiles()["delivery_late"]["value"], after["delivery_late"]["value"]
        )

    def test_tiles_follow_access(self):
        """A warehouse clerk sees deliveries, not runs or changeovers; the
        note says when the dispatch was computed."""
        tower = self.env["optiwise.control.tower"].with_user(self.stock_user)
        keys = set(self._tiles(tower))
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


@tagged("at_install", "-post_install")
class TestControlTowerDispatchQueries(TestControlTowerDispatchCase):
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
        # optiwise_batch's 22 (see _tower_budget), 2 of dispatch's tiles, and
        # quality's 3 when it was installed before this addon
        budget = self._budget(self._tower_budget() + 2, optiwise_qc=3)
        with self.assertQueryCount(budget):
            small = self._tiles()
        self._plant(10)
        self.env.invalidate_all()
        with self.assertQueryCount(budget):
            large = self._tiles()
        self.assertEqual(
            large["delivery_late"]["value"] - small["delivery_late"]["value"], 10
        )
