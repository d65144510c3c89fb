# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Sheets built before 19.0.2.1.0 priced their lines apart from their header
(lines at the quantity made without overhead standard or yield loss): rebuild
them so that the header is the sum of the lines, saying why in each chatter."""

import logging
import time

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)
# sheets rebuilt per step: memory stays flat on a plant with years of batches
CHUNK = 500
REASON = (
    "19.0.2.1.0: the lines are priced as the header (one source); the "
    "header is the sum of the lines"
)


def migrate(cr, version):
    if not version:
        return
    began = time.monotonic()
    env = api.Environment(cr, SUPERUSER_ID, {})
    Sheet = env["optiwise.batch.cost"].with_context(active_test=False)
    ids = Sheet.search([], order="id").ids
    for start in range(0, len(ids), CHUNK):
        Sheet.browse(ids[start : start + CHUNK])._recompute(REASON)
        env.flush_all()
        env.invalidate_all()
    _logger.info(
        "optiwise_costing 19.0.2.1.0: %d cost sheets rebuilt in %d chunks in %.1f s",
        len(ids),
        -(-len(ids) // CHUNK),
        time.monotonic() - began,
    )
