# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One open inspection per lot and trigger replaces one inspection ever: the
old unique index goes (the new one is made by the update)."""

from odoo.tools import SQL


def migrate(cr, version):
    cr.execute(SQL("DROP INDEX IF EXISTS optiwise_qc_inspection__unique_lot_trigger"))
