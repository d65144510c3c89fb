# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from . import res_company
from . import res_config_settings
from . import optiwise_dispatch_line
from . import optiwise_dispatch_supply
from . import optiwise_dispatch_request
from . import stock_move
from . import stock_picking
from . import mrp_production
from . import optiwise_production_run
from . import optiwise_control_tower
