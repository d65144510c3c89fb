# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Dynamic lot sizing: how much to make in each period of a horizon.

The model, shared by every method so that their costs compare:

- ``demand[t]`` units are taken in period ``t`` (0 to T - 1); stock never
  goes below zero (demand is met, from ``initial`` stock first);
- a period makes a lot only when its stock cannot meet its demand; the lot
  covers the demand up to a period ``j`` the method chooses (for Wagner-Whitin
  the best one, for the heuristics their rule): it is that demand less the
  stock, raised to the batch minimum and to a multiple of the batch multiple;
- a lot of ``q`` units is made as ``ceil(q / maximum)`` batches (a vessel of
  ``maximum`` units), each costing ``setup[t]``; a lot may not exceed the
  line's ``capacity`` in a period;
- shelf life: the stock after a lot is made in period ``t`` must be used up
  by the end of period ``t + cover - 1`` (the batch covers at most ``cover``
  periods, first in first out), as far as the horizon tells;
- holding: ``holding[t]`` per unit in stock at the end of period ``t``.

Wagner-Whitin's recursion (1958) over the periods that make a lot, with the
stock entering them as state (rounding to a multiple carries a remainder),
is exact over every plan of this model (the tests compare it to brute force);
without limits it is the classic algorithm.
"""

import math
from collections import namedtuple

EPSILON = 1e-9

Limits = namedtuple(
    "Limits",
    "cover minimum maximum multiple capacity storage",
    defaults=(None,) * 6,
)
Limits.__doc__ = """What bounds a lot: ``cover`` periods a batch may cover
(shelf life), batch ``minimum``, ``maximum`` (the vessel: more is made as
several batches, each a setup) and ``multiple``, the line's ``capacity``
per period, and the ``storage`` the product may take (stock after a lot at
most that); None: no limit."""

Plan = namedtuple("Plan", "method lots batches inventory setup_cost holding_cost cost")
Plan.__doc__ = """A lot-sizing plan: ``lots[t]`` units made in period t in
``batches[t]`` batches, ``inventory[t]`` in stock at its end, and its costs
(``cost`` = ``setup_cost`` + ``holding_cost``)."""


class _Problem:
    def __init__(self, demand, setup, holding, limits, initial):
        demand = [float(d) for d in demand]
        periods = len(demand)
        setup = _per_period(setup, periods, "setup")
        holding = _per_period(holding, periods, "holding")
        limits = limits or Limits()
        if not isinstance(limits, Limits):
            limits = Limits(**limits)
        for value in (*demand, *setup, *holding, initial):
            if not isinstance(value, (int, float)) or not math.isfinite(value):
                raise ValueError("demand, costs and stock must be finite numbers")
            if value < 0:
                raise ValueError("demand, costs and stock may not be negative")
        cover, minimum, maximum, multiple, capacity, storage = limits
        if cover is not None and (int(cover) != cover or cover < 1):
            raise ValueError("a batch covers at least one period (cover >= 1)")
        for name, value in (
            ("minimum", minimum),
            ("maximum", maximum),
            ("multiple", multiple),
            ("capacity", capacity),
            ("storage", storage),
        ):
            if value is not None and (not math.isfinite(value) or value < 0):
                raise ValueError(f"the batch {name} must be a number >= 0")
        if maximum is not None and maximum <= 0:
            raise ValueError("the batch maximum must be above zero")
        if multiple is not None and multiple <= 0:
            raise ValueError("the batch multiple must be above zero")
        if maximum is not None and multiple is not None:
            # the largest batch that is a multiple
            maximum = math.floor(maximum / multiple + EPSILON) * multiple
            if maximum <= 0:
                raise ValueError("the batch maximum is below the multiple")
        self.demand, self.setup, self.holding = demand, setup, holding
        self.periods, self.initial = periods, float(initial)
        self.cover = None if cover is None else int(cover)
        self.minimum = minimum or 0.0
        self.maximum, self.multiple, self.capacity = maximum, multiple, capacity
        self.storage = storage
        # cumulative demand: taken[t] is the demand of periods 0 .. t - 1
        self.taken = [0.0]
        for d in demand:
            self.taken.append(self.taken[-1] + d)

    def lot(self, need):
        """(quantity, batches) of a lot for ``need`` units (> 0)."""
        quantity = max(need, self.minimum)
        if self.multiple:
            quantity = math.ceil(quantity / self.multiple - EPSILON) * self.multiple
        batches = 1
        if self.maximum:
            batches = math.ceil(quantity / self.maximum - EPSILON)
        return quantity, batches

    def option(self, t, j, stock):
        """A lot made in period ``t`` covering up to ``j`` with ``stock``
        entering ``t``: (quantity, batches, setup cost, holding cost until the
        next lot, the next period that makes one or None, stock entering it),
        or None when a limit forbids it."""
        need = self.taken[j + 1] - self.taken[t] - stock
        if need <= EPSILON:
            return None  # the stock alone covers it: not a lot of this period
        quantity, batches = self.lot(need)
        if self.capacity is not None and quantity > self.capacity + EPSILON:
            return None
        if self.storage is not None and stock + quantity > self.storage + EPSILON:
            return None
        if self.cover is not None and t + self.cover <= self.periods:
            # used up by the end of period t + cover - 1
            usable = self.taken[t + self.cover] - self.taken[t]
            if stock + quantity > usable + EPSILON:
                return None
        level, holding, k = stock + quantity, 0.0, t
        while True:
            level -= self.demand[k]
            if level < 0:
                level = 0.0  # within EPSILON of the need: rounding
            holding += self.holding[k] * level
            k += 1
            if k == self.periods:
                return quantity, batches, batches * self.setup[t], holding, None, level
            if level < self.demand[k] - EPSILON:
                return quantity, batches, batches * self.setup[t], holding, k, level

    def start(self):
        """Holding of the initial stock until the first period that needs a
        lot: (holding cost, that period or None, stock entering it)."""
        level, holding = self.initial, 0.0
        for k in range(self.periods):
            if level < self.demand[k] - EPSILON:
                return holding, k, level
            level -= self.demand[k]
            holding += self.holding[k] * max(level, 0.0)
        return holding, None, level

    def plan(self, method, choices):
        """The plan of ``choices`` ({period: (quantity, batches)})."""
        lots = [0.0] * self.periods
        batches = [0] * self.periods
        for t, (quantity, count) in choices.items():
            lots[t], batches[t] = quantity, count
        return evaluate(
            lots,
            self.demand,
            self.setup,
            self.holding,
            initial=self.initial,
            batches=batches,
            method=method,
        )


def _per_period(value, periods, name):
    if isinstance(value, (int, float)):
        return [float(value)] * periods
    value = [float(v) for v in value]
    if len(value) != periods:
        raise ValueError(f"give one {name} cost per period, or one for all")
    return value


def evaluate(lots, demand, setup, holding, initial=0.0, batches=None, method="given"):
    """Cost of a plan: ``lots[t]`` made in period t (in ``batches[t]``
    batches, default one per lot).

    :raises ValueError: if the lots leave demand unmet
    """
    periods = len(demand)
    if len(lots) != periods:
        raise ValueError("give one lot per period (0 for none)")
    setup = _per_period(setup, periods, "setup")
    holding = _per_period(holding, periods, "holding")
    if batches is None:
        batches = [1 if lot > 0 else 0 for lot in lots]
    level, inventory, setup_cost, holding_cost = float(initial), [], 0.0, 0.0
    for t in range(periods):
        level += lots[t] - demand[t]
        if level < -EPSILON * max(1.0, demand[t]):
            raise ValueError(f"period {t + 1}: demand is not met ({level:g})")
        level = max(level, 0.0)
        inventory.append(level)
        setup_cost += batches[t] * setup[t]
        holding_cost += holding[t] * level
    return Plan(
        method,
        list(lots),
        list(batches),
        inventory,
        setup_cost,
        holding_cost,
        setup_cost + holding_cost,
    )


def wagner_whitin(demand, setup, holding, limits=None, initial=0.0):
    """The cheapest plan (Wagner and Whitin, 1958): a forward-free recursion
    over the periods that make a lot and the last period each lot covers.

    :param list demand: units per period
    :param setup: cost of one batch, one value or one per period
    :param holding: cost of a unit in stock at the end of a period, one value
        or one per period
    :param Limits limits: cover, minimum, maximum, multiple, capacity
    :param float initial: stock at the start
    :return: :class:`Plan`
    :raises ValueError: on bad input, or when no plan meets the limits
    """
    problem = _Problem(demand, setup, holding, limits, initial)
    memo = {}

    def best(t, stock):
        key = (t, round(stock, 9))
        if key in memo:
            return memo[key]
        found = (math.inf, None)
        for j in range(t, problem.periods):
            option = problem.option(t, j, stock)
            if option is None:
                if problem.cover is not None and j >= t + problem.cover - 1:
                    break
                continue
            quantity, count, setup_cost, holding_cost, nxt, level = option
            cost = setup_cost + holding_cost
            if nxt is not None:
                cost += best(nxt, level)[0]
            if cost < found[0] - EPSILON:
                found = (cost, (j, quantity, count, nxt, level))
        memo[key] = found
        return found

    _holding, first, stock = problem.start()
    choices = {}
    t = first
    while t is not None:
        _cost, step = best(t, stock)
        if step is None:
            raise ValueError(_infeasible(problem, t))
        _j, quantity, count, t_next, level = step
        choices[t] = (quantity, count)
        t, stock = t_next, level
    return problem.plan("wagner_whitin", choices)


def _greedy(method, problem, rule):
    """A plan made period by period: at each period that needs a lot,
    ``rule(t, options)`` picks one of the feasible ``(j, option)``."""
    _holding, t, stock = problem.start()
    choices = {}
    while t is not None:
        options = []
        for j in range(t, problem.periods):
            option = problem.option(t, j, stock)
            if option is not None:
                options.append((j, option))
            elif problem.cover is not None and j >= t + problem.cover - 1:
                break
        if not options:
            raise ValueError(_infeasible(problem, t))
        _j, (quantity, count, _s, _h, t_next, level) = rule(t, options)
        choices[t] = (quantity, count)
        t, stock = t_next, level
    return problem.plan(method, choices)


def lot_for_lot(demand, setup, holding, limits=None, initial=0.0):
    """Each period makes what it needs (or the least the limits allow)."""
    problem = _Problem(demand, setup, holding, limits, initial)
    return _greedy("lot_for_lot", problem, lambda t, options: options[0])


def fixed_size(demand, setup, holding, size, limits=None, initial=0.0):
    """Lots of ``size`` units (several when a period needs more): today's
    fixed batch size of a bill of materials, or an EOQ."""
    if not size or size <= 0:
        raise ValueError("a fixed batch size must be above zero")
    limits = Limits(*(limits or Limits()))._replace(multiple=size, minimum=size)
    problem = _Problem(demand, setup, holding, limits, initial)
    return _greedy("fixed_size", problem, lambda t, options: options[0])


def silver_meal(demand, setup, holding, limits=None, initial=0.0):
    """Silver and Meal (1973): each lot covers periods as long as its cost per
    period covered (setup plus holding until the next lot, over the periods
    until then) keeps falling."""
    problem = _Problem(demand, setup, holding, limits, initial)

    def rule(t, options):
        chosen, best = None, math.inf
        for j, option in options:
            _q, _n, setup_cost, holding_cost, nxt, _level = option
            span = (problem.periods if nxt is None else nxt) - t
            per_period = (setup_cost + holding_cost) / span
            if per_period > best + EPSILON:
                break
            chosen, best = (j, option), per_period
        return chosen

    return _greedy("silver_meal", problem, rule)


def part_period_balancing(demand, setup, holding, limits=None, initial=0.0):
    """Part-period balancing (DeMatteis, 1968): each lot covers periods until
    its holding cost comes closest to its setup cost."""
    problem = _Problem(demand, setup, holding, limits, initial)

    def rule(t, options):
        chosen, gap = None, math.inf
        for j, option in options:
            _q, _n, setup_cost, holding_cost, _nxt, _level = option
            distance = abs(holding_cost - setup_cost)
            if distance < gap - EPSILON:
                chosen, gap = (j, option), distance
            if holding_cost > setup_cost:
                break
        return chosen

    return _greedy("part_period_balancing", problem, rule)


def _infeasible(problem, t):
    return (
        f"no lot in period {t + 1} meets the limits (cover {problem.cover}, "
        f"minimum {problem.minimum:g}, maximum {problem.maximum}, multiple "
        f"{problem.multiple}, capacity {problem.capacity}, storage "
        f"{problem.storage}): widen one of them"
    )
