# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from . import optiwise_qc_decision
from . import optiwise_qc_correction
