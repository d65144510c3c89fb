# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from . import test_dispatch_pegging
from . import test_dispatch
from . import test_control_tower
from . import test_json2
from . import test_tours
from . import test_guards
from . import test_dispatch_requests
from . import test_dispatch_planning
