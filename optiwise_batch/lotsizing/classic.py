# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Economic order and production quantities (Harris 1913; Taft 1918)."""

import math


def _check(**values):
    for name, value in values.items():
        if not isinstance(value, (int, float)) or not math.isfinite(value):
            raise ValueError(f"{name} must be a finite number")
        if value < 0:
            raise ValueError(f"{name} may not be negative")


def eoq(demand_rate, setup_cost, holding_cost):
    """Economic order quantity: the batch that balances setup and holding
    cost for a steady demand, replenished all at once.

    :param float demand_rate: units per period (> 0)
    :param float setup_cost: cost of one batch
    :param float holding_cost: cost of holding one unit one period (> 0)
    :return: dict ``quantity`` (sqrt(2 D S / h)), ``batches_per_period``,
        ``cost_per_period`` (setup + holding at that quantity, sqrt(2 D S h))
        and ``cycle_periods``
    """
    _check(demand_rate=demand_rate, setup_cost=setup_cost, holding_cost=holding_cost)
    if demand_rate <= 0 or holding_cost <= 0:
        raise ValueError("demand and holding cost must be above zero")
    quantity = math.sqrt(2 * demand_rate * setup_cost / holding_cost)
    return _figures(quantity, demand_rate, setup_cost, holding_cost, 1.0)


def epq(demand_rate, production_rate, setup_cost, holding_cost):
    """Economic production quantity: as EOQ, but the batch comes off a line
    that makes ``production_rate`` units per period while demand takes
    ``demand_rate``, so stock peaks at Q (1 - D / P).

    :return: dict as :func:`eoq`, plus ``max_inventory``
    """
    _check(
        demand_rate=demand_rate,
        production_rate=production_rate,
        setup_cost=setup_cost,
        holding_cost=holding_cost,
    )
    if demand_rate <= 0 or holding_cost <= 0:
        raise ValueError("demand and holding cost must be above zero")
    if production_rate <= demand_rate:
        raise ValueError(
            "the line must make more per period than demand takes: it would "
            "never stop, there is no batch size to choose"
        )
    factor = 1 - demand_rate / production_rate
    quantity = math.sqrt(2 * demand_rate * setup_cost / (holding_cost * factor))
    figures = _figures(quantity, demand_rate, setup_cost, holding_cost, factor)
    figures["max_inventory"] = quantity * factor
    return figures


def cost_per_period(quantity, demand_rate, setup_cost, holding_cost, factor=1.0):
    """Setup and holding cost per period of batches of ``quantity``: the
    curve a manager reads (setup D S / Q falls, holding h Q f / 2 grows)."""
    if quantity <= 0:
        raise ValueError("a batch must hold something")
    setup = demand_rate * setup_cost / quantity
    holding = holding_cost * quantity * factor / 2
    return setup, holding


def _figures(quantity, demand_rate, setup_cost, holding_cost, factor):
    setup, holding = cost_per_period(
        quantity, demand_rate, setup_cost, holding_cost, factor
    )
    return {
        "quantity": quantity,
        "batches_per_period": demand_rate / quantity,
        "cycle_periods": quantity / demand_rate,
        "setup_cost_per_period": setup,
        "holding_cost_per_period": holding,
        "cost_per_period": setup + holding,
    }
