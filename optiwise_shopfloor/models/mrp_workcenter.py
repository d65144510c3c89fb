# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class MrpWorkcenter(models.Model):
    _inherit = "mrp.workcenter"

    optiwise_barcode = fields.Char(
        string="Barcode",
        copy=False,
        help="Scanned on the shop floor screen to open this work center's "
        "current job (print it on the line or the vessel).",
    )

    _optiwise_barcode_unique = models.UniqueIndex(
        "(optiwise_barcode, company_id) WHERE optiwise_barcode IS NOT NULL",
        "Another work center of this company has this barcode.",
    )
