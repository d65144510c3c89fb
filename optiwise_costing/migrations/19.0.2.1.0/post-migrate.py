# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Sheets built before 19.0.2.1.0 priced their lines apart from their header
(lines at the quantity made without overhead standard or yield loss): rebuild
them so that the header is the sum of the lines, saying why in each chatter."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    sheets = env["optiwise.batch.cost"].with_context(active_test=False).search([])
    sheets._recompute(
        "19.0.2.1.0: the lines are priced as the header (one source); the "
        "header is the sum of the lines"
    )
