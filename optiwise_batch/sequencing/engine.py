# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Changeover-aware sequencing of the jobs of one work center.

The problem: ``n`` jobs on one machine, a sequence-dependent (asymmetric)
changeover time ``setup[i][j]`` from job ``i`` to job ``j``, a changeover
``start_setup[j]`` from what the machine made last, a processing time and an
optional due time per job. Find the order that minimises::

    total changeover minutes + weight x total tardiness minutes

where a job's tardiness is ``max(0, completion - due)``, the clock starting
at 0 and running without gaps (callers express due times in the machine's
working minutes, so calendars are respected). Jobs listed in ``protect``
(typically: the jobs the current order has on time) are kept on time before
anything else is weighed, whenever the search finds such an order.

*Cyclic* (a product wheel): the sequence repeats, its last job followed by
its first; the changeovers of one full cycle are minimised, and the cycle is
entered at the job that makes the first sequence cheapest from what the
machine made last.

The solver adds a dummy node (index ``n``: the machine's state before the
first job, and after the last one at no cost) so that an open sequence is a
tour of an asymmetric travelling-salesman problem (a cyclic one is a tour of
the jobs alone), then:

1. construction: the best of nearest neighbour from the start state and
   earliest due date order (and the caller's own order, ``initial``);
2. local search with moves that keep the direction of travel, which matters
   when costs are asymmetric: *or-opt* (move a segment of 1 to 3 jobs
   elsewhere, kept or reversed) and *segment exchange* (swap two adjacent
   segments of any length, the or-3opt move), the new arcs taken from each
   node's cheapest neighbours, nodes looked at again only when an arc next
   to them changed;
3. iterated local search: a double-bridge kick kept local (two adjacent
   segments of at most ``KICK_SPAN`` jobs exchanged), local search around
   the nodes it touched, the result kept when it is within a shrinking
   margin of the best found (record-to-record travel).

With a tardiness weight, moves are judged on the full objective (or-opt,
each segment tried near its place and by its candidate arcs), within a
budget of job steps as well as of rounds.
Without, interchangeable jobs (same changeovers to and from every other job,
none between them: several jobs of one product) are first sequenced as one
job, then run back to back, and the search goes on over the full sequence.

The search stops on a budget: of work for changeovers alone (moves looked
at, nodes moved, kick rounds: ``CHANGEOVER_WORK``), of kick rounds
(``max_iterations``, when given, and with tardiness) and of job steps, so the
same input and seed give the same order whatever the machine's load; the
time limit is only a safety net (``stopped_by`` tells which one ended it).
"""

import math
import random
import time
from collections import namedtuple
from itertools import pairwise

MAX_OR_OPT = 3
KICK_SPAN = 30
# record-to-record travel: how much worse than the best tour a tour may be
# kept, in mean arcs, at the start of the search
ACCEPT = 1.0
# candidate arcs looked at per node (its cheapest successors / predecessors)
NEIGHBOURS = 10
# a minute of lateness of a protected job outweighs any changeover
PROTECTED = 1e9
# with tardiness: places tried on each side of a segment's own, and the job
# steps (one job rescheduled) the evaluation of moves may take in all, about
# 3 s of a core
WINDOW = 6
TARDINESS_STEPS = 20_000_000
CALL_STEPS = 25  # what one evaluation costs besides its job steps
# changeovers alone: the work the search may do when no round budget is
# given, counted as moves looked at, nodes moved and two nodes per node of
# the tour for each round (kept or restored); about 2.5 s of a core, half the
# default time limit, so that a loaded machine still ends on the budget (the
# same sequence) and the limit stays a safety net. Rounds are cheaper on some
# matrices than on others: a budget of work gives those more of them.
CHANGEOVER_WORK = 14_000_000

ScheduledJob = namedtuple("ScheduledJob", "index changeover start end due lateness")
ScheduledJob.__doc__ = """One job of a sequence, as the machine runs it.

``index``: the job's index in the problem; ``changeover``: minutes of
changeover before it; ``start`` and ``end``: minutes from the start of the
sequence, changeover excluded (``end - start`` is its processing time);
``due``: its due time or None; ``lateness``: ``max(0, end - due)``, 0 without
a due time."""


def default_rounds(n, tardiness=False):
    """The default kick-round budget for ``n`` jobs. With tardiness, about 3 s
    of a core up to 500 jobs. For changeovers alone, a cap beside the budget
    of work (``CHANGEOVER_WORK``), which ends the search first up to about
    200 jobs; the cap keeps about 2.5 s of a core at 500 jobs (where the
    assignment relaxation alone takes one)."""
    if tardiness:
        # a tardiness move is judged in O(n), a changeover-only move in O(1)
        return max(300, 40 * n)
    return max(2000, min(300 * n, 2_000_000 // max(n, 1)))


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
        start = [float(v) for v in (start_setup or [0.0] * n)]
        # cost[i][j]: changeover from i to j, node n being the start state
        self.cost = [[float(v) for v in row] + [0.0] for row in setup]
        self.cost.append(start + [0.0])
        for i in range(n):
            self.cost[i][i] = 0.0

    def candidates(self, size=None):
        """For each node of the search graph, its ``size`` best successors
        and predecessors (all of them for small problems): the new arcs
        local search tries. Best by *reduced cost* against the assignment
        relaxation's duals (``c[i][j] - u[i] - v[j]``, 0 on the arcs of an
        optimal assignment): far better than the raw cost at telling the
        arcs of good tours on asymmetric matrices."""
        if getattr(self, "_candidates", None) is None:
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

    def size(self):
        """Nodes of the search graph: the jobs, and the start state unless
        cyclic."""
        return self.n if self.cyclic else self.n + 1

    def assignment(self):
        """Optimal assignment of a successor to each node of the search
        graph (no node its own), the relaxation of the tour, with its dual
        values: ``(succ, u, v)``. Shortest augmenting paths (the Hungarian
        method), O(m^3) at worst and far less on changeover matrices."""
        if getattr(self, "_assignment", None) is None:
            self._assignment = _assignment(self.cost, self.size())
        return self._assignment

    def patched(self):
        """A tour from the optimal assignment: its cycles merged, the largest
        two first, each time at the cheapest pair of arcs (Karp-Steele
        patching). The order of the jobs (a cycle, for a cyclic problem)."""
        succ = list(self.assignment()[0])
        cost = self.cost
        cycles = _cycles_of(succ)
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
            cycles = [_cycle_from(succ, a), *cycles[2:]]
        start = 0 if self.cyclic else self.n
        order, node = [], succ[start]
        if self.cyclic:
            order.append(start)
        while node != start:
            order.append(node)
            node = succ[node]
        return order

    def schedule(self, order):
        """The jobs of ``order`` as run back to back: list of ``ScheduledJob``."""
        cost, processing, due = self.cost, self.processing, self.due
        prev, clock, jobs = self.n, 0.0, []
        for job in order:
            changeover = cost[prev][job]
            start = clock + changeover
            clock = start + processing[job]
            lateness = 0.0
            if due[job] is not None and clock > due[job] + 1e-9:
                lateness = clock - due[job]
            jobs.append(ScheduledJob(job, changeover, start, clock, due[job], lateness))
            prev = job
        return jobs

    def evaluate(self, order):
        """Figures of a job order: see ``evaluate`` (module level)."""
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
        figures = self.evaluate(order)
        protected = sum(
            job.lateness for job in figures["jobs"] if self.protected[job.index]
        )
        return figures["objective"] + PROTECTED * protected

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


def evaluate(
    order, setup, processing, due=None, start_setup=None, weight=0.0, cyclic=False
):
    """Figures of ``order`` (a permutation of job indexes).

    :return: dict with ``setup_minutes`` (from the machine's state through
        the order), ``cycle_minutes`` (the order repeated: its changeovers
        plus the one from its last job back to its first),
        ``tardiness_minutes``, ``late_count``, ``makespan``, ``objective``
        and ``jobs`` (the ``ScheduledJob`` of each job, in the order run)
    """
    instance = Instance(setup, processing, due, start_setup, weight, cyclic)
    _check_permutation(order, instance.n)
    return instance.evaluate(order)


def nearest_neighbour(setup, start_setup=None):
    """Order that always goes to the cheapest next job (ties: lowest index)."""
    n = len(setup)
    instance = Instance(setup, [0.0] * n, start_setup=start_setup)
    return _nearest_neighbour(instance)


def solve(
    setup,
    processing,
    due=None,
    start_setup=None,
    weight=0.0,
    time_limit=5.0,
    seed=0,
    max_iterations=None,
    cyclic=False,
    protect=None,
    initial=None,
):
    """Best job order found within the budget.

    :param list setup: ``setup[i][j]`` changeover minutes from job i to job j
    :param list processing: processing minutes per job
    :param list due: due time per job in minutes from the start, or None
    :param list start_setup: changeover minutes from the machine's current
        state to each job (default 0)
    :param float weight: cost of one minute of tardiness, in changeover
        minutes
    :param float time_limit: seconds the search may last at most (> 0), a
        safety net: the budget (of work, rounds or job steps) is what
        normally ends it
    :param int seed: seed of the kicks
    :param int max_iterations: kick rounds; by default, for changeovers
        alone, the budget of work ``CHANGEOVER_WORK`` (rounds capped by
        ``default_rounds``), with tardiness ``default_rounds``
    :param bool cyclic: sequence a repeating cycle (product wheel)
    :param list protect: jobs (with a due time) to keep on time when an
        order can (e.g. those the current order has on time)
    :param list initial: an order to start from (e.g. the current one): the
        result is never worse than it
    :return: dict of ``evaluate`` plus ``order``, ``iterations`` (rounds
        done), ``evaluations`` (moves looked at; with tardiness, job steps
        of their evaluation), ``stopped_by``
        (``"budget"`` or ``"time"``) and ``seconds``
    """
    if time_limit <= 0:
        raise ValueError("time_limit must be positive")
    began = time.monotonic()
    instance = Instance(
        setup, processing, due, start_setup, weight, cyclic=cyclic, protect=protect
    )
    n = instance.n
    if initial is not None:
        initial = list(initial)
        _check_permutation(initial, n)
    work = None
    if max_iterations is None:
        max_iterations = default_rounds(n, instance.uses_tardiness)
        work = CHANGEOVER_WORK
    deadline = began + time_limit
    stopped_by = None
    if n <= 2:
        candidates = [list(range(n)), list(range(n))[::-1]]
        order = min(candidates, key=lambda o: (instance.objective(o), o))
        rounds, evaluations = 0, 0
    elif not instance.uses_tardiness:
        order, rounds, evaluations, spent = _solve_changeovers(
            instance, deadline, seed, max_iterations, initial, work
        )
        if spent:
            stopped_by = "budget"
    else:
        starts = [_nearest_neighbour(instance), _earliest_due(instance)]
        if initial is not None:
            starts.append(initial)
        steps = [TARDINESS_STEPS]
        order, rounds = _iterate(
            instance,
            min(starts, key=instance.objective),
            deadline,
            random.Random(seed),
            max_iterations,
            steps,
            # an occasional restart from the best keeps the walk near good tours
            restart=0.05,
        )
        evaluations = TARDINESS_STEPS - steps[0]
        if steps[0] <= 0:
            # the evaluation budget, as deterministic as the rounds, ended it
            stopped_by = "budget"
        if initial is not None and instance.late_protected(
            order
        ) > instance.late_protected(initial):
            # never give up a protected job's punctuality, however small
            order = initial
    if cyclic:
        order = instance.entry(order)
    return dict(
        instance.evaluate(order),
        order=list(order),
        iterations=rounds,
        evaluations=evaluations,
        stopped_by=stopped_by
        or ("budget" if rounds >= max_iterations or n <= 2 else "time"),
        seconds=time.monotonic() - began,
    )


def _solve_changeovers(instance, deadline, seed, rounds, initial, work=None):
    """Changeovers alone: the interchangeable jobs first sequenced as one,
    then the full problem, within ``rounds`` and ``work`` (None: no budget
    of work) shared between the two.

    :return: (order, rounds done, moves looked at, whether a budget ended it)
    """
    rng = random.Random(seed)
    starts = [_nearest_neighbour(instance), instance.patched()]
    if initial is not None:
        starts.append(initial)
    done = evaluations = used = 0
    groups = _interchangeable_groups(instance)
    if 2 < len(groups) < instance.n:
        cost = instance.cost
        heads = [group[0] for group in groups]
        reduced = Instance(
            [[cost[a][b] for b in heads] for a in heads],
            [0.0] * len(heads),
            start_setup=[cost[instance.n][a] for a in heads],
            cyclic=instance.cyclic,
        )
        share = len(heads) / (len(heads) + instance.n)
        grouped, done, evaluations, used, _spent = _search_changeovers(
            reduced,
            _nearest_neighbour(reduced),
            deadline,
            rng,
            int(rounds * share),
            None if work is None else work * share,
        )
        starts.append([j for g in grouped for j in groups[g]])
    order = min(starts, key=instance.objective)
    best, more, looked, _used, spent = _search_changeovers(
        instance,
        order,
        deadline,
        rng,
        rounds - done,
        None if work is None else work - used,
    )
    return best, done + more, evaluations + looked, spent


def _iterate(instance, order, deadline, rng, rounds, steps, restart=0.0):
    """Iterated local search from ``order`` on the full objective: local
    search, then rounds of a kick and local search again, keeping a result
    that is not worse; with probability ``restart`` a worse result sends the
    walk back to the best. ``steps`` ([n]) is the budget of job steps the
    evaluations of moves may take, spent in place.

    :return: (best order found, rounds done)
    """
    current = _local_search_full(instance, order, deadline, steps)
    current_value = instance.objective(current)
    best, best_value = current, current_value
    done = 0
    while done < rounds and steps[0] > 0 and time.monotonic() < deadline:
        done += 1
        trial = _local_search_full(instance, _kick(current, rng), deadline, steps)
        value = instance.objective(trial)
        if value <= current_value + 1e-9:
            current, current_value = trial, value
            if value < best_value - 1e-9:
                best, best_value = trial, value
        elif restart and rng.random() < restart:
            current, current_value = best, best_value
    return best, done


def _interchangeable_groups(instance):
    """Jobs that change over alike to and from every other job and not at all
    between themselves (typically: several jobs of one product)."""
    cost, n = instance.cost, instance.n
    groups = {}
    for j in range(n):
        key = (tuple(cost[j][:n]), tuple(cost[i][j] for i in range(n + 1)))
        groups.setdefault(key, []).append(j)
    result = []
    for members in groups.values():
        first = members[0]
        if all(cost[first][j] == 0 and cost[j][first] == 0 for j in members[1:]):
            result.append(members)
        else:
            result.extend([j] for j in members)
    return sorted(result)


def _assignment_start(rows, m):
    """A feasible start of the assignment (reduced costs c - u - v >= 0, 1-based
    duals): each row's cheapest arc, then each column's cheapest reduced one;
    a row whose arc of reduced cost 0 leads to a column still free takes it.
    :return: (u, v, owner of each column or 0, the rows left to augment)"""
    u, v, owner = [0.0] * (m + 1), [0.0] * (m + 1), [0] * (m + 1)
    for i in range(1, m + 1):
        u[i] = min(rows[i - 1])
    for j in range(1, m + 1):
        v[j] = min(rows[i][j - 1] - u[i + 1] for i in range(m))
    left = []
    for i in range(1, m + 1):
        row, ui = rows[i - 1], u[i]
        for j in range(1, m + 1):
            if not owner[j] and row[j - 1] - ui - v[j] == 0.0:
                owner[j] = i
                break
        else:
            left.append(i)
    return u, v, owner, left


def _assignment(cost, m):
    """Min-cost assignment over the first ``m`` nodes of ``cost``, no node
    to itself: (successor of each node, row duals u, column duals v)."""
    inf = math.inf
    forbidden = (
        1.0
        + 2.0
        * max((abs(cost[i][j]) for i in range(m) for j in range(m)), default=0.0)
        * m
    )
    rows = [[forbidden if i == j else cost[i][j] for j in range(m)] for i in range(m)]
    u, v, owner, left = _assignment_start(rows, m)
    way = [0] * (m + 1)
    for i in left:
        owner[0], j0 = i, 0
        minv, used = [inf] * (m + 1), [False] * (m + 1)
        free = list(range(1, m + 1))
        while True:
            used[j0] = True
            i0 = owner[j0]
            row, ui0 = rows[i0 - 1], u[i0]
            delta, j1 = inf, 0
            for j in free:
                current = row[j - 1] - ui0 - v[j]
                if current < minv[j]:
                    minv[j], way[j] = current, j0
                if minv[j] < delta:
                    delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
            for j in free:
                minv[j] -= delta
            j0 = j1
            free.remove(j1)
            if not owner[j0]:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    succ = [0] * m
    for j in range(1, m + 1):
        succ[owner[j] - 1] = j - 1
    return succ, u[1:], v[1:]


def _cycles_of(succ):
    cycles, seen = [], [False] * len(succ)
    for node in range(len(succ)):
        if not seen[node]:
            cycle = _cycle_from(succ, node)
            for member in cycle:
                seen[member] = True
            cycles.append(cycle)
    return cycles


def _cycle_from(succ, node):
    cycle, current = [node], succ[node]
    while current != node:
        cycle.append(current)
        current = succ[current]
    return cycle


def _check_permutation(order, n):
    if sorted(order) != list(range(n)):
        raise ValueError("order must be a permutation of the job indexes")


def _nearest_neighbour(instance):
    cost, left, order = instance.cost, set(range(instance.n)), []
    prev = instance.n
    while left:
        job = min(left, key=lambda j: (cost[prev][j], j))
        order.append(job)
        left.discard(job)
        prev = job
    return order


def _earliest_due(instance):
    due = instance.due
    return sorted(
        range(instance.n),
        key=lambda j: (due[j] is None, due[j] if due[j] is not None else 0, j),
    )


def _kick(order, rng):
    """Exchange two random adjacent segments (a double bridge on the tour):
    anywhere, or from 40 jobs on every other time two short ones (at most
    n / 10 jobs each), which keeps most of a long good sequence."""
    n = len(order)
    if n < 3:
        return list(order)
    if n < 40 or rng.random() < 0.5:
        i, j, k = sorted(rng.sample(range(n + 1), 3))
    else:
        span = max(3, n // 10)
        i = rng.randrange(n - 1)
        j = min(n - 1, i + rng.randint(1, span))
        k = min(n, j + rng.randint(1, span))
    return order[:i] + order[j:k] + order[i:j] + order[k:]


class _Tour:
    """A tour of the search graph (the jobs, plus the start state for an open
    sequence) under moves that keep the direction of travel, with the
    position of each node; the first node of the tour stays first.

    Local search works from a stack of *active* nodes (don't-look bits): a
    node is looked at again only when an arc next to it changed, so after a
    kick only the few nodes it touched are searched around."""

    def __init__(self, instance, order):
        self.instance = instance
        self.cost = instance.cost
        self.succ, self.pred = instance.candidates()
        self.tour = list(order) if instance.cyclic else [instance.n, *order]
        self.pos = [0] * (instance.n + 1)
        for index, node in enumerate(self.tour):
            self.pos[node] = index
        self.value = self.length()
        self.evaluations = 0
        self.moved = 0

    def length(self):
        cost, tour = self.cost, self.tour
        return sum(cost[a][b] for a, b in pairwise(tour)) + cost[tour[-1]][tour[0]]

    def order(self):
        return list(self.tour) if self.instance.cyclic else self.tour[1:]

    def improve(self, nodes, deadline):
        """Apply improving moves around ``nodes`` until none is left."""
        active = [False] * (self.instance.n + 1)
        stack = []
        for node in nodes:
            if not active[node]:
                active[node] = True
                stack.append(node)
        popped = 0
        while stack:
            popped += 1
            if not popped % 256 and time.monotonic() > deadline:
                return
            node = stack.pop()
            active[node] = False
            touched = self._or_opt(node) or self._exchange(node)
            if touched:
                for other in touched:
                    if not active[other]:
                        active[other] = True
                        stack.append(other)

    def _reindex(self, start, stop):
        tour, pos = self.tour, self.pos
        self.moved += stop - start
        for index in range(start, stop):
            pos[tour[index]] = index

    def _or_opt(self, node):
        """Move a segment of 1 to 3 nodes starting or ending at ``node`` (kept
        or reversed) between two nodes a and b, a new arc at its start or end
        taken from the candidate lists. The nodes at the changed arcs, or
        None."""
        cost, tour = self.cost, self.tour
        m = len(tour)
        at = self.pos[node]
        for length in range(1, MAX_OR_OPT + 1):
            for i in (at, at - length + 1) if length > 1 else (at,):
                if i < 1 or i + length > m:
                    continue
                prev, first, last = tour[i - 1], tour[i], tour[i + length - 1]
                nxt = tour[(i + length) % m]
                gain = cost[prev][first] + cost[last][nxt] - cost[prev][nxt]
                if gain <= 1e-9:
                    continue
                low, high = i - 1, i + length - 1
                # kept: a -> first ... last -> b
                best, best_p = self._place(first, last, low, high, gain - 1e-9, 0.0)
                flip = False
                if length > 1:
                    # reversed: a -> last ... first -> b
                    segment = tour[i : i + length]
                    turn = sum(cost[y][x] - cost[x][y] for x, y in pairwise(segment))
                    reverse, reverse_p = self._place(last, first, low, high, best, turn)
                    if reverse_p is not None:
                        best, best_p, flip = reverse, reverse_p, True
                if best_p is None:
                    continue
                p = best_p
                a, b = tour[p], tour[(p + 1) % m]
                piece = tour[i : i + length]
                if flip:
                    piece.reverse()
                if p < i:
                    tour[p + 1 : i + length] = piece + tour[p + 1 : i]
                    self._reindex(p + 1, i + length)
                else:
                    tour[i : p + 1] = tour[i + length : p + 1] + piece
                    self._reindex(i, p + 1)
                self.value += best - gain
                return (prev, nxt, a, b, first, last)
        return None

    def _place(self, head, tail, low, high, best, extra):
        """Cheapest place to put a segment ``head`` ... ``tail`` (its inner
        arcs costing ``extra`` more than now) between a and b, tried where
        a -> head or tail -> b is a candidate arc, positions ``low`` to
        ``high`` excluded: (added cost, position of a) when below ``best``,
        else (best, None)."""
        cost, tour, pos = self.cost, self.tour, self.pos
        m = len(tour)
        row_tail, found = cost[tail], None
        for a in self.pred[head]:
            p = pos[a]
            if low <= p <= high:
                continue
            b = tour[(p + 1) % m]
            added = cost[a][head] + row_tail[b] + extra - cost[a][b]
            if added < best:
                best, found = added, p
        for b in self.succ[tail]:
            p = (pos[b] or m) - 1
            if low <= p <= high:
                continue
            a = tour[p]
            added = cost[a][head] + row_tail[b] + extra - cost[a][b]
            if added < best:
                best, found = added, p
        self.evaluations += len(self.pred[head]) + len(self.succ[tail])
        return best, found

    def _exchange(self, node):
        """Exchange two adjacent segments, direction kept (A B C D becomes
        A C B D), with ``node`` or its predecessor as the end of A and the new
        arc out of it from its candidate list. The nodes at the changed arcs,
        or None."""
        cost, tour, pos, succ, pred = (
            self.cost,
            self.tour,
            self.pos,
            self.succ,
            self.pred,
        )
        m = len(tour)
        at = pos[node]
        for i in (at + 1, at):
            if i < 1 or i > m - 2:
                continue
            a, b0 = tour[i - 1], tour[i]
            row_a = cost[a]
            cut_ab = row_a[b0]
            for c0 in succ[a]:
                j = pos[c0]
                gain_a = cut_ab - row_a[c0]
                if gain_a <= 0:
                    break
                if j > i:
                    # A [b0 .. be] [c0 .. ce] d  ->  A [c0 .. ce] [b0 .. be] d
                    be = tour[j - 1]
                    row_be = cost[be]
                    base = gain_a + row_be[c0]
                    for ce in pred[b0]:
                        into_b = cost[ce][b0]
                        if into_b >= base:
                            break  # the gain so far would not be positive
                        k = pos[ce] + 1
                        if k <= j:
                            continue
                        d = tour[k % m]
                        self.evaluations += 1
                        delta = into_b + row_be[d] - cost[ce][d] - base
                        if delta < -1e-9:
                            tour[i:k] = tour[j:k] + tour[i:j]
                            self._reindex(i, k)
                            self.value += delta
                            return (a, b0, be, c0, ce, d)
                elif j >= 1:
                    # P [c0 .. q] [r .. a] b0  ->  P [r .. a] [c0 .. q] b0
                    p_node = tour[j - 1]
                    row_p = cost[p_node]
                    base = gain_a + row_p[c0]
                    for r in succ[p_node]:
                        into_r = row_p[r]
                        if into_r >= base:
                            break  # the gain so far would not be positive
                        t = pos[r]
                        if not j < t < i:
                            continue
                        q = tour[t - 1]
                        self.evaluations += 1
                        delta = into_r + cost[q][b0] - cost[q][r] - base
                        if delta < -1e-9:
                            tour[j:i] = tour[t:i] + tour[j:t]
                            self._reindex(j, i)
                            self.value += delta
                            return (p_node, c0, q, r, a, b0)
        return None

    def rotate(self, shift):
        """Start the (cyclic) tour ``shift`` places later."""
        self.tour[:] = self.tour[shift:] + self.tour[:shift]
        self._reindex(0, len(self.tour))

    def kick(self, rng, span):
        """Exchange two random adjacent segments of at most ``span`` nodes
        each (a double bridge kept local); the nodes at the changed arcs."""
        tour, cost = self.tour, self.cost
        m = len(tour)
        if m < 40:
            i, j, k = sorted(rng.sample(range(1, m + 1), 3))
        else:
            i = rng.randrange(1, m - 1)
            j = min(m - 1, i + rng.randint(1, span))
            k = min(m, j + rng.randint(1, span))
        a, b0, be, c0, ce, d = (
            tour[i - 1],
            tour[i],
            tour[j - 1],
            tour[j],
            tour[k - 1],
            tour[k % m],
        )
        self.value += (
            cost[a][c0]
            + cost[ce][b0]
            + cost[be][d]
            - cost[a][b0]
            - cost[be][c0]
            - cost[ce][d]
        )
        tour[i:k] = tour[j:k] + tour[i:j]
        self._reindex(i, k)
        return (a, b0, be, c0, ce, d)


def _search_changeovers(instance, order, deadline, rng, rounds, work=None):
    """Iterated local search on changeovers alone: local search, then
    ``rounds`` times (or until ``work`` is done, see ``CHANGEOVER_WORK``) a
    local double-bridge kick and local search around the nodes it touched, a
    result kept when it is within a shrinking margin of the best.

    :return: (best order found, rounds done, moves looked at, work done,
        whether a budget ended it)
    """
    search = _Tour(instance, order)
    search.improve(search.tour[::-1], deadline)
    tour, pos = search.tour, search.pos
    m = len(tour)
    if m < 4:
        # nothing a kick could change: the budget is as good as spent
        return search.order(), rounds, search.evaluations, 0, True
    span = max(1, min(KICK_SPAN, (m - 1) // 3))
    cyclic = instance.cyclic
    current = best = search.value
    saved_tour, saved_pos = tour[:], pos[:]
    best_tour = tour[:]
    # a tour a little worse than the best is kept too, less and less so as
    # the budget runs out (record-to-record travel), the margin from the
    # mean cost of an arc of the first tour
    threshold = ACCEPT * current / m
    done = 0
    # the margin shrinks with the share of the budget used
    budget = float(rounds) if work is None else work

    def used():
        if work is None:
            return done
        return search.evaluations + search.moved + 2 * m * done

    spent = used()
    while spent < budget and done < rounds:
        if not done % 16 and time.monotonic() > deadline:
            break
        done += 1
        if cyclic and not done % 32:
            # a cycle has no first job: let every job be moved in turn
            search.rotate(rng.randrange(1, m))
        touched = search.kick(rng, span)
        search.improve(touched, deadline)
        spent = used()
        if search.value <= best + threshold * (1 - spent / budget) + 1e-9:
            current = search.value = search.length()
            saved_tour[:], saved_pos[:] = tour, pos
            if current < best - 1e-9:
                best = current
                best_tour[:] = tour
        else:
            tour[:], pos[:] = saved_tour, saved_pos
            search.value = current
    tour[:] = best_tour
    exhausted = spent >= budget or done >= rounds
    return search.order(), done, search.evaluations, used(), exhausted


def _places(instance, order, i, length, rest):
    """Where to try the segment of ``length`` jobs at ``i`` of ``order`` in
    ``rest`` (the order without it): near its own place, and right after a
    candidate predecessor of its first job or before a candidate successor
    of its last (the start state meaning: first; its end: last)."""
    if length == 1:
        # a single job may need to move far to meet its due time
        return [p for p in range(len(rest) + 1) if p != i]
    succ, pred = instance.candidates()
    n = instance.n
    where = set(range(max(0, i - WINDOW), min(len(rest), i + WINDOW) + 1))
    at = {job: k for k, job in enumerate(rest)}
    at[n] = -1
    where.update(at[a] + 1 for a in pred[order[i]] if a in at)
    at[n] = len(rest)
    where.update(at[b] for b in succ[order[i + length - 1]] if b in at)
    where.discard(i)
    return sorted(where)


def _prefix(instance, weight, sequence):
    """Objective (lateness weighed per job by ``weight``) and clock before
    each position of ``sequence``, and after the last."""
    cost, processing, due = instance.cost, instance.processing, instance.due
    values, clocks, value, clock, prev = [], [], 0.0, 0.0, instance.n
    for job in sequence:
        values.append(value)
        clocks.append(clock)
        clock += cost[prev][job] + processing[job]
        value += cost[prev][job]
        if due[job] is not None and clock > due[job]:
            value += weight[job] * (clock - due[job])
        prev = job
    values.append(value)
    clocks.append(clock)
    return values, clocks


def _local_search_full(instance, order, deadline, steps):
    """Or-opt judged on the full objective (tardiness included): each
    segment of 1 to 3 jobs tried near its place and after or before the jobs
    of its candidate arcs, first improvement, until no move improves, the
    deadline, or ``steps`` ([job steps left]) runs out.

    A move changes completion times only from the first position it touches,
    so each candidate is evaluated from there, on the clock and objective of
    the unchanged prefix (``n - first`` job steps).
    """
    order = list(order)
    n = len(order)
    cost, processing, due = instance.cost, instance.processing, instance.due
    # a protected job's lateness outweighs anything else
    weight = [
        instance.weight + (PROTECTED if protected else 0.0)
        for protected in instance.protected
    ]

    def tail_value(sequence, start, value, clock, settled):
        """Objective of ``sequence`` from position ``start``; from position
        ``settled`` on the jobs are those of the current order, so when the
        clock and objective there are no better than the current order's,
        the move cannot improve it (inf)."""
        prev = sequence[start - 1] if start else n
        steps[0] -= CALL_STEPS
        for index in (0, 1):
            stop = settled if not index else n
            for job in sequence[start:stop]:
                clock += cost[prev][job] + processing[job]
                value += cost[prev][job]
                if due[job] is not None and clock > due[job]:
                    value += weight[job] * (clock - due[job])
                prev = job
            steps[0] -= stop - start
            if not index:
                if stop >= n or (
                    clock >= clocks[stop] - 1e-9 and value >= values[stop]
                ):
                    return value if stop >= n else math.inf
                start = stop
        return value

    values, clocks = _prefix(instance, weight, order)
    best = values[-1]
    improved = True
    while improved and steps[0] > 0 and time.monotonic() < deadline:
        improved = False
        i = 0
        while i < n and steps[0] > 0:
            moved = False
            for length in range(1, min(MAX_OR_OPT, n - i) + 1):
                segment = order[i : i + length]
                rest = order[:i] + order[i + length :]
                for p in _places(instance, order, i, length, rest):
                    trial = rest[:p] + segment + rest[p:]
                    first = min(i, p)
                    value = tail_value(
                        trial,
                        first,
                        values[first],
                        clocks[first],
                        max(i + length, p + length),
                    )
                    if value < best - 1e-9:
                        order, best, improved, moved = trial, value, True, True
                        values, clocks = _prefix(instance, weight, order)
                        break
                if moved:
                    break
            if not moved:
                i += 1
    return order
