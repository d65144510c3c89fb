# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from . import test_security
from . import test_inspection
from . import test_enforcement
from . import test_recall
from . import test_lot_size_quality
from . import test_tours
from . import test_guards
from . import test_hold_table
from . import test_planning_quality
