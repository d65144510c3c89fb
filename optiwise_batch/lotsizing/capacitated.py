# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Several products on one line, period by period: capacitated lot sizing with
setup times (CLSP). Each period the line has ``capacity`` time; making a unit
of product ``i`` takes ``unit_time[i]``, a batch of it ``setup_time[i]`` more.
Demand is met on time from stock or production; the plan minimises setup and
holding cost.

- :func:`plan`: the heuristic of Trigeiro, Thomas and McClain (1989), always
  available: the capacity constraints are priced by Lagrange multipliers, each
  product is then an uncapacitated Wagner-Whitin problem with those prices,
  a smoothing pass moves production earlier until every period fits, and
  subgradient steps improve the prices; the best feasible plan is kept,
  followed by a local search that removes setups where the capacity allows.
- :func:`solve_milp`: the exact answer through HiGHS (``highspy``, MIT), in the
  facility-location formulation (tight enough to prove optima at plant size).
"""

import math
import time

EPS = 1e-9
# plans within this share of the best get the local search
LOCAL_MARGIN = 0.05
# the best distinct plans of the relaxation the pattern search starts from
STARTS = 5


class Problem:
    def __init__(
        self, demand, setup_cost, holding_cost, unit_time, setup_time, capacity
    ):
        self.n = len(demand)
        self.periods = len(capacity)
        if not self.n or any(len(row) != self.periods for row in demand):
            raise ValueError("give one row of demand per product, one value per period")
        for name, values in (
            ("setup_cost", setup_cost),
            ("holding_cost", holding_cost),
            ("unit_time", unit_time),
            ("setup_time", setup_time),
        ):
            if len(values) != self.n:
                raise ValueError(f"give one {name} per product")
        flat = [v for row in demand for v in row]
        flat += [*setup_cost, *holding_cost, *unit_time, *setup_time, *capacity]
        if any(not math.isfinite(v) or v < 0 for v in flat):
            raise ValueError("figures must be finite and not negative")
        self.demand = [[float(v) for v in row] for row in demand]
        self.setup_cost = [float(v) for v in setup_cost]
        self.holding = [float(v) for v in holding_cost]
        self.unit_time = [float(v) for v in unit_time]
        self.setup_time = [float(v) for v in setup_time]
        self.capacity = [float(v) for v in capacity]
        # cumulative demand and capacity: no plan exists when the demand up
        # to a period needs more time than the line had until then
        need, have, started = 0.0, 0.0, set()
        for t in range(self.periods):
            have += self.capacity[t]
            for i in range(self.n):
                need += self.unit_time[i] * self.demand[i][t]
                if self.demand[i][t] > EPS and i not in started:
                    # at least one changeover into it by then
                    started.add(i)
                    need += self.setup_time[i]
            if need > have + EPS:
                raise ValueError(
                    f"the demand up to period {t + 1} needs {need:g} of the line's "
                    f"time, it has {have:g}: no plan meets it"
                )

    def cost(self, lots):
        """Setup and holding cost of ``lots`` (per product, per period);
        None when demand is not met."""
        total = 0.0
        for i in range(self.n):
            stock = 0.0
            for t in range(self.periods):
                stock += lots[i][t] - self.demand[i][t]
                if stock < -1e-6:
                    return None
                total += self.holding[i] * max(stock, 0.0)
                if lots[i][t] > EPS:
                    total += self.setup_cost[i]
        return total

    def stock(self, lots, i):
        """Product i's stock at the end of each period."""
        level, result = 0.0, []
        for k in range(self.periods):
            level += lots[i][k] - self.demand[i][k]
            result.append(level)
        return result

    def load(self, lots, t):
        return sum(
            self.unit_time[i] * lots[i][t]
            + (self.setup_time[i] if lots[i][t] > EPS else 0.0)
            for i in range(self.n)
        )


def _wagner_whitin(demand, setup, unit, holding):
    """Uncapacitated lot sizing with costs per period: ``setup[t]`` a batch,
    ``unit[t]`` a unit made in t, ``holding`` per unit and period. The lots."""
    periods = len(demand)
    best = [0.0] * (periods + 1)
    choice = [0] * (periods + 1)
    for end in range(1, periods + 1):
        best[end] = math.inf
        for start in range(end):
            # one lot in ``start`` covers start .. end - 1
            cost = best[start] + (setup[start] if any(demand[start:end]) else 0.0)
            carried = 0.0
            for k in range(start, end):
                cost += (unit[start] + carried) * demand[k]
                carried += holding
            if cost < best[end] - EPS:
                best[end], choice[end] = cost, start
    lots, end = [0.0] * periods, periods
    while end:
        start = choice[end]
        lots[start] += sum(demand[start:end])
        end = start
    return lots


def _postpone(problem, lots):
    """Forward pass: production made ahead of its demand moves later, into
    periods with room before that demand, while a period is over capacity."""
    n, periods = problem.n, problem.periods
    for t in range(periods):
        moved = True
        while moved and problem.load(lots, t) > problem.capacity[t] + 1e-7:
            moved = False
            over = problem.load(lots, t) - problem.capacity[t]
            for i in sorted(range(n), key=lambda i: -problem.holding[i]):
                if lots[i][t] <= EPS:
                    continue
                a = problem.unit_time[i] or EPS
                stock = problem.stock(lots, i)
                room = math.inf
                for later in range(t + 1, periods):
                    room = min(room, stock[later - 1])
                    if room <= EPS:
                        break
                    slack = problem.capacity[later] - problem.load(lots, later)
                    if lots[i][later] <= EPS:
                        slack -= problem.setup_time[i]
                    qty = min(room, lots[i][t], slack / a, over / a)
                    if qty > EPS:
                        lots[i][t] -= qty
                        lots[i][later] += qty
                        moved = True
                        break
                if moved:
                    break
    return lots


def _smooth(problem, lots):
    """Move production later (what was made ahead) then earlier until every
    period fits its capacity, the cheapest move per unit of time freed first.
    None when it cannot."""
    lots = _postpone(problem, [row[:] for row in lots])
    n, periods = problem.n, problem.periods
    for t in range(periods - 1, -1, -1):
        guard = 0
        while problem.load(lots, t) > problem.capacity[t] + 1e-7:
            guard += 1
            if guard > 10 * n * periods:
                return None
            over = problem.load(lots, t) - problem.capacity[t]
            best = None
            for i in range(n):
                if lots[i][t] <= EPS:
                    continue
                a = problem.unit_time[i] or EPS
                for back in range(t - 1, -1, -1):
                    slack = problem.capacity[back] - problem.load(lots, back)
                    opening = lots[i][back] <= EPS
                    if opening:
                        slack -= problem.setup_time[i]
                    if slack <= EPS:
                        continue
                    whole = lots[i][t]
                    options = []
                    if whole * a <= slack + EPS:
                        # the whole lot: its changeover is freed too
                        options.append((whole, whole * a + problem.setup_time[i]))
                    part = min(whole, slack / a, over / a)
                    if EPS < part < whole - EPS:
                        options.append((part, part * a))
                    for qty, freed in options:
                        cost = problem.holding[i] * qty * (t - back)
                        cost += problem.setup_cost[i] if opening else 0.0
                        cost -= problem.setup_cost[i] if qty >= whole - EPS else 0.0
                        rate = cost / max(min(freed, over), EPS)
                        if best is None or rate < best[0]:
                            best = (rate, i, back, qty)
            if best is None:
                return None
            _rate, i, back, qty = best
            lots[i][t] -= qty
            if lots[i][t] < EPS:
                lots[i][t] = 0.0
            lots[i][back] += qty
    return lots


def _quantities(problem, setups):
    """The lots of a setup pattern (``setups[i]``: the periods product i is
    made in): each period, from the last, makes the demand waiting for it,
    the units whose next chance (an earlier setup of their product) would
    cost most in holding first. None when demand cannot be met.

    :return: (cost, lots) or None
    """
    n, periods = problem.n, problem.periods
    lots = [[0.0] * periods for _i in range(n)]
    waiting = [0.0] * n
    previous = [[None] * periods for _i in range(n)]
    for i in range(n):
        last = None
        for t in range(periods):
            previous[i][t] = last
            if t in setups[i]:
                last = t
    for t in range(periods - 1, -1, -1):
        for i in range(n):
            waiting[i] += problem.demand[i][t]
        room = problem.capacity[t] - sum(
            problem.setup_time[i] for i in range(n) if t in setups[i]
        )
        if room < -EPS:
            return None
        makers = [i for i in range(n) if t in setups[i] and waiting[i] > EPS]

        def urgency(i, t=t):
            earlier = previous[i][t]
            if earlier is None:
                return math.inf
            return problem.holding[i] * (t - earlier) / (problem.unit_time[i] or EPS)

        for i in sorted(makers, key=urgency, reverse=True):
            a = problem.unit_time[i]
            qty = waiting[i] if not a else min(waiting[i], max(room, 0.0) / a)
            lots[i][t] += qty
            waiting[i] -= qty
            room -= qty * a
        for i in range(n):
            if waiting[i] > 1e-7 and previous[i][t] is None and t in setups[i]:
                return None  # no earlier chance to make it
    if any(w > 1e-7 for w in waiting):
        return None
    for i in range(n):
        for t in setups[i]:
            if lots[i][t] <= EPS:
                return None  # a setup that makes nothing is not a plan
    total = problem.cost(lots)
    return None if total is None else (total, lots)


def _pattern_search(problem, lots, deadline):
    """Local search over the setup pattern: drop a setup, add one, or move
    one a period earlier or later, each pattern priced with its best-found
    quantities (:func:`_quantities`); first improvement, until none."""
    n, periods = problem.n, problem.periods
    setups = [{t for t in range(periods) if lots[i][t] > EPS} for i in range(n)]
    found = _quantities(problem, setups)
    best_cost, best_lots = problem.cost(lots), lots
    if found is not None and found[0] < best_cost:
        best_cost, best_lots = found
    improved = True
    while improved and time.monotonic() < deadline:
        improved = False
        for i in range(n):
            for t in range(periods):
                moves = []
                if t in setups[i]:
                    moves.append({t: False})
                    for other in (t - 1, t + 1):
                        if 0 <= other < periods and other not in setups[i]:
                            moves.append({t: False, other: True})
                else:
                    moves.append({t: True})
                for move in moves:
                    trial = [set(p) for p in setups]
                    for period, present in move.items():
                        (trial[i].add if present else trial[i].discard)(period)
                    result = _quantities(problem, trial)
                    if result is not None and result[0] < best_cost - 1e-7:
                        best_cost, best_lots = result
                        setups = trial
                        improved = True
                        break
    return best_lots, best_cost


def _push_later(problem, lots):
    """Local search: what a lot makes ahead of demand moves into a later lot
    of the same product that has room (no new changeover, less stock)."""
    n, periods = problem.n, problem.periods
    improved = True
    while improved:
        improved = False
        for i in range(n):
            a = problem.unit_time[i] or EPS
            for t in range(periods - 1):
                if lots[i][t] <= EPS:
                    continue
                stock = problem.stock(lots, i)
                room = math.inf
                for later in range(t + 1, periods):
                    room = min(room, stock[later - 1])
                    if room <= 1e-7:
                        break
                    if lots[i][later] <= EPS:
                        continue
                    slack = problem.capacity[later] - problem.load(lots, later)
                    qty = min(room, lots[i][t], slack / a)
                    if qty > 1e-7 and qty < lots[i][t] - 1e-7:
                        lots[i][t] -= qty
                        lots[i][later] += qty
                        improved = True
                        break
    return lots


def _drop_setups(problem, lots):
    """Local search: merge a lot into its product's previous lot when the
    capacity allows and the plan gets cheaper; until nothing improves."""
    lots = [row[:] for row in lots]
    current = problem.cost(lots)
    improved = True
    while improved:
        improved = False
        for i in range(problem.n):
            for t in range(problem.periods - 1, 0, -1):
                if lots[i][t] <= EPS:
                    continue
                for back in range(t - 1, -1, -1):
                    if lots[i][back] <= EPS:
                        continue
                    trial = [row[:] for row in lots]
                    trial[i][back] += trial[i][t]
                    trial[i][t] = 0.0
                    if problem.load(trial, back) > problem.capacity[back] + 1e-7:
                        break
                    cost = problem.cost(trial)
                    if cost is not None and cost < current - 1e-7:
                        lots, current, improved = trial, cost, True
                    break
        if not improved:
            pushed = _push_later(problem, [row[:] for row in lots])
            cost = problem.cost(pushed)
            if cost is not None and cost < current - 1e-7:
                lots, current, improved = pushed, cost, True
    return lots, current


def plan(
    demand,
    setup_cost,
    holding_cost,
    unit_time,
    setup_time,
    capacity,
    iterations=1000,
    time_limit=10.0,
):
    """A good feasible plan (Lagrangian relaxation, smoothing, local search).

    :param list demand: per product, units per period
    :param list setup_cost: per product, cost of a batch
    :param list holding_cost: per product, cost of a unit in stock at the end
        of a period
    :param list unit_time: per product, line time per unit
    :param list setup_time: per product, line time of a changeover into it
    :param list capacity: per period, line time available
    :return: dict ``lots`` (per product, per period), ``cost``,
        ``lower_bound`` (the best Lagrangian bound), ``iterations``,
        ``seconds``
    :raises ValueError: on bad input, or demand the line cannot meet
    """
    began = time.monotonic()
    problem = Problem(demand, setup_cost, holding_cost, unit_time, setup_time, capacity)
    n, periods = problem.n, problem.periods
    prices = [0.0] * periods
    best_lots, best_cost, bound = None, math.inf, -math.inf
    pool = []
    step = 2.0
    stale = 0
    done = 0
    while done < iterations:
        done += 1
        lots = [
            _wagner_whitin(
                problem.demand[i],
                [
                    problem.setup_cost[i] + prices[t] * problem.setup_time[i]
                    for t in range(periods)
                ],
                [prices[t] * problem.unit_time[i] for t in range(periods)],
                problem.holding[i],
            )
            for i in range(n)
        ]
        relaxed = sum(
            problem.setup_cost[i] * (lots[i][t] > EPS)
            + prices[t]
            * (
                problem.unit_time[i] * lots[i][t]
                + problem.setup_time[i] * (lots[i][t] > EPS)
            )
            for i in range(n)
            for t in range(periods)
        )
        relaxed += sum(
            problem.holding[i]
            * max(sum(lots[i][: t + 1]) - sum(problem.demand[i][: t + 1]), 0.0)
            for i in range(n)
            for t in range(periods)
        )
        relaxed -= sum(prices[t] * problem.capacity[t] for t in range(periods))
        if relaxed > bound + EPS:
            bound, stale = relaxed, 0
        else:
            stale += 1
            if stale >= 10:
                step, stale = step / 2, 0
        feasible = _smooth(problem, lots)
        if feasible is not None:
            cost = problem.cost(feasible)
            if cost is not None and cost < best_cost * (1 + LOCAL_MARGIN):
                # a plan near the best: the local search may make it the best
                feasible, cost = _drop_setups(problem, feasible)
            if cost is not None:
                pool.append((cost, feasible))
            if cost is not None and cost < best_cost - EPS:
                best_lots, best_cost = feasible, cost
        excess = [problem.load(lots, t) - problem.capacity[t] for t in range(periods)]
        norm = sum(e * e for e in excess)
        if norm <= EPS or step < 1e-4 or time.monotonic() - began > time_limit:
            break
        target = best_cost if math.isfinite(best_cost) else relaxed * 1.1 + 1.0
        scale = step * (target - relaxed) / norm
        prices = [max(0.0, prices[t] + scale * excess[t]) for t in range(periods)]
    if best_lots is None:
        raise ValueError("no plan meets the line's capacity: smoothing failed")
    # the pattern search from the best plans the relaxation led to (distinct
    # setup patterns), within the time limit
    seen, starts = set(), []
    for _cost, lots in sorted(pool, key=lambda item: item[0]):
        key = tuple(tuple(lot > EPS for lot in row) for row in lots)
        if key not in seen:
            seen.add(key)
            starts.append(lots)
        if len(starts) == STARTS:
            break
    for lots in starts:
        if time.monotonic() > began + time_limit:
            break
        lots, cost = _pattern_search(problem, lots, began + time_limit)
        if cost < best_cost - EPS:
            best_lots, best_cost = lots, cost
    return {
        "lots": best_lots,
        "cost": best_cost,
        "lower_bound": max(bound, 0.0),
        "iterations": done,
        "seconds": time.monotonic() - began,
    }


def solve_milp(
    demand, setup_cost, holding_cost, unit_time, setup_time, capacity, time_limit=60.0
):
    """The exact plan through HiGHS, facility-location formulation: ``z[i][t][k]``
    the share of product i's demand of period k made in period t <= k.

    :return: dict ``lots``, ``cost``, ``lower_bound`` (HiGHS' dual bound),
        ``optimal`` (proven), ``seconds``
    :raises ImportError: without ``highspy``
    """
    import highspy

    began = time.monotonic()
    problem = Problem(demand, setup_cost, holding_cost, unit_time, setup_time, capacity)
    n, periods = problem.n, problem.periods
    h = highspy.Highs()
    h.silent()
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("mip_rel_gap", 1e-6)
    y = [
        [h.addBinary(obj=problem.setup_cost[i]) for _t in range(periods)]
        for i in range(n)
    ]
    z = {}
    load = [0 for _t in range(periods)]
    for i in range(n):
        d = problem.demand[i]
        for k in range(periods):
            if d[k] <= EPS:
                continue
            shares = []
            for t in range(k + 1):
                var = h.addVariable(
                    lb=0.0, ub=1.0, obj=problem.holding[i] * d[k] * (k - t)
                )
                z[i, t, k] = var
                shares.append(var)
                h.addConstr(var <= y[i][t])
                load[t] = load[t] + problem.unit_time[i] * d[k] * var
            h.addConstr(sum(shares) == 1)
    for t in range(periods):
        expr = load[t] + sum(problem.setup_time[i] * y[i][t] for i in range(n))
        h.addConstr(expr <= problem.capacity[t])
    h.run()
    info = h.getInfo()
    values = h.getSolution().col_value
    lots = [[0.0] * periods for _i in range(n)]
    for (i, t, k), var in z.items():
        lots[i][t] += problem.demand[i][k] * values[var.index]
    # a share of 1e-12 is the solver's rounding, not a batch
    lots = [[lot if lot > 1e-6 else 0.0 for lot in row] for row in lots]
    status = h.getModelStatus()
    return {
        "lots": lots,
        "cost": problem.cost(lots),
        "lower_bound": info.mip_dual_bound,
        "optimal": status == highspy.HighsModelStatus.kOptimal,
        "seconds": time.monotonic() - began,
    }
