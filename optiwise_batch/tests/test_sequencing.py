# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import itertools
import random
from datetime import datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import BaseCase, tagged
from odoo.tools import config

from ..sequencing import ScheduledJob, evaluate, nearest_neighbour, solve
from .common import OptiwiseChangeoverCase


def _random_instance(rng, n):
    setup = [[0 if i == j else rng.randint(0, 90) for j in range(n)] for i in range(n)]
    processing = [rng.randint(10, 120) for _ in range(n)]
    due = [rng.choice([None, rng.randint(60, 700)]) for _ in range(n)]
    start = [rng.randint(0, 60) for _ in range(n)]
    return setup, processing, due, start


@tagged("post_install", "-at_install")
class TestSequencingEngine(BaseCase):
    def test_equals_brute_force(self):
        """On 24 random instances of 2 to 8 jobs the engine finds the optimum."""
        for seed in range(12):
            rng = random.Random(seed)
            n = rng.randint(2, 8)
            setup, processing, due, start = _random_instance(rng, n)
            for weight in (0.0, 0.8):
                best = min(
                    evaluate(list(order), setup, processing, due, start, weight)[
                        "objective"
                    ]
                    for order in itertools.permutations(range(n))
                )
                found = solve(setup, processing, due, start, weight, seed=seed)
                self.assertAlmostEqual(found["objective"], best, msg=f"seed {seed}")
                self.assertEqual(sorted(found["order"]), list(range(n)))

    def test_deterministic(self):
        """The same seed gives the same order."""
        setup, processing, due, start = _random_instance(random.Random(7), 15)
        first = solve(setup, processing, due, start, 0.5, seed=3, time_limit=30)
        second = solve(setup, processing, due, start, 0.5, seed=3, time_limit=30)
        self.assertEqual(first["order"], second["order"])
        # with lateness weighed too, a budget (not the clock) ends the search
        self.assertEqual(first["stopped_by"], "budget")
        self.assertEqual(first["iterations"], second["iterations"])

    def test_asymmetric_structure(self):
        """Light before dark: light -> dark costs 5, dark -> light 50."""
        # jobs 0, 1 dark, 2, 3 light; the machine made a light product last
        cost = {("L", "D"): 5, ("D", "L"): 50}
        kinds = ["D", "D", "L", "L"]
        setup = [[cost.get((a, b), 0) for b in kinds] for a in kinds]
        start = [5, 5, 0, 0]
        result = solve(setup, [60] * 4, start_setup=start)
        # both light jobs first (0), one light -> dark (5), dark -> dark (0)
        self.assertEqual(result["setup_minutes"], 5)
        self.assertEqual([kinds[i] for i in result["order"]], ["L", "L", "D", "D"])
        self.assertEqual(result["makespan"], 245)
        # FIFO pays 5 + 0 + 50 + 0 = 55
        fifo = evaluate([0, 1, 2, 3], setup, [60] * 4, start_setup=start)
        self.assertEqual(fifo["setup_minutes"], 55)
        self.assertEqual(nearest_neighbour(setup, start)[:2], [2, 3])

    def test_tardiness_weight(self):
        """A heavy weight puts an urgent job first despite a dearer changeover."""
        # job 0: no changeover from the start, 100 min, no deadline;
        # job 1: 30 min changeover from the start and from job 0, due at 60
        setup = [[0, 30], [30, 0]]
        start = [0, 30]
        lazy = solve(setup, [100, 20], [None, 60], start, weight=0)
        self.assertEqual(lazy["order"], [0, 1])
        urgent = solve(setup, [100, 20], [None, 60], start, weight=1)
        # 1 then 0: changeover 30 + 30 = 60, job 1 done at 50: not late
        self.assertEqual(urgent["order"], [1, 0])
        self.assertEqual((urgent["setup_minutes"], urgent["late_count"]), (60, 0))

    def test_per_job_figures(self):
        """The engine schedules each job: changeover, start, end, lateness."""
        # start state -> job 1: 5 min, 1 -> 0: 20 min; processing: job 0 30,
        # job 1 40; job 0 due at 60
        setup = [[0, 10], [20, 0]]
        figures = evaluate(
            [1, 0], setup, [30, 40], due=[60, None], start_setup=[15, 5], weight=1
        )
        job1, job0 = figures["jobs"]
        # job 1: changeover 5, runs 5 -> 45; job 0: changeover 20, runs
        # 65 -> 95, 35 minutes after its due time
        self.assertEqual(job1, ScheduledJob(1, 5.0, 5.0, 45.0, None, 0.0))
        self.assertEqual(job0, ScheduledJob(0, 20.0, 65.0, 95.0, 60.0, 35.0))
        self.assertEqual(figures["setup_minutes"], 25.0)
        self.assertEqual(figures["tardiness_minutes"], 35.0)
        self.assertEqual(figures["late_count"], 1)
        self.assertEqual(figures["makespan"], 95.0)

    def test_cyclic_equals_brute_force(self):
        """A product wheel: the cheapest cycle (12 random instances of 3 to 8
        products), entered where the first cycle is cheapest."""
        for seed in range(12):
            rng = random.Random(100 + seed)
            n = rng.randint(3, 8)
            setup, processing, _due, start = _random_instance(rng, n)
            best = min(
                evaluate([0, *order], setup, processing, cyclic=True)["cycle_minutes"]
                for order in itertools.permutations(range(1, n))
            )
            found = solve(setup, processing, start_setup=start, cyclic=True, seed=seed)
            self.assertAlmostEqual(found["cycle_minutes"], best, msg=f"seed {seed}")
            order = found["order"]
            # the cycle closes on its first job: one changeover per product
            self.assertAlmostEqual(
                found["cycle_minutes"],
                sum(
                    setup[a][b]
                    for a, b in zip(order, order[1:] + order[:1], strict=True)
                ),
            )
            # entered where start -> first job minus the changeover it skips
            # (last -> first) is least, i.e. the first sequence is cheapest
            entries = [
                start[order[k]] - setup[order[k - 1]][order[k]] for k in range(n)
            ]
            self.assertEqual(entries[0], min(entries), msg=f"seed {seed}")
            self.assertAlmostEqual(
                found["setup_minutes"],
                start[order[0]] + found["cycle_minutes"] - setup[order[-1]][order[0]],
            )
        with self.assertRaisesRegex(ValueError, "cyclic"):
            solve([[0, 1], [1, 0]], [1, 1], due=[5, None], weight=1, cyclic=True)

    def test_protected_jobs_stay_on_time(self):
        """Jobs on time in the given order stay on time (30 random
        instances), and the result is never worse than that order."""
        for seed in range(30):
            rng = random.Random(200 + seed)
            n = rng.randint(4, 12)
            setup, processing, due, start = _random_instance(rng, n)
            current = list(range(n))
            before = evaluate(current, setup, processing, due, start, 0.2)
            on_time = [
                j.index for j in before["jobs"] if j.due is not None and not j.lateness
            ]
            found = solve(
                setup,
                processing,
                due,
                start,
                weight=0.2,
                seed=seed,
                protect=on_time,
                initial=current,
            )
            late = {j.index for j in found["jobs"] if j.lateness}
            self.assertFalse(late & set(on_time), msg=f"seed {seed}")
            self.assertLessEqual(
                found["objective"], before["objective"] + 1e-9, msg=f"seed {seed}"
            )

    def test_budget_ends_the_search(self):
        """The round budget, not the clock, ends the search: the same order
        and rounds for the same seed, with a generous time limit."""
        rng = random.Random(5)
        n = 60
        setup = [
            [0 if i == j else rng.randint(0, 999) for j in range(n)] for i in range(n)
        ]
        first = solve(setup, [1.0] * n, seed=4, time_limit=60, max_iterations=3000)
        second = solve(setup, [1.0] * n, seed=4, time_limit=60, max_iterations=3000)
        self.assertEqual(first["stopped_by"], "budget")
        self.assertEqual(first["iterations"], 3000)
        self.assertEqual(first["order"], second["order"])
        self.assertGreater(first["evaluations"], 0)
        # the assignment relaxation bounds every sequence from below
        from ..sequencing.engine import Instance

        instance = Instance(setup, [1.0] * n)
        succ, u, v = instance.assignment()
        relaxation = sum(instance.cost[i][succ[i]] for i in range(n + 1))
        self.assertAlmostEqual(relaxation, sum(u) + sum(v))
        self.assertLessEqual(relaxation, first["setup_minutes"])
        patched = instance.patched()
        self.assertEqual(sorted(patched), list(range(n)))

    def test_assignment_relaxation(self):
        """The assignment relaxation (started from reduced costs and a greedy
        match, then augmented) is optimal and its duals are feasible and
        tight, on matrices full of ties as well as spread ones."""
        from ..sequencing.engine import _assignment

        for seed in range(40):
            rng = random.Random(seed)
            n = rng.randint(2, 7)
            top = 3 if seed % 2 else 999
            cost = [[float(rng.randint(0, top)) for _ in range(n)] for _ in range(n)]
            succ, u, v = _assignment(cost, n)
            self.assertEqual(sorted(succ), list(range(n)))
            self.assertTrue(all(succ[i] != i for i in range(n)))
            best = min(
                sum(cost[i][p[i]] for i in range(n))
                for p in itertools.permutations(range(n))
                if all(p[i] != i for i in range(n))
            )
            value = sum(cost[i][succ[i]] for i in range(n))
            self.assertAlmostEqual(value, best, msg=f"seed {seed}")
            self.assertAlmostEqual(sum(u) + sum(v), best, msg=f"seed {seed}")
            for i in range(n):
                for j in range(n):
                    if i != j:
                        self.assertGreaterEqual(cost[i][j] - u[i] - v[j], -1e-9)

    def test_work_budget_ends_the_search(self):
        """Without a round budget, the budget of work ends a changeover-only
        search: rounds are counted by what they cost, and the same seed gives
        the same order and rounds whatever the clock."""
        from ..sequencing.engine import solver

        rng = random.Random(8)
        n = 60
        setup = [
            [0 if i == j else rng.randint(0, 999) for j in range(n)] for i in range(n)
        ]
        with patch.object(solver, "CHANGEOVER_WORK", 300_000):
            first = solve(setup, [1.0] * n, seed=2, time_limit=60)
            second = solve(setup, [1.0] * n, seed=2, time_limit=60)
        with patch.object(solver, "CHANGEOVER_WORK", 600_000):
            longer = solve(setup, [1.0] * n, seed=2, time_limit=60)
        self.assertEqual(first["stopped_by"], "budget")
        self.assertEqual(first["order"], second["order"])
        self.assertEqual(first["iterations"], second["iterations"])
        # the work, not the cap of rounds, ended it; twice the work buys more
        self.assertLess(first["iterations"], solver.default_rounds(n))
        self.assertGreater(first["iterations"], 0)
        self.assertGreater(longer["iterations"], first["iterations"])

    def test_one_search_driver(self):
        """Changeovers alone and with due times, the search is the one driver
        (``iterated_search``) with its own acceptance rule, and the schedule
        the one kernel: ``Instance.run`` gives the figures ``evaluate`` gives."""
        from ..sequencing.engine import Instance, solver

        rng = random.Random(11)
        n = 12
        setup = [
            [0 if i == j else rng.randint(1, 90) for j in range(n)] for i in range(n)
        ]
        processing = [rng.randint(5, 40) for _ in range(n)]
        due = [rng.randint(40, 300) for _ in range(n)]
        calls = []
        driver = solver.iterated_search

        def counted(walk, accept, rounds, deadline, rng):
            calls.append((type(walk).__name__, accept.__name__))
            return driver(walk, accept, rounds, deadline, rng)

        with patch.object(solver, "iterated_search", counted):
            alone = solve(setup, processing, max_iterations=50)
            late = solve(setup, processing, due, weight=2.0, max_iterations=50)
        self.assertIn(("ChangeoverWalk", "accept"), calls)
        self.assertIn(("TardinessWalk", "not_worse"), calls)
        instance = Instance(setup, processing, due, weight=2.0)
        for found in (alone, late):
            _prev, clock, value = instance.run(found["order"])
            figures = evaluate(found["order"], setup, processing, due, weight=2.0)
            self.assertAlmostEqual(clock, figures["makespan"])
            self.assertAlmostEqual(value, figures["objective"])

    def test_bad_input(self):
        """Malformed problems are refused."""
        with self.assertRaises(ValueError):
            solve([[0, 1]], [1, 1])
        with self.assertRaises(ValueError):
            solve([[0, -1], [1, 0]], [1, 1])
        with self.assertRaises(ValueError):
            solve([[0]], [1], time_limit=0)
        with self.assertRaises(ValueError):
            evaluate([0, 0], [[0, 1], [1, 0]], [1, 1])


@tagged("post_install", "-at_install")
class TestWorkcenterSequence(OptiwiseChangeoverCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the vessel works around the clock, so planned slots are easy to read
        cls._around_the_clock(cls.vessel)

    def _workorders(self):
        # made in this order: dark, light, dark, light (FIFO: 3 changeovers)
        return (
            self._mo(self.dark).workorder_ids
            | self._mo(self.base).workorder_ids
            | self._mo(self.dark).workorder_ids
            | self._mo(self.plain).workorder_ids
        )

    @freeze_time("2026-11-23 06:00:00")
    def test_sequence_and_apply(self):
        """Grouping by family saves changeovers; applying re-plans in order."""
        with freeze_time("2026-11-23 05:00:00"):
            self._run_workorder(self._mo(self.base))
        workorders = self._workorders()
        for index, workorder in enumerate(workorders):
            workorder.leave_id.write(
                {
                    "date_from": datetime(2026, 11, 24, index),
                    "date_to": datetime(2026, 11, 24, index, 30),
                }
            )
        result = self.vessel.with_user(self.manager).compute_sequence(
            weight=0, apply=True
        )
        # current (planned) order from the light base made last:
        # light->dark 15 + dark->light 40 + light->dark 15 + dark->light 40 = 110
        self.assertEqual(result["current"]["workorder_ids"], workorders.ids)
        self.assertEqual(result["current"]["changeover_minutes"], 110)
        # best: base (same product as last: 0), plain (light -> light is no
        # family rule: any -> any 10), dark (light -> dark 15), dark (0) = 25
        self.assertEqual(result["proposed"]["changeover_minutes"], 25)
        proposed = self.env["mrp.workorder"].browse(result["workorder_ids"])
        self.assertEqual(
            proposed.product_id.ids, [self.base.id, self.plain.id, self.dark.id]
        )
        self.assertTrue(result["applied"])
        # re-planned back to back from now, each changeover reserved before
        # its batch: base 06:00-07:00, changeover 07:00-07:10, plain
        # 07:10-08:10, changeover 08:10-08:25, dark 08:25-09:25, dark
        # 09:25-10:25
        starts = proposed.mapped("date_start")
        self.assertEqual(
            starts,
            [
                datetime(2026, 11, 23, 6),
                datetime(2026, 11, 23, 7, 10),
                datetime(2026, 11, 23, 8, 25),
                datetime(2026, 11, 23, 9, 25),
            ],
        )
        reserved = proposed[2].optiwise_changeover_leave_id
        self.assertEqual(
            (reserved.date_from, reserved.date_to),
            (datetime(2026, 11, 23, 8, 10), datetime(2026, 11, 23, 8, 25)),
        )
        self.assertFalse(proposed[0].optiwise_changeover_leave_id)
        self.assertFalse(proposed[3].optiwise_changeover_leave_id)
        self.assertEqual(
            proposed[3].production_id.date_finished, datetime(2026, 11, 23, 10, 25)
        )
        # started, a work order's changeover is logged as it happens: the slot
        # reserved for it is freed (an operator may not delete leaves himself)
        slot = proposed[1].optiwise_changeover_leave_id
        self.assertTrue(slot)
        proposed[1].with_user(self.operator).button_start()
        self.assertFalse(slot.exists())

    @freeze_time("2026-11-23 06:00:00")
    def test_deadline_weight(self):
        """A due light batch stays first when lateness weighs."""
        dark = self._mo(self.dark).workorder_ids
        light = self._mo(self.base, deadline=datetime(2026, 11, 23, 7)).workorder_ids
        # nothing made yet: dark first costs 0 + 40 (dark -> light) and makes
        # the light batch 100 min late; light first costs 0 + 15
        result = self.vessel.compute_sequence(workorder_ids=(dark | light).ids)
        self.assertEqual(result["workorder_ids"], [light.id, dark.id])
        self.assertEqual(result["proposed"]["late_count"], 0)
        self.assertEqual(result["proposed"]["makespan_minutes"], 135)
        self.assertEqual(result["current"]["late_count"], 1)

    @freeze_time("2026-11-23 06:00:00")
    def test_due_dates_hold(self):
        """With lateness weighed, the proposal keeps on time what the current
        order has on time; the sequence that saves more by making an order
        late is shown beside it, and taken only when accepted."""
        due, light, dark = self._due_dates_case()
        result = self.vessel.compute_sequence(weight=0.5)
        # current: due (light -> dark 15), light (40), dark (15) = 70, due
        # done at 75 min, 5 before its deadline (80)
        self.assertEqual(result["current"]["changeover_minutes"], 70)
        self.assertEqual(result["current"]["late_count"], 0)
        # proposed: due first still, then dark (0), light (40) = 55
        self.assertEqual(result["workorder_ids"], [due.id, dark.id, light.id])
        self.assertEqual(result["proposed"]["changeover_minutes"], 55)
        self.assertEqual(result["proposed"]["late_count"], 0)
        # light first would cost 15 (0 + 15 + 0), but due is then done at
        # 135 min: 55 min late; 15 + 0.5 x 55 = 42.5 beats 55
        alternative = result["alternative"]
        self.assertEqual(alternative["workorder_ids"], [light.id, due.id, dark.id])
        self.assertEqual(alternative["changeover_saving_minutes"], 40)
        self.assertEqual(alternative["newly_late_workorder_ids"], [due.id])
        made_late = alternative["jobs"][1]
        self.assertEqual(made_late["workorder_id"], due.id)
        self.assertEqual(
            (made_late["lateness_minutes"], made_late["current_lateness_minutes"]),
            (55, 0),
        )
        accepted = self.vessel.compute_sequence(weight=0.5, allow_new_late=True)
        self.assertEqual(accepted["workorder_ids"], [light.id, due.id, dark.id])
        # without lateness weighed, deadlines do not constrain the proposal
        free = self.vessel.compute_sequence(weight=0)
        self.assertEqual(free["proposed"]["changeover_minutes"], 15)
        self.assertFalse(free["alternative"])

    @freeze_time("2026-11-23 06:00:00")
    def test_wizard_shows_lateness_before_and_after(self):
        """The wizard shows per order its lateness now and after, warns of
        the sequence that makes orders late, and proposes it when accepted."""
        due, _light, _dark = self._due_dates_case()
        wizard = (
            self.env["optiwise.sequence.wizard"]
            .with_user(self.manager)
            .with_context(active_id=self.vessel.id)
            .create({"weight": 0.5})
        )
        wizard.action_compute()
        self.assertEqual(wizard.alternative_saving, 40)
        self.assertEqual(wizard.alternative_late_ids, due)
        self.assertFalse(wizard.line_ids.filtered("made_late"))
        wizard.allow_new_late = True
        wizard.action_compute()
        line = wizard.line_ids.filtered(lambda l: l.workorder_id == due)
        self.assertTrue(line.made_late)
        self.assertEqual(
            (line.lateness_minutes, line.current_lateness_minutes), (55, 0)
        )
        self.assertEqual(wizard.proposed_changeover, 15)

    def test_product_wheel(self):
        """The wheel of three products: the cheapest cycle, entered after its
        dearest changeover when nothing was made yet, with its figures."""
        wheel = self.vessel.compute_product_wheel(
            product_ids=[self.dark.id, self.base.id, self.plain.id],
            run_minutes=[60, 90, 30],
        )
        # either way round: light -> light 10, light -> dark 15, dark -> light 40
        self.assertEqual(wheel["changeover_minutes_per_cycle"], 65)
        self.assertEqual(wheel["run_minutes_per_cycle"], 180)
        self.assertEqual(wheel["cycle_minutes"], 245)
        self.assertAlmostEqual(wheel["changeover_share"], 100 * 65 / 245)
        lines = wheel["products"]
        self.assertEqual(
            sum(line["changeover_minutes"] for line in lines), 65, "one per product"
        )
        # entered after dark -> light (40): the first product is a light one,
        # and the 40 min is paid only when the wheel comes round again
        self.assertEqual(lines[0]["changeover_minutes"], 40)
        self.assertIn(lines[0]["product_id"], (self.base.id, self.plain.id))
        self.assertEqual(wheel["entry_changeover_minutes"], 0)
        runs = {line["product_id"]: line["run_minutes"] for line in lines}
        self.assertEqual(runs[self.base.id], 90)
        with self.assertRaisesRegex(UserError, "once"):
            self.vessel.compute_product_wheel(product_ids=[self.dark.id] * 2)
        with self.assertRaisesRegex(UserError, "one run time"):
            self.vessel.compute_product_wheel(
                product_ids=[self.dark.id, self.base.id], run_minutes=[60]
            )

    def test_wheel_wizard(self):
        """The wizard starts from the work center's products and their mean
        run, and lays out the cycle."""
        self._workorders()
        wizard = (
            self.env["optiwise.wheel.wizard"]
            .with_user(self.manager)
            .with_context(active_id=self.vessel.id)
            .create({})
        )
        self.assertEqual(
            set(wizard.line_ids.product_id.ids),
            {self.dark.id, self.base.id, self.plain.id},
        )
        self.assertTrue(all(line.run_minutes == 60 for line in wizard.line_ids))
        wizard.action_compute()
        self.assertEqual(wizard.changeover_minutes, 65)
        self.assertEqual(wizard.run_minutes, 180)
        self.assertAlmostEqual(wizard.cycle_hours, 245 / 60)
        self.assertEqual(sum(wizard.line_ids.mapped("changeover_minutes")), 65)

    def test_wizard(self):
        """The wizard shows both orders and applies the proposed one."""
        self._workorders()
        wizard = (
            self.env["optiwise.sequence.wizard"]
            .with_user(self.manager)
            .with_context(active_id=self.vessel.id)
            .create({"weight": 0})
        )
        wizard.action_compute()
        self.assertEqual(len(wizard.line_ids), 4)
        self.assertGreater(wizard.saving_percent, 0)
        self.assertLessEqual(wizard.proposed_changeover, wizard.current_changeover)
        wizard.action_apply()
        ordered = wizard.line_ids.sorted("sequence").workorder_id
        starts = ordered.mapped("date_start")
        self.assertEqual(starts, sorted(starts))

    def test_wizard_from_the_orders_list(self):
        """Selected orders open the sequencing of their work center, with
        their work orders; orders of two work centers are refused."""
        workorders = self._workorders()
        action = workorders.production_id.with_user(
            self.manager
        ).action_optiwise_sequence()
        wizard = (
            self.env["optiwise.sequence.wizard"]
            .with_user(self.manager)
            .with_context(**action["context"])
            .create({"weight": 0})
        )
        self.assertEqual(wizard.workcenter_id, self.vessel)
        self.assertEqual(wizard.workorder_ids, workorders)
        bottle = self.env["mrp.production"].create(
            {"product_id": self.bottle.id, "product_qty": 5}
        )
        bottle.action_confirm()
        with self.assertRaisesRegex(UserError, "one work center"):
            (workorders.production_id | bottle).action_optiwise_sequence()

    def test_refusals(self):
        """Other work centers' or started work orders, and non-managers, are refused."""
        workorders = self._workorders()
        bottle = self.env["mrp.production"].create(
            {"product_id": self.bottle.id, "product_qty": 5}
        )
        bottle.action_confirm()
        with self.assertRaisesRegex(UserError, "other work centers"):
            self.vessel.compute_sequence(workorder_ids=bottle.workorder_ids.ids)
        workorders[0].button_start()
        with self.assertRaisesRegex(UserError, "have started"):
            self.vessel.compute_sequence(workorder_ids=workorders.ids)
        with self.assertRaisesRegex(UserError, "do not exist"):
            self.vessel.compute_sequence(workorder_ids=[999999999])
        with self.assertRaisesRegex(UserError, "list of ids"):
            self.vessel.compute_sequence(workorder_ids="1,2")
        # a work order twice would be planned twice, leaving a slot reserved
        # for nothing: refused, and nothing is reserved
        leaves = self.env["resource.calendar.leaves"].search_count([])
        with self.assertRaisesRegex(UserError, "more than once"):
            self.vessel.apply_sequence([workorders[1].id, workorders[1].id])
        self.assertEqual(self.env["resource.calendar.leaves"].search_count([]), leaves)
        with self.assertRaisesRegex(UserError, "time limit"):
            self.vessel.compute_sequence(time_limit=0)
        # never past the server's CPU limit per request (80 % of it)
        with (
            patch.dict(config._runtime_options, {"limit_time_cpu": 20}),
            self.assertRaisesRegex(UserError, "at most 16 seconds"),
        ):
            self.vessel.compute_sequence(time_limit=18)
        with (
            patch.dict(config._runtime_options, {"limit_time_cpu": 20}),
            self.assertRaisesRegex(UserError, "at most 16 seconds"),
        ):
            self.vessel.compute_product_wheel(time_limit=17)
        with self.assertRaises(AccessError):
            self.vessel.with_user(self.operator).compute_sequence(apply=True)
        # an operator may look at a proposal
        proposal = self.vessel.with_user(self.operator).compute_sequence()
        self.assertEqual(len(proposal["workorder_ids"]), 3)
        self.assertFalse(proposal["applied"])
