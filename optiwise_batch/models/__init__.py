# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from . import product_template
from . import mrp_workcenter
from . import mrp_bom
from . import mrp_production
from . import mrp_workcenter_productivity
from . import mrp_workcenter_productivity_loss
from . import optiwise_production_run
from . import optiwise_run_output
