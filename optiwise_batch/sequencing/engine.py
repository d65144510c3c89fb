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
working minutes, so calendars are respected).

The solver adds a dummy node (index ``n``: the machine's state before the
first job, and after the last one at no cost) so that the open sequence is a
tour of an asymmetric travelling-salesman problem, then:

1. construction: the best of nearest neighbour from the start state and
   earliest due date order;
2. local search with moves that keep the direction of travel, which matters
   when costs are asymmetric: *or-opt* (move a segment of 1 to 3 jobs
   elsewhere) and *segment exchange* (swap two adjacent segments of any
   length, the move behind the double bridge), first improvement; with a
   tardiness weight, or-opt judged on the full objective;
3. iterated local search while the budget lasts: a random segment exchange
   kick, local search again, keep the result if it is not worse.

Without tardiness, interchangeable jobs (same changeovers to and from every
other job, none between them: several jobs of one product) are first
sequenced as one job, then run back to back, and the search goes on over the
full sequence with the time left.

Deterministic for a given ``seed`` as long as the iteration budget, not the
time limit, ends the search (the default budget does for small problems).
"""

import math
import random
import time
from collections import namedtuple
from itertools import pairwise

MAX_OR_OPT = 3

ScheduledJob = namedtuple("ScheduledJob", "index changeover start end due lateness")
ScheduledJob.__doc__ = """One job of a sequence, as the machine runs it.

``index``: the job's index in the problem; ``changeover``: minutes of
changeover before it; ``start`` and ``end``: minutes from the start of the
sequence, changeover excluded (``end - start`` is its processing time);
``due``: its due time or None; ``lateness``: ``max(0, end - due)``, 0 without
a due time."""


class Instance:
    """A sequencing problem in the solver's form (the dummy node is ``n``)."""

    def __init__(self, setup, processing, due=None, start_setup=None, weight=0.0):
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
        self.n = n
        self.processing = [float(p) for p in processing]
        self.due = [None if d is None else float(d) for d in (due or [None] * n)]
        self.weight = float(weight)
        self.uses_tardiness = bool(self.weight) and any(d is not None for d in self.due)
        start = [float(v) for v in (start_setup or [0.0] * n)]
        # cost[i][j]: changeover from i to j, node n being the start state
        self.cost = [[float(v) for v in row] + [0.0] for row in setup]
        self.cost.append(start + [0.0])
        for i in range(n):
            self.cost[i][i] = 0.0

    def candidates(self, size=10):
        """For each node, its ``size`` cheapest successors and predecessors
        (all of them for small problems): the new arcs local search tries."""
        if getattr(self, "_candidates", None) is None:
            m = self.n + 1
            size = min(size, m - 1) if m > 12 else m - 1
            cost = self.cost
            succ = [
                sorted(
                    (j for j in range(m) if j != i), key=lambda j, i=i: (cost[i][j], j)
                )[:size]
                for i in range(m)
            ]
            pred = [
                sorted(
                    (i for i in range(m) if i != j), key=lambda i, j=j: (cost[i][j], i)
                )[:size]
                for j in range(m)
            ]
            self._candidates = (succ, pred)
        return self._candidates

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
            "tardiness_minutes": tardiness,
            "late_count": sum(1 for job in jobs if job.lateness),
            "makespan": jobs[-1].end if jobs else 0.0,
            "objective": setup_total + self.weight * tardiness,
            "jobs": jobs,
        }

    def objective(self, order):
        """Changeover minutes plus weighted tardiness of ``order``."""
        if not self.uses_tardiness:
            cost, prev, total = self.cost, self.n, 0.0
            for job in order:
                total += cost[prev][job]
                prev = job
            return total
        return self.evaluate(order)["objective"]


def evaluate(order, setup, processing, due=None, start_setup=None, weight=0.0):
    """Figures of ``order`` (a permutation of job indexes).

    :return: dict with ``setup_minutes``, ``tardiness_minutes``,
        ``late_count``, ``makespan``, ``objective`` and ``jobs`` (the
        ``ScheduledJob`` of each job, in the order run)
    """
    instance = Instance(setup, processing, due, start_setup, weight)
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
):
    """Best job order found within the budget.

    :param list setup: ``setup[i][j]`` changeover minutes from job i to job j
    :param list processing: processing minutes per job
    :param list due: due time per job in minutes from the start, or None
    :param list start_setup: changeover minutes from the machine's current
        state to each job (default 0)
    :param float weight: cost of one minute of tardiness, in changeover
        minutes
    :param float time_limit: seconds the search may last (> 0)
    :param int seed: seed of the perturbations
    :param int max_iterations: iterated local search rounds (default
        ``max(200, 40 n)``, with tardiness ``max(100, 10 n)``)
    :return: dict of ``evaluate`` plus ``order`` and ``iterations``
    """
    if time_limit <= 0:
        raise ValueError("time_limit must be positive")
    instance = Instance(setup, processing, due, start_setup, weight)
    n = instance.n
    if n <= 1:
        order = list(range(n))
        return dict(instance.evaluate(order), order=order, iterations=0)
    deadline = time.monotonic() + time_limit
    if not instance.uses_tardiness:
        groups = _interchangeable_groups(instance)
        if len(groups) < n:
            return _solve_grouped(instance, groups, deadline, seed, max_iterations)
    if max_iterations is None:
        # a tardiness move is judged in O(n), a changeover-only move in O(1)
        max_iterations = (
            max(100, 10 * n) if instance.uses_tardiness else max(200, 40 * n)
        )
    rng = random.Random(seed)
    candidates = [_nearest_neighbour(instance), _earliest_due(instance)]
    best, iterations = _iterate(
        instance,
        min(candidates, key=instance.objective),
        deadline,
        rng,
        max_iterations,
        # an occasional restart from the best keeps the walk near good tours
        restart=0.05,
    )
    return dict(instance.evaluate(best), order=list(best), iterations=iterations)


def _iterate(instance, order, deadline, rng, rounds, restart=0.0):
    """Iterated local search from ``order``: local search, then rounds of a
    kick and local search again, keeping a result that is not worse; with
    probability ``restart`` a worse result sends the walk back to the best.

    :return: (best order found, rounds done)
    """
    current = _local_search(instance, order, deadline)
    current_value = instance.objective(current)
    best, best_value = current, current_value
    done = 0
    while done < rounds and time.monotonic() < deadline:
        done += 1
        trial = _local_search(instance, _kick(current, rng), deadline)
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


def _solve_grouped(instance, groups, deadline, seed, max_iterations):
    """Sequence the groups as single jobs, run each group back to back, then
    improve on the full problem with the time left."""
    cost = instance.cost
    heads = [group[0] for group in groups]
    reduced = solve(
        [[cost[a][b] for b in heads] for a in heads],
        [sum(instance.processing[j] for j in group) for group in groups],
        start_setup=[cost[instance.n][a] for a in heads],
        time_limit=max((deadline - time.monotonic()) / 2, 1e-3),
        seed=seed,
        max_iterations=max_iterations,
    )
    order = [j for g in reduced["order"] for j in groups[g]]
    budget = max_iterations if max_iterations is not None else 40 * len(order)
    best, rounds = _iterate(instance, order, deadline, random.Random(seed), budget // 4)
    iterations = reduced["iterations"] + rounds
    return dict(instance.evaluate(best), order=list(best), iterations=iterations)


def _check_permutation(order, n):
    if sorted(order) != list(range(n)):
        raise ValueError("order must be a permutation of the job indexes")


def _nearest_neighbour(instance):
    cost, left, prev, order = instance.cost, set(range(instance.n)), instance.n, []
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


def _local_search(instance, order, deadline):
    """Or-opt and segment exchange to a local optimum (or the deadline)."""
    if instance.uses_tardiness:
        return _local_search_full(instance, order, deadline)
    cost = instance.cost
    succ, pred = instance.candidates()
    tour = [instance.n, *order]
    pos = {node: index for index, node in enumerate(tour)}
    improved = True
    while improved and time.monotonic() < deadline:
        improved = _or_opt(cost, tour, pos, succ, pred)
        improved = _segment_exchange(cost, tour, pos, succ, pred) or improved
    return tour[1:]


def _reindex(tour, pos, start, stop):
    for index in range(start, stop):
        pos[tour[index]] = index


def _or_opt(cost, tour, pos, succ, pred):
    """Move segments of 1 to 3 jobs (kept or reversed) to a better place; the
    new arcs are taken from the candidate lists. True if a move was made."""
    m = len(tour)
    moved = False
    for length in range(1, MAX_OR_OPT + 1):
        i = 1
        while i + length <= m:
            prev, first, last = tour[i - 1], tour[i], tour[i + length - 1]
            nxt = tour[(i + length) % m]
            gain = cost[prev][first] + cost[last][nxt] - cost[prev][nxt]
            if gain <= 1e-9:
                i += 1
                continue
            segment = tour[i : i + length]
            inner = sum(cost[x][y] for x, y in pairwise(segment))
            reverse = sum(cost[y][x] for x, y in pairwise(segment))
            best, best_move = gain - 1e-9, None
            # insert between a = tour[p] and b = tour[p + 1]
            # (before the start state means: at the end)
            places = {pos[a] for a in pred[first]} | {
                (pos[b] or m) - 1 for b in succ[last]
            }
            if length > 1:
                places |= {pos[a] for a in pred[last]} | {
                    (pos[b] or m) - 1 for b in succ[first]
                }
            for p in places:
                if p < 0 or i - 1 <= p <= i + length - 1:
                    continue
                a, b = tour[p], tour[(p + 1) % m]
                base = cost[a][b]
                added = cost[a][first] + cost[last][b] - base
                if added < best:
                    best, best_move = added, (p, False)
                if length > 1:
                    added = cost[a][last] + cost[first][b] + reverse - inner - base
                    if added < best:
                        best, best_move = added, (p, True)
            if best_move is None:
                i += 1
                continue
            p, flip = best_move
            piece = segment[::-1] if flip else segment
            if p < i:
                tour[p + 1 : i + length] = piece + tour[p + 1 : i]
                _reindex(tour, pos, p + 1, i + length)
            else:
                tour[i : p + 1] = tour[i + length : p + 1] + piece
                _reindex(tour, pos, i, p + 1)
            moved = True
    return moved


def _segment_exchange(cost, tour, pos, succ, pred):
    """Exchange adjacent segments B, C: A B C D becomes A C B D (direction
    kept), the two new arcs into C and into B taken from the candidate lists.
    True if a move was made."""
    m = len(tour)
    moved = False
    i = 1
    while i < m - 1:
        a, b0 = tour[i - 1], tour[i]
        row_a = cost[a]
        applied = False
        for c0 in succ[a]:
            j = pos[c0]
            if j <= i:
                continue
            be = tour[j - 1]
            removed_ab = row_a[b0] + cost[be][c0]
            row_be = cost[be]
            for ce in pred[b0]:
                k = pos[ce] + 1
                if k <= j:
                    continue
                d = tour[k % m]
                delta = row_a[c0] + cost[ce][b0] + row_be[d] - removed_ab - cost[ce][d]
                if delta < -1e-9:
                    tour[i:k] = tour[j:k] + tour[i:j]
                    _reindex(tour, pos, i, k)
                    moved = applied = True
                    break
            if applied:
                break
        if not applied:
            i += 1
    return moved


def _local_search_full(instance, order, deadline):
    """Or-opt judged on the full objective (tardiness included).

    A move changes completion times only from the first position it touches,
    so each candidate is evaluated from there, on the clock and objective of
    the unchanged prefix.
    """
    order = list(order)
    n = len(order)
    cost, processing, due, weight = (
        instance.cost,
        instance.processing,
        instance.due,
        instance.weight,
    )

    def prefix(sequence):
        """Objective and clock before each position of ``sequence``."""
        values, clocks, value, clock, prev = [], [], 0.0, 0.0, n
        for job in sequence:
            values.append(value)
            clocks.append(clock)
            clock += cost[prev][job] + processing[job]
            value += cost[prev][job]
            if due[job] is not None and clock > due[job]:
                value += weight * (clock - due[job])
            prev = job
        values.append(value)
        clocks.append(clock)
        return values, clocks

    def tail_value(sequence, start, value, clock):
        prev = sequence[start - 1] if start else n
        for job in sequence[start:]:
            clock += cost[prev][job] + processing[job]
            value += cost[prev][job]
            if due[job] is not None and clock > due[job]:
                value += weight * (clock - due[job])
            prev = job
        return value

    values, clocks = prefix(order)
    best = values[-1]
    improved = True
    while improved and time.monotonic() < deadline:
        improved = False
        for length in range(1, MAX_OR_OPT + 1):
            for i in range(n - length + 1):
                segment = order[i : i + length]
                rest = order[:i] + order[i + length :]
                for p in range(len(rest) + 1):
                    if p == i:
                        continue
                    trial = rest[:p] + segment + rest[p:]
                    first = min(i, p)
                    value = tail_value(trial, first, values[first], clocks[first])
                    if value < best - 1e-9:
                        order, best, improved = trial, value, True
                        values, clocks = prefix(order)
                        break
                if improved:
                    break
            if improved:
                break
    return order
