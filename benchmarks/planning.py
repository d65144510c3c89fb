#!/usr/bin/env python3
# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Finite-capacity planning across work centers: core's own planning of the
work orders against Optiwise's plan, and against a proven optimum on small
weeks.

    python benchmarks/planning.py [--orders 40 80 120 200] [--seeds 3]
                                  [--small 8 12 15] [--time-limit 10]

Generated plant weeks (seeded, of the sauce plant's shape): 3 vessels make
the sauce bases, 2 lines bottle them. Each customer order is a base batch on
a vessel (2 of the 3 can make it, the third slower), a QC release of 2
working hours, then a bottling run on a line (either; the second is 20 %
slower), due at its promise date (2 to 6 working days after it came in;
a key customer's lateness weighs 2). 4 sauce families, 2 with an allergen
(milk, nuts), 3 bottle sizes: a vessel changes over in 30-60 min between
families (asymmetric), 90 more to wash out an allergen; a line in 25-45 min
between families, 60 more for an allergen, 20 for a bottle size. Every work
center runs Monday to Friday, 06:00-22:00; weekends are closed. Work is
sized to fill about 60 % of a week's hours before changeovers.

*Core* plans the manufacturing orders as they were confirmed (the order the
customer orders came in), each work order at the first slot of its work
center or an alternative where it ends first, without changeovers and
without waiting for the batch it uses (``planning.core_plan``); the figures
are those of that plan as it would run, the changeovers and the waits for
QC made as they come. *Optiwise* is ``planning.plan`` (on weeks of up to
20 orders, its local search then CP-SAT from its best plan, with a
deterministic work budget). *Optimum* (weeks of
at most 15 orders): OR-Tools CP-SAT on the same problem (the plant's
calendar as one axis of working minutes, lateness measured in real
minutes), weighted lateness minimised first, then changeover minutes,
solved to proven optimality within ``--exact-limit`` seconds per phase.
"""

import argparse
import itertools
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "optiwise_batch"))

import planning

DAY = 24 * 60
FAMILIES = ("tomato", "cream", "pesto", "curry")
ALLERGEN = {"tomato": None, "cream": "milk", "pesto": "nuts", "curry": None}
SIZES = (250, 500, 1000)
QC_LAG = 120


def plant_calendar(weeks=12):
    """Monday to Friday, 06:00-22:00, for ``weeks`` weeks from a Monday 00:00."""
    return planning.Calendar(
        [
            (week * 7 * DAY + day * DAY + 6 * 60, week * 7 * DAY + day * DAY + 22 * 60)
            for week in range(weeks)
            for day in range(5)
        ]
    )


def five(minutes):
    """Minutes rounded to a multiple of 5 (every time of a generated week is:
    the exact model counts in 5-minute units)."""
    return 5 * max(1, round(minutes / 5))


def plant_week(orders, seed):
    """A generated week: (Problem, core's confirmation order). Work is sized
    on a week of at least 40 orders: a smaller one is the first days of
    such a week, its orders coming in and due over those days."""
    rng = random.Random(f"plant-{orders}-{seed}")
    calendar = plant_calendar()
    family_vessel = {
        (a, b): five(rng.randint(30, 60)) for a in FAMILIES for b in FAMILIES if a != b
    }
    family_line = {
        (a, b): five(rng.randint(25, 45)) for a in FAMILIES for b in FAMILIES if a != b
    }

    def wash(a, b, minutes):
        return minutes if ALLERGEN[a] and ALLERGEN[a] != ALLERGEN[b] else 0

    vessel_changes = {
        (a, b): family_vessel[a, b] + wash(a, b, 90) for (a, b) in family_vessel
    }
    products = [(f, s) for f in FAMILIES for s in SIZES]
    line_changes = {}
    for a in products:
        for b in products:
            if a != b:
                minutes = 20 if a[1] != b[1] else 0
                if a[0] != b[0]:
                    minutes += family_line[a[0], b[0]] + wash(a[0], b[0], 60)
                line_changes[a, b] = minutes
    machines = [
        planning.Machine(
            f"vessel {k + 1}", calendar, vessel_changes, 0.0, rng.choice(FAMILIES)
        )
        for k in range(3)
    ] + [
        planning.Machine(
            f"line {k + 1}", calendar, line_changes, 0.0, rng.choice(products)
        )
        for k in range(2)
    ]
    week_minutes = 5 * 16 * 60
    per_week = max(orders, 40)
    share = orders / per_week  # of a full week
    vessel_mean = 3 * week_minutes * 0.6 / per_week
    line_mean = 2 * week_minutes * 0.6 / per_week
    operations, arrivals = [], []
    for k in range(orders):
        family, size = rng.choice(products)
        arrival = five(rng.uniform(0, 4 * 16 * 60 * share))  # working minutes
        lead = five(rng.randint(2, 6) * 16 * 60 * share)
        due = calendar.time(arrival + lead, start=False)
        weight = 2.0 if rng.random() < 0.2 else 1.0
        vessels = rng.sample(range(3), 2)
        base = five(vessel_mean * rng.uniform(0.6, 1.4))
        bottling = five(line_mean * rng.uniform(0.6, 1.4))
        operations.append(
            planning.Operation(
                f"base {k}",
                family,
                {vessels[0]: base, vessels[1]: five(base * 1.25)},
                order=f"base {k}",
            )
        )
        operations.append(
            planning.Operation(
                f"bottling {k}",
                (family, size),
                {3: bottling, 4: five(bottling * 1.2)},
                after=((2 * k, QC_LAG),),
                due=due,
                weight=weight,
                order=f"order {k}",
            )
        )
        arrivals.append(arrival)
    confirmed = sorted(range(orders), key=lambda k: (arrivals[k], k))
    core_order = [i for k in confirmed for i in (2 * k, 2 * k + 1)]
    return planning.Problem(machines, operations, lag_calendar=calendar), core_order


# -- the proven optimum ---------------------------------------------------------


class _Exact:
    """The CP-SAT model of a plan on one calendar's axis of working
    minutes, in ``unit``-minute steps."""

    def __init__(self, cp_model, problem, unit):
        self.cp_model, self.problem, self.unit = cp_model, problem, unit
        ops, machines = problem.operations, problem.machines
        self.horizon = self.units(
            sum(max(op.options.values()) for op in ops)
            + len(ops) * max(max(m.changeovers.values()) for m in machines)
            + sum(lag for op in ops for _b, lag in op.after)
        )
        calendar = problem.lag_calendar
        self.real = [
            self.units(calendar.time(w * unit, start=False))
            for w in range(self.horizon + 1)
        ]

    def units(self, minutes):
        value = round(minutes / self.unit)
        if abs(value * self.unit - minutes) > 1e-6:
            raise ValueError("every time must be a multiple of the unit")
        return value

    def build(self, max_lateness=None, hint=None):
        """Minimise weighted lateness, or, under ``max_lateness``, changeover
        minutes."""
        model = self.model = self.cp_model.CpModel()
        ops = self.problem.operations
        self.start = [model.new_int_var(0, self.horizon, f"s{i}") for i in ops]
        self.end = [model.new_int_var(0, self.horizon, f"e{i}") for i in ops]
        self.present, self.arcs, self.setups = {}, {}, []
        for i, op in enumerate(ops):
            lits = []
            for m, minutes in op.options.items():
                lit = self.present[i, m] = model.new_bool_var(f"x{i}_{m}")
                lits.append(lit)
                duration = self.units(minutes)
                model.add(self.end[i] == self.start[i] + duration).only_enforce_if(lit)
            model.add_exactly_one(lits)
            for before, lag in op.after:
                model.add(self.start[i] >= self.end[before] + self.units(lag))
        for m in range(len(self.problem.machines)):
            self._machine(m)
        lateness = []
        for i, op in enumerate(ops):
            if op.due is not None:
                finish = model.new_int_var(0, self.real[-1], f"r{i}")
                model.add_element(self.end[i], self.real, finish)
                late = model.new_int_var(0, self.real[-1], f"t{i}")
                model.add(late >= finish - self.units(op.due))
                lateness.append(int(op.weight) * late)
        if max_lateness is None:
            model.minimize(sum(lateness))
        else:
            model.add(sum(lateness) <= max_lateness)
            model.minimize(sum(self.setups))
        if hint is not None:
            self._hint(hint)
        return model

    def _machine(self, m):
        """The machine's sequence as a circuit through its operations, a
        changeover on each arc."""
        model, problem, ops = self.model, self.problem, self.problem.operations
        start, end = self.start, self.end
        nodes = [i for i, op in enumerate(ops) if m in op.options]
        circuit = [(0, 0, model.new_bool_var(f"empty{m}"))]
        for i in nodes:
            circuit.append((i + 1, i + 1, self.present[i, m].Not()))
            first = self.arcs[m, None, i] = model.new_bool_var(f"f{m}_{i}")
            circuit.append((0, i + 1, first))
            last = self.arcs[m, i, None] = model.new_bool_var(f"l{m}_{i}")
            circuit.append((i + 1, 0, last))
            state = problem.machines[m].state
            s0 = self.units(problem.changeover(m, state, ops[i].product))
            model.add(start[i] >= s0).only_enforce_if(first)
            self.setups.append(s0 * first)
            for j in nodes:
                if i != j:
                    lit = self.arcs[m, i, j] = model.new_bool_var(f"a{m}_{i}_{j}")
                    circuit.append((i + 1, j + 1, lit))
                    s = self.units(
                        problem.changeover(m, ops[i].product, ops[j].product)
                    )
                    model.add(start[j] >= end[i] + s).only_enforce_if(lit)
                    self.setups.append(s * lit)
        model.add_circuit(circuit)

    def _hint(self, plan):
        calendar, model = self.problem.lag_calendar, self.model
        for i, slot in enumerate(plan.slots):
            model.add_hint(self.start[i], self.units(calendar.position(slot.start)))
            model.add_hint(self.end[i], self.units(calendar.position(slot.end)))
            for m in self.problem.operations[i].options:
                model.add_hint(self.present[i, m], slot.machine == m)
        used = set()
        for m, sequence in enumerate(plan.sequences):
            chain = [None, *sequence, None] if sequence else []
            used |= {(m, a, b) for a, b in itertools.pairwise(chain)}
        for key, lit in self.arcs.items():
            model.add_hint(lit, key in used)


def exact(problem, limit, hint=None, unit=5):
    """Lexicographic optimum by CP-SAT: (weighted lateness, changeover
    minutes, proven) or None when OR-Tools is missing or finds nothing.
    Every machine and the lag share one calendar (``plant_calendar``): times
    are working minutes (in ``unit``-minute steps, as every time of a
    generated week is), lateness is read in real minutes through the
    calendar. ``hint``: a ``Plan`` to start from."""
    try:
        from ortools.sat.python import cp_model
    except ImportError:
        return None
    exact_model = _Exact(cp_model, problem, unit)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = limit
    solver.parameters.num_workers = 2
    solver.parameters.random_seed = 0
    done = (cp_model.OPTIMAL, cp_model.FEASIBLE)
    status = solver.solve(exact_model.build(hint=hint))
    if status not in done:
        return None
    late = round(solver.objective_value)
    proven = status == cp_model.OPTIMAL
    status = solver.solve(exact_model.build(late, hint=hint))
    if status not in done:
        return None
    changeover = round(solver.objective_value) * unit
    return late * unit, changeover, proven and status == cp_model.OPTIMAL


# -- the comparison -------------------------------------------------------------


def row(label, figures, seconds):
    return (
        f"{label:<10}{figures['changeover_minutes']:>10.0f}"
        f"{figures['late_count']:>6}{figures['lateness_minutes']:>11.0f}"
        f"{figures['weighted_lateness']:>10.0f}{figures['makespan'] / 60:>10.1f}"
        f"{seconds:>9.2f}"
    )


def print_header(header, units):
    print(header)
    print(units)
    print("-" * len(header))


def compare(sizes, seeds, time_limit):
    header = (
        f"{'orders':>6} {'seed':>4}  {'planner':<10}{'changeover':>10}{'late':>6}"
        f"{'lateness':>11}{'weighted':>10}{'makespan':>10}{'seconds':>9}"
    )
    units = f"{'':22}{'(min)':>10}{'':6}{'(min)':>11}{'(min)':>10}{'(h)':>10}"
    print_header(header, units)
    summary = []
    for orders in sizes:
        for seed in range(seeds):
            problem, core_order = plant_week(orders, seed)
            began = time.monotonic()
            core = planning.core_plan(problem, core_order)
            core_seconds = time.monotonic() - began
            ours = planning.plan(problem, time_limit=time_limit, seed=seed)
            print(
                f"{orders:>6} {seed:>4}  " + row("core", core.figures(), core_seconds)
            )
            print(f"{'':12}" + row("Optiwise", ours.figures(), ours.seconds))
            summary.append((orders, core, ours))
    print()
    print(
        f"{'orders':>6}{'changeover vs core':>20}{'late: core':>12}{'Optiwise':>10}"
        f"{'lateness vs core':>18}{'seconds':>9}"
    )
    for orders in sizes:
        rows = [(c, o) for n, c, o in summary if n == orders]
        ratio = sum(o.changeover_minutes for _c, o in rows) / max(
            sum(c.changeover_minutes for c, _o in rows), 1e-9
        )
        late_core = sum(c.late_count for c, _o in rows)
        late_ours = sum(o.late_count for _c, o in rows)
        lateness = sum(o.lateness for _c, o in rows) / max(
            sum(c.lateness for c, _o in rows), 1e-9
        )
        seconds = max(o.seconds for _c, o in rows)
        print(
            f"{orders:>6}{ratio:>19.2f}x{late_core:>12}{late_ours:>10}"
            f"{lateness:>17.2f}x{seconds:>9.2f}"
        )
    return summary


def compare_exact(sizes, seeds, time_limit, exact_limit):
    header = (
        f"{'orders':>6} {'seed':>4}{'optimum':>18}{'Optiwise':>18}{'gap':>8}"
        f"{'proven':>8}{'CP-SAT s':>10}{'ours s':>8}  stopped by"
    )
    print_header(header, f"{'':11}{'(weighted late, changeover min)':>36}")
    gaps = []
    for orders in sizes:
        for seed in range(seeds):
            problem, _core = plant_week(orders, 100 + seed)
            # CP-SAT's share of the plan is counted in its deterministic
            # time: the wall limit only a safety net
            ours = planning.plan(problem, time_limit=max(time_limit, 120), seed=seed)
            began = time.monotonic()
            # CP-SAT starts from Optiwise's plan (a hint): it proves or beats it
            best = exact(problem, exact_limit, hint=ours)
            exact_seconds = time.monotonic() - began
            if best is None:
                print(f"{orders:>6} {seed:>4}  (OR-Tools not installed)")
                continue
            late, changeover, proven = best
            # the gap on the objective's first term, then on the second
            if ours.weighted_lateness > late + 1e-6:
                gap = float("inf") if not late else ours.weighted_lateness / late - 1
            else:
                gap = ours.changeover_minutes / changeover - 1 if changeover else 0.0
            gaps.append(gap)
            found = f"({ours.weighted_lateness:.0f}, {ours.changeover_minutes:.0f})"
            print(
                f"{orders:>6} {100 + seed:>4}{f'({late}, {changeover})':>18}"
                f"{found:>18}"
                f"{100 * gap:>7.2f}%{'yes' if proven else 'no':>8}"
                f"{exact_seconds:>10.1f}{ours.seconds:>8.2f}  {ours.stopped_by}"
            )
    if gaps:
        print(
            f"\nmean gap {100 * sum(gaps) / len(gaps):.2f} %, worst "
            f"{100 * max(gaps):.2f} % (on weighted lateness when it is above the "
            "optimum's, else on changeover minutes)"
        )
    return gaps


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, nargs="*", default=[40, 80, 120, 200])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--small", type=int, nargs="*", default=[8, 12, 15])
    parser.add_argument("--small-seeds", type=int, default=2)
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--exact-limit", type=float, default=120.0)
    args = parser.parse_args()
    if args.orders:
        compare(args.orders, args.seeds, args.time_limit)
    if args.small:
        print()
        compare_exact(args.small, args.small_seeds, args.time_limit, args.exact_limit)


if __name__ == "__main__":
    main()
