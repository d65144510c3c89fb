# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from . import optiwise_workcenter_wizard
from . import optiwise_run_declare
from . import optiwise_run_pause
from . import optiwise_mode_advisor
from . import optiwise_oee_analysis
from . import optiwise_sequence_wizard
from . import optiwise_wheel_wizard
from . import optiwise_batch_plan
