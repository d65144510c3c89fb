# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""With due times: or-opt judged on the full objective (changeovers plus
weighed lateness), and the walk the search driver runs on it."""

import math
import time

from .search import EPSILON

MAX_OR_OPT = 3
# places tried on each side of a segment's own
WINDOW = 6
CALL_STEPS = 25  # what one evaluation costs besides its job steps


def kick(order, rng):
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


def places(instance, order, i, length, rest):
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


def local_search(instance, order, deadline, steps):
    """Or-opt judged on the full objective (tardiness included): each
    segment of 1 to 3 jobs tried near its place and after or before the jobs
    of its candidate arcs, first improvement, until no move improves, the
    deadline, or ``steps`` ([job steps left]) runs out.

    A move changes completion times only from the first position it touches,
    so each candidate is run (``Instance.run``) from there, on the clock and
    objective of the unchanged prefix; from the last position it touches on,
    the jobs are those of the current order, so when the clock and objective
    there are no better than the current order's, the move cannot improve
    it and the rest is not run.
    """
    order = list(order)
    n = len(order)
    run = instance.run

    def tail_value(sequence, start, settled):
        steps[0] -= CALL_STEPS + settled - start
        prev, clock, value = run(
            sequence, start, settled, None, clocks[start], values[start]
        )
        if settled >= n:
            return value
        if clock >= clocks[settled] - EPSILON and value >= values[settled]:
            return math.inf
        steps[0] -= n - settled
        return run(sequence, settled, None, prev, clock, value)[2]

    values, clocks = instance.prefix(order)
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
                for p in places(instance, order, i, length, rest):
                    trial = rest[:p] + segment + rest[p:]
                    first = min(i, p)
                    value = tail_value(trial, first, max(i + length, p + length))
                    if value < best - EPSILON:
                        order, best, improved, moved = trial, value, True, True
                        values, clocks = instance.prefix(order)
                        break
                if moved:
                    break
            if not moved:
                i += 1
    return order


class TardinessWalk:
    """The search driver's walk on the full objective: a kick is a double
    bridge on the job order, then full-objective local search; a dropped
    trial is forgotten, except that with probability ``restart`` the walk
    goes back to the best (which keeps it near good orders). Its budget is
    ``steps`` job steps of the evaluation of moves."""

    def __init__(self, instance, order, deadline, steps, restart=0.0):
        self.instance, self.deadline = instance, deadline
        self.steps, self.total = [steps], steps
        self.restart = restart
        self.order = local_search(instance, order, deadline, self.steps)
        self.current = instance.objective(self.order)
        self.best_order, self.best = self.order, self.current
        self.trial = None

    def spent(self):
        return self.steps[0] <= 0

    def progress(self):
        return min(1.0, 1 - self.steps[0] / self.total) if self.total else 1.0

    def perturb(self, rng, _round):
        instance = self.instance
        self.trial = local_search(
            instance, kick(self.order, rng), self.deadline, self.steps
        )
        return instance.objective(self.trial)

    def keep(self, value):
        self.order, self.current = self.trial, value
        if value < self.best - EPSILON:
            self.best_order, self.best = self.trial, value

    def drop(self, rng):
        if self.restart and rng.random() < self.restart:
            self.order, self.current = self.best_order, self.best
