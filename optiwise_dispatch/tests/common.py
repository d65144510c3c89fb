# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fixtures of the dispatch tests, on top of optiwise_batch's plant."""

from odoo import Command, fields

from odoo.addons.optiwise_batch.tests.common import OptiwisePlantCase


class OptiwiseDispatchCase(OptiwisePlantCase):
    """The plant shipping ``base`` to a customer, with a 24-hour dispatch margin.

    Quality points of a database (demo data of optiwise_qc) would add their
    lead time to every batch; they are switched off so the arithmetic here is
    the plain dispatch's.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if "optiwise.qc.point" in cls.env:
            cls.env["optiwise.qc.point"].search([]).active = False
        cls.company.optiwise_dispatch_margin_hours = 24
        cls.warehouse = cls.env.ref("stock.warehouse0")
        cls.customer_location = cls.env.ref("stock.stock_location_customers")
        cls.customer = cls.env["res.partner"].create({"name": "Test Trattoria"})
        cls.now = fields.Datetime.now()

    @classmethod
    def _ship(cls, qty, promised, product=None, partner=None):
        """A confirmed delivery of ``qty`` promised for ``promised``."""
        picking = cls.env["stock.picking"].create(
            {
                "picking_type_id": cls.warehouse.out_type_id.id,
                "partner_id": (partner or cls.customer).id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": (product or cls.base).id,
                            "product_uom_qty": qty,
                            "location_id": cls.stock_location.id,
                            "location_dest_id": cls.customer_location.id,
                            "date_deadline": promised,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        return picking

    @classmethod
    def _stock_lot(cls, name, qty, product=None):
        """Put ``qty`` of a new lot in stock; return the lot."""
        product = product or cls.base
        lot = cls.env["stock.lot"].create({"name": name, "product_id": product.id})
        cls.env["stock.quant"]._update_available_quantity(
            product, cls.stock_location, qty, lot_id=lot
        )
        return lot

    def _refresh(self):
        return self.env["optiwise.dispatch.line"]._refresh()

    def _line(self, picking):
        return self.env["optiwise.dispatch.line"].search(
            [("picking_id", "=", picking.id)]
        )
