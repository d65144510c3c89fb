# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from . import test_security
from . import test_batch_sizing
from . import test_batch_planning
from . import test_batch_performance
from . import test_production_run
from . import test_oee
from . import test_tours
from . import test_mode_advisor
from . import test_json2
from . import test_changeover
from . import test_sequencing
from . import test_naming
from . import test_lot_sizing
from . import test_lot_size
from . import test_control_tower
from . import test_guards
from . import test_planning_board
