# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""XLSX workbooks of batch cost sheets (xlsxwriter)."""

import io

import xlsxwriter

from ..costing import VARIANCE_CATEGORIES


def _formats(book, currency):
    money = (
        f"#,##0.{'0' * currency.decimal_places};-#,##0.{'0' * currency.decimal_places}"
    )
    return {
        "title": book.add_format({"bold": True, "font_size": 14}),
        "head": book.add_format(
            {"bold": True, "bg_color": "#DDE4EE", "border": 1, "text_wrap": True}
        ),
        "bold": book.add_format({"bold": True}),
        "money": book.add_format({"num_format": money}),
        "money_bold": book.add_format({"num_format": money, "bold": True, "top": 1}),
        "qty": book.add_format({"num_format": "#,##0.00"}),
        "pct": book.add_format({"num_format": "0.0%"}),
        "date": book.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
        "red": book.add_format({"num_format": money, "font_color": "#C00000"}),
    }


def _labels(sheet):
    _ = sheet.env._
    return {
        "material_price": _("Material price"),
        "material_usage": _("Material usage"),
        "yield": _("Yield"),
        "efficiency": _("Labour / machine efficiency"),
        "changeover": _("Changeover"),
        "overhead": _("Overhead"),
    }


def sheet_workbook(sheet):
    """One batch: header, components, operations, variances, totals."""
    _ = sheet.env._
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    fmt = _formats(book, sheet.currency_id)
    ws = book.add_worksheet(_("Cost Sheet"))
    ws.set_column(0, 0, 34)
    ws.set_column(1, 6, 15)
    ws.write(0, 0, _("Batch cost sheet %(name)s", name=sheet.name), fmt["title"])
    header = [
        (_("Product"), sheet.product_id.display_name),
        (_("Lot"), sheet.lot_id.name or ""),
        (_("Closed on"), sheet.date),
        (_("Planned"), sheet.qty_planned),
        (_("Made"), sheet.qty_total),
        (_("Good output"), sheet.qty_good),
        (_("Scrap"), sheet.qty_scrap),
        (_("Currency"), sheet.currency_id.name),
    ]
    row = 2
    for label, value in header:
        ws.write(row, 0, label, fmt["bold"])
        if label == _("Closed on"):
            ws.write_datetime(row, 1, value, fmt["date"])
        elif isinstance(value, float):
            ws.write_number(row, 1, value, fmt["qty"])
        else:
            ws.write(row, 1, value)
        row += 1
    row += 1
    columns = [
        _("Cost line"),
        _("Expected qty"),
        _("Actual qty"),
        _("Expected cost"),
        _("Actual cost"),
        _("Variance"),
    ]
    ws.write_row(row, 0, columns, fmt["head"])
    ws.freeze_panes(row + 1, 1)
    row += 1
    categories = dict(
        sheet.line_ids._fields["category"]._description_selection(sheet.env)
    )
    for category in ("component", "operation", "changeover", "overhead", "byproduct"):
        lines = sheet.line_ids.filtered(lambda line, c=category: line.category == c)
        if not lines:
            continue
        ws.write(row, 0, categories[category], fmt["bold"])
        row += 1
        for line in lines:
            expected = line.qty_expected or line.minutes_expected
            actual = line.qty_actual or line.minutes_actual
            ws.write(row, 0, line.name)
            ws.write_number(row, 1, expected, fmt["qty"])
            ws.write_number(row, 2, actual, fmt["qty"])
            ws.write_number(row, 3, line.cost_expected, fmt["money"])
            ws.write_number(row, 4, line.cost_actual, fmt["money"])
            ws.write_number(
                row, 5, line.variance, fmt["red"] if line.variance > 0 else fmt["money"]
            )
            row += 1
    row += 1
    ws.write_row(row, 0, [_("Variance"), _("Amount")], fmt["head"])
    row += 1
    first = row
    for category, label in _labels(sheet).items():
        ws.write(row, 0, label)
        ws.write_number(row, 1, sheet[f"variance_{category}"], fmt["money"])
        row += 1
    ws.write(row, 0, _("Total variance"), fmt["bold"])
    ws.write_formula(
        row, 1, f"=SUM(B{first + 1}:B{row})", fmt["money_bold"], sheet.total_variance
    )
    row += 2
    totals = [
        (_("Material"), sheet.material_actual),
        (_("Operations"), sheet.operations_actual),
        (_("Changeover"), sheet.changeover_cost),
        (_("Overhead"), sheet.overhead_actual),
        (_("Actual cost"), sheet.actual_cost),
        (_("Standard cost"), sheet.standard_cost),
        (_("Cost per good unit"), sheet.cost_per_unit),
        (_("Odoo valuation"), sheet.valuation_value),
    ]
    ws.write_row(row, 0, [_("Totals"), _("Amount")], fmt["head"])
    row += 1
    for label, value in totals:
        ws.write(row, 0, label)
        ws.write_number(row, 1, value, fmt["money"])
        row += 1
    ws.write(row, 0, sheet.valuation_note or "")
    book.close()
    return buffer.getvalue()


def comparison_workbook(sheets):
    """Several batches side by side, one row each."""
    first = sheets[:1]
    _ = first.env._
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    fmt = _formats(book, first.currency_id)
    ws = book.add_worksheet(_("Comparison"))
    labels = _labels(first)
    columns = [
        _("Sheet"),
        _("Product"),
        _("Closed on"),
        _("Good output"),
        _("Yield %"),
        _("Actual cost"),
        _("Standard cost"),
        _("Cost per unit"),
        *[labels[c] for c in VARIANCE_CATEGORIES],
        _("Total variance"),
        _("Band"),
    ]
    ws.write_row(0, 0, columns, fmt["head"])
    ws.freeze_panes(1, 1)
    ws.set_column(0, 1, 24)
    ws.set_column(2, len(columns), 14)
    bands = dict(first._fields["band_status"]._description_selection(first.env))
    for row, sheet in enumerate(sheets.sorted(lambda s: (s.date, s.id)), start=1):
        ws.write(row, 0, sheet.name)
        ws.write(row, 1, sheet.product_id.display_name)
        ws.write_datetime(row, 2, sheet.date, fmt["date"])
        ws.write_number(row, 3, sheet.qty_good, fmt["qty"])
        ws.write_number(row, 4, sheet.yield_percent / 100, fmt["pct"])
        ws.write_number(row, 5, sheet.actual_cost, fmt["money"])
        ws.write_number(row, 6, sheet.standard_cost, fmt["money"])
        ws.write_number(row, 7, sheet.cost_per_unit, fmt["money"])
        for offset, category in enumerate(VARIANCE_CATEGORIES):
            ws.write_number(
                row, 8 + offset, sheet[f"variance_{category}"], fmt["money"]
            )
        ws.write_number(
            row, 8 + len(VARIANCE_CATEGORIES), sheet.total_variance, fmt["money"]
        )
        ws.write(row, 9 + len(VARIANCE_CATEGORIES), bands[sheet.band_status])
    book.close()
    return buffer.getvalue()
