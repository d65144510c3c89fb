# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Dispatch arithmetic, free of the ORM (see ``pegging``)."""

from .pegging import RISKS, classify, peg
