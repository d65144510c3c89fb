# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from . import optiwise_dispatch_line
from . import optiwise_dispatch_supply
from . import optiwise_qc_inspection
