# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Changeover-aware sequencing, free of the ORM (see ``engine.solve``)."""

from .engine import ScheduledJob, evaluate, nearest_neighbour, solve
