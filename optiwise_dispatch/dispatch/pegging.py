# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Which supply serves which delivery, and how much at risk each delivery is.

Make-to-stock deliveries are served *first promised, first served*: the
demands of a product, in promised order, take the supplies of that product in
ready order (stock on hand first, then the jobs that will make more, by their
planned finish). A demand is ready when the last supply it takes is; what no
supply covers is a shortage.
"""

from collections import defaultdict

RISKS = ("on_time", "at_risk", "late")


def peg(demands, supplies):
    """Allocate ``supplies`` to ``demands``, first promised first served.

    :param list demands: dicts with ``key``, ``product``, ``qty`` (> 0) and
        ``promised`` (any orderable value, e.g. a datetime)
    :param list supplies: dicts with ``key``, ``product``, ``qty`` (> 0),
        ``ready`` (same type as ``promised``) and optionally ``rank``: a
        supply of a higher rank is taken only when those of lower ranks are
        used up (e.g. goods on hold, rank 1), whatever its ready date
    :return: dict {demand key: {"allocations": [(supply key, qty, ready)],
        "shortage": qty, "ready": the latest ready of its allocations or None}}
    :raises ValueError: on a negative quantity or a repeated demand key
    """
    if any(d["qty"] < 0 for d in demands) or any(s["qty"] < 0 for s in supplies):
        raise ValueError("quantities may not be negative")
    if len({d["key"] for d in demands}) != len(demands):
        raise ValueError("demand keys must be unique")
    stock = defaultdict(list)
    ordered = sorted(
        supplies, key=lambda s: (s.get("rank", 0), s["ready"], str(s["key"]))
    )
    for supply in ordered:
        stock[supply["product"]].append([supply["key"], supply["qty"], supply["ready"]])
    result = {}
    for demand in sorted(demands, key=lambda d: (d["promised"], str(d["key"]))):
        need = demand["qty"]
        allocations = []
        for entry in stock[demand["product"]]:
            if need <= 1e-9:
                break
            key, left, ready = entry
            if left <= 1e-9:
                continue
            taken = min(left, need)
            entry[1] = left - taken
            need -= taken
            allocations.append((key, taken, ready))
        result[demand["key"]] = {
            "allocations": allocations,
            "shortage": max(need, 0.0) if need > 1e-9 else 0.0,
            "ready": max((a[2] for a in allocations), default=None),
        }
    return result


def classify(promised, ready, now, shortage=0.0, margin=None):
    """Risk of one delivery.

    - ``late``: it will be ready after the promise, or part of it has no
      supply and the promise is already past;
    - ``at_risk``: part of it has no supply yet, or it will be ready within
      ``margin`` of the promise;
    - ``on_time`` otherwise.

    :param promised: the promised date
    :param ready: the expected ready date, or None when nothing supplies it
    :param now: the current date (same type)
    :param float shortage: quantity no supply covers
    :param margin: how close to the promise is too close (a timedelta for
        datetimes), or None for no margin
    :return: one of ``RISKS``
    """
    if shortage > 1e-9 or ready is None:
        return "late" if promised <= now else "at_risk"
    if ready > promised:
        return "late"
    if margin is not None and ready > promised - margin:
        return "at_risk"
    return "on_time"
