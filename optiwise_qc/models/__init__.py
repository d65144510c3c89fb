# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from . import res_company
from . import res_config_settings
from . import stock_picking_type
from . import stock_lot
from . import stock_location
from . import stock_quant
from . import stock_move
from . import stock_move_line
from . import optiwise_production_run
from . import mrp_production
from . import optiwise_qc_point
from . import optiwise_qc_point_choice
from . import optiwise_qc_inspection
from . import optiwise_qc_inspection_line
from . import optiwise_qc_nonconformance
from . import optiwise_recall
from . import optiwise_recall_line
from . import optiwise_recall_delivery
from . import optiwise_control_tower
from . import mrp_bom
