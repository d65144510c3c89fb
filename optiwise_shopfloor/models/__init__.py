# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from . import mrp_workcenter
from . import optiwise_shopfloor
from . import optiwise_shopfloor_scan
from . import optiwise_shopfloor_job
from . import stock_move
from . import stock_picking
from . import stock_move_line
from . import stock_lot
from . import stock_package
from . import res_company
from . import res_config_settings
