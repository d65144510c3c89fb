# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from . import optiwise_finite_mixin
from . import optiwise_guarded_mixin
from . import product_template
from . import product_product
from . import optiwise_lot_counter
from . import mrp_workcenter
from . import mrp_workcenter_oee
from . import mrp_workcenter_sequencing
from . import mrp_workcenter_wheel
from . import mrp_workorder
from . import mrp_bom
from . import mrp_production
from . import mrp_workcenter_productivity
from . import mrp_workcenter_productivity_loss
from . import optiwise_production_run
from . import optiwise_production_run_output
from . import optiwise_run_output
from . import optiwise_changeover_family
from . import optiwise_changeover_checklist
from . import optiwise_changeover_checklist_item
from . import optiwise_changeover_rule
from . import optiwise_changeover
from . import optiwise_changeover_check
from . import optiwise_control_tower
