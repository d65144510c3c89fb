# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from . import res_company
from . import res_config_settings
from . import mrp_workcenter
from . import stock_move
from . import mrp_production
from . import optiwise_production_run
from . import optiwise_batch_cost
from . import optiwise_batch_cost_line
from . import optiwise_control_tower
from . import optiwise_changeover
from . import mrp_workorder
