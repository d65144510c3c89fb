# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import timedelta

from odoo.tests import new_test_user, tagged

from .common import OptiwiseDispatchCase


@tagged("post_install", "-at_install")
class TestDispatchGuards(OptiwiseDispatchCase):
    """Dispatch lines are derived: only the refresh writes them. A write or a
    create by any role, with any context, is refused and changes nothing;
    the company's margin and weight refuse NaN."""

    def test_lines_written_only_by_the_refresh(self):
        delivery = self._ship(100, self.now + timedelta(days=2))
        self._stock_lot("TB-GUARD-1", 100)
        self._refresh()
        line = self._line(delivery)
        self.assertTrue(line)
        stock_user = new_test_user(
            self.env, login="ow_dispatch_clerk", groups="stock.group_stock_user"
        )
        for user in (self.operator, self.manager, stock_user):
            self._assert_write_refused(line, {"risk": "on_time"}, user)
            self._assert_write_refused(line.supply_ids[:1], {"qty": 1e6}, user)
        self._assert_create_refused(
            "optiwise.dispatch.line",
            {"move_id": delivery.move_ids.id, "risk": "on_time"},
            self.manager,
        )
