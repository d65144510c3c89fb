# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""GS1 element strings as labels carry them (ORM-free helpers).

An *element* is ``(AI, value)``: ``("00", sscc)``, ``("01", gtin)``,
``("10", lot)``... Labels of lots and pallets build their elements and hand
them to these functions for the scanned data, the human-readable text and the
ZPL (Zebra) symbol.
"""

import base64

from markupsafe import Markup

GROUP_SEPARATOR = "\x1d"
# AIs of a fixed length: no group separator after them
FIXED_LENGTH_AIS = {"00", "01", "02", "11", "13", "15", "17", "3103"}


def check_digit(digits):
    """The GS1 mod-10 check digit of ``digits`` (GTIN, SSCC...)."""
    total = sum(
        int(digit) * (3 if index % 2 == 0 else 1)
        for index, digit in enumerate(reversed(digits))
    )
    return str((10 - total % 10) % 10)


def code(elements):
    """The data as a scanner reads it: variable-length fields end with the
    group separator (FNC1), except the last."""
    parts = []
    for index, (ai, value) in enumerate(elements):
        last = index == len(elements) - 1
        fixed = ai in FIXED_LENGTH_AIS
        parts.append(ai + value + ("" if fixed or last else GROUP_SEPARATOR))
    return "".join(parts)


def text(elements):
    """The human-readable line under the symbol: (01)...(10)..."""
    return "".join(f"({ai}){value}" for ai, value in elements)


def image_src(env, elements, symbology="ECC200DataMatrix", width=300, height=300):
    """The symbol as an image data URL, drawn by Odoo's barcode rendering
    (the group separator cannot travel through a report's XML)."""
    png = env["ir.actions.report"].barcode(
        symbology, code(elements), width=width, height=height
    )
    return "data:image/png;base64," + base64.b64encode(png).decode()


def zpl_safe(value, length=40):
    """``value`` as a ZPL field may hold it."""
    return (value or "").replace("^", " ").replace("~", " ")[:length]


def zpl(lines, elements):
    """A 4 x 2 in label at 203 dpi: ``lines`` of text on top, a GS1-128
    symbol (FNC1 through ``>8``) and its human-readable text.

    Returned as markup so that a text report prints it as it is (ZPL is no
    HTML: ``>8`` must not become ``&gt;8``); ``zpl_safe`` keeps ZPL's own
    control characters out of the text."""
    data = code(elements).replace(GROUP_SEPARATOR, ">8")
    out = ["^XA", "^CI28"]
    top = 20
    for index, line in enumerate(lines):
        size = 34 if index == 0 else 30
        out.append(f"^FO30,{top}^A0N,{size},{size}^FD{zpl_safe(line)}^FS")
        top += 40
    out += [
        f"^FO30,{top}^BY2^BCN,120,N,N,N,D^FD>;>8{data}^FS",
        f"^FO30,{top + 135}^A0N,24,24^FD{zpl_safe(text(elements), 60)}^FS",
        "^XZ",
    ]
    return Markup("\n".join(out))


def quantity_element(env, qty, uom):
    """The element of a quantity: net kilograms (3103) or a count (37), or
    None when neither fits."""
    if qty > 0 and uom == env.ref("uom.product_uom_kgm", False):
        return ("3103", f"{round(qty * 1000):06d}")
    if qty > 0 and float(qty).is_integer():
        return ("37", str(int(qty)))
    return None


def gtin14(barcode):
    """The product barcode as a GTIN-14, or None if it is no EAN/UPC/GTIN."""
    barcode = barcode or ""
    if barcode.isdigit() and len(barcode) in (8, 12, 13, 14):
        return barcode.zfill(14)
    return None
