# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""How a quantity is cut into batches.

Pure arithmetic on integers of the unit's rounding, so that the batches always
add up to the quantity exactly (no float drift), and the result can be read and
tested without a database.
"""

import math

STRATEGIES = ("max_size", "balanced")
REMAINDER_POLICIES = ("merge", "round_up")
# more batches than this from one order is a typing error, not a plan
MAX_BATCHES = 10000


def _to_units(qty, rounding):
    return round(qty / rounding)


def plan_batches(
    total, max_size, min_size=0.0, strategy="max_size", remainder="merge", rounding=1.0
):
    """Cut ``total`` into batch quantities.

    :param float total: quantity to make (> 0)
    :param float max_size: largest batch (> 0), e.g. the BoM's batch size
    :param float min_size: smallest acceptable batch (0 <= min_size <= max_size)
    :param str strategy: ``max_size``: as many full batches as fit, then the
        remainder; ``balanced``: the fewest batches that respect ``max_size``,
        all of (nearly) equal size
    :param str remainder: what to do with a last batch below ``min_size``:
        ``merge`` it into the previous batch (which may then exceed
        ``max_size`` by less than ``min_size``), or ``round_up`` it to
        ``min_size`` (the total grows)
    :param float rounding: the unit's rounding; every batch is a multiple of it
    :return: list of batch quantities, largest first; empty when no batch can
        be made (a total below ``min_size`` with nothing to merge into)
    :raises ValueError: on a non-positive total or max size, more than
        ``MAX_BATCHES`` batches, or an unknown strategy or policy
    """
    if strategy not in STRATEGIES:
        raise ValueError(f"unknown split strategy {strategy!r}")
    if remainder not in REMAINDER_POLICIES:
        raise ValueError(f"unknown remainder policy {remainder!r}")
    if not (rounding > 0 and math.isfinite(rounding)):
        raise ValueError("rounding must be positive")
    values = (total, max_size, min_size)
    if not all(math.isfinite(v) for v in values):
        raise ValueError("quantities must be finite numbers")
    units, max_units = _to_units(total, rounding), _to_units(max_size, rounding)
    min_units = _to_units(min_size or 0.0, rounding)
    if units <= 0:
        raise ValueError("the quantity to split must be positive")
    if max_units <= 0:
        raise ValueError("the batch size must be positive")
    if min_units < 0 or min_units > max_units:
        raise ValueError("the minimum batch size must lie between 0 and the batch size")
    if units / max_units > MAX_BATCHES:
        raise ValueError(
            f"{total:g} in batches of {max_size:g} makes more than {MAX_BATCHES} "
            "batches: check the quantity and the batch size"
        )

    if strategy == "max_size":
        full, rest = divmod(units, max_units)
        batches = [max_units] * full + ([rest] if rest else [])
    else:
        count = math.ceil(units / max_units)
        base, extra = divmod(units, count)
        # the first `extra` batches take one rounding unit more
        batches = [base + 1] * extra + [base] * (count - extra)

    if batches[-1] < min_units:
        small = batches.pop()
        if remainder == "round_up":
            batches.append(min_units)
        elif batches:
            batches[-1] += small
    return [round(b * rounding, 10) for b in batches]
