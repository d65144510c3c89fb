# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    optiwise_gs1_company_prefix = fields.Char(
        "GS1 Company Prefix",
        help="The company prefix GS1 gave the company (6 to 12 digits): the "
        "serial shipping container codes (SSCC) of its pallets start with it.",
    )

    @api.constrains("optiwise_gs1_company_prefix")
    def _check_optiwise_gs1_company_prefix(self):
        for company in self:
            prefix = company.optiwise_gs1_company_prefix
            if prefix and not (prefix.isdigit() and 6 <= len(prefix) <= 12):
                raise ValidationError(
                    self.env._(
                        "The GS1 company prefix of %(company)s must be 6 to 12 "
                        "digits, as GS1 gave it (%(prefix)s is not).",
                        company=company.name,
                        prefix=prefix,
                    )
                )
