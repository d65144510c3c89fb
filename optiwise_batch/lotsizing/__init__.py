# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Lot sizing, free of the ORM: how big each batch should be.

- ``classic``: EOQ and EPQ (finite production rate) for stable demand;
- ``recommend``: one batch size for a bill of materials (EOQ / EPQ within
  the plant's limits, the binding one named) and the demand forecast;
- ``cycle``: several products on one line, the common cycle (product wheel)
  whose changeovers fit the line's time;
- ``dynamic``: plans per period for demand that varies: lot-for-lot, a
  fixed batch size, Wagner-Whitin (exact), Silver-Meal and part-period
  balancing, all under the same limits (periods a batch may cover, batch
  minimum, maximum and multiple) and the same cost accounting.
"""

from .classic import eoq, epq
from .cycle import common_cycle
from .recommend import forecast, recommend
from .dynamic import (
    Limits,
    Plan,
    evaluate,
    fixed_size,
    lot_for_lot,
    part_period_balancing,
    silver_meal,
    wagner_whitin,
)

__all__ = [
    "Limits",
    "Plan",
    "common_cycle",
    "eoq",
    "epq",
    "evaluate",
    "fixed_size",
    "forecast",
    "lot_for_lot",
    "part_period_balancing",
    "recommend",
    "silver_meal",
    "wagner_whitin",
]
