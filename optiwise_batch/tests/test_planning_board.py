# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import ATTACK_CONTEXTS, OptiwiseChangeoverCase

NOW = "2026-11-23 06:00:00"


def _four_planned(case, day):
    """dark, light, dark, plain work orders planned in that order from
    ``day`` 00:00, an hour each (59 minutes of work)."""
    workorders = (
        case._mo(case.dark).workorder_ids
        | case._mo(case.base).workorder_ids
        | case._mo(case.dark).workorder_ids
        | case._mo(case.plain).workorder_ids
    )
    for index, workorder in enumerate(workorders):
        start = day + timedelta(hours=index)
        workorder.write(
            {"date_start": start, "date_finished": start + timedelta(minutes=59)}
        )
    return workorders


@tagged("post_install", "-at_install")
class TestPlanningBoard(OptiwiseChangeoverCase):
    """The finite-capacity planner on real work orders, its proposals, and
    the planning board's data and drag preview."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._around_the_clock(cls.vessel)
        cls._around_the_clock(cls.line)
        cls.Proposal = cls.env["optiwise.planning.proposal"]
        cls.board = cls.env["optiwise.planning"].with_user(cls.manager)

    def _fifo(self):
        """dark, light, dark, plain planned in that order tomorrow from 00:00,
        the light base made last on the vessel."""
        with freeze_time("2026-11-23 05:00:00"):
            self._run_workorder(self._mo(self.base))
        return _four_planned(self, datetime(2026, 11, 24))

    @freeze_time(NOW)
    def test_plan_groups_families_and_applies(self):
        """Plan proposes the families grouped; Apply writes core's slots, the
        changeovers reserved before them, and the orders' dates."""
        workorders = self._fifo()
        proposal = self.Proposal.browse(
            self.Proposal.with_user(self.manager).create_plan([self.vessel.id])
        )
        # as it runs now, from the light base: light->dark 15, dark->light 40
        # (the vessel's own rule), light->dark 15, dark->light (plain) 40
        self.assertEqual(proposal.current_changeover_minutes, 110)
        # proposed: base (same product: 0), plain (any 10), dark 15, dark 0
        self.assertEqual(proposal.changeover_minutes, 25)
        self.assertEqual(proposal.late_count, 0)
        order = proposal.line_ids.sorted("date_start").workorder_id
        self.assertEqual(
            [wo.product_id for wo in order],
            [self.base, self.plain, self.dark, self.dark],
        )
        self.assertEqual(proposal.state, "draft")
        # nothing written before Apply
        self.assertEqual(workorders[0].date_start, datetime(2026, 11, 24, 0))
        proposal.with_user(self.manager).action_apply()
        self.assertEqual(proposal.state, "applied")
        planned = workorders.sorted("date_start")
        self.assertEqual(planned.ids, order.ids)
        # from now (06:00): base 06:00-07:00, plain after 10 min 07:10-08:10,
        # dark after 15 min 08:25-09:25, dark 09:25-10:25
        self.assertEqual(planned[0].date_start, datetime(2026, 11, 23, 6))
        self.assertEqual(planned[1].date_start, datetime(2026, 11, 23, 7, 10))
        self.assertEqual(planned[3].date_finished, datetime(2026, 11, 23, 10, 25))
        change = planned[2].optiwise_changeover_leave_id
        self.assertEqual(
            (change.date_from, change.date_to),
            (datetime(2026, 11, 23, 8, 10), datetime(2026, 11, 23, 8, 25)),
        )
        self.assertEqual(
            planned[1].production_id.date_start, datetime(2026, 11, 23, 7, 10)
        )
        self.assertIn("Applied", proposal.message_ids[0].body)
        with self.assertRaisesRegex(UserError, "only a proposal may be applied"):
            proposal.with_user(self.manager).action_apply()

    @freeze_time(NOW)
    def test_a_proposal_plans_its_own_company_only(self):
        """A manager with two companies selected plans the current one: the
        other company's work orders (on its own vessel) stay out of the
        proposal, which belongs to the current company; and the other way
        round."""
        other = self.env["res.company"].create({"name": "Other Sauce Plant"})
        self.manager.company_ids |= other
        other_vessel = (
            self.env["mrp.workcenter"]
            .with_company(other)
            .create({"name": "Other Vessel", "company_id": other.id})
        )
        bom = self.env["mrp.bom"].create(
            {
                "product_tmpl_id": self.plain.product_tmpl_id.id,
                "product_qty": 500,
                "company_id": other.id,
                "operation_ids": [
                    Command.create(
                        {
                            "name": "Cook",
                            "workcenter_id": other_vessel.id,
                            "time_cycle_manual": 60,
                        }
                    )
                ],
            }
        )
        production = (
            self.env["mrp.production"]
            .with_company(other)
            .create({"product_id": self.plain.id, "product_qty": 500, "bom_id": bom.id})
        )
        production.action_confirm()
        theirs = production.workorder_ids
        ours = self._mo(self.dark).workorder_ids
        self.assertEqual(theirs.company_id, other)
        both = self.Proposal.with_user(self.manager).with_context(
            allowed_company_ids=[self.env.company.id, other.id]
        )
        proposal = self.Proposal.browse(both.create_plan())
        self.assertEqual(proposal.company_id, self.env.company)
        self.assertIn(ours, proposal.line_ids.workorder_id)
        self.assertNotIn(theirs, proposal.line_ids.workorder_id)
        proposal = self.Proposal.browse(
            both.with_context(
                allowed_company_ids=[other.id, self.env.company.id]
            ).create_plan()
        )
        self.assertEqual(proposal.company_id, other)
        self.assertEqual(proposal.line_ids.workorder_id, theirs)

    @freeze_time(NOW)
    def test_lateness_comes_first(self):
        """A batch due soon is made first though grouping would save more."""
        due, _light, _dark = self._due_dates_case()
        proposal = self.Proposal.browse(
            self.Proposal.with_user(self.manager).create_plan([self.vessel.id])
        )
        first = proposal.line_ids.sorted("date_start")[0]
        self.assertEqual(first.workorder_id, due)
        self.assertEqual(proposal.late_count, 0)
        self.assertFalse(first.late)
        self.assertTrue(proposal.line_ids.filtered(lambda l: l.due_date))

    @freeze_time(NOW)
    def test_a_batch_used_by_another_order_comes_first(self):
        """A bottling order waits for the batch it uses (core's chain of
        moves) and, planned, starts after it ends."""
        base = self._mo(self.base)
        bottle = self._mo(self.bottle, qty=100)
        bottle.move_raw_ids.move_orig_ids = [Command.set(base.move_finished_ids.ids)]
        data = self.env["optiwise.planning"]._optiwise_problem(self.vessel | self.line)
        ops = data["problem"].operations
        index = {wo.id: k for k, wo in enumerate(data["workorders"])}
        fill = ops[index[bottle.workorder_ids.id]]
        self.assertEqual(fill.after, ((index[base.workorder_ids.id], 0.0),))
        proposal = self.Proposal.browse(
            self.Proposal.with_user(self.manager).create_plan(
                [self.vessel.id, self.line.id]
            )
        )
        lines = {line.workorder_id: line for line in proposal.line_ids}
        self.assertGreaterEqual(
            lines[bottle.workorder_ids].date_start,
            lines[base.workorder_ids].date_finished,
        )

    @freeze_time(NOW)
    def test_only_managers_plan_and_proposals_are_read_only(self):
        """Users may not plan or apply; nobody writes or creates a proposal
        by hand, whatever the context."""
        self._fifo()
        with self.assertRaises(AccessError):
            self.Proposal.with_user(self.operator).create_plan()
        proposal = self.Proposal.browse(
            self.Proposal.with_user(self.manager).create_plan([self.vessel.id])
        )
        with self.assertRaises(AccessError):
            proposal.with_user(self.operator).action_apply()
        for context in ATTACK_CONTEXTS:
            manager = proposal.with_user(self.manager).with_context(**context)
            with self.assertRaises(AccessError):
                manager.write({"changeover_minutes": 0})
            with self.assertRaises(AccessError):
                manager.line_ids[:1].write({"date_start": fields.Datetime.now()})
            with self.assertRaises(AccessError):
                self.Proposal.with_user(self.manager).with_context(**context).create(
                    {"name": "Typed", "origin": fields.Datetime.now()}
                )
        with self.assertRaisesRegex(UserError, "list of ids"):
            self.Proposal.with_user(self.manager).create_plan("1")

    @freeze_time(NOW)
    def test_a_changed_work_order_asks_to_plan_again(self):
        """A proposal is applied only to the plan it was made from."""
        workorders = self._fifo()
        proposal = self.Proposal.browse(
            self.Proposal.with_user(self.manager).create_plan([self.vessel.id])
        )
        workorders[0].write(
            {
                "date_start": datetime(2026, 11, 24, 0, 5),
                "date_finished": datetime(2026, 11, 24, 1, 4),
            }
        )
        with self.assertRaisesRegex(UserError, "plan again"):
            proposal.with_user(self.manager).action_apply()
        self.assertEqual(proposal.state, "draft")

    @freeze_time(NOW)
    def test_board_data_and_drag_preview(self):
        """The board reads rows, items, closed time and promise dates; a drag
        is previewed with its changeovers before anything is saved."""
        workorders = self._fifo()
        workorders[0].production_id.date_deadline = datetime(2026, 11, 24, 12)
        data = self.board.get_board_data(
            "2026-11-23 00:00:00", "2026-11-30 00:00:00", [self.vessel.id]
        )
        self.assertEqual([row["id"] for row in data["rows"]], [self.vessel.id])
        self.assertEqual(data["rows"][0]["closed"], [])  # around the clock
        items = {item["id"]: item for item in data["items"]}
        # the base batch made this morning is on the board too
        self.assertLessEqual(set(workorders.ids), set(items))
        first = items[workorders[0].id]
        self.assertEqual(first["start"], "2026-11-24 00:00:00")
        self.assertEqual(first["uom"], self.base.uom_id.name)
        self.assertEqual(first["due"], "2026-11-24 12:00:00")
        self.assertEqual(
            [m["workorder_id"] for m in data["markers"]], [workorders[0].id]
        )
        # drag the second dark batch (planned at 02:00) to 00:30, after the
        # first one: dark, dark, light, plain from the light base made last:
        # light->dark 15, dark 0, dark->light 40, light->plain 10 = 65
        dark_two = workorders[2]
        preview = self.board.preview_move(
            dark_two.id, self.vessel.id, "2026-11-24 00:30:00"
        )
        self.assertEqual(preview["before"]["changeover_minutes"], 110)
        self.assertEqual(preview["after"]["changeover_minutes"], 65)
        # dropped on the first dark batch (00:00-00:59) and the light base
        # (01:00-01:59): planned after them, nothing earlier than planned
        self.assertEqual(preview["overlaps"], workorders[:2].ids)
        self.assertEqual(preview["start"], "2026-11-24 01:00:00")
        self.assertEqual(dark_two.date_start, datetime(2026, 11, 24, 2))
        self.board.apply_move(dark_two.id, self.vessel.id, "2026-11-24 00:30:00")
        order = workorders.sorted("date_start")
        self.assertEqual(order[:2], workorders[0] | dark_two)
        with self.assertRaisesRegex(UserError, "cannot run on"):
            self.board.preview_move(dark_two.id, self.line.id, "2026-11-24 00:30:00")
        with self.assertRaises(AccessError):
            self.env["optiwise.planning"].with_user(self.operator).apply_move(
                dark_two.id, self.vessel.id, "2026-11-24 00:30:00"
            )

    def test_bad_windows_are_refused(self):
        """A window that ends before it starts, too long, or not a date."""
        with self.assertRaisesRegex(UserError, "end comes after"):
            self.board.get_board_data("2026-11-24 00:00:00", "2026-11-23 00:00:00")
        with self.assertRaisesRegex(UserError, "at most"):
            self.board.get_board_data("2026-01-01 00:00:00", "2026-06-01 00:00:00")
        with self.assertRaisesRegex(UserError, "not a date"):
            self.board.get_board_data("tomorrow", "2026-06-01 00:00:00")
        with self.assertRaisesRegex(UserError, "list of ids"):
            self.board.get_board_data(
                "2026-11-23 00:00:00", "2026-11-24 00:00:00", self.vessel.id
            )


@tagged("at_install", "-post_install")
class TestPlanningBoardBudget(OptiwiseChangeoverCase):
    """The board's data costs the same queries for 2 work orders as for 12."""

    def _add(self, count, offset=0):
        for index in range(offset, offset + count):
            workorder = self._mo(self.dark if index % 2 else self.base).workorder_ids
            workorder.write(
                {
                    "date_start": datetime(2026, 11, 24) + timedelta(hours=index),
                    "date_finished": datetime(2026, 11, 24)
                    + timedelta(hours=index, minutes=50),
                }
            )

    def test_board_queries_do_not_grow_with_items(self):
        """2 or 12 work orders: the same query count."""
        self._around_the_clock(self.vessel)
        board = self.env["optiwise.planning"].with_user(self.manager)
        args = ("2026-11-23 00:00:00", "2026-11-30 00:00:00", [self.vessel.id])

        def counted():
            # warm-up: the record rules and calendars this user's first calls
            # cache (the first call after the work orders were created loads
            # the record rules again)
            board.get_board_data(*args)
            board.get_board_data(*args)
            self.env.invalidate_all()
            board.get_board_data(*args)
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            data = board.get_board_data(*args)
            return self.env.cr.sql_log_count - before, len(data["items"])

        self._add(2)
        small = counted()
        self._add(10, offset=2)
        large = counted()
        self.assertEqual((small[1], large[1]), (2, 12))
        self.assertEqual(small[0], large[0])


@tagged("post_install", "-at_install")
class TestPlanningBoardTour(HttpCase, OptiwiseChangeoverCase):
    # a manager's desk
    browser_size = "1400x900"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._around_the_clock(cls.vessel)
        cls.kettle = cls.env["mrp.workcenter"].create(
            {"name": "Second Kettle", "optiwise_default_run_mode": "batch"}
        )
        cls._around_the_clock(cls.kettle)
        cls.vessel.alternative_workcenter_ids = cls.kettle

    def test_planning_board_tour(self):
        """A manager drags a batch to the other vessel, sees its changeovers
        and lateness, applies; plans the week and applies the proposal."""
        tomorrow = fields.Datetime.now().replace(
            hour=0, minute=0, second=0, microsecond=0
        ) + timedelta(days=1)
        self._run_workorder(self._mo(self.base))
        workorders = _four_planned(self, tomorrow)
        # promised at 03:30: planned as they are, the plain base ends after
        # three changeovers (15 + 40 + 15 + 40 min), at 05:35
        workorders[3].production_id.date_deadline = tomorrow + timedelta(
            hours=3, minutes=30
        )
        self.start_tour(
            "/odoo/action-optiwise_batch.optiwise_planning_board_action",
            "optiwise_planning_board_tour",
            login=self.manager.login,
            # Plan waits up to 60 s for the planner (PLAN_SECONDS)
            timeout=180,
        )
        proposal = self.env["optiwise.planning.proposal"].search([], limit=1)
        self.assertEqual(proposal.state, "applied")
        self.assertEqual(proposal.late_count, 0)
        self.assertLessEqual(
            workorders[3].date_finished, workorders[3].production_id.date_deadline
        )
