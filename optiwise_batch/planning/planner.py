# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""``plan``: a finite-capacity plan across machines, weighted lateness
first, then changeover minutes; ``core_plan``: what core's own planning of
the same work orders gives, as it would run."""

import math
import random
import time

from . import exact
from .schedule import decode

try:
    from ..sequencing import engine
except ImportError:  # loaded on its own (benchmarks, suite tests)
    from sequencing import engine

# a minute of weighted lateness outweighs any changeover minutes the
# single-machine engine weighs it against
LATE_WEIGHT = 1e6
# the dispatch rule's look-ahead on due dates and changeovers (ATCS), in mean
# processing and mean changeover times: each pair gives one first plan
ATCS = ((0.5, 0.3), (2.0, 0.3), (1.0, 1.0), (4.0, 0.1))


# kick rounds of the changeover engine on each machine's sequence (with due
# times, a round on 100 jobs takes about 0.25 s: more rounds gained 1 % of
# changeovers on a 200-order week for 2.5 s)
ENGINE_ROUNDS = 2
# the work a plan may take by default: operations decoded (one decode of a
# plan of n operations counts n), about 6 s of a core for 200 orders; the
# time limit is a safety net, so that the same problem and seed give the same
# plan whatever the machine's load
STEPS = 1_200_000
# the search also ends after this many kicks plus so many per operation
# without a better plan (small plans are done long before the budget)
STALL = (200, 20)
# searches a small plan's budget is shared among, each from one of its best
# first plans (3 did better than 1 and than 5 on generated weeks of 8-15
# orders, seeds 200-202, not those reported)
SEARCHES = 3
# kicks that shake the best plan into the start of a new search
RESTART_KICKS = 5
# record-to-record travel: how much more changeover (a share) a kept plan
# may have than the best, at the start of a search (3 % did no better than
# none on the generated weeks of seeds 200-202)
ACCEPT = 0.0
# the runs of operations local search moves after a kick
LENGTHS = (1, 2, 3)
# moves looked at per operation on large plans: the places after the
# operations it changes over to most cheaply from, per machine
PLACES = 6
# up to this many operations, every place on every machine is tried
SMALL = 60
# up to this many operations (a week of 20 orders of a batch and its
# bottling), CP-SAT takes the local search's best plan on (``exact``), where
# the machines share one calendar: the local search keeps ``EXACT_SEARCH`` of
# the budget, CP-SAT gets ``EXACT_WORK`` of its deterministic time (about as
# many seconds) for both phases; the lateness phase with its default search,
# the changeover phase with ``EXACT_WORKERS`` workers taking turns on one
# thread (its portfolio: searches and neighbourhoods), in ``EXACT_RUNS``
# searches of different seeds. Tuned on generated weeks of 8-15 orders, seeds
# 200-207 (not those reported), against the best plan known (CP-SAT's of 120 s
# a phase, or a better one found while tuning; of the weeks of 15 orders only
# one is proven optimal): every week of 8 orders and 3 of the 4 of 12 at the
# proven optimum (the fourth 4.2 % above), the 8 weeks of 15 orders 1.4 % above
# on average, 5.6 % at worst. Measured before the workers stopped sharing
# learnt clauses (which made runs differ): one worker in two searches, 2.3 % and
# 10.5 % on those 8 weeks; 8 workers without the cuts of
# ``linearization_level`` 2, 3.4 % and 9.3 %; 8 workers in the lateness phase
# too, 25 and 10 weighted late minutes more on a week of 8 orders and one of
# 12; 90 units of work instead of 30, the worst week at 2.0 % in three times
# the time. An implied bound on each machine's changeovers (each product it
# makes entered once, at its cheapest) gained nothing measurable: left out.
EXACT = 40
EXACT_WORK = 30.0
EXACT_WORKERS = 8
EXACT_RUNS = 1
# the share of the budget the local search keeps before CP-SAT
EXACT_SEARCH = 0.25


def plan(problem, time_limit=30.0, seed=0, initial=None, steps=STEPS):
    """The best plan found within a budget of ``steps`` (operations decoded)
    or, as a safety net, ``time_limit`` seconds.

    1. First plans: the apparent-tardiness-cost-with-setups dispatch rule
       (Lee, Bhaskaran & Pinedo, 1997) across machines, the due times of the
       operations upstream derived from those downstream (their due time
       less their duration and lag), for a few look-aheads (``ATCS``); and
       ``initial`` (the current sequences) when given.
    2. Each machine's sequence given to the changeover engine (due times:
       the operation's own, or when its successor starts; lateness weighed
       ``LATE_WEIGHT``), kept when the whole plan is better.
    3. Iterated local search on the whole plan: an operation moved to
       another place on its machine or to an alternative one (every place on
       small plans; on large ones, after the operations it changes over to
       most cheaply from, and earlier when it is late), first improvement;
       then a kick (a few operations moved at random) and local search again,
       kept when not worse than the best; until the budget is spent or
       ``STALL`` kicks in a row found nothing better.
    4. A small plan whose machines share one calendar (``EXACT``
       operations at most), when OR-Tools is installed: CP-SAT from the best
       plan, weighted lateness then changeovers, within ``EXACT_WORK`` of
       its deterministic time for both phases (``exact.finish``).

    Better: less weighted lateness, then fewer changeover minutes.

    :param problem: a ``Problem``
    :param initial: the current sequences (list of operation indexes per
        machine): the result is never worse than it
    :return: the best ``Plan``, with ``seconds``, ``rounds`` (kicks) and
        ``stopped_by`` (``"budget"``, ``"stall"``, ``"time"``; after
        CP-SAT, ``"exact"``, or ``"optimal"`` when it proved the plan
        optimal) set
    """
    if time_limit <= 0:
        raise ValueError("time_limit must be positive")
    began = time.monotonic()
    finisher = (
        len(problem.operations) <= EXACT
        and exact.available()
        and exact.shared_calendar(problem) is not None
    )
    if finisher:
        steps = int(steps * EXACT_SEARCH)
    budget = _Budget(steps, began + time_limit, len(problem.operations))
    rng = random.Random(seed)
    due = derived_due(problem)
    candidates = [decode(problem, dispatch(problem, due, k1, k2)) for k1, k2 in ATCS]
    if initial is not None:
        check_sequences(problem, initial)
        current = decode(problem, initial)
        if current is None:
            raise ValueError("the current sequences contradict the precedences")
        candidates.append(current)
    starts = sorted((c for c in candidates if c is not None), key=lambda p: p.key)
    # a small plan gets a search from each of its best first plans, the
    # budget shared (where a search starts matters more than how long it goes
    # on there); a large one, one search with the whole budget. A search that stalls
    # before its budget is spent hands over to one from the best plan shaken
    # by several kicks.
    searches = min(SEARCHES, len(starts)) if len(problem.operations) <= SMALL else 1
    best, rounds, number, stalled_out = None, 0, 0, False
    total = budget.left
    while number < searches or (stalled_out and not budget.spent()):
        if number < searches:
            start = starts[number]
            share = _Budget(
                total * (number + 1) // searches - (total - budget.left),
                budget.deadline,
                len(problem.operations),
            )
        else:
            start = best
            for _kick_number in range(RESTART_KICKS):
                start, _focus = _kick(problem, start, budget, rng)
            share = _Budget(budget.left, budget.deadline, len(problem.operations))
        given = share.left
        found, done, stalled_out = _search(
            problem, start, due, share, rng, seed + number
        )
        budget.left -= given - share.left
        budget.timed_out |= share.timed_out
        rounds += done
        number += 1
        if best is None or found.key < best.key:
            best = found
        if budget.timed_out:
            break
    stopped_by = "time" if budget.timed_out else "stall" if stalled_out else "budget"
    left = began + time_limit - time.monotonic()
    if finisher and not budget.timed_out and left > 0:
        better, proven = exact.finish(
            problem, best, EXACT_WORK, left, workers=EXACT_WORKERS, runs=EXACT_RUNS
        )
        best = better or best
        stopped_by = "optimal" if proven else "exact"
    best.seconds = time.monotonic() - began
    best.rounds = rounds
    best.stopped_by = stopped_by
    return best


def _search(problem, start, due, budget, rng, seed):
    """One iterated local search from ``start`` within ``budget``: the
    machines' sequences through the changeover engine, then local search,
    kicks and local search again, a result kept while it is no worse than
    the best by more than a margin that shrinks to nothing (record-to-record
    travel on changeover minutes, lateness never worse).

    :return: (best plan, kicks, whether it stalled)
    """
    best = _sequence_machines(problem, start, due, budget, seed)
    current, rounds, stalled = best, 0, 0
    stall = STALL[0] + STALL[1] * len(problem.operations)
    initial, focus = budget.left, None
    while not budget.spent() and stalled < stall:
        current = _local_search(problem, current, budget, rng, focus, LENGTHS)
        stalled += 1
        if current.key < best.key:
            best, stalled = current, 0
        margin = ACCEPT * (budget.left / initial if initial > 0 else 0.0)
        if not _within(current, best, margin):
            current = best
        if budget.spent():
            break
        rounds += 1
        current, focus = _kick(problem, current, budget, rng)
    return best, rounds, stalled >= stall


def _within(plan_, best, margin):
    """Whether ``plan_`` may be kept beside ``best``: no later, and its
    changeover minutes at most ``margin`` (a share) above."""
    late, changeover = plan_.key
    best_late, best_changeover = best.key
    return late <= best_late + 1e-6 and changeover <= best_changeover * (1 + margin)


class _Budget:
    """Operations decoded so far against ``steps``, the deadline a safety
    net."""

    def __init__(self, steps, deadline, size):
        self.left, self.deadline, self.size = steps, deadline, max(size, 1)
        self.timed_out = False

    def decode(self, problem, sequences):
        self.left -= self.size
        return decode(problem, sequences)

    def spent(self):
        if self.left <= 0:
            return True
        if time.monotonic() >= self.deadline:
            self.timed_out = True
            return True
        return False


def check_sequences(problem, sequences):
    """Every operation once, on a machine that can run it."""
    if len(sequences) != len(problem.machines):
        raise ValueError("one sequence per machine is expected")
    seen = sorted(i for seq in sequences for i in seq)
    if seen != list(range(len(problem.operations))):
        raise ValueError("the sequences must hold every operation once")
    for m, sequence in enumerate(sequences):
        for index in sequence:
            if m not in problem.operations[index].options:
                key = problem.operations[index].key
                raise ValueError(f"operation {key!r} cannot run on machine {m}")


def derived_due(problem):
    """Each operation's due time, or the latest end that lets what comes
    after it end on time (its due less its shortest duration and the lag)."""
    ops = problem.operations
    due = [op.due for op in ops]
    for index in reversed(problem.topological):
        for succ, lag in problem.successors[index]:
            if due[succ] is None:
                continue
            latest = due[succ] - min(ops[succ].options.values()) - lag
            if due[index] is None or latest < due[index]:
                due[index] = latest
    return due


def dispatch(problem, due, k1, k2):
    """Sequences by the ATCS dispatch rule: at each step, of the operations
    whose predecessors are planned, on each machine that can run them, the
    one with the highest index ``w / p * exp(-slack / (k1 p)) *
    exp(-changeover / (k2 s))`` (p and s: mean processing and changeover
    minutes), a start later than the earliest possible one discounted."""
    ops, machines = problem.operations, problem.machines
    p_mean = sum(min(op.options.values()) for op in ops) / max(len(ops), 1) or 1.0
    s_values = [v for m in machines for v in (m.changeovers or {}).values()]
    s_values += [m.default for m in machines if m.default]
    s_mean = (sum(s_values) / len(s_values)) if s_values else 1.0
    s_mean = s_mean or 1.0
    waiting = [len(op.after) for op in ops]
    ready_at = [op.release for op in ops]
    ready = {i for i, count in enumerate(waiting) if not count}
    free = [m.available for m in machines]
    last = [m.state for m in machines]
    sequences = [[] for _m in machines]
    lag_calendar = problem.lag_calendar
    while ready:
        setup_cache = {}
        options = []
        for index in ready:
            op = ops[index]
            for m, minutes in op.options.items():
                key = (m, op.product)
                if key not in setup_cache:
                    changeover = problem.changeover(m, last[m], op.product)
                    calendar = machines[m].calendar
                    setup_cache[key] = (
                        changeover,
                        calendar.add(calendar.next_open(free[m]), changeover),
                    )
                changeover, setup_end = setup_cache[key]
                start = machines[m].calendar.next_open(max(setup_end, ready_at[index]))
                options.append((start, index, m, minutes, changeover))
        earliest = min(option[0] for option in options)
        best, best_value = None, -1.0
        for start, index, m, minutes, changeover in options:
            op = ops[index]
            p = max(minutes, 1e-6)
            if due[index] is None:
                urgency = math.exp(-20.0)
            else:
                slack = max(due[index] - p - start, 0.0)
                urgency = math.exp(-min(slack / (k1 * p_mean), 700.0))
            value = (
                op.weight
                / p
                * urgency
                * math.exp(-changeover / (k2 * s_mean))
                * math.exp(-(start - earliest) / p_mean)
            )
            if value > best_value or (
                value == best_value and (start, index, m) < best[:3]
            ):
                best, best_value = (start, index, m, minutes), value
        start, index, m, minutes = best
        end = machines[m].calendar.add(start, minutes)
        sequences[m].append(index)
        free[m], last[m] = end, ops[index].product
        ready.discard(index)
        for succ, lag in problem.successors[index]:
            at = lag_calendar.add(end, lag) if lag else end
            ready_at[succ] = max(ready_at[succ], at)
            waiting[succ] -= 1
            if not waiting[succ]:
                ready.add(succ)
    return sequences


def _sequence_machines(problem, plan_, due, budget, seed):
    """Each machine's sequence given to the single-machine changeover engine,
    kept when the whole plan gets better."""
    best = plan_
    ops = problem.operations
    for m, machine in enumerate(problem.machines):
        if budget.spent():
            break
        sequence = best.sequences[m]
        if len(sequence) < 3:
            continue
        slots = best.slots
        calendar = machine.calendar
        origin = slots[sequence[0]].setup_start
        products = [ops[i].product for i in sequence]
        setup = [[problem.changeover(m, a, b) for b in products] for a in products]
        start_setup = [problem.changeover(m, machine.state, b) for b in products]
        processing = [ops[i].options[m] for i in sequence]
        dues = []
        for i in sequence:
            # its own due, or the latest end that keeps its successors' starts
            limit = due[i] if ops[i].due is not None else None
            for succ, lag in problem.successors[i]:
                start = slots[succ].start - lag
                limit = start if limit is None else min(limit, start)
            dues.append(None if limit is None else calendar.working(origin, limit))
        on_time = [k for k, i in enumerate(sequence) if not slots[i].lateness]
        result = engine.solve(
            setup,
            processing,
            due=dues,
            start_setup=start_setup,
            weight=LATE_WEIGHT if any(d is not None for d in dues) else 0.0,
            time_limit=max(budget.deadline - time.monotonic(), 0.01),
            seed=seed,
            max_iterations=ENGINE_ROUNDS,
            protect=on_time,
            initial=list(range(len(sequence))),
        )
        sequences = [list(s) for s in best.sequences]
        sequences[m] = [sequence[k] for k in result["order"]]
        candidate = budget.decode(problem, sequences)
        if candidate is not None and candidate.key < best.key:
            best = candidate
    return best


def _local_search(problem, plan_, budget, rng, focus=None, lengths=(1, 2, 3)):
    """Moves of one operation, or of a run of 2 or 3 operations on one
    machine, to another place, and on small plans swaps of two operations
    when no move of one is better; first improvement, until none improves or the
    budget is spent. With ``focus`` (operations a kick touched), only those
    and the operations next to a move are looked at (don't-look bits)."""
    best = plan_
    ops = problem.operations
    small = len(ops) <= SMALL
    active = list(range(len(ops))) if focus is None else list(dict.fromkeys(focus))
    rng.shuffle(active)
    queued = set(active)
    while active and not budget.spent():
        index = active.pop()
        queued.discard(index)
        m = best.slots[index].machine
        position = best.sequences[m].index(index)
        moved = False
        for length in lengths:
            segment = best.sequences[m][position : position + length]
            if len(segment) < length:
                # the runs starting here end at the machine's last operation
                break
            candidate = _move_segment(
                problem, best, budget, segment, m, position, small
            )
            if candidate is not None:
                best = candidate
                for other in _neighbours(best, segment, m, position):
                    if other not in queued:
                        queued.add(other)
                        active.append(other)
                moved = True
                break
        if not moved and small and not budget.spent():
            swapped = _swap(problem, best, budget, index, m, position)
            if swapped is not None:
                best, other = swapped
                for touched in _around(best, [index, other]):
                    if touched not in queued:
                        queued.add(touched)
                        active.append(touched)
    return best


def _swap(problem, plan_, budget, index, m, position):
    """The first better plan with ``index`` (at ``position`` on machine
    ``m``) and another operation exchanged, each where the other was, or
    None; :return: (plan, the other operation)."""
    ops = problem.operations
    for b in sorted(ops[index].options):
        for q, other in enumerate(plan_.sequences[b]):
            if other == index or m not in ops[other].options:
                continue
            if b == m and abs(q - position) < 2:
                continue  # next to it: a move of one
            sequences = [list(s) for s in plan_.sequences]
            sequences[m][position], sequences[b][q] = other, index
            candidate = budget.decode(problem, sequences)
            if candidate is not None and candidate.key < plan_.key:
                return candidate, other
            if budget.spent():
                return None
    return None


def _neighbours(plan_, segment, machine, position):
    """The operations next to where ``segment`` left and where it went."""
    result = set(segment)
    for m, sequence in enumerate(plan_.sequences):
        if m == machine:
            result.update(sequence[max(0, position - 2) : position + 2])
        if segment[0] in sequence:
            at = sequence.index(segment[0])
            result.update(sequence[max(0, at - 2) : at + len(segment) + 2])
    return result


def _move_segment(problem, plan_, budget, segment, m, position, small):
    """The first better plan with ``segment`` (operations at ``position`` on
    machine ``m``) moved to another place, or None."""
    ops = problem.operations
    shared = set.intersection(*(set(ops[i].options) for i in segment))
    for other, p in _places(problem, plan_, segment[0], m, position, small):
        if other not in shared or (
            other == m and position <= p <= position + len(segment)
        ):
            continue
        sequences = [list(s) for s in plan_.sequences]
        del sequences[m][position : position + len(segment)]
        if other == m and p > position:
            p -= len(segment)
        sequences[other][p:p] = segment
        candidate = budget.decode(problem, sequences)
        if candidate is not None and candidate.key < plan_.key:
            return candidate
        if budget.spent():
            return None
    return None


def _places(problem, plan_, index, m, position, small):
    """Where to try ``index`` (now at ``position`` on machine ``m``):
    ``(machine, place before which it goes)`` pairs, nearest first."""
    op = problem.operations[index]
    places = []
    for other in sorted(op.options):
        sequence = plan_.sequences[other]
        if small:
            places += [(other, p) for p in range(len(sequence) + 1)]
            continue
        # the cheapest insertions by changeovers, and around its own time
        places += [
            (other, p) for p in _cheapest_places(problem, sequence, other, index)
        ]
        if other == m and plan_.slots[index].lateness:
            places += [(m, max(0, position - back)) for back in (1, 2, 4, 8, 16)]
    seen, result = {(m, position), (m, position + 1)}, []
    for place in places:
        if place not in seen:
            seen.add(place)
            result.append(place)
    result.sort(key=lambda place: (place[0] != m, abs(place[1] - position)))
    return result


def _kick(problem, plan_, budget, rng):
    """A new plan near ``plan_``: every other time, a few operations moved
    at random (each to a random place on one of its machines); else ruin and
    recreate: operations related to a random one (of its product, or planned
    near it on its machine) taken out and put back one by one where the
    plan is best."""
    if rng.random() < 0.5:
        return _ruin_recreate(problem, plan_, budget, rng)
    ops = problem.operations
    for _attempt in range(10):
        sequences = [list(s) for s in plan_.sequences]
        touched = []
        for _move in range(rng.randint(2, 3)):
            index = rng.randrange(len(ops))
            touched.append(index)
            for sequence in sequences:
                if index in sequence:
                    sequence.remove(index)
                    break
            other = rng.choice(sorted(ops[index].options))
            sequences[other].insert(rng.randint(0, len(sequences[other])), index)
        candidate = budget.decode(problem, sequences)
        if candidate is not None:
            return candidate, _around(candidate, touched)
    return plan_, []


def _around(plan_, indexes):
    """``indexes`` and the operations next to them on their machines."""
    result = set()
    for index in indexes:
        sequence = plan_.sequences[plan_.slots[index].machine]
        at = sequence.index(index)
        result.update(sequence[max(0, at - 2) : at + 3])
    return sorted(result)


def _ruin_recreate(problem, plan_, budget, rng):
    ops = problem.operations
    n = len(ops)
    seed = rng.randrange(n)
    slot = plan_.slots[seed]
    sequence = plan_.sequences[slot.machine]
    at = sequence.index(seed)
    related = [i for i in range(n) if ops[i].product == ops[seed].product]
    related += sequence[max(0, at - 2) : at + 3]
    rng.shuffle(related)
    count = rng.randint(2, max(3, min(12, n // 6)))
    removed = list(dict.fromkeys([seed, *related]))[:count]
    sequences = [[i for i in s if i not in removed] for s in plan_.sequences]
    small = n <= SMALL
    for index in removed:
        best, best_sequences = None, None
        for other in sorted(ops[index].options):
            places = range(len(sequences[other]) + 1)
            if not small:
                places = _cheapest_places(problem, sequences[other], other, index)
            for p in places:
                trial = [list(s) for s in sequences]
                trial[other].insert(p, index)
                # the others still out: decode what is placed, as if they
                # were not there (their successors wait on nothing)
                candidate = _decode_partial(problem, trial, budget)
                if candidate is not None and (best is None or candidate < best):
                    best, best_sequences = candidate, trial
            if budget.spent():
                return plan_, []
        if best_sequences is None:
            return plan_, []
        sequences = best_sequences
    result = budget.decode(problem, sequences)
    if result is None:
        return plan_, []
    return result, _around(result, removed)


def _decode_partial(problem, sequences, budget):
    """The key of the plan of the operations in ``sequences`` (the others
    left out: the precedences on them ignored), or None when they contradict
    the precedences."""
    placed = {i for s in sequences for i in s}
    if len(placed) == len(problem.operations):
        plan_ = budget.decode(problem, sequences)
        return None if plan_ is None else plan_.key
    budget.left -= len(placed)
    return _partial_key(problem, sequences, placed)


def _partial_key(problem, sequences, placed):
    ops = problem.operations
    sub = {i: k for k, i in enumerate(sorted(placed))}
    sub_ops = [
        op._replace(after=tuple((sub[b], lag) for b, lag in op.after if b in sub))
        for i, op in enumerate(ops)
        if i in sub
    ]
    sub_problem = _SubProblem(problem, sub_ops)
    plan_ = decode(sub_problem, [[sub[i] for i in s] for s in sequences])
    return None if plan_ is None else plan_.key


class _SubProblem:
    """Some of a problem's operations, on its machines (no checks again)."""

    def __init__(self, problem, operations):
        self.machines = problem.machines
        self.operations = operations
        self.lag_calendar = problem.lag_calendar
        self.changeover = problem.changeover
        self.successors = [[] for _op in operations]
        for index, op in enumerate(operations):
            for before, lag in op.after:
                self.successors[before].append((index, lag))


def _cheapest_places(problem, sequence, machine, index):
    """The ``PLACES`` places in ``sequence`` where ``index`` adds the least
    changeover."""
    ops, state = problem.operations, problem.machines[machine].state
    product = ops[index].product
    costs = []
    for p in range(len(sequence) + 1):
        before = ops[sequence[p - 1]].product if p else state
        after = ops[sequence[p]].product if p < len(sequence) else None
        added = problem.changeover(machine, before, product)
        if after is not None:
            added += problem.changeover(machine, product, after)
            added -= problem.changeover(machine, before, after)
        costs.append((added, p))
    costs.sort()
    return [p for _added, p in costs[:PLACES]]


def core_plan(problem, order):
    """Core's own planning of the same operations, as it would run.

    Core plans the manufacturing orders one by one (``order``: operation
    indexes in the order their orders were confirmed), each operation at the
    first slot of its work center or an alternative where it fits (the one
    that ends first), after the previous operation of its order, from the
    start of the plan: it knows neither changeovers nor what an order waits
    for from another order (the QC release of a batch it uses). The plan then
    runs as planned, each machine in the order of its planned starts, the
    changeovers and waits made as they come (``decode``).

    :return: the ``Plan`` as it would run
    """
    ops, machines = problem.operations, problem.machines
    busy = [[] for _m in machines]  # (start, end) of planned slots, sorted
    planned = {}
    for index in order:
        op = ops[index]
        earliest = op.release
        for before, _lag in op.after:
            # core chains the work orders of one manufacturing order only:
            # a predecessor from another order (a batch used) is not waited on
            if before in planned and _same_order(op, ops[before]):
                earliest = max(earliest, planned[before][2])
        options = []
        for m, minutes in op.options.items():
            start, end = _first_slot(
                machines[m].calendar,
                busy[m],
                max(earliest, machines[m].available),
                minutes,
            )
            options.append((end, m, start))
        end, m, start = min(options)
        busy[m].append((start, end))
        busy[m].sort()
        planned[index] = (m, start, end)
    sequences = [[] for _m in machines]
    for index, (m, _start, _end) in sorted(planned.items(), key=lambda kv: kv[1][1]):
        sequences[m].append(index)
    result = decode(problem, sequences)
    if result is None:
        # core's sequences wait on each other: run each machine in the order
        # the precedences allow, nearest to core's
        result = decode(problem, _respecting(problem, planned))
    return result


def _same_order(op, other):
    return op.order is not None and op.order == other.order


def _first_slot(calendar, busy, earliest, minutes):
    """The first start at or after ``earliest`` where ``minutes`` of work fit
    between the planned slots ``busy``."""
    start = calendar.next_open(earliest)
    for slot_start, slot_end in busy:
        end = calendar.add(start, minutes)
        if end <= slot_start:
            break
        if slot_end > start:
            start = calendar.next_open(slot_end)
    return start, calendar.add(start, minutes)


def _respecting(problem, planned):
    """Sequences in core's planned order where the precedences allow it."""
    position = {index: planned[index][1] for index in planned}
    sequences = [[] for _m in problem.machines]
    for index in problem.topological:
        sequences[planned[index][0]].append(index)
    for sequence in sequences:
        sequence.sort(key=lambda i: position[i])
    return sequences
