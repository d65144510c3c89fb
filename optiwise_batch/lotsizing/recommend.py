# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One batch size to type into a bill of materials: the EOQ, or the EPQ when
the line's rate is known, within the plant's limits, with the figures a
manager weighs it by."""

import math

from .classic import _check

# the limits, in the order their names are given when one binds
UPPER = ("shelf_life", "vessel", "storage")
LOWER = ("minimum",)


def recommend(
    demand,
    setup_cost,
    holding_cost,
    production_rate=None,
    current=None,
    cover=None,
    minimum=None,
    maximum=None,
    multiple=None,
    storage=None,
    points=24,
):
    """The batch size of least setup and holding cost per unit.

    :param float demand: units per period (> 0)
    :param float setup_cost: cost of one batch
    :param float holding_cost: cost of a unit in stock for a period (> 0)
    :param float production_rate: units the line makes per period (EPQ when
        above ``demand``; None or not above: EOQ)
    :param float current: today's batch size, compared with
    :param float cover: periods a batch may cover (shelf life)
    :param float minimum: smallest batch
    :param float maximum: largest batch (the vessel)
    :param float multiple: batches are multiples of it
    :param float storage: most stock the product may take
    :param int points: points of the cost curve
    :return: dict ``quantity``, ``unconstrained``, ``method`` (``eoq`` or
        ``epq``), ``binding`` (None or the limit: ``shelf_life``,
        ``vessel``, ``storage``, ``minimum``, ``multiple``), ``bounds`` (low,
        high), ``batches_per_period``, ``periods_covered``,
        ``max_inventory``, ``average_inventory``, ``cost_per_period`` and
        ``cost_per_unit`` (setup + holding), ``current`` (the same figures
        for today's size, or None), ``saving_per_period`` (today's cost less
        the recommendation's) and ``curve`` (per point: ``quantity``,
        ``setup_per_unit``, ``holding_per_unit``)
    :raises ValueError: on bad input, or limits that leave no batch size
    """
    _check(demand=demand, setup_cost=setup_cost, holding_cost=holding_cost)
    if demand <= 0 or holding_cost <= 0:
        raise ValueError("demand and holding cost must be above zero")
    factor, method = 1.0, "eoq"
    if production_rate and production_rate > demand:
        factor, method = 1 - demand / production_rate, "epq"
    unconstrained = math.sqrt(2 * demand * setup_cost / (holding_cost * factor))
    highs = {
        "shelf_life": cover * demand if cover else None,
        "vessel": maximum or None,
        "storage": storage / factor if storage else None,
    }
    high_name, high = min(
        ((name, value) for name, value in highs.items() if value),
        key=lambda item: item[1],
        default=(None, math.inf),
    )
    low = minimum or 0.0
    if low > high:
        raise ValueError(
            f"the batch minimum ({low:g}) is above what the {high_name} allows "
            f"({high:g}): no batch size keeps both"
        )
    quantity, binding = unconstrained, None
    if quantity > high:
        quantity, binding = high, high_name
    elif quantity < low:
        quantity, binding = low, "minimum"

    def cost(q):
        return demand * setup_cost / q + holding_cost * q * factor / 2

    if multiple:
        below = math.floor(quantity / multiple + 1e-9) * multiple
        above = math.ceil(quantity / multiple - 1e-9) * multiple
        options = [
            q for q in (below, above) if q > 0 and low - 1e-9 <= q <= high + 1e-9
        ]
        if not options:
            raise ValueError(
                f"no multiple of {multiple:g} lies between {low:g} and {high:g}"
            )
        rounded = min(options, key=cost)
        if binding is None and abs(rounded - quantity) > 1e-9:
            binding = "multiple"
        quantity = rounded
    figures = _figures(quantity, demand, setup_cost, holding_cost, factor)
    result = dict(
        figures,
        quantity=quantity,
        unconstrained=unconstrained,
        method=method,
        binding=binding,
        bounds=(low, high),
        current=None,
        saving_per_period=0.0,
    )
    if current and current > 0:
        result["current"] = _figures(current, demand, setup_cost, holding_cost, factor)
        result["saving_per_period"] = (
            result["current"]["cost_per_period"] - figures["cost_per_period"]
        )
    top = max(3 * unconstrained, 1.5 * quantity, 1.2 * (current or 0))
    step = top / points
    result["curve"] = [
        {
            "quantity": q,
            "setup_per_unit": setup_cost / q,
            "holding_per_unit": holding_cost * q * factor / (2 * demand),
        }
        for q in (step * (k + 1) for k in range(points))
    ]
    return result


def _figures(quantity, demand, setup_cost, holding_cost, factor):
    setup = demand * setup_cost / quantity
    holding = holding_cost * quantity * factor / 2
    return {
        "batches_per_period": demand / quantity,
        "periods_covered": quantity / demand,
        "max_inventory": quantity * factor,
        "average_inventory": quantity * factor / 2,
        "cost_per_period": setup + holding,
        "cost_per_unit": (setup + holding) / demand,
    }


def forecast(history, alpha=0.3):
    """Simple exponential smoothing of ``history`` (oldest first): the next
    period's forecast and its error, the mean absolute error of the one-step
    forecasts made along the history (None with fewer than 2 periods).

    :return: (forecast, mean absolute error or None)
    """
    if not history:
        return 0.0, None
    if not 0 < alpha <= 1:
        raise ValueError("the smoothing factor must be in (0, 1]")
    level, errors = float(history[0]), []
    for value in history[1:]:
        errors.append(abs(value - level))
        level += alpha * (value - level)
    return level, (sum(errors) / len(errors) if errors else None)
