# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, models
from odoo.exceptions import UserError

from .. import holds
from ..holds import FREE_STATES, HELD_STATES


class StockMove(models.Model):
    _inherit = "stock.move"

    def _action_assign(self, force_qty=False):
        """Reserve; moves requiring released lots see only released ones."""
        strict = self._optiwise_requiring_released()
        result = None
        if strict:
            result = super(
                StockMove, strict.with_context(optiwise_released_lots_only=True)
            )._action_assign(force_qty=force_qty)
        rest = self - strict
        if rest or not strict:
            result = super(StockMove, rest)._action_assign(force_qty=force_qty)
        self._optiwise_inspect_before_delivery()
        return result

    def _action_done(self, cancel_backorder=False):
        self._optiwise_requiring_released()._optiwise_check_released_lots()
        done = super()._action_done(cancel_backorder=cancel_backorder)
        inspections = done._optiwise_inspect_done()
        # core reserved the next moves (make to order) inside super(), before
        # the new inspections put these lots on hold: take those back
        self._optiwise_unreserve_held(inspections.lot_id)
        return done

    @api.model
    def _optiwise_unreserve_held(self, lots):
        """Free the reservations of ``lots`` that are not released on moves
        requiring released lots (not picked yet)."""
        held = lots.filtered(lambda lot: lot.optiwise_quality_state not in FREE_STATES)
        if not held:
            return
        lines = self.env["stock.move.line"].search(
            [
                ("lot_id", "in", held.ids),
                ("state", "not in", ("done", "cancel")),
                ("picked", "=", False),
            ]
        )
        moves = lines.move_id._optiwise_requiring_released()
        lines = lines.filtered(lambda line: line.move_id in moves)
        if lines:
            lines.unlink()
            moves._recompute_state()

    def _optiwise_hold_operation(self):
        """The operation of the hold table (``optiwise_qc.holds``) this move
        is for a lot leaving its source location, or False if it takes
        nothing out of stock (a receipt, a production's output)."""
        self.ensure_one()
        if self.location_id.usage not in ("internal", "transit"):
            return False
        dest = self.location_dest_id
        if self.is_inventory:
            return "inventory"
        if self.scrap_id or dest.usage == "inventory":
            return "scrap"
        if self.consume_unbuild_id:
            return "unbuild"
        if self.raw_material_production_id or dest.usage == "production":
            return "consume"
        if dest.usage == "customer":
            return "deliver"
        if dest.usage == "supplier":
            return "return"
        if dest.optiwise_quarantine:
            return "quarantine"
        return "internal"

    def _optiwise_requiring_released(self):
        """The moves the hold table stops for a lot on hold: a use
        (consumption, delivery) by an operation type that requires released
        lots. They reserve only released lots, and refuse held ones."""
        return self.filtered(
            lambda move: (
                move._optiwise_hold_operation() in holds.USE
                and (
                    move.picking_type_id
                    or move.raw_material_production_id.picking_type_id
                ).optiwise_require_released
            )
        )

    def _optiwise_check_released_lots(self):
        """Refuse the lots the hold table stops on these moves (the one place
        where the table is enforced on stock), naming each lot, its state and
        what may still be done with it."""
        lines = self.move_line_ids.filtered(
            lambda line: (
                line.lot_id
                and line.quantity
                and line.lot_id.optiwise_quality_state not in FREE_STATES
            )
        )
        if lines:
            raise UserError(
                self.env._(
                    "These lots are on hold by quality control and cannot be "
                    "consumed or leave stock: %(lots)s. Release them (Quality > "
                    "Inspections) or pick other lots; a lot on hold may still be "
                    "scrapped, returned to its vendor or moved into quarantine.",
                    lots=", ".join(
                        f"{lot.product_id.display_name} {lot.name} "
                        f"({lot._optiwise_quality_label()})"
                        for lot in lines.lot_id
                    ),
                )
            )

    def _optiwise_inspect_done(self):
        """Create the inspections due on receipt and on production of the done
        moves; return them."""
        requests = []
        for move in self:
            production = move.production_id
            if move.picking_type_id.code == "incoming" and not production:
                trigger, extra = "receipt", {"picking": move.picking_id}
            elif production and move.product_id == production.product_id:
                run = production.optiwise_run_id
                trigger = "run_output" if run else "production"
                # the lots it consumed that are on hold (pending, quarantined,
                # rejected): a lot made from them is held too
                held = production.move_raw_ids.move_line_ids.lot_id.filtered(
                    lambda lot: lot.optiwise_quality_state in HELD_STATES
                )
                extra = {"production": production, "run": run, "held_inputs": held}
            else:
                continue
            for line in move.move_line_ids.filtered("lot_id"):
                requests.append(
                    dict(
                        extra,
                        lot=line.lot_id,
                        trigger=trigger,
                        picking_type=move.picking_type_id,
                        producer=self.env.user,
                    )
                )
        return self.env["optiwise.qc.inspection"]._create_for_lots(requests)

    def _optiwise_inspect_before_delivery(self):
        requests = [
            {
                "lot": line.lot_id,
                "trigger": "delivery",
                "picking": move.picking_id,
                "picking_type": move.picking_type_id,
            }
            for move in self
            if move.picking_type_id.code == "outgoing"
            for line in move.move_line_ids.filtered("lot_id")
        ]
        self.env["optiwise.qc.inspection"]._create_for_lots(requests)
