# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""OEE arithmetic, free of the ORM (see ``metrics.compute_oee``)."""

from .metrics import LOSS_BUCKETS, busy_minutes, compute_oee, scale_stops
