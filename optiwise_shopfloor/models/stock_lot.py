# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.optiwise_batch.batching.lot_names import ai10_problem

from .. import gs1


class StockLot(models.Model):
    _inherit = "stock.lot"

    def _optiwise_gs1_elements(self):
        """The GS1 element strings of the lot's label, in order: (AI, value)
        for the GTIN (01, when the product's barcode is an EAN/GTIN), the lot
        (10), the expiry (17, with product_expiry) and the quantity on hand
        (37 for units, 3103 for kilograms)."""
        self.ensure_one()
        self._optiwise_check_gs1_label()
        elements = []
        gtin = gs1.gtin14(self.product_id.barcode)
        if gtin:
            elements.append(("01", gtin))
        elements.append(("10", self.name))
        expiry = self._fields.get("expiration_date") and self.expiration_date
        if expiry:
            elements.append(("17", fields.Date.to_date(expiry).strftime("%y%m%d")))
        quantity = gs1.quantity_element(
            self.env, self.product_qty, self.product_id.uom_id
        )
        if quantity:
            elements.append(quantity)
        return elements

    def _optiwise_check_gs1_label(self):
        """Refuse a label for a lot whose name GS1 AI (10) cannot carry: a
        label never prints a lot name cut short or mangled.

        :raises UserError: naming the lot and why
        """
        for lot in self:
            problem = ai10_problem(lot.name)
            if problem:
                raise UserError(
                    self.env._(
                        "No GS1 label for lot %(lot)s: %(problem)s, so a scanner "
                        "would read another lot. Rename the lot (at most 20 "
                        "letters, digits or - . / _) and print again.",
                        lot=lot.name,
                        problem=problem,
                    )
                )

    def _optiwise_gs1_code(self):
        """The label's data as scanned (group separators included)."""
        self.ensure_one()
        return gs1.code(self._optiwise_gs1_elements())

    def _optiwise_gs1_text(self):
        """The human-readable line under the symbol: (01)...(10)..."""
        self.ensure_one()
        return gs1.text(self._optiwise_gs1_elements())

    def _optiwise_gs1_image_src(self):
        """The label's GS1 DataMatrix as an image data URL."""
        self.ensure_one()
        return gs1.image_src(self.env, self._optiwise_gs1_elements())

    def _optiwise_zpl(self):
        """The lot's label in ZPL (Zebra thermal printers, 4 x 2 in, 203
        dpi): product, lot, a GS1-128 symbol and its human-readable text."""
        self.ensure_one()
        return gs1.zpl(
            [self.product_id.display_name, self.env._("Lot %s", self.name)],
            self._optiwise_gs1_elements(),
        )
