# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Batch sizing arithmetic and lot name patterns, free of the ORM (see
``sizing.plan_batches`` and ``lot_names.check_pattern``)."""

from .lot_names import PLACEHOLDERS, check_pattern
from .sizing import STRATEGIES, REMAINDER_POLICIES, plan_batches
