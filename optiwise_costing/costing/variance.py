# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Cost of one batch and its variance against standard, by category.

Notation (quantities in the product's unit):

- ``T``: total made (good output plus finished units scrapped afterwards),
  ``Q``: good output;
- component ``c``: standard quantity per unit ``s_c`` (BoM), standard price
  ``p_c`` (frozen when the order was confirmed), actual quantity ``a_c`` and
  actual cost ``A_c`` (Odoo's valuation of the consumed moves);
- operation ``o``: work center rate ``r_o`` per hour, expected hours per unit
  ``e_o``, actual cost ``L_o`` (Odoo's work order cost: time logged x rate);
- overhead: a rate per work center hour ``h_o`` and/or a share ``k`` of
  material; ``CO``: changeover cost charged to the batch;
- ``f = 1 - by-product cost shares``: the main product's share of every cost.

Standard unit cost ``U = sum(p_c s_c) + sum(r_o e_o) + OH_u`` with
``OH_u = sum(h_o e_o) + k sum(p_c s_c)``; standard cost ``S = f U Q``; actual
cost ``C = f (sum A_c + sum L_o + CO + OH_a)`` with
``OH_a = sum(h_o H_o) + k sum A_c`` (``H_o``: hours logged). Variances (each
times ``f``):

- material price = ``sum(A_c - p_c a_c)``
- material usage = ``sum(p_c (a_c - s_c T))``
- labour / machine efficiency = ``sum(L_o - r_o e_o T)``
- overhead = ``OH_a - OH_u T``
- changeover = ``CO``
- yield = ``U (T - Q)``

They add up to ``C - S`` exactly.

The sheet is its lines: one per component, operation and changeover, one for
the overhead and one for the yield loss (the standard of the units made but
not good, ``-f U (T - Q)``), each with its expected and actual cost (times
``f``) rounded to the currency. The header is their sums, so the lines and the
header are the same numbers by construction: the lines' expected costs add up
to ``S``, their actual costs to ``C`` and their variances to ``C - S``; a
component line's variance splits into price and usage, the others' variance
is their category's.
"""

import math
import statistics

VARIANCE_CATEGORIES = (
    "material_price",
    "material_usage",
    "yield",
    "efficiency",
    "changeover",
    "overhead",
)


def compute_sheet(
    components,
    operations,
    qty_total,
    qty_good,
    changeover_cost=0.0,
    overhead_material_share=0.0,
    main_share=1.0,
    digits=2,
    changeover_costs=None,
):
    """Lines, totals and variances of one batch.

    :param list components: dicts with ``std_qty`` (per unit), ``std_price``,
        ``qty`` and ``cost`` (actual)
    :param list operations: dicts with ``rate`` (per hour), ``expected_hours``
        (per unit), ``hours`` and ``cost`` (actual) and ``overhead_rate`` (per
        hour)
    :param float qty_total: units made (T)
    :param float qty_good: good units (Q)
    :param float changeover_cost: changeover charged to the batch (CO), when
        ``changeover_costs`` does not give it per changeover
    :param list changeover_costs: the cost of each changeover charged
    :param float overhead_material_share: k, e.g. 0.05 for 5 % of material
    :param float main_share: f, between 0 and 1
    :param int digits: decimals of the currency
    :return: dict with ``lines`` (``kind``: ``component``, ``operation``,
        ``changeover``, ``overhead`` or ``yield``; ``index`` in its input
        list; ``expected``, ``actual`` and ``variances`` by category, rounded)
        and the header: ``material_actual``, ``operations_actual``,
        ``overhead_actual``, ``changeover``, ``actual_cost``,
        ``standard_unit_cost``, ``standard_cost``, ``cost_per_unit``,
        ``variances`` (per category) and ``total_variance``: sums of the lines
    :raises ValueError: on negative quantities or a share outside [0, 1]
    """
    if qty_total < 0 or qty_good < 0 or qty_good > qty_total + 1e-9:
        raise ValueError("need 0 <= good output <= total made")
    if not 0 <= main_share <= 1:
        raise ValueError("the main product's cost share must lie in [0, 1]")
    if changeover_costs is None:
        changeover_costs = [changeover_cost] if changeover_cost else []
    f = main_share
    T = qty_total

    def money(value):
        return round(f * value, digits) + 0.0

    material_std_u = sum(c["std_price"] * c["std_qty"] for c in components)
    ops_std_u = sum(o["rate"] * o["expected_hours"] for o in operations)
    oh_std_u = (
        sum(o.get("overhead_rate", 0.0) * o["expected_hours"] for o in operations)
        + overhead_material_share * material_std_u
    )
    unit = material_std_u + ops_std_u + oh_std_u
    material_actual = sum(c["cost"] for c in components)
    oh_actual = (
        sum(o.get("overhead_rate", 0.0) * o["hours"] for o in operations)
        + overhead_material_share * material_actual
    )
    lines = []
    for index, c in enumerate(components):
        expected = money(c["std_price"] * c["std_qty"] * T)
        actual = money(c["cost"])
        price = money(c["cost"] - c["std_price"] * c["qty"])
        lines.append(
            {
                "kind": "component",
                "index": index,
                "expected": expected,
                "actual": actual,
                "variances": {
                    "material_price": price,
                    "material_usage": round(actual - expected - price, digits),
                },
            }
        )
    for index, o in enumerate(operations):
        expected = money(o["rate"] * o["expected_hours"] * T)
        actual = money(o["cost"])
        lines.append(
            {
                "kind": "operation",
                "index": index,
                "expected": expected,
                "actual": actual,
                "variances": {"efficiency": round(actual - expected, digits)},
            }
        )
    for index, cost in enumerate(changeover_costs):
        actual = money(cost)
        lines.append(
            {
                "kind": "changeover",
                "index": index,
                "expected": 0.0,
                "actual": actual,
                "variances": {"changeover": actual},
            }
        )
    if oh_std_u or oh_actual:
        expected = money(oh_std_u * T)
        actual = money(oh_actual)
        lines.append(
            {
                "kind": "overhead",
                "index": 0,
                "expected": expected,
                "actual": actual,
                "variances": {"overhead": round(actual - expected, digits)},
            }
        )
    if T - qty_good > 1e-9 and unit:
        expected = -money(unit * (T - qty_good))
        lines.append(
            {
                "kind": "yield",
                "index": 0,
                "expected": expected,
                "actual": 0.0,
                "variances": {"yield": -expected},
            }
        )

    def total(kinds=None, key="actual"):
        return round(
            sum(line[key] for line in lines if not kinds or line["kind"] in kinds),
            digits,
        )

    variances = {
        category: round(
            sum(line["variances"].get(category, 0.0) for line in lines), digits
        )
        + 0.0
        for category in VARIANCE_CATEGORIES
    }
    actual = total()
    standard = total(key="expected")
    return {
        "lines": lines,
        "material_actual": total({"component"}),
        "operations_actual": total({"operation"}),
        "overhead_actual": total({"overhead"}),
        "changeover": total({"changeover"}),
        "actual_cost": actual,
        "standard_unit_cost": f * unit,
        "standard_cost": standard,
        "cost_per_unit": actual / qty_good if qty_good else 0.0,
        "variances": variances,
        "total_variance": round(actual - standard, digits),
    }


def control_band(history, width=2.0, minimum=5):
    """Mean and band (mean +- width x sample standard deviation) of ``history``.

    :param list history: costs per unit of earlier batches
    :param int minimum: fewer values give no band
    :return: (mean, low, high), or None
    """
    values = [v for v in history if v is not None and math.isfinite(v)]
    if len(values) < minimum:
        return None
    mean = statistics.fmean(values)
    sigma = statistics.stdev(values)
    return mean, mean - width * sigma, mean + width * sigma


def yield_percent(qty_good, qty_planned):
    """Good output as a percentage of the planned quantity (0 with no plan)."""
    return 100.0 * qty_good / qty_planned if qty_planned else 0.0


def variance_percent(total_variance, standard_cost):
    """Total variance as a percentage of the standard cost (0 without one)."""
    return 100.0 * total_variance / standard_cost if standard_cost else 0.0


def valuation_comparison(
    valuation, component_costs, operation_costs, extra_cost, main_share, digits=2
):
    """What of the sheet Odoo's valuation of the finished goods holds, and the
    gap between the two.

    Odoo values the finished goods at the cost of the consumed components,
    the work orders and the order's extra cost, times the main product's
    share (by-products take the rest); overhead and changeovers are the
    sheet's own.

    :param float valuation: Odoo's value of the finished moves
    :param list component_costs: actual cost of each component line
    :param list operation_costs: actual cost of each operation line
    :param float extra_cost: the orders' extra cost (per unit x produced)
    :param float main_share: the main product's share of the cost (0..1)
    :return: (comparable sheet cost, gap = valuation - comparable), rounded
    """
    comparable = round(
        main_share * (sum(component_costs) + sum(operation_costs) + extra_cost),
        digits,
    )
    return comparable, round(valuation - comparable, digits)


def band_status(cost, band):
    """Where ``cost`` lies against a band of :func:`control_band`:
    ``above``, ``below``, ``in``, or ``none`` without a band."""
    if not band:
        return "none"
    _mean, low, high = band
    if cost > high:
        return "above"
    if cost < low:
        return "below"
    return "in"
