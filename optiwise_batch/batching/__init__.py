# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Batch sizing arithmetic, free of the ORM (see ``sizing.plan_batches``)."""

from .sizing import STRATEGIES, REMAINDER_POLICIES, plan_batches
