# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The run-mode advisor's rules, free of the ORM (see ``rules.recommend``)."""

from .rules import coefficient_of_variation, recommend
