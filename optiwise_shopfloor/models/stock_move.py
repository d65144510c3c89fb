# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _optiwise_open_move_of(self, product):
        """The first of these moves of ``product`` still to be done."""
        return self.filtered(
            lambda m: m.product_id == product and m.state not in ("done", "cancel")
        )[:1]

    def _optiwise_scanned_qty(self):
        """What the lots and pallets scanned onto this move add up to."""
        self.ensure_one()
        return sum(self.move_line_ids.filtered("optiwise_scanned").mapped("quantity"))

    def _optiwise_put_scanned_lot(self, lot, qty=None, quant=None):
        """Give this move the scanned ``lot``: ``qty`` (default what the move
        still needs beyond the lots already scanned), picked; the lines that
        reservation chose give way to the lots actually scanned. With
        ``quant`` (a pallet's content), the line takes that quant's location
        and package and ships the package whole.

        :return: the quantity put on the move
        """
        self.ensure_one()
        scanned = self.move_line_ids.filtered("optiwise_scanned")
        if not qty:
            qty = max(self.product_uom_qty - self._optiwise_scanned_qty(), 0.0)
        (self.move_line_ids - scanned).unlink()
        vals = dict(
            self._prepare_move_line_vals(quantity=qty, reserved_quant=quant),
            picked=True,
            optiwise_scanned=True,
        )
        if quant:
            vals["result_package_id"] = quant.package_id.id
        else:
            vals["lot_id"] = lot.id
        self.env["stock.move.line"].create(vals)
        return qty
