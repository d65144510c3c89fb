# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The assignment relaxation of a tour: each node given its best successor,
no node its own, with the dual values that price every arc."""

import math


def _start(rows, m):
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


def assignment(cost, m):
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
    u, v, owner, left = _start(rows, m)
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


def cycles_of(succ):
    cycles, seen = [], [False] * len(succ)
    for node in range(len(succ)):
        if not seen[node]:
            cycle = cycle_from(succ, node)
            for member in cycle:
                seen[member] = True
            cycles.append(cycle)
    return cycles


def cycle_from(succ, node):
    cycle, current = [node], succ[node]
    while current != node:
        cycle.append(current)
        current = succ[current]
    return cycle
