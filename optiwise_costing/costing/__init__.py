# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Batch cost and variance arithmetic, free of the ORM (see ``variance``)."""

from .variance import (
    VARIANCE_CATEGORIES,
    band_status,
    compute_sheet,
    control_band,
    valuation_comparison,
    variance_percent,
    yield_percent,
)
