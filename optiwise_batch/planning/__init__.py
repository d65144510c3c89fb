# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Finite-capacity planning across work centers, without the ORM.

Operations (work orders) in their routing order, with the QC release time
between a batch and its use, on machines (work centers) with their calendars,
core's alternative work centers and sequence-dependent changeovers; due
times from the promise dates of the deliveries waiting on them. ``plan``
minimises weighted lateness first, then changeover minutes; ``core_plan``
gives what core's own planning of the same work orders would run; ``decode``
is the one schedule kernel both use (``worktime`` the calendars)."""

from .planner import core_plan, derived_due, dispatch, plan
from .problem import Machine, Operation, Problem
from .schedule import Plan, Slot, decode
from .worktime import Calendar

__all__ = [
    "Calendar",
    "Machine",
    "Operation",
    "Plan",
    "Problem",
    "Slot",
    "core_plan",
    "decode",
    "derived_due",
    "dispatch",
    "plan",
]
