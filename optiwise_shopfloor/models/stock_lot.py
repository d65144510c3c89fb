# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import base64

from odoo import fields, models

GROUP_SEPARATOR = "\x1d"


class StockLot(models.Model):
    _inherit = "stock.lot"

    def _optiwise_gs1_elements(self):
        """The GS1 element strings of the lot's label, in order: (AI, value)
        for the GTIN (01, when the product's barcode is an EAN/GTIN), the lot
        (10), the expiry (17, with product_expiry) and the quantity on hand
        (37 for units, 310n for kilograms)."""
        self.ensure_one()
        product = self.product_id
        elements = []
        barcode = product.barcode or ""
        if barcode.isdigit() and len(barcode) in (8, 12, 13, 14):
            elements.append(("01", barcode.zfill(14)))
        elements.append(("10", self.name[:20]))
        expiry = self._fields.get("expiration_date") and self.expiration_date
        if expiry:
            elements.append(("17", fields.Date.to_date(expiry).strftime("%y%m%d")))
        qty = self.product_qty
        uom = product.uom_id
        if qty > 0 and uom == self.env.ref("uom.product_uom_kgm", False):
            elements.append(("3103", f"{round(qty * 1000):06d}"))
        elif qty > 0 and float(qty).is_integer():
            elements.append(("37", str(int(qty))))
        return elements

    def _optiwise_gs1_code(self):
        """The label's data as scanned: variable-length fields end with the
        group separator (FNC1), except the last."""
        self.ensure_one()
        fixed = {"01", "17", "3103"}
        parts = []
        elements = self._optiwise_gs1_elements()
        for index, (ai, value) in enumerate(elements):
            last = index == len(elements) - 1
            parts.append(ai + value + ("" if ai in fixed or last else GROUP_SEPARATOR))
        return "".join(parts)

    def _optiwise_gs1_text(self):
        """The human-readable line under the symbol: (01)...(10)..."""
        self.ensure_one()
        return "".join(f"({ai}){value}" for ai, value in self._optiwise_gs1_elements())

    def _optiwise_gs1_image_src(self):
        """The label's GS1 DataMatrix as an image data URL (Odoo's barcode
        rendering; the group separator cannot travel through the report's
        XML, so the image is made here)."""
        self.ensure_one()
        png = self.env["ir.actions.report"].barcode(
            "ECC200DataMatrix", self._optiwise_gs1_code(), width=300, height=300
        )
        return "data:image/png;base64," + base64.b64encode(png).decode()

    def _optiwise_zpl(self):
        """The lot's label in ZPL (Zebra thermal printers, 4 x 2 in, 203
        dpi): product, lot, a GS1-128 symbol (FNC1 via ``>8``) and its
        human-readable text."""
        self.ensure_one()
        data = self._optiwise_gs1_code().replace(GROUP_SEPARATOR, ">8")

        def safe(text):
            return (text or "").replace("^", " ").replace("~", " ")[:40]

        return "\n".join(
            [
                "^XA",
                "^CI28",
                f"^FO30,20^A0N,34,34^FD{safe(self.product_id.display_name)}^FS",
                f"^FO30,60^A0N,30,30^FDLot {safe(self.name)}^FS",
                f"^FO30,100^BY2^BCN,120,N,N,N,D^FD>;>8{data}^FS",
                f"^FO30,235^A0N,24,24^FD{safe(self._optiwise_gs1_text())}^FS",
                "^XZ",
            ]
        )
