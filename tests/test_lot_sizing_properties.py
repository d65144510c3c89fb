# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Wagner-Whitin against brute force (hypothesis): over every plan of the
lot-sizing model (each period that needs a lot chooses the last period it
covers), for horizons up to 12 periods, with and without limits, the
recursion finds the cheapest; no heuristic beats it; every plan's cost is
what an independent evaluation of its lots says."""

import math

from conftest import load_engine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

lotsizing = load_engine("ow_lotsizing", "optiwise_batch/lotsizing")
dynamic = lotsizing.dynamic

SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def brute_force(demand, setup, holding, limits):
    """The cheapest cost over every plan, enumerated."""
    problem = dynamic._Problem(demand, setup, holding, limits, 0.0)
    start_cost, first, stock = problem.start()
    best = [math.inf]

    def walk(t, stock, cost):
        if t is None:
            best[0] = min(best[0], cost)
            return
        for j in range(t, problem.periods):
            option = problem.option(t, j, stock)
            if option is not None:
                _q, _n, setup_cost, holding_cost, nxt, level = option
                walk(nxt, level, cost + setup_cost + holding_cost)

    walk(first, stock, start_cost)
    return best[0]


limits_strategy = st.builds(
    dynamic.Limits,
    cover=st.none() | st.integers(1, 6),
    minimum=st.none() | st.sampled_from([10.0, 40.0]),
    maximum=st.none() | st.sampled_from([50.0, 120.0]),
    multiple=st.none() | st.sampled_from([5.0, 20.0]),
    capacity=st.none() | st.sampled_from([300.0]),
    storage=st.none() | st.sampled_from([150.0, 400.0]),
)


@SETTINGS
@given(
    demand=st.lists(st.integers(0, 90).map(float), min_size=1, max_size=12),
    setup=st.integers(1, 400).map(float),
    holding=st.sampled_from([0.1, 0.5, 1.0, 2.5]),
    limits=limits_strategy,
)
def test_wagner_whitin_equals_brute_force(demand, setup, holding, limits):
    best = brute_force(demand, setup, holding, limits)
    try:
        plan = dynamic.wagner_whitin(demand, setup, holding, limits)
    except ValueError:
        assert best == math.inf  # refused only when no plan exists
        return
    assert math.isclose(plan.cost, best, rel_tol=1e-9, abs_tol=1e-6)
    again = dynamic.evaluate(plan.lots, demand, setup, holding, batches=plan.batches)
    assert math.isclose(again.cost, plan.cost, rel_tol=1e-9, abs_tol=1e-6)
    for method in (
        dynamic.silver_meal,
        dynamic.part_period_balancing,
        dynamic.lot_for_lot,
    ):
        try:
            other = method(demand, setup, holding, limits)
        except ValueError:
            continue
        assert other.cost >= plan.cost - 1e-6, method.__name__


@SETTINGS
@given(
    demand=st.lists(st.integers(0, 90).map(float), min_size=1, max_size=12),
    setup=st.lists(st.integers(0, 400).map(float), min_size=12, max_size=12),
    holding=st.lists(st.sampled_from([0.0, 0.5, 1.0, 3.0]), min_size=12, max_size=12),
)
def test_varying_costs_without_limits(demand, setup, holding):
    """Costs that vary by period (as in Wagner and Whitin's example)."""
    n = len(demand)
    setup, holding = setup[:n], holding[:n]
    plan = dynamic.wagner_whitin(demand, setup, holding)
    assert math.isclose(
        plan.cost, brute_force(demand, setup, holding, None), abs_tol=1e-6
    )
    assert sum(plan.lots) == sum(demand)  # no limits: no stock left over
