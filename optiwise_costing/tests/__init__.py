# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from . import test_security
from . import test_batch_cost
from . import test_performance
from . import test_variance
from . import test_json2
from . import test_guards
from . import test_tours
