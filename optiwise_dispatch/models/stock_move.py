# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, models

# a move's fields that change what a delivery waits on or when it is promised
DISPATCH_FIELDS = {"date", "date_deadline", "product_uom_qty", "picking_id"}


class StockMove(models.Model):
    _inherit = "stock.move"

    @api.model_create_multi
    def create(self, vals_list):
        moves = super().create(vals_list)
        self.env["optiwise.dispatch.request"]._queue_moves(moves)
        return moves

    def write(self, vals):
        if DISPATCH_FIELDS & vals.keys():
            self.env["optiwise.dispatch.request"]._queue_moves(self)
        return super().write(vals)

    def _action_confirm(self, merge=True, merge_into=False, create_proc=True):
        moves = super()._action_confirm(
            merge=merge, merge_into=merge_into, create_proc=create_proc
        )
        self.env["optiwise.dispatch.request"]._queue_moves(moves)
        return moves

    def _action_assign(self, force_qty=False):
        result = super()._action_assign(force_qty=force_qty)
        self.env["optiwise.dispatch.request"]._queue_moves(self)
        return result

    def _do_unreserve(self):
        self.env["optiwise.dispatch.request"]._queue_moves(self)
        return super()._do_unreserve()

    def _action_done(self, cancel_backorder=False):
        done = super()._action_done(cancel_backorder=cancel_backorder)
        self.env["optiwise.dispatch.request"]._queue_moves(self | done)
        return done

    def _action_cancel(self):
        self.env["optiwise.dispatch.request"]._queue_moves(self)
        return super()._action_cancel()
