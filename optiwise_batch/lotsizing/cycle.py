# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Several products on one line: the common cycle (a product wheel), the
classic answer to the economic lot scheduling problem (Hanssmann 1962): every
product is made once per cycle of ``T`` periods, in a batch of its demand over
the cycle; ``T`` balances the setups of one cycle against the stock it keeps,
and is never shorter than the time the line needs for its changeovers and its
production in one cycle."""

import math

from .classic import _check


def common_cycle(products, available=1.0):
    """The common cycle of ``products`` on one line.

    :param list products: dicts with ``demand`` (units per period),
        ``rate`` (units the line makes per period when it makes this product),
        ``setup_cost`` (per batch), ``setup_time`` (periods of changeover into
        it) and ``holding_cost`` (per unit and period)
    :param float available: share of each period the line works (0-1]
    :return: dict ``cycle`` (periods), ``unconstrained`` (the cycle of least
        cost, T*), ``minimum`` (the shortest cycle the line can run),
        ``binding`` (``"capacity"`` when the minimum wins, else None),
        ``utilisation`` (share of the line's time producing), ``cost_per_period``
        and ``batches`` (per product, in order: ``quantity``, ``run_time``)
    :raises ValueError: on bad input, or a line too small for the demand
    """
    if not products:
        raise ValueError("give at least one product")
    if not 0 < available <= 1:
        raise ValueError("the line's available share must be in (0, 1]")
    for item in products:
        _check(
            **{
                k: item[k]
                for k in ("demand", "rate", "setup_cost", "setup_time", "holding_cost")
            }
        )
        if item["rate"] <= 0:
            raise ValueError("each product needs a production rate above zero")
    load = sum(item["demand"] / item["rate"] for item in products)
    if load >= available:
        raise ValueError(
            f"the line is {load / available:.0%} loaded by production alone: no "
            "time is left for changeovers"
        )
    setups = sum(item["setup_cost"] for item in products)
    holding = sum(
        item["holding_cost"] * item["demand"] * (1 - item["demand"] / item["rate"])
        for item in products
    )
    unconstrained = math.sqrt(2 * setups / holding) if holding > 0 else math.inf
    minimum = sum(item["setup_time"] for item in products) / (available - load)
    cycle, binding = unconstrained, None
    if minimum > cycle:
        cycle, binding = minimum, "capacity"
    if not math.isfinite(cycle):
        raise ValueError("no holding cost: nothing limits the cycle")
    return {
        "cycle": cycle,
        "unconstrained": unconstrained,
        "minimum": minimum,
        "binding": binding,
        "utilisation": load / available,
        "cost_per_period": setups / cycle + cycle * holding / 2 if cycle else math.inf,
        "batches": [
            {
                "quantity": item["demand"] * cycle,
                "run_time": item["demand"] * cycle / item["rate"],
            }
            for item in products
        ],
    }
