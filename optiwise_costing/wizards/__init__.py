# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from . import optiwise_cost_recompute
from . import optiwise_overhead_set
from . import optiwise_standard_correct
