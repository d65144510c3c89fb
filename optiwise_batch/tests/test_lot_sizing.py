# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import math
import random

from odoo.tests import BaseCase, tagged

from ..lotsizing import (
    Limits,
    capacitated,
    common_cycle,
    eoq,
    epq,
    evaluate,
    fixed_size,
    lot_for_lot,
    part_period_balancing,
    silver_meal,
    wagner_whitin,
)
from ..lotsizing.classic import cost_per_period

METHODS = (wagner_whitin, silver_meal, part_period_balancing, lot_for_lot)


def check_limits(test, plan, demand, limits):
    """Every limit, checked on the plan as made (not by the engine's own
    bookkeeping): lots whole multiples and at least the minimum, batches
    within the vessel, capacity, and first-in first-out stock used within
    the cover."""
    cover, minimum, maximum, multiple, capacity, storage = limits
    for t, (lot, batches) in enumerate(zip(plan.lots, plan.batches, strict=True)):
        if not lot:
            test.assertEqual(batches, 0)
            continue
        if minimum:
            test.assertGreaterEqual(lot, minimum - 1e-6)
        if multiple:
            test.assertAlmostEqual(lot / multiple, round(lot / multiple), places=6)
        if maximum:
            test.assertLessEqual(lot, batches * maximum + 1e-6)
        if capacity is not None:
            test.assertLessEqual(lot, capacity + 1e-6)
        if storage is not None:
            test.assertLessEqual(plan.inventory[t] + demand[t], storage + 1e-6)
        if cover and t + cover <= len(demand):
            # everything in stock after period t's lot is used by t + cover - 1
            stock_after = plan.inventory[t] + demand[t]
            test.assertLessEqual(stock_after, sum(demand[t : t + cover]) + 1e-6)


@tagged("at_install", "-post_install")
class TestLotSizingEngine(BaseCase):
    def test_eoq_and_epq_formulas(self):
        """EOQ = sqrt(2 D S / h); EPQ = sqrt(2 D S / (h (1 - D / P))); each is
        the lowest point of its cost curve, where setup equals holding."""
        found = eoq(1000, 10, 0.5)
        self.assertAlmostEqual(found["quantity"], 200.0)
        self.assertAlmostEqual(found["cost_per_period"], math.sqrt(2 * 1000 * 10 * 0.5))
        self.assertAlmostEqual(
            found["setup_cost_per_period"], found["holding_cost_per_period"]
        )
        self.assertAlmostEqual(found["batches_per_period"], 5.0)
        found = epq(1000, 4000, 10, 0.5)
        self.assertAlmostEqual(found["quantity"], math.sqrt(2 * 1000 * 10 / 0.375))
        self.assertAlmostEqual(found["max_inventory"], found["quantity"] * 0.75)
        for quantity in (0.8 * found["quantity"], 1.25 * found["quantity"]):
            self.assertGreater(
                sum(cost_per_period(quantity, 1000, 10, 0.5, 0.75)),
                found["cost_per_period"],
            )
        with self.assertRaises(ValueError):
            epq(1000, 900, 10, 0.5)  # the line never catches up
        with self.assertRaises(ValueError):
            eoq(0, 10, 0.5)

    def test_wagner_whitin_1958_example(self):
        """Wagner and Whitin's own example (Management Science 5(1), 1958):
        twelve months, setup costs by month, holding 1 per unit and month:
        the least total cost is 864."""
        demand = [69, 29, 36, 61, 61, 26, 34, 67, 45, 67, 79, 56]
        setup = [85, 102, 102, 101, 98, 114, 105, 86, 119, 110, 98, 114]
        plan = wagner_whitin(demand, setup, 1)
        self.assertAlmostEqual(plan.cost, 864.0)
        self.assertEqual(
            [t + 1 for t, lot in enumerate(plan.lots) if lot], [1, 3, 5, 8, 10, 11]
        )
        self.assertEqual(sum(plan.lots), sum(demand))
        # every other method costs at least as much on it
        for method in METHODS[1:]:
            self.assertGreaterEqual(method(demand, setup, 1).cost, 864.0 - 1e-9)

    def test_silver_meal_worked_example(self):
        """The worked example of Silver-Meal in Nahmias, *Production and
        Operations Analysis*: demand 18, 30, 42, 5, 20, setup 80, holding 2:
        lots of 48 (periods 1-2), 47 (3-4) and 20."""
        plan = silver_meal([18, 30, 42, 5, 20], 80, 2)
        self.assertEqual(plan.lots, [48.0, 0.0, 47.0, 0.0, 20.0])
        self.assertAlmostEqual(plan.cost, 3 * 80 + 2 * 30 + 2 * 5)
        self.assertEqual(
            plan,
            evaluate(plan.lots, [18, 30, 42, 5, 20], 80, 2)._replace(
                method="silver_meal"
            ),
        )

    def test_limits_respected(self):
        """Every method keeps every limit on seeded random demand."""
        rng = random.Random(4)
        for seed in range(60):
            demand = [
                rng.choice([0, rng.randint(5, 120)]) for _ in range(rng.randint(1, 14))
            ]
            limits = Limits(
                cover=rng.choice([None, 2, 3, 5]),
                minimum=rng.choice([None, 20, 60]),
                maximum=rng.choice([None, 150, 400]),
                multiple=rng.choice([None, 10, 25]),
                capacity=rng.choice([None, 2000]),
                storage=rng.choice([None, 300, 1000]),
            )
            for method in METHODS:
                with self.subTest(seed=seed, method=method.__name__):
                    try:
                        plan = method(
                            demand,
                            rng.randint(10, 300),
                            rng.choice([0.5, 1, 3]),
                            limits,
                        )
                    except ValueError:
                        continue  # no plan meets these limits (said, not broken)
                    check_limits(self, plan, demand, limits)
                    self.assertTrue(all(level >= 0 for level in plan.inventory))

    def test_shelf_life_caps_the_cover(self):
        """Cheap setups aside, stock may not outlive its cover: with a cover
        of 2 periods no lot serves a third."""
        demand = [10] * 8
        unlimited = wagner_whitin(demand, 1000, 0.01)
        self.assertEqual(sum(1 for lot in unlimited.lots if lot), 1)
        capped = wagner_whitin(demand, 1000, 0.01, Limits(cover=2))
        self.assertEqual(capped.lots, [20.0, 0.0] * 4)
        vessel = wagner_whitin(demand, 1000, 0.01, Limits(maximum=30))
        self.assertTrue(
            all(
                lot <= 30 * n
                for lot, n in zip(vessel.lots, vessel.batches, strict=True)
            )
        )
        self.assertEqual(sum(vessel.batches), 3)  # 80 units in vessels of 30

    def test_fixed_size_is_todays_bom(self):
        """A fixed batch size makes whole batches of it when stock runs out."""
        plan = fixed_size([30, 30, 30, 30], 50, 1, 100)
        self.assertEqual(plan.lots, [100.0, 0.0, 0.0, 100.0])
        self.assertEqual(plan.inventory, [70.0, 40.0, 10.0, 80.0])

    def test_common_cycle(self):
        """Several products on one line: T* = sqrt(2 sum S / sum h d (1 - d/p));
        when the changeovers of one cycle do not fit, the cycle is the
        shortest the line can run, sum s / (1 - sum d/p), and says so."""
        products = [
            {
                "demand": 100,
                "rate": 1000,
                "setup_cost": 50,
                "setup_time": 0.02,
                "holding_cost": 0.1,
            },
            {
                "demand": 300,
                "rate": 1500,
                "setup_cost": 80,
                "setup_time": 0.03,
                "holding_cost": 0.05,
            },
        ]
        found = common_cycle(products)
        holding = 0.1 * 100 * 0.9 + 0.05 * 300 * 0.8
        self.assertAlmostEqual(found["cycle"], math.sqrt(2 * 130 / holding))
        self.assertIsNone(found["binding"])
        self.assertAlmostEqual(found["utilisation"], 0.3)
        self.assertAlmostEqual(found["batches"][1]["quantity"], 300 * found["cycle"])
        for item in products:
            item["setup_time"] = 2.0  # two periods of changeover each
        tight = common_cycle(products)
        self.assertEqual(tight["binding"], "capacity")
        self.assertAlmostEqual(tight["cycle"], 4.0 / 0.7)
        # production and changeovers of one cycle fill it exactly
        busy = sum(b["run_time"] for b in tight["batches"]) + 4.0
        self.assertAlmostEqual(busy, tight["cycle"])
        with self.assertRaises(ValueError):
            common_cycle([dict(products[0], demand=1000)])  # no time to change over

    def test_capacitated_plan(self):
        """Several products sharing a line: the plan meets demand on time and
        fits every period's capacity, changeovers included; HiGHS' proven
        optimum is between the Lagrangian bound and it."""
        rng = random.Random(7)
        demand = [[0, 0] + [rng.randint(20, 80) for _ in range(6)] for _ in range(4)]
        setup_cost, holding = [120, 200, 80, 150], [1.0, 0.5, 2.0, 1.0]
        unit, setup_time = [1.0, 1.5, 1.0, 0.5], [20, 30, 10, 25]
        capacity = [180] * 8
        args = (demand, setup_cost, holding, unit, setup_time, capacity)
        found = capacitated.plan(*args)
        problem = capacitated.Problem(*args)
        for t in range(8):
            self.assertLessEqual(problem.load(found["lots"], t), capacity[t] + 1e-6)
        self.assertAlmostEqual(problem.cost(found["lots"]), found["cost"])
        exact = capacitated.solve_milp(*args)
        self.assertTrue(exact["optimal"])
        self.assertLessEqual(found["lower_bound"], exact["cost"] + 1e-6)
        self.assertLessEqual(exact["cost"], found["cost"] + 1e-6)
        for t in range(8):
            self.assertLessEqual(problem.load(exact["lots"], t), capacity[t] + 1e-6)
        with self.assertRaises(ValueError):
            # the first period's demand cannot be made in it
            capacitated.plan([[500]], [1], [1], [1], [0], [100])

    def test_bad_input(self):
        with self.assertRaises(ValueError):
            wagner_whitin([10, -1], 5, 1)
        with self.assertRaises(ValueError):
            wagner_whitin([10, 10], [5], 1)
        with self.assertRaises(ValueError):
            wagner_whitin([10, 10], 5, 1, Limits(cover=0))
        with self.assertRaises(ValueError):
            # a multiple of 30 can never be used up in one period of 10
            wagner_whitin([10, 10, 10], 5, 1, Limits(cover=1, multiple=30))
        with self.assertRaises(ValueError):
            evaluate([5, 0], [10, 0], 1, 1)
