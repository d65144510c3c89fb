# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class OptiwiseRunDeclare(models.TransientModel):
    _name = "optiwise.run.declare"
    _description = "Declare Output of a Continuous Run"

    run_id = fields.Many2one("optiwise.production.run", required=True)
    product_uom_id = fields.Many2one(related="run_id.product_uom_id")
    qty_good = fields.Float(string="Good", digits="Product Unit")
    qty_scrap = fields.Float(string="Scrap", digits="Product Unit")
    lot_name = fields.Char(
        string="Lot", help="Leave empty to use the lot the run's lot policy gives."
    )
    source = fields.Selection(
        [("manual", "Manual"), ("barcode", "Barcode")], default="manual"
    )

    def action_declare(self):
        """Post the declaration through the run; keep the run form open."""
        self.ensure_one()
        self.run_id.record_output(
            self.qty_good,
            self.qty_scrap,
            lot_name=self.lot_name or None,
            source=self.source,
        )
        return {"type": "ir.actions.act_window_close"}
