#!/usr/bin/env python3
# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Changeover sequencing: the Optiwise engine against exact optima or
best-known values, on changeover matrices it was not tuned on.

    python benchmarks/sequencing.py [--sizes 50 100 200 500] [--seeds 5]
                                    [--time-limit 5] [--repeat 2]
    python benchmarks/sequencing.py --references [--milp-limit 600] [--improve]
    python benchmarks/sequencing.py --tsplib [--shifts 0 1000 10000]

Instances (changeover minutes only), each an open path from the machine's
current state and a closed cycle (product wheel, ``cyclic=True``):

- *structured*, as the demo plant's: products of a catalogue a little
  smaller than the job list (a few jobs repeat a product), each with a
  family (sauce base), a shade 0-9, a pack size and allergens (4 kinds). A
  change of family costs 20-90 min, asymmetric per pair; going darker costs
  2 min a shade, going lighter 10; a pack size change 15; leaving a product
  for one without all its allergens needs a 45 min wet clean; every pair of
  products has 0-5 min of its own on top (so there are few ties).
- *random*: every changeover uniform in 0-999 min, asymmetric.

Reference values (``sequencing_references.json``, built by ``--references``
and kept with the benchmark, since exact solving takes hours): Held-Karp
dynamic programming up to 12 jobs; above, an exact MILP (assignment
constraints plus subtour elimination cuts added until the solution is one
tour) solved by HiGHS through SciPy within ``--milp-limit`` seconds (up to
200 jobs); where
it does not prove optimality, the best of long runs of the engine (10 times
its budget, 2 seeds) and of OR-Tools' guided local search (30 s) when it is
installed, with the MILP's last relaxation as a lower bound.

*TSPLIB* (``--tsplib``, also printed after the generated sets): the
asymmetric instances of Reinelt's library kept in ``tsplib/`` with their
published optima (``TSPLIB_OPTIMA``), each solved as a closed cycle as given
and with a constant added to every arc (``--shifts``): a fixed clean on
every changeover changes every tour by the same amount, so the engine must
give the same order (column ``same``). Nobody here tuned on them.

The instances used to tune the engine's parameters are other seeds (100 and
up) than the reported ones (0 and up).

For each kind, shape and size: the engine's mean and worst gap to the
reference, its mean gap to the lower bound (so at most that far from the
optimum), its kick rounds and seconds (mean), how many runs stopped on the
budget (of work or rounds) rather than the time limit, and, with
``--repeat 2``, whether a second run gave the same sequences. Needs numpy and
scipy for ``--references`` (benchmarks/requirements.txt); the comparison
itself needs neither.
"""

import argparse
import gzip
import json
import random
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "optiwise_batch"))

from sequencing import engine

REFERENCES = HERE / "sequencing_references.json"
TSPLIB = HERE / "tsplib"
# published optima of TSPLIB's asymmetric instances (Reinelt, TSPLIB 95)
TSPLIB_OPTIMA = {
    "br17": 39,
    "ftv33": 1286,
    "ftv35": 1473,
    "ftv38": 1530,
    "p43": 5620,
    "ftv47": 1776,
    "ft53": 6905,
    "ftv55": 1608,
    "ftv64": 1839,
    "ft70": 38673,
    "ftv70": 1950,
    "kro124p": 36230,
    "ftv170": 2755,
    "rbg323": 1326,
    "rbg403": 2465,
    "rbg443": 2720,
}
KINDS = ("structured", "random")
SHAPES = ("open", "cycle")


def structured_instance(n, seed):
    """Changeover minutes (n x n) and from the current state (n)."""
    rng = random.Random(f"structured-{n}-{seed}")
    families = rng.randint(max(3, n // 25), max(4, n // 10))
    family_cost = [
        [0 if a == b else rng.randint(20, 90) for b in range(families)]
        for a in range(families)
    ]
    catalogue = [
        (
            rng.randrange(families),
            rng.randrange(10),
            rng.randrange(3),
            frozenset(k for k in range(4) if rng.random() < 0.15),
        )
        for _ in range(max(4, (9 * n) // 10))
    ]
    own = {}

    def changeover(p, q):
        if p == q:
            return 0
        (fa, sa, za, aa), (fb, sb, zb, ab) = catalogue[p], catalogue[q]
        minutes = family_cost[fa][fb]
        minutes += 2 * (sb - sa) if sb >= sa else 10 * (sa - sb)
        minutes += 15 if za != zb else 0
        minutes += 45 if not aa <= ab else 0
        if (p, q) not in own:
            own[p, q] = rng.randint(0, 5)
        return minutes + own[p, q]

    jobs = [rng.randrange(len(catalogue)) for _ in range(n)]
    setup = [[changeover(a, b) for b in jobs] for a in jobs]
    current = rng.randrange(len(catalogue))
    start = [changeover(current, b) for b in jobs]
    return setup, start


def random_instance(n, seed):
    rng = random.Random(f"random-{n}-{seed}")
    setup = [[0 if i == j else rng.randint(0, 999) for j in range(n)] for i in range(n)]
    start = [rng.randint(0, 999) for _ in range(n)]
    return setup, start


MAKERS = {"structured": structured_instance, "random": random_instance}


def tour_matrix(setup, start, shape):
    """The instance as an asymmetric TSP over a square matrix: the jobs
    alone for a cycle; plus the current state (last node, returned to at no
    cost) for an open path."""
    if shape == "cycle":
        return [list(map(float, row)) for row in setup]
    return [[*map(float, row), 0.0] for row in setup] + [[*map(float, start), 0.0]]


def engine_value(setup, start, shape, order):
    """What the engine minimises for ``order``: the path's changeovers from
    the current state, or one cycle's."""
    figures = engine.evaluate(
        order, setup, [0.0] * len(setup), start_setup=start, cyclic=shape == "cycle"
    )
    return figures["cycle_minutes" if shape == "cycle" else "setup_minutes"]


def run_engine(setup, start, shape, seed, time_limit, max_iterations=None):
    return engine.solve(
        setup,
        [0.0] * len(setup),
        start_setup=start,
        seed=seed,
        time_limit=time_limit,
        max_iterations=max_iterations,
        cyclic=shape == "cycle",
    )


def read_tsplib(name):
    """The full matrix of ``tsplib/<name>.atsp.gz`` (diagonal set to 0): a
    TSPLIB file (``DIMENSION`` and an ``EDGE_WEIGHT_SECTION`` in
    ``FULL_MATRIX`` format) or, as some copies have it, the dimension then
    the matrix."""
    with gzip.open(TSPLIB / f"{name}.atsp.gz", "rt") as handle:
        text = handle.read()
    head, found, body = text.partition("EDGE_WEIGHT_SECTION")
    if found:
        n = int(re.search(r"DIMENSION\s*:\s*(\d+)", head).group(1))
        values = body.replace("EOF", " ").split()
    else:
        n, *values = text.split()
        n = int(n)
    values = [int(v) for v in values[: n * n]]
    if len(values) != n * n:
        raise ValueError(f"{name}: {n} x {n} values expected")
    return [[0 if i == j else values[i * n + j] for j in range(n)] for i in range(n)]


def compare_tsplib(shifts, time_limit, names=None):
    """The engine on TSPLIB's asymmetric instances, as given and with each
    of ``shifts`` added to every arc: gap to the published optimum (of the
    tour's real length) and whether the order stayed the same."""
    names = names or list(TSPLIB_OPTIMA)
    header = f"{'TSPLIB':<9}{'n':>5}{'optimum':>9}" + "".join(
        f"{'+' + str(shift):>10}" for shift in shifts
    )
    header += f"{'seconds':>9}{'same':>6}"
    print(header)
    print("-" * len(header))
    results = {}
    for name in names:
        matrix = read_tsplib(name)
        n = len(matrix)
        optimum = TSPLIB_OPTIMA[name]
        gaps, orders, seconds = [], [], []
        for shift in shifts:
            setup = [
                [0 if i == j else value + shift for j, value in enumerate(row)]
                for i, row in enumerate(matrix)
            ]
            result = run_engine(setup, [0] * n, "cycle", 0, time_limit)
            length = engine_value(matrix, [0] * n, "cycle", result["order"])
            gaps.append(100 * (length / optimum - 1))
            orders.append(result["order"])
            seconds.append(result["seconds"])
        same = all(order == orders[0] for order in orders)
        results[name] = (gaps, same)
        print(
            f"{name:<9}{n:>5}{optimum:>9}"
            + "".join(f"{gap:>9.2f}%" for gap in gaps)
            + f"{sum(seconds) / len(seconds):>9.2f}{'yes' if same else 'NO':>6}"
        )
    print(
        "\n+k: gap of the engine's tour to the published optimum with k added to "
        "every arc (the tour's length measured on the matrix as given); "
        "seconds: mean per run; same: one order for every shift."
    )
    return results


# -- references ---------------------------------------------------------------


def held_karp(cost):
    """Exact shortest tour of a small square matrix (node 0 fixed first)."""
    import numpy as np

    cost = np.array(cost, dtype=float)
    m = len(cost)
    k = m - 1  # nodes 1..m-1 in the masks
    full = 1 << k
    dp = np.full((full, k), np.inf)
    for j in range(k):
        dp[1 << j, j] = cost[0, j + 1]
    inner = cost[1:, 1:]
    for mask in range(1, full):
        row = dp[mask]
        if not np.isfinite(row).any():
            continue
        reach = (row[:, None] + inner).min(axis=0)
        for j in range(k):
            if not mask & (1 << j):
                nxt = mask | (1 << j)
                dp[nxt, j] = min(dp[nxt, j], reach[j])
    return float((dp[full - 1] + cost[1:, 0]).min())


def exact_milp(cost, limit):
    """Exact ATSP by subtour cuts (DFJ), each round a MILP solved by HiGHS.

    :return: (optimum or None, best lower bound)
    """
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_array

    m = len(cost)
    arcs = [(i, j) for i in range(m) for j in range(m) if i != j]
    index = {arc: k for k, arc in enumerate(arcs)}
    c = np.array([cost[i][j] for i, j in arcs], dtype=float)
    rows, cols, lower, upper = [], [], [], []
    for k, (i, j) in enumerate(arcs):
        rows += [i, m + j]
        cols += [k, k]
    lower += [1] * (2 * m)
    upper += [1] * (2 * m)
    deadline = time.monotonic() + limit
    bound = 0.0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None, bound
        a = coo_array((np.ones(len(rows)), (rows, cols)), shape=(len(lower), len(arcs)))
        res = milp(
            c,
            constraints=LinearConstraint(a.tocsr(), lower, upper),
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
            return bound, bound
        for cycle in cycles:
            for i in cycle:
                for j in cycle:
                    if i != j:
                        rows.append(len(lower))
                        cols.append(index[(i, j)])
            lower.append(0)
            upper.append(len(cycle) - 1)


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


def ortools_tour(cost, seconds):
    """Best tour OR-Tools' guided local search finds in ``seconds``."""
    try:
        from ortools.constraint_solver import pywrapcp, routing_enums_pb2
    except ImportError:
        return None
    m = len(cost)
    scaled = [[round(v) for v in row] for row in cost]
    manager = pywrapcp.RoutingIndexManager(m, 1, 0)
    routing = pywrapcp.RoutingModel(manager)
    callback = routing.RegisterTransitMatrix(scaled)
    routing.SetArcCostEvaluatorOfAllVehicles(callback)
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.local_search_metaheuristic = (
        routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    )
    params.time_limit.FromSeconds(int(seconds))
    solution = routing.SolveWithParameters(params)
    return float(solution.ObjectiveValue()) if solution else None


def build_references(
    sizes,
    seeds,
    milp_limit,
    kinds=KINDS,
    path=REFERENCES,
    budget_factor=10,
    improve=False,
):
    """Complete the reference file: compute the instances it lacks and, with
    ``improve``, try again those whose value is not proven."""
    known = json.loads(path.read_text()) if path.exists() else {}
    for kind in kinds:
        for shape in SHAPES:
            for n in sizes:
                for seed in range(seeds):
                    key = f"{kind}/{shape}/{n}/{seed}"
                    if key in known and (known[key]["proven"] or not improve):
                        continue
                    setup, start = MAKERS[kind](n, seed)
                    cost = tour_matrix(setup, start, shape)
                    began = time.monotonic()
                    entry = {"n": n}
                    if len(cost) <= 13:
                        value = held_karp(cost)
                        entry.update(value=value, bound=value, proven=True)
                        entry["method"] = "held-karp"
                    else:
                        value, bound = (None, 0.0)
                        if n <= 200:
                            value, bound = exact_milp(cost, milp_limit)
                        if value is not None:
                            entry.update(value=value, bound=bound, proven=True)
                            entry["method"] = "milp"
                        else:
                            best = min(
                                run_engine(
                                    setup,
                                    start,
                                    shape,
                                    100 + s,
                                    3600,
                                    budget_factor * engine.default_rounds(n),
                                )[
                                    "cycle_minutes"
                                    if shape == "cycle"
                                    else "setup_minutes"
                                ]
                                for s in range(2)
                            )
                            method = f"engine x{budget_factor}"
                            tools = ortools_tour(cost, 30)
                            if tools is not None and tools < best:
                                best, method = tools, "ortools 30 s"
                            previous = known.get(key, {}).get("value")
                            if previous is not None and previous < best:
                                best, method = previous, known[key]["method"]
                            entry.update(
                                value=best,
                                bound=max(bound, known.get(key, {}).get("bound", 0.0)),
                                proven=False,
                                method=f"best of {method}",
                            )
                    for field in ("value", "bound"):
                        entry[field] = round(entry[field], 6)
                    entry["seconds"] = round(time.monotonic() - began, 1)
                    known[key] = entry
                    print(key, entry, flush=True)
                    path.write_text(json.dumps(known, indent=1, sort_keys=True) + "\n")
    return known


# -- the comparison -----------------------------------------------------------


def compare(sizes, seeds, time_limit, repeat, kinds=KINDS, path=REFERENCES):
    known = json.loads(path.read_text()) if path.exists() else {}
    header = (
        f"{'instances':<11}{'shape':<6}{'n':>5}{'ref':>7}"
        f"{'mean gap':>10}{'worst':>8}{'bound':>8}{'rounds':>9}{'seconds':>9}"
        f"{'budget':>8}{'same':>6}"
    )
    print(header)
    print("-" * len(header))
    summary = {}
    for kind in kinds:
        for shape in SHAPES:
            for n in sizes:
                gaps, rounds, seconds, on_budget, same = [], [], [], 0, 0
                bound_gaps = []
                proven = 0
                for seed in range(seeds):
                    ref = known.get(f"{kind}/{shape}/{n}/{seed}")
                    setup, start = MAKERS[kind](n, seed)
                    result = run_engine(setup, start, shape, seed, time_limit)
                    value = engine_value(setup, start, shape, result["order"])
                    for _again in range(repeat - 1):
                        again = run_engine(setup, start, shape, seed, time_limit)
                        same += again["order"] == result["order"]
                    rounds.append(result["iterations"])
                    seconds.append(result["seconds"])
                    on_budget += result["stopped_by"] == "budget"
                    if ref:
                        # a best known value that meets its lower bound is optimal
                        proven += ref["proven"] or ref["value"] <= ref["bound"] + 1e-6
                        gaps.append(
                            100 * (value / ref["value"] - 1) if ref["value"] else 0.0
                        )
                        if ref["bound"] > 0:
                            bound_gaps.append(100 * (value / ref["bound"] - 1))
                mean = sum(gaps) / len(gaps) if gaps else float("nan")
                worst = max(gaps) if gaps else float("nan")
                # what the gap to the optimum is at most: to the lower bound
                to_bound = (
                    sum(bound_gaps) / len(bound_gaps)
                    if len(bound_gaps) == seeds
                    else float("nan")
                )
                summary[kind, shape, n] = (mean, worst)
                print(
                    f"{kind:<11}{shape:<6}{n:>5}{proven:>4}/{seeds:<2}"
                    f"{mean:>9.2f}%{worst:>7.2f}%{to_bound:>7.2f}%"
                    f"{sum(rounds) / seeds:>9.0f}"
                    f"{sum(seconds) / seeds:>9.2f}{on_budget:>5}/{seeds:<2}"
                    + (f"{same:>4}/{seeds * (repeat - 1)}" if repeat > 1 else "")
                )
    print(
        "\ngap = engine / reference - 1 (ref: how many references are proven "
        "optima; the others are best known values); bound: mean gap to the "
        "best lower bound (the MILP's, up to 200 jobs), what the gap to the "
        "optimum is at most; rounds: kick rounds done; "
        "budget: runs ended by the budget (of work or rounds), not the time "
        "limit; same: "
        "repeated runs that gave the same sequence."
    )
    return summary


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 100, 200, 500])
    parser.add_argument("--seeds", type=int, default=4)
    parser.add_argument("--time-limit", type=float, default=5.0)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--references", action="store_true")
    parser.add_argument("--milp-limit", type=float, default=120.0)
    parser.add_argument(
        "--improve",
        action="store_true",
        help="with --references, try again the references not proven optimal",
    )
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=list(KINDS))
    parser.add_argument(
        "--tsplib",
        action="store_true",
        help="only TSPLIB's asymmetric instances, against their published optima",
    )
    parser.add_argument("--shifts", type=int, nargs="+", default=[0, 1000, 10000])
    parser.add_argument(
        "--file", type=Path, default=REFERENCES, help="the references' file"
    )
    args = parser.parse_args()
    if args.references:
        build_references(
            args.sizes,
            args.seeds,
            args.milp_limit,
            args.kinds,
            args.file,
            improve=args.improve,
        )
    elif args.tsplib:
        compare_tsplib(args.shifts, args.time_limit)
    else:
        compare(
            args.sizes, args.seeds, args.time_limit, args.repeat, args.kinds, args.file
        )
        print()
        compare_tsplib(args.shifts, args.time_limit)


if __name__ == "__main__":
    main()
