#!/usr/bin/env python3
# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Lot sizing: the total cost (changeover + holding) of each method, side by
side in one run, as ratios to Wagner-Whitin's optimum of the same model.

    python benchmarks/lot_sizing.py [--products 5 20 50] [--seeds 3]

Generated plants, one line, 52 weeks, 5 to 50 products (seeds 0 and up; no
parameter of the engine was tuned on them):

- demand of three shapes per product: *stable* (a weekly mean of 50-400
  units, +-15 % noise), *seasonal* (the same mean, +-60 % over the year in a
  sine, phase per product) and *lumpy* (no order in 60 % of the weeks, 2-5
  weeks' worth in the others);
- the setup cost of a batch from a structured changeover matrix over the
  line's product mix: products in 3-6 families, 20-90 min between families
  (asymmetric), 5-15 within one, a 45 min allergen clean into 1 product of 4;
  the minutes into a product, averaged over the mix, x the line's 90 per hour,
  + a fixed 40 per batch;
- holding: unit cost (2-30) x 25 % a year / 52 per week, + 0.01 of storage;
- today's fixed size: what a planner types into the bill of materials, 2 or
  4 weeks of mean demand rounded to 100.

Methods: lot-for-lot, today's fixed size, the EOQ as a fixed size, Silver-Meal,
part-period balancing and Wagner-Whitin (exact: the reference, 1.000), all on
the same cost model (``optiwise_batch.lotsizing``); the textbook examples
they reproduce are in ``optiwise_batch/tests/test_lot_sizing.py``. With
``--cover 3``, shelf life caps every batch at 3 weeks of demand; with
``--vessel``, the batch maximum is 3 weeks of mean demand (the EOQ capped at
it). A fixed size that cannot keep the limits (stock outliving its cover in
a slow week, a batch above the vessel) is counted, not priced.
"""

import argparse
import math
import random
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "optiwise_batch"))

import lotsizing
from lotsizing import Limits

SHAPES = ("stable", "seasonal", "lumpy")
WEEKS = 52


def plant(products, shape, seed):
    """Demand, setup and holding cost per product of one generated plant."""
    rng = random.Random(f"{seed}-{products}-{shape}")
    families = [rng.randrange(rng.randint(3, 6)) for _ in range(products)]
    allergen = [rng.random() < 0.25 for _ in range(products)]
    between = {}
    items = []
    for i in range(products):
        minutes = []
        for k in range(products):
            if k == i:
                continue
            if families[k] == families[i]:
                m = rng.uniform(5, 15)
            else:
                key = (families[k], families[i])
                between.setdefault(key, rng.uniform(20, 90))
                m = between[key]
            if allergen[k] and not allergen[i]:
                m += 45
            minutes.append(m)
        setup = statistics.fmean(minutes or [0.0]) * 90 / 60 + 40
        mean = rng.uniform(50, 400)
        phase = rng.uniform(0, 2 * math.pi)
        demand = []
        for week in range(WEEKS):
            if shape == "stable":
                d = mean * rng.uniform(0.85, 1.15)
            elif shape == "seasonal":
                d = mean * (1 + 0.6 * math.sin(2 * math.pi * week / WEEKS + phase))
            else:
                d = 0 if rng.random() < 0.6 else mean * rng.uniform(2, 5)
            demand.append(float(round(d)))
        holding = rng.uniform(2, 30) * 0.25 / 52 + 0.01
        items.append((demand, setup, holding, mean))
    return items


def methods(demand, setup, holding, mean, limits):
    today = max(100.0, round(mean * random.Random(int(mean)).choice([2, 4]), -2))
    size = lotsizing.eoq(max(statistics.fmean(demand), 1e-9), setup, holding)
    if limits and limits.maximum:
        # no batch bigger than the vessel
        size = dict(size, quantity=min(size["quantity"], limits.maximum))
    return {
        "lot-for-lot": lambda: lotsizing.lot_for_lot(demand, setup, holding, limits),
        "today's size": lambda: lotsizing.fixed_size(
            demand, setup, holding, today, limits
        ),
        "EOQ": lambda: lotsizing.fixed_size(
            demand, setup, holding, size["quantity"], limits
        ),
        "Silver-Meal": lambda: lotsizing.silver_meal(demand, setup, holding, limits),
        "part-period": lambda: lotsizing.part_period_balancing(
            demand, setup, holding, limits
        ),
        "Wagner-Whitin": lambda: lotsizing.wagner_whitin(
            demand, setup, holding, limits
        ),
    }


def capacitated_plant(products, weeks, seed, utilisation=0.85):
    """A line shared by ``products``: demand 100 a week +-35 (none in the first
    two weeks, so that the first batches fit), setup times 10-50 and costs
    50-500 per product, holding 0.5-2 a unit and week, capacity the mean load
    (production and half the setups every week) over ``utilisation``."""
    rng = random.Random(f"clsp-{seed}-{products}-{weeks}")
    demand = [
        [0 if t < 2 else max(0, round(rng.gauss(100, 35))) for t in range(weeks)]
        for _ in range(products)
    ]
    setup_time = [rng.uniform(10, 50) for _ in range(products)]
    setup_cost = [rng.uniform(50, 500) for _ in range(products)]
    holding = [rng.uniform(0.5, 2) for _ in range(products)]
    load = sum(map(sum, demand)) / weeks + sum(setup_time) * 0.5
    capacity = [load / utilisation] * weeks
    return demand, setup_cost, holding, [1.0] * products, setup_time, capacity


def capacitated(seeds, products=10, weeks=26, milp_limit=120):
    """The capacitated plan against the MILP's proven optimum."""
    from lotsizing import capacitated as clsp

    print()
    print(
        f"capacitated plan ({products} products x {weeks} weeks on one line, "
        "85 % loaded): cost / HiGHS' optimum"
    )
    print(
        f"{'seed':>4}  {'plan':>7}  {'seconds':>7}  {'MILP':>9}  "
        f"{'proven':>6}  {'seconds':>7}"
    )
    gaps = []
    for seed in range(seeds):
        instance = capacitated_plant(products, weeks, seed)
        found = clsp.plan(*instance)
        try:
            exact = clsp.solve_milp(*instance, time_limit=milp_limit)
        except ImportError:
            print("  (highspy is not installed: no exact reference)")
            return
        problem = clsp.Problem(*instance)
        for lots in (found["lots"], exact["lots"]):
            if (
                any(problem.load(lots, t) > instance[5][t] + 1e-6 for t in range(weeks))
                or problem.cost(lots) is None
            ):
                sys.exit(f"seed {seed}: a plan breaks the line's capacity or demand")
        gap = found["cost"] / exact["cost"]
        gaps.append(gap)
        print(
            f"{seed:>4}  {gap:7.4f}  {found['seconds']:7.2f}  {exact['cost']:9.0f}  "
            f"{'yes' if exact['optimal'] else 'no':>6}  {exact['seconds']:7.1f}"
        )
    print(f"mean {statistics.fmean(gaps):.4f}, worst {max(gaps):.4f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--products", type=int, nargs="+", default=[5, 20, 50])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--cover", type=int, default=None)
    parser.add_argument("--vessel", action="store_true")
    parser.add_argument(
        "--capacitated",
        type=int,
        default=0,
        metavar="SEEDS",
        help="also the capacitated plan against HiGHS on SEEDS plants",
    )
    args = parser.parse_args()
    names = list(methods([1.0], 1.0, 1.0, 1.0, None))
    header = f"{'shape':9} {'products':>8}  " + "  ".join(f"{n:>17}" for n in names)
    print("total cost / Wagner-Whitin's (mean over products and seeds; worst in")
    print("brackets; xN: N products for which the method has no plan that meets")
    print("the limits), and seconds for all products of a plant")
    print(header)
    for shape in SHAPES:
        for products in args.products:
            ratios = {n: [] for n in names}
            refused = dict.fromkeys(names, 0)
            seconds = dict.fromkeys(names, 0.0)
            for seed in range(args.seeds):
                for demand, setup, holding, mean in plant(products, shape, seed):
                    limits = Limits(
                        cover=args.cover,
                        maximum=3 * mean if args.vessel else None,
                    )
                    costs = {}
                    for name, run in methods(
                        demand, setup, holding, mean, limits
                    ).items():
                        began = time.perf_counter()
                        try:
                            costs[name] = run().cost
                        except ValueError:
                            costs[name] = None  # no plan of it meets the limits
                        seconds[name] += time.perf_counter() - began
                    best = costs["Wagner-Whitin"]
                    for name in names:
                        if costs[name] is None:
                            refused[name] += 1
                        elif best is not None:
                            ratios[name].append(costs[name] / best if best else 1.0)
            cells = [
                f"{statistics.fmean(ratios[n]):.3f} ({max(ratios[n]):.2f})"
                + (f" x{refused[n]}" if refused[n] else "")
                if ratios[n]
                else f"x{refused[n]}"
                for n in names
            ]
            print(f"{shape:9} {products:8}  " + "  ".join(f"{c:>17}" for c in cells))
            per_plant = {n: seconds[n] / args.seeds for n in names}
            print(
                f"{'':9} {'seconds':>8}  "
                + "  ".join(f"{per_plant[n]:17.3f}" for n in names)
            )

    if args.capacitated:
        capacitated(args.capacitated)


if __name__ == "__main__":
    main()
