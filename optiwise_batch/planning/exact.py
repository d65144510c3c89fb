# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""``finish``: a small plan taken on by OR-Tools' CP-SAT (Apache-2.0) from
the local search's best, to the proven optimum where it gets there.

The model is the plan's own: each operation on one of its machines, the
machines' sequences as circuits with a changeover on each arc (the first
one from the machine's state), the lags between operations, releases and
when the machines are free; weighted lateness is minimised first, then the
changeover minutes under it. Times are working minutes of the one calendar
every machine and the lags share (a plant's usual case; with different
calendars the local search's plan stands), lateness is read in real minutes
through that calendar, as ``decode`` reads it.

CP-SAT's answer is only a set of sequences: ``decode`` turns them into the
plan, which is kept when it is better by the plan's own key. Durations that
are not whole minutes are rounded up for the model (the plan decoded from
its sequences has the exact times). The work CP-SAT may do is counted in its
deterministic time, so that the same problem gives the same plan whatever
the machine's load; wall time is only a safety net."""

import bisect
import itertools
import math
import time

from .schedule import decode

try:
    # imported with the addon, not when a plan is asked for: its first import
    # (pandas with it) must not meet a test's frozen clock, and costs a
    # fraction of a second
    from ortools.sat.python import cp_model
except ImportError:  # the planner works without it: local search alone
    cp_model = None

# a weight is counted in hundredths in the model (weights are whole in
# practice: 1, 2)
WEIGHT_SCALE = 100


def available():
    """Whether OR-Tools' CP-SAT can be imported."""
    return cp_model is not None


def shared_calendar(problem):
    """The one calendar every machine and the lags use, or None."""
    calendars = [m.calendar for m in problem.machines] + [problem.lag_calendar]
    first = calendars[0]
    for calendar in calendars[1:]:
        if (calendar.always, calendar.starts, calendar.ends) != (
            first.always,
            first.starts,
            first.ends,
        ):
            return None
    return first


def finish(problem, plan_, work, time_limit, workers=1, runs=1):
    """A better plan than ``plan_`` by CP-SAT, or None.

    :param problem: the ``Problem``
    :param plan_: the best ``Plan`` so far, CP-SAT's first solution (a hint)
    :param work: CP-SAT's deterministic time (about as many seconds) for
        both phases: weighted lateness (at most half, skipped when
        ``plan_`` has none), then changeover minutes under it
    :param time_limit: wall seconds, a safety net for both phases
    :param workers: CP-SAT's workers in the changeover phase, taking turns
        on one thread (the lateness phase has one)
    :param runs: searches of the changeover phase, each with its own seed
        from the best found so far (its work shared among them)
    :return: ``(plan or None, proven)``: the plan decoded from CP-SAT's
        sequences when better than ``plan_``; ``proven`` when CP-SAT proved
        both phases optimal (then no plan is better than the one returned,
        or than ``plan_`` when it returned None), up to the rounding of
        times that are not whole minutes
    """
    calendar = shared_calendar(problem)
    if calendar is None or cp_model is None:
        return None, False
    model = _Model(cp_model, problem, calendar)
    solver = cp_model.CpSolver()
    # phase 1 with CP-SAT's default search alone (on weeks with late orders,
    # a portfolio found less of the lateness for the same work)
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    # the circuits' relaxation with cuts: better bounds, and on small weeks
    # better plans for the same work (seeds 200-207)
    solver.parameters.linearization_level = 2
    found = (cp_model.OPTIMAL, cp_model.FEASIBLE)
    began = time.monotonic()
    hint, proven, late_bound, spent = plan_, True, 0, 0.0
    if plan_.weighted_lateness > 0:
        # phase 1, weighted lateness (none late: nothing to gain there)
        solver.parameters.max_deterministic_time = work / 2
        solver.parameters.max_time_in_seconds = max(time_limit / 2, 0.01)
        status = solver.solve(model.build(None, hint))
        if status not in found:
            return None, False
        late_bound = round(solver.objective_value)
        proven = status == cp_model.OPTIMAL
        hint = model.sequences(solver)
        spent = solver.deterministic_time
    # phase 2, changeover minutes, in ``runs`` searches of different seeds
    # (each from the best so far): what phase 1 left of the work
    share = max(work - spent, work / 10) / runs
    solver.parameters.num_workers = workers
    # several workers take turns on one thread, sharing solutions and bounds
    # but no learnt clauses: the same answer each time (sharing them, the
    # same problem ended 595 or 600 changeover minutes from one run to the
    # next)
    solver.parameters.interleave_search = workers > 1
    solver.parameters.share_binary_clauses = False
    solver.parameters.share_glue_clauses = False
    result, phase_proven = None, False
    for run in range(runs):
        solver.parameters.random_seed = run
        solver.parameters.max_deterministic_time = share
        left = time_limit - (time.monotonic() - began)
        if left <= 0:
            break
        solver.parameters.max_time_in_seconds = left
        status = solver.solve(model.build(late_bound, hint))
        if status not in found:
            continue
        result = hint = model.sequences(solver)
        if status == cp_model.OPTIMAL:
            phase_proven = True
            break
    if result is None:
        return None, False
    proven = proven and phase_proven
    candidate = decode(problem, result)
    if candidate is None or candidate.key >= plan_.key:
        return None, proven
    return candidate, proven


class _Model:
    """The CP-SAT model of ``problem`` on ``calendar``'s working minutes, in
    ``unit``-minute steps (the greatest common divisor of every time)."""

    def __init__(self, cp_model, problem, calendar):
        self.cp_model, self.problem, self.calendar = cp_model, problem, calendar
        ops, machines = problem.operations, problem.machines
        up = math.ceil
        self.changeover = {}
        for m, machine in enumerate(machines):
            products = {machine.state} | {op.product for op in ops if m in op.options}
            for a in products:
                for b in products:
                    if b is not None and a != b:
                        self.changeover[m, a, b] = up(problem.changeover(m, a, b))
        durations = [
            {m: up(minutes) for m, minutes in op.options.items()} for op in ops
        ]
        lags = [[(before, up(lag)) for before, lag in op.after] for op in ops]
        releases = [up(calendar.position(op.release)) for op in ops]
        free = [up(calendar.position(m.available)) for m in machines]
        values = [v for d in durations for v in d.values()]
        values += list(self.changeover.values()) + releases + free
        values += [lag for pairs in lags for _b, lag in pairs]
        self.unit = unit = math.gcd(*[int(v) for v in values if v]) or 1
        self.durations = [{m: v // unit for m, v in d.items()} for d in durations]
        self.lags = [[(b, lag // unit) for b, lag in pairs] for pairs in lags]
        self.releases = [v // unit for v in releases]
        self.free = [v // unit for v in free]
        self.changeover = {k: v // unit for k, v in self.changeover.items()}
        longest = max(self.changeover.values(), default=0)
        self.horizon = (
            max(self.releases + self.free, default=0)
            + sum(max(d.values()) for d in self.durations)
            + len(ops) * longest
            + sum(lag for pairs in self.lags for _b, lag in pairs)
        )
        # the real time (minutes) an end at each step of the axis falls on
        self.real = [
            math.ceil(calendar.time(w * unit, start=False) - 1e-6)
            for w in range(self.horizon + 1)
        ]
        self.weights = [round(op.weight * WEIGHT_SCALE) for op in ops]

    def build(self, late_bound, hint):
        """Minimise weighted lateness (``late_bound`` None), or changeover
        steps with weighted lateness at most ``late_bound``; ``hint``: a
        ``Plan`` or sequences to start from."""
        cp, problem = self.cp_model, self.problem
        ops = problem.operations
        model = self.model = cp.CpModel()
        horizon = self.horizon
        self.start = [
            model.new_int_var(self.releases[i], horizon, f"s{i}")
            for i in range(len(ops))
        ]
        self.end = [model.new_int_var(0, horizon, f"e{i}") for i in range(len(ops))]
        self.present, self.arcs, setups, intervals = {}, {}, [], {}
        for i in range(len(ops)):
            lits = []
            for m, steps in self.durations[i].items():
                lit = self.present[i, m] = model.new_bool_var(f"x{i}_{m}")
                lits.append(lit)
                model.add(self.end[i] == self.start[i] + steps).only_enforce_if(lit)
            model.add_exactly_one(lits)
            for m, steps in self.durations[i].items():
                intervals.setdefault(m, []).append(
                    model.new_optional_fixed_size_interval_var(
                        self.start[i], steps, self.present[i, m], f"i{i}_{m}"
                    )
                )
            for before, lag in self.lags[i]:
                model.add(self.start[i] >= self.end[before] + lag)
        for m in range(len(problem.machines)):
            setups += self._machine(m)
        for on_machine in intervals.values():
            # implied by the circuit; it makes CP-SAT's propagation stronger
            model.add_no_overlap(on_machine)
        lateness, self.late = [], {}
        for i, op in enumerate(ops):
            if op.due is None:
                continue
            if late_bound == 0:
                # none late: an end no later than the last step that ends by
                # the due time (a bound, stronger than lateness by a table)
                due = math.ceil(op.due - 1e-6)
                model.add(self.end[i] <= bisect.bisect_right(self.real, due) - 1)
                continue
            finish = model.new_int_var(0, self.real[-1], f"r{i}")
            model.add_element(self.end[i], self.real, finish)
            late = model.new_int_var(0, self.real[-1], f"t{i}")
            due = math.ceil(op.due - 1e-6)
            model.add(late >= finish - due)
            self.late[i] = (finish, late, due)
            lateness.append(self.weights[i] * late)
        if late_bound is None:
            model.minimize(sum(lateness))
        else:
            if lateness:
                model.add(sum(lateness) <= late_bound)
            model.minimize(sum(setups))
        self._hint(hint)
        return model

    def _machine(self, m):
        """Machine ``m``'s sequence as a circuit through the operations on
        it; :return: the changeover terms of its arcs."""
        model, ops = self.model, self.problem.operations
        state = self.problem.machines[m].state
        nodes = [i for i, op in enumerate(ops) if m in op.options]
        empty = self.arcs[m, None, None] = model.new_bool_var(f"empty{m}")
        circuit = [(0, 0, empty)]
        setups = []
        for i in nodes:
            circuit.append((i + 1, i + 1, self.present[i, m].Not()))
            first = self.arcs[m, None, i] = model.new_bool_var(f"f{m}_{i}")
            circuit.append((0, i + 1, first))
            last = self.arcs[m, i, None] = model.new_bool_var(f"l{m}_{i}")
            circuit.append((i + 1, 0, last))
            s0 = self.changeover.get((m, state, ops[i].product), 0)
            model.add(self.start[i] >= self.free[m] + s0).only_enforce_if(first)
            setups.append(s0 * first)
            for j in nodes:
                if i == j:
                    continue
                lit = self.arcs[m, i, j] = model.new_bool_var(f"a{m}_{i}_{j}")
                circuit.append((i + 1, j + 1, lit))
                s = self.changeover.get((m, ops[i].product, ops[j].product), 0)
                model.add(self.start[j] >= self.end[i] + s).only_enforce_if(lit)
                setups.append(s * lit)
        model.add_circuit(circuit)
        return setups

    def _hint(self, hint):
        sequences = hint.sequences if hasattr(hint, "sequences") else hint
        plan_ = decode(self.problem, sequences)
        if plan_ is None:
            return
        used = set()
        for m, sequence in enumerate(sequences):
            chain = [None, *sequence, None] if sequence else [None, None]
            used |= {(m, a, b) for a, b in itertools.pairwise(chain)}
        for key, lit in self.arcs.items():
            self.model.add_hint(lit, key in used)
        for (i, m), lit in self.present.items():
            self.model.add_hint(lit, plan_.slots[i].machine == m)
        for i, slot in enumerate(plan_.slots):
            start = math.ceil(self.calendar.position(slot.start) / self.unit)
            self.model.add_hint(self.start[i], start)
            end = start + self.durations[i][slot.machine]
            self.model.add_hint(self.end[i], end)
            if i in self.late:
                finish, late, due = self.late[i]
                real = self.real[min(end, self.horizon)]
                self.model.add_hint(finish, real)
                self.model.add_hint(late, max(real - due, 0))

    def sequences(self, solver):
        """The machines' sequences of the solver's solution."""
        result = []
        for m in range(len(self.problem.machines)):
            on = [
                i
                for (i, machine), lit in self.present.items()
                if machine == m and solver.boolean_value(lit)
            ]
            on.sort(key=lambda i: (solver.value(self.start[i]), i))
            result.append(on)
        return result
