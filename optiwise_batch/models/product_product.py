# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, models


class ProductProduct(models.Model):
    _inherit = "product.product"

    @api.constrains("default_code")
    def _check_optiwise_lot_name_pattern(self):
        """A new internal reference must still let the batch lot pattern give
        names that fit GS1 AI (10)."""
        self.product_tmpl_id.filtered(
            "optiwise_lot_name_pattern"
        )._optiwise_check_lot_name_pattern()
