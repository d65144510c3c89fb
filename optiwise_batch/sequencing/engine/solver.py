# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""``solve``: construction, then the search driver on the walk that fits the
problem, within a budget that makes the same input and seed give the same
order whatever the machine's load."""

import random
import time

from .instance import Instance, check_permutation
from .search import iterated_search, not_worse, record_to_record
from .tardiness import TardinessWalk
from .tour import ChangeoverWalk

# with tardiness: the job steps (one job rescheduled) the evaluation of moves
# may take in all, about 3 s of a core
TARDINESS_STEPS = 20_000_000
# changeovers alone: the work the search may do when no round budget is
# given, counted as moves looked at, nodes moved and two nodes per node of
# the tour for each round (kept or restored); about 2.5 s of a core, half the
# default time limit, so that a loaded machine still ends on the budget (the
# same sequence) and the limit stays a safety net. Rounds are cheaper on some
# matrices than on others: a budget of work gives those more of them.
CHANGEOVER_WORK = 14_000_000


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
    check_permutation(order, instance.n)
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
        check_permutation(initial, n)
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
        walk = TardinessWalk(
            instance,
            min(starts, key=instance.objective),
            deadline,
            TARDINESS_STEPS,
            # an occasional restart from the best keeps the walk near good tours
            restart=0.05,
        )
        rounds = iterated_search(
            walk, not_worse, max_iterations, deadline, random.Random(seed)
        )
        order = walk.best_order
        evaluations = TARDINESS_STEPS - walk.steps[0]
        if walk.spent():
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

    The search runs on the problem's canonical matrix (``Instance.canonical``):
    a constant added to every changeover leaves the order it finds as it was.

    :return: (order, rounds done, moves looked at, whether a budget ended it)
    """
    instance = instance.canonical()
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


def _search_changeovers(instance, order, deadline, rng, rounds, work=None):
    """The search driver on changeovers alone, under record-to-record travel.

    :return: (best order found, rounds done, moves looked at, work done,
        whether a budget ended it)
    """
    walk = ChangeoverWalk(instance, order, deadline, rounds, work)
    if walk.m < 4:
        # nothing a kick could change: the budget is as good as spent
        return walk.order(), rounds, walk.search.evaluations, 0, True
    done = iterated_search(
        walk, record_to_record(walk.threshold), rounds, deadline, rng
    )
    exhausted = walk.spent() or done >= rounds
    return walk.order(), done, walk.search.evaluations, walk.used(), exhausted


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
