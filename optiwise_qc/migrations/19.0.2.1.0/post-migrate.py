# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Quality holds follow the material:

- manufacturing operation types now require released components by default;
- lots that await an inspection not made yet are pending, lots that no point
  inspects need no inspection (they showed "Released" before).
"""

import logging
import time

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    began = time.monotonic()
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["stock.picking.type"].with_context(active_test=False).search(
        [("code", "=", "mrp_operation")]
    ).optiwise_require_released = True
    lots = (
        env["stock.lot"]
        .with_context(active_test=False)
        .search([("optiwise_inspection_ids", "=", False)])
    )
    # only lots that have not arrived yet: a lot in stock without inspection
    # was sampled out, or came before its point, and stays free
    lots.filtered(
        lambda lot: not lot.quant_ids
    )._optiwise_needing_inspection().optiwise_quality_required = True
    env.add_to_compute(env["stock.lot"]._fields["optiwise_quality_state"], lots)
    lots.flush_recordset()
    _logger.info(
        "optiwise_qc 19.0.2.1.0: %d lots without an inspection recomputed in %.1f s",
        len(lots),
        time.monotonic() - began,
    )
