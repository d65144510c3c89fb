#!/usr/bin/env python3
# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Changeover sequencing: FIFO, nearest neighbour and the Optiwise engine
against the exact optimum, on generated changeover matrices.

    python benchmarks/sequencing.py [--sizes 10 50 100 200] [--seeds 3]
                                    [--time-limit 5] [--milp-limit 300]

Instances (changeover minutes only, tardiness weight 0, as the exact methods
solve that problem):

- *structured*: jobs of products drawn from a catalogue; each product has a
  family (sauce base), a colour shade 0-4 and maybe an allergen. Changing
  family costs 30-60 min (asymmetric per pair); going darker costs 5 min a
  shade, going lighter 25 min a shade; leaving an allergen product for a
  non-allergen one needs a 90 min wet clean; same product: 0.
- *random*: every changeover uniform in 0-100 min, asymmetric.

Exact optimum: interchangeable jobs (same product) are merged first when the
costs obey the triangle inequality (the structured ones do; it is checked),
which keeps the optimum; then Held-Karp dynamic programming for up to 15
jobs; above, an exact
MILP (assignment constraints plus subtour elimination cuts added until the
solution is one path) solved by HiGHS through scipy, within --milp-limit
seconds per instance ("-" when it did not prove optimality; its last relaxation
still bounds the optimum from below, which gives the engine's worst gap).
ortools is used as a further column when importable. Each cell is the ratio
of the method's total changeover minutes to the best known for the instance,
averaged over the seeds; the engine's seconds are the mean wall time.

Needs numpy and scipy (benchmarks/requirements.txt), not Odoo.
"""

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "optiwise_batch"))

from sequencing import evaluate, nearest_neighbour, solve

try:
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_array
except ImportError:  # pragma: no cover - told to the user below
    np = None

try:  # optional column
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2
except ImportError:
    pywrapcp = None


def structured_instance(n, seed):
    rng = random.Random(seed)
    families = max(3, n // 15)
    catalogue = [
        (rng.randrange(families), rng.randrange(5), rng.random() < 0.25)
        for _ in range(max(4, (2 * n) // 3))
    ]
    family_cost = [
        [0 if a == b else rng.randint(30, 60) for b in range(families)]
        for a in range(families)
    ]
    jobs = [rng.randrange(len(catalogue)) for _ in range(n)]

    def changeover(p, q):
        if p == q:
            return 0
        (fa, sa, aa), (fb, sb, ab) = catalogue[p], catalogue[q]
        minutes = family_cost[fa][fb]
        minutes += 5 * (sb - sa) if sb >= sa else 25 * (sa - sb)
        if aa and not ab:
            minutes += 90
        return minutes

    start_product = rng.randrange(len(catalogue))
    setup = [[changeover(jobs[i], jobs[j]) for j in range(n)] for i in range(n)]
    start = [changeover(start_product, jobs[j]) for j in range(n)]
    return setup, start


def random_instance(n, seed):
    rng = random.Random(seed)
    setup = [[0 if i == j else rng.randint(0, 100) for j in range(n)] for i in range(n)]
    start = [rng.randint(0, 100) for _ in range(n)]
    return setup, start


def collapse(setup, start):
    """Merge interchangeable jobs (same changeovers to and from every other job,
    none between them) when the costs obey the triangle inequality: an optimal
    sequence then runs them back to back, so the merged problem has the same
    optimum. Returns the (possibly) smaller problem."""
    n = len(setup)
    cost = np.array(setup, dtype=float)
    # rows: the jobs and the start state; columns: the jobs
    full = np.vstack([cost, np.array(start, dtype=float)])
    # triangle inequality through every job k
    for k in range(n):
        if (full > full[:, [k]] + cost[[k], :] + 1e-9).any():
            return setup, start
    groups = {}
    for j in range(n):
        key = (tuple(cost[j]), tuple(cost[:, j]), start[j])
        groups.setdefault(key, []).append(j)
    keep = [members[0] for members in groups.values()]
    if len(keep) == n:
        return setup, start
    members = {tuple(m) for m in groups.values()}
    for group in members:
        for a in group:
            for b in group:
                if cost[a][b] or cost[b][a]:
                    return setup, start
    return [[setup[a][b] for b in keep] for a in keep], [start[b] for b in keep]


def held_karp(setup, start):
    """Exact minimum changeover of an open path from the start state."""
    n = len(setup)
    cost = np.array(setup, dtype=float)
    full = 1 << n
    dp = np.full((full, n), np.inf)
    for j in range(n):
        dp[1 << j, j] = start[j]
    for mask in range(1, full):
        row = dp[mask]
        if not np.isfinite(row).any():
            continue
        # extend every path ending in mask to each job outside it
        best_from = row[:, None] + cost  # [i, j]
        reach = best_from.min(axis=0)
        for j in range(n):
            if not mask & (1 << j):
                nxt = mask | (1 << j)
                dp[nxt, j] = min(dp[nxt, j], reach[j])
    return float(dp[full - 1].min())


def exact_milp(setup, start, limit):
    """Exact ATSP over jobs plus a dummy start node, by subtour cuts.

    :return: (optimum or None, best lower bound): each round's optimum of the
        relaxation (fewer subtour cuts) bounds the true optimum from below
    """
    n = len(setup)
    m = n + 1
    cost = [[*row, 0.0] for row in setup] + [[*start, 0.0]]
    arcs = [(i, j) for i in range(m) for j in range(m) if i != j]
    index = {arc: k for k, arc in enumerate(arcs)}
    c = np.array([cost[i][j] for i, j in arcs], dtype=float)
    rows, cols, lower, upper = [], [], [], []
    for node in range(m):
        for k, (i, _j) in enumerate(arcs):
            if i == node:
                rows.append(len(lower))
                cols.append(k)
        lower.append(1)
        upper.append(1)
        for k, (_i, j) in enumerate(arcs):
            if j == node:
                rows.append(len(lower))
                cols.append(k)
        lower.append(1)
        upper.append(1)
    deadline = time.monotonic() + limit
    bound = 0.0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None, bound
        a = coo_array((np.ones(len(rows)), (rows, cols)), shape=(len(lower), len(arcs)))
        res = milp(
            c,
            constraints=LinearConstraint(a, lower, upper),
            integrality=np.ones(len(arcs)),
            bounds=Bounds(0, 1),
            options={"time_limit": left, "disp": False},
        )
        if res.status != 0:
            dual = getattr(res, "mip_dual_bound", None)
            return None, max(bound, dual or 0.0)
        bound = float(res.fun)
        succ = {i: j for (i, j), v in zip(arcs, res.x, strict=True) if v > 0.5}
        cycles = _cycles(succ, m)
        if len(cycles) == 1:
            return float(res.fun), float(res.fun)
        for cycle in cycles:
            members = set(cycle)
            for i in cycle:
                for j in cycle:
                    if i != j:
                        rows.append(len(lower))
                        cols.append(index[(i, j)])
            lower.append(0)
            upper.append(len(members) - 1)


def _cycles(succ, m):
    cycles, seen = [], set()
    for node in range(m):
        if node in seen:
            continue
        cycle, cur = [], node
        while cur not in seen:
            seen.add(cur)
            cycle.append(cur)
            cur = succ[cur]
        cycles.append(cycle)
    return cycles


def ortools_solve(setup, start, limit):
    n = len(setup)
    cost = [[int(v) for v in row] + [0] for row in setup] + [[*start, 0]]
    manager = pywrapcp.RoutingIndexManager(n + 1, 1, n)
    routing = pywrapcp.RoutingModel(manager)
    callback = routing.RegisterTransitCallback(
        lambda a, b: cost[manager.IndexToNode(a)][manager.IndexToNode(b)]
    )
    routing.SetArcCostEvaluatorOfAllVehicles(callback)
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.local_search_metaheuristic = (
        routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    )
    params.time_limit.FromSeconds(int(limit))
    solution = routing.SolveWithParameters(params)
    return float(solution.ObjectiveValue()) if solution else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 100, 200])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--time-limit", type=float, default=5.0)
    parser.add_argument("--milp-limit", type=float, default=300.0)
    args = parser.parse_args()
    if np is None:
        sys.exit(
            "numpy and scipy are needed: pip install -r benchmarks/requirements.txt"
        )
    columns = ["FIFO", "nearest", "engine"]
    if pywrapcp:
        columns.append("ortools")
    columns.append("exact")
    header = f"{'instances':<11}{'n':>5} " + "".join(f"{c:>10}" for c in columns)
    header += f"{'engine s':>10}{'exact':>8}{'gap<=':>8}"
    print(header)
    print("-" * len(header))
    for kind, make in (
        ("structured", structured_instance),
        ("random", random_instance),
    ):
        for n in args.sizes:
            ratios = {c: [] for c in columns}
            seconds, proven, gaps = [], 0, []
            for seed in range(args.seeds):
                setup, start = make(n, seed)
                zero = [0.0] * n
                values = {
                    "FIFO": evaluate(list(range(n)), setup, zero, start_setup=start)[
                        "setup_minutes"
                    ],
                    "nearest": evaluate(
                        nearest_neighbour(setup, start), setup, zero, start_setup=start
                    )["setup_minutes"],
                }
                began = time.monotonic()
                values["engine"] = solve(
                    setup,
                    zero,
                    start_setup=start,
                    time_limit=args.time_limit,
                    seed=seed,
                )["setup_minutes"]
                seconds.append(time.monotonic() - began)
                if pywrapcp:
                    values["ortools"] = ortools_solve(setup, start, args.time_limit)
                small_setup, small_start = collapse(setup, start)
                if len(small_setup) <= 15:
                    values["exact"] = lower = held_karp(small_setup, small_start)
                else:
                    values["exact"], lower = exact_milp(
                        small_setup, small_start, args.milp_limit
                    )
                # the engine's distance to the optimum is at most this
                gaps.append(
                    values["engine"] / lower - 1
                    if lower
                    else (0.0 if not values["engine"] else float("inf"))
                )
                proven += values["exact"] is not None
                best = min(v for v in values.values() if v is not None)
                for column in columns:
                    value = values.get(column)
                    if value is None:
                        continue
                    ratios[column].append(value / best if best else 1.0)
            cells = "".join(
                f"{sum(r) / len(r):>10.3f}" if r else f"{'-':>10}"
                for r in ratios.values()
            )
            print(
                f"{kind:<11}{n:>5} {cells}{sum(seconds) / len(seconds):>10.2f}"
                f"{proven:>5}/{args.seeds}{100 * max(gaps):>7.1f}%"
            )
    print(
        "\nratio = total changeover minutes / best known for the instance (mean "
        "over seeds); exact = instances whose optimum was proven; gap<= = the "
        "engine's largest distance to the optimum over the seeds, from the best "
        "lower bound (Held-Karp, or the subtour-cut relaxation when the MILP did "
        "not finish)."
    )


if __name__ == "__main__":
    main()
