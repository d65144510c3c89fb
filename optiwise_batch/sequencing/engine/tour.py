# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Changeovers alone: a tour of the search graph under moves that keep the
direction of travel (or-opt, segment exchange, a local double bridge), and
the walk the search driver runs on it."""

import time
from itertools import pairwise

from .search import EPSILON

MAX_OR_OPT = 3
KICK_SPAN = 30
# record-to-record travel: how much worse than the best tour a tour may be
# kept, in mean arcs of the canonical matrix (``Instance.canonical``), at the
# start of the search (2 on generated instances of seeds 100-101, 24 of them:
# 1 and 4 were 0.1 % worse on average)
ACCEPT = 2.0


class Tour:
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


class ChangeoverWalk:
    """The search driver's walk on changeovers alone: a kick is a local
    double bridge on the tour, local search runs around the nodes it
    touched; a dropped trial restores the kept tour. Its budget is
    ``rounds`` or, when ``work`` is given, work counted as moves looked at,
    nodes moved and two nodes per node of the tour for each round (kept or
    restored)."""

    def __init__(self, instance, order, deadline, rounds, work=None):
        self.search = search = Tour(instance, order)
        search.improve(search.tour[::-1], deadline)
        self.deadline = deadline
        self.tour, self.pos = search.tour, search.pos
        self.m = m = len(self.tour)
        self.span = max(1, min(KICK_SPAN, (m - 1) // 3))
        self.cyclic = instance.cyclic
        self.current = self.best = search.value
        self.saved_tour, self.saved_pos = self.tour[:], self.pos[:]
        self.best_tour = self.tour[:]
        # the margin of record-to-record travel, from the mean cost of an
        # arc of the first tour on the canonical matrix (invariant to a
        # constant added to every changeover)
        self.threshold = ACCEPT * self.current / m
        self.work = work
        self.budget = float(rounds) if work is None else work
        self.done = 0

    def used(self):
        if self.work is None:
            return self.done
        return self.search.evaluations + self.search.moved + 2 * self.m * self.done

    def spent(self):
        return self.used() >= self.budget

    def progress(self):
        return self.used() / self.budget if self.budget else 1.0

    def perturb(self, rng, round_):
        self.done += 1
        if self.cyclic and not round_ % 32:
            # a cycle has no first job: let every job be moved in turn
            self.search.rotate(rng.randrange(1, self.m))
        touched = self.search.kick(rng, self.span)
        self.search.improve(touched, self.deadline)
        return self.search.value

    def keep(self, _value):
        search = self.search
        self.current = search.value = search.length()
        self.saved_tour[:], self.saved_pos[:] = self.tour, self.pos
        if self.current < self.best - EPSILON:
            self.best = self.current
            self.best_tour[:] = self.tour

    def drop(self, _rng):
        self.tour[:], self.pos[:] = self.saved_tour, self.saved_pos
        self.search.value = self.current

    def order(self):
        """The best order found."""
        self.tour[:] = self.best_tour
        return self.search.order()
