# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The problem in the solver's form, and the one schedule kernel."""

import math
from collections import namedtuple
from itertools import pairwise

from .assignment import assignment, cycle_from, cycles_of

# candidate arcs looked at per node (its cheapest successors / predecessors)
NEIGHBOURS = 10
# a minute of lateness of a protected job outweighs any changeover
PROTECTED = 1e9
# a job is late when it ends more than this after its due time
TOLERANCE = 1e-9
# the canonical matrix is rounded to this many decimals, so that a constant
# added to every changeover leaves it the same bit for bit
CANONICAL_DECIMALS = 6

ScheduledJob = namedtuple("ScheduledJob", "index changeover start end due lateness")
ScheduledJob.__doc__ = """One job of a sequence, as the machine runs it.

``index``: the job's index in the problem; ``changeover``: minutes of
changeover before it; ``start`` and ``end``: minutes from the start of the
sequence, changeover excluded (``end - start`` is its processing time);
``due``: its due time or None; ``lateness``: ``max(0, end - due)``, 0 without
a due time."""


class Instance:
    """A sequencing problem in the solver's form (the dummy node is ``n``)."""

    def __init__(
        self,
        setup,
        processing,
        due=None,
        start_setup=None,
        weight=0.0,
        cyclic=False,
        protect=None,
    ):
        n = len(processing)
        if len(setup) != n or any(len(row) != n for row in setup):
            raise ValueError("setup must be an n x n matrix for n jobs")
        if start_setup is not None and len(start_setup) != n:
            raise ValueError("start_setup must hold one value per job")
        if due is not None and len(due) != n:
            raise ValueError("due must hold one value (or None) per job")
        values = [v for row in setup for v in row] + list(processing)
        values += list(start_setup or [])
        if any(not math.isfinite(v) or v < 0 for v in values):
            raise ValueError("times must be finite and may not be negative")
        if any(d is not None and not math.isfinite(d) for d in due or []):
            raise ValueError("due times must be finite")
        if not math.isfinite(weight) or weight < 0:
            raise ValueError("the tardiness weight must be finite and not negative")
        protect = sorted(set(protect or ()))
        if any(not isinstance(j, int) or not 0 <= j < n for j in protect):
            raise ValueError("protect must list job indexes")
        self.n = n
        self.cyclic = bool(cyclic)
        self.processing = [float(p) for p in processing]
        self.due = [None if d is None else float(d) for d in (due or [None] * n)]
        self.weight = float(weight)
        self.protected = [False] * n
        for j in protect:
            self.protected[j] = self.due[j] is not None
        self.uses_tardiness = (bool(self.weight) or any(self.protected)) and any(
            d is not None for d in self.due
        )
        if self.cyclic and self.uses_tardiness:
            raise ValueError(
                "a cyclic sequence (product wheel) repeats: it has no due times "
                "or tardiness weight"
            )
        # what a minute of each job's lateness costs in the objective: a
        # protected job's outweighs anything else
        self.lateness_weight = [
            self.weight + (PROTECTED if protected else 0.0)
            for protected in self.protected
        ]
        start = [float(v) for v in (start_setup or [0.0] * n)]
        # cost[i][j]: changeover from i to j, node n being the start state
        self.cost = [[float(v) for v in row] + [0.0] for row in setup]
        self.cost.append(start + [0.0])
        for i in range(n):
            self.cost[i][i] = 0.0
        self._candidates = self._assignment = None

    # the schedule kernel ---------------------------------------------------

    def run(
        self, sequence, start=0, stop=None, prev=None, clock=0.0, value=0.0, record=None
    ):
        """Run ``sequence[start:stop]`` back to back after ``prev`` (default:
        the job before ``start``, or the machine's state), from ``clock`` with
        ``value`` of the objective so far: the one place where starts, ends,
        lateness and the objective (changeovers plus weighed lateness) are
        computed. ``record(job, changeover, start, end, lateness, value)`` is
        called for each job when given.

        :return: (last job run, clock, value)
        """
        cost, processing = self.cost, self.processing
        due, weight = self.due, self.lateness_weight
        if prev is None:
            prev = sequence[start - 1] if start else self.n
        for job in sequence[start:stop]:
            changeover = cost[prev][job]
            begin = clock + changeover
            clock = begin + processing[job]
            value += changeover
            lateness = 0.0
            if due[job] is not None and clock > due[job] + TOLERANCE:
                lateness = clock - due[job]
                value += weight[job] * lateness
            if record is not None:
                record(job, changeover, begin, clock, lateness, value)
            prev = job
        return prev, clock, value

    def schedule(self, order):
        """The jobs of ``order`` as run back to back: list of ``ScheduledJob``."""
        due, jobs = self.due, []

        def record(job, changeover, begin, end, lateness, _value):
            jobs.append(ScheduledJob(job, changeover, begin, end, due[job], lateness))

        self.run(order, record=record)
        return jobs

    def prefix(self, sequence):
        """Objective and clock before each position of ``sequence``, and
        after the last: ``(values, clocks)``."""
        values, clocks = [0.0], [0.0]

        def record(_job, _changeover, _begin, end, _lateness, value):
            values.append(value)
            clocks.append(end)

        self.run(sequence, record=record)
        return values, clocks

    # figures ---------------------------------------------------------------

    def evaluate(self, order):
        """Figures of a job order: see ``evaluate`` (the package's)."""
        jobs = self.schedule(order)
        setup_total = sum(job.changeover for job in jobs)
        tardiness = sum(job.lateness for job in jobs)
        return {
            "setup_minutes": setup_total,
            "cycle_minutes": self.cycle_length(order),
            "tardiness_minutes": tardiness,
            "late_count": sum(1 for job in jobs if job.lateness),
            "makespan": jobs[-1].end if jobs else 0.0,
            "objective": setup_total + self.weight * tardiness,
            "jobs": jobs,
        }

    def cycle_length(self, order):
        """Changeover minutes of ``order`` repeated: back to its first job."""
        if not order:
            return 0.0
        cost = self.cost
        return sum(cost[a][b] for a, b in pairwise(order)) + cost[order[-1]][order[0]]

    def objective(self, order):
        """What the search minimises: changeover minutes (of one cycle when
        cyclic) plus weighted tardiness, protected lateness first."""
        if self.cyclic:
            return self.cycle_length(order)
        if not self.uses_tardiness:
            cost, prev, total = self.cost, self.n, 0.0
            for job in order:
                total += cost[prev][job]
                prev = job
            return total
        return self.run(order)[2]

    def late_protected(self, order):
        """How many protected jobs ``order`` makes late."""
        return sum(
            1
            for job in self.schedule(order)
            if job.lateness and self.protected[job.index]
        )

    def entry(self, cycle):
        """``cycle`` rotated to start where the first sequence from the
        machine's state is cheapest (ties: the earliest place)."""
        if not cycle:
            return []
        cost, start = self.cost, self.cost[self.n]
        best = min(
            range(len(cycle)),
            key=lambda k: (start[cycle[k]] - cost[cycle[k - 1]][cycle[k]], k),
        )
        return cycle[best:] + cycle[:best]

    def canonical(self):
        """The same changeover problem with every arc into a node lowered by
        the cheapest arc into it, then every arc out of a node by the
        cheapest left (a column, then a row reduction; rounded to
        ``CANONICAL_DECIMALS``). A tour takes exactly one arc into and one out
        of each node, so every tour is cheaper by the same amount and the
        best orders are the same; and a constant added to every changeover
        (the machine's first one included, as a fixed clean on every
        change) leaves this matrix as it was. The changeover search runs on
        it, so that such a constant cannot change the order it finds.
        Changeovers alone: the clock, and so the lateness, needs the real
        minutes.

        :return: an ``Instance`` without processing times or due dates
        """
        m, cost = self.size(), self.cost
        others = [[i for i in range(m) if i != j] for j in range(m)]
        into = [
            min(cost[i][j] for i in others[j]) if others[j] else 0.0 for j in range(m)
        ]
        out = [
            min((cost[i][j] - into[j] for j in others[i]), default=0.0)
            for i in range(m)
        ]
        reduced = [
            [
                0.0
                if i == j
                else round(cost[i][j] - into[j] - out[i], CANONICAL_DECIMALS)
                for j in range(m)
            ]
            for i in range(m)
        ]
        n = self.n
        if self.cyclic:
            return Instance(reduced, [0.0] * n, cyclic=True)
        # the dummy node stays last, its row the changeovers from the start
        # state; arcs into it cost 0 and stay 0 (every job's row holds a 0
        # once its column is reduced, so no row reduction touches them)
        return Instance(
            [row[:n] for row in reduced[:n]], [0.0] * n, start_setup=reduced[n][:n]
        )

    # the relaxation --------------------------------------------------------

    def size(self):
        """Nodes of the search graph: the jobs, and the start state unless
        cyclic."""
        return self.n if self.cyclic else self.n + 1

    def assignment(self):
        """Optimal assignment of a successor to each node of the search
        graph (no node its own), the relaxation of the tour, with its dual
        values: ``(succ, u, v)`` (see ``assignment.assignment``)."""
        if self._assignment is None:
            self._assignment = assignment(self.cost, self.size())
        return self._assignment

    def candidates(self, size=None):
        """For each node of the search graph, its ``size`` best successors
        and predecessors (all of them for small problems): the new arcs
        local search tries. Best by *reduced cost* against the assignment
        relaxation's duals (``c[i][j] - u[i] - v[j]``, 0 on the arcs of an
        optimal assignment): far better than the raw cost at telling the
        arcs of good tours on asymmetric matrices."""
        if self._candidates is None:
            m = self.size()
            size = min(size or NEIGHBOURS, m - 1) if m > 12 else m - 1
            _succ, u, v = self.assignment()
            cost = self.cost
            reduced = [[cost[i][j] - u[i] - v[j] for j in range(m)] for i in range(m)]
            succ = [
                sorted(
                    (j for j in range(m) if j != i),
                    key=lambda j, row=reduced[i]: (row[j], j),
                )[:size]
                for i in range(m)
            ]
            pred = [
                sorted(
                    (i for i in range(m) if i != j),
                    key=lambda i, j=j: (reduced[i][j], i),
                )[:size]
                for j in range(m)
            ]
            self._candidates = (succ, pred)
        return self._candidates

    def patched(self):
        """A tour from the optimal assignment: its cycles merged, the largest
        two first, each time at the cheapest pair of arcs (Karp-Steele
        patching). The order of the jobs (a cycle, for a cyclic problem)."""
        succ = list(self.assignment()[0])
        cost = self.cost
        cycles = cycles_of(succ)
        while len(cycles) > 1:
            cycles.sort(key=lambda c: (-len(c), min(c)))
            first, second = cycles[0], cycles[1]
            best, best_pair = None, None
            for a in first:
                sa = succ[a]
                row_a, base_a = cost[a], cost[a][sa]
                for b in second:
                    sb = succ[b]
                    delta = row_a[sb] + cost[b][sa] - base_a - cost[b][sb]
                    if best is None or delta < best:
                        best, best_pair = delta, (a, b)
            a, b = best_pair
            succ[a], succ[b] = succ[b], succ[a]
            cycles = [cycle_from(succ, a), *cycles[2:]]
        start = 0 if self.cyclic else self.n
        order, node = [], succ[start]
        if self.cyclic:
            order.append(start)
        while node != start:
            order.append(node)
            node = succ[node]
        return order


def check_permutation(order, n):
    if sorted(order) != list(range(n)):
        raise ValueError("order must be a permutation of the job indexes")
