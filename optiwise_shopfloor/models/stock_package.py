# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import models
from odoo.exceptions import UserError

from .. import gs1


class StockPackage(models.Model):
    _inherit = "stock.package"

    def action_optiwise_assign_sscc(self):
        """Name each package that has no SSCC yet by the next serial shipping
        container code of its company (extension digit 0, the company's GS1
        prefix, a serial from the ``optiwise.sscc`` sequence, the check
        digit), so that its pallet label is a GS1 logistic label. Packages
        already named by an SSCC keep their name: safe to run again.

        :raises UserError: if a package's company has no GS1 company prefix
        """
        self.check_access("write")
        to_name = self.filtered(lambda p: not p.valid_sscc)
        for package in to_name:
            company = package.company_id or self.env.company
            prefix = company.optiwise_gs1_company_prefix
            if not prefix:
                raise UserError(
                    self.env._(
                        "%(company)s has no GS1 company prefix: set it in "
                        "Inventory > Configuration > Settings > Barcode before "
                        "naming pallets by SSCC.",
                        company=company.name,
                    )
                )
            # the sequence is shared data, not a record operators may read
            serial = self.env["ir.sequence"].sudo().next_by_code("optiwise.sscc") or ""
            width = 16 - len(prefix)
            if not serial.isdigit() or len(serial) > width:
                raise UserError(
                    self.env._(
                        "The SSCC serials of prefix %(prefix)s are used up "
                        "(%(width)s digits): ask GS1 for another prefix.",
                        prefix=prefix,
                        width=width,
                    )
                )
            digits = "0" + prefix + serial.zfill(width)
            package.name = digits + gs1.check_digit(digits)
        return True

    def _optiwise_gs1_elements(self):
        """The pallet label's elements: the SSCC (00) and, for a pallet of
        one product, its GTIN (02), its lot when there is one (10) and the
        count or net weight (37 / 3103)."""
        self.ensure_one()
        elements = [("00", self.name)] if self.valid_sscc else []
        quants = self.contained_quant_ids.filtered(lambda q: q.quantity > 0)
        product = quants.product_id
        if len(product) != 1:
            return elements
        gtin = gs1.gtin14(product.barcode)
        if gtin:
            elements.append(("02", gtin))
        quantity = gs1.quantity_element(
            self.env, sum(quants.mapped("quantity")), product.uom_id
        )
        if quantity and gtin:
            elements.append(quantity)
        if len(quants.lot_id) == 1:
            elements.append(("10", quants.lot_id.name[:20]))
        return elements

    def _optiwise_gs1_image_src(self):
        self.ensure_one()
        return gs1.image_src(self.env, self._optiwise_gs1_elements())

    def _optiwise_gs1_text(self):
        self.ensure_one()
        return gs1.text(self._optiwise_gs1_elements())

    def _optiwise_zpl(self):
        """The pallet's GS1 logistic label in ZPL."""
        self.ensure_one()
        return gs1.zpl(
            [
                self.env._("SSCC %s", self.name) if self.valid_sscc else self.name,
                self.content_description or "",
            ],
            self._optiwise_gs1_elements(),
        )
