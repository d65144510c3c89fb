# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def _optiwise_check_scan(self, answer):
        """A lot or pallet scanned on this delivery (the answer of
        ``optiwise.shopfloor.resolve_scan``): put on it when it fits, else
        the answer refused with the reason."""
        self.ensure_one()
        _ = self.env._
        shopfloor = self.env["optiwise.shopfloor"]
        if answer["status"] != "ok":
            return answer
        if answer["kind"] == "package":
            return self._optiwise_check_scanned_package(answer)
        if answer["kind"] != "lot":
            return dict(
                answer,
                status="refused",
                next=False,
                message=_(
                    "Scan the lot or pallet label of the goods, not %(what)s.",
                    what=answer["name"],
                ),
            )
        lot = self.env["stock.lot"].browse(answer["id"])
        move = self.move_ids._optiwise_open_move_of(lot.product_id)
        if not move:
            return dict(
                answer,
                status="refused",
                next=False,
                message=_(
                    "%(product)s is not on delivery %(name)s: put lot %(lot)s aside.",
                    product=lot.product_id.display_name,
                    name=self.name,
                    lot=lot.name,
                ),
            )
        reason = shopfloor._shopfloor_lot_refusal(lot, purpose="ship")
        if reason:
            return dict(answer, status="refused", next=False, message=reason)
        left = move.product_uom_qty - move._optiwise_scanned_qty()
        # what the lot has where the delivery takes it, besides this move's own
        # reservation (given back when the scan replaces it)
        on_hand = self.env["stock.quant"]._get_available_quantity(
            lot.product_id, move.location_id, lot_id=lot
        ) + sum(
            move.move_line_ids.filtered(
                lambda line: line.lot_id == lot and not line.optiwise_scanned
            ).mapped("quantity")
        )
        qty = answer["gs1"].get("quantity") or min(left, on_hand)
        if qty <= 0 or qty > on_hand + 1e-9:
            return dict(
                answer,
                status="refused",
                next=False,
                message=_(
                    "Lot %(lot)s has %(qty)s %(uom)s in %(location)s: check the "
                    "label and the lot.",
                    lot=lot.name,
                    qty=shopfloor._shopfloor_number(on_hand),
                    uom=move.product_uom.name,
                    location=move.location_id.display_name,
                ),
            )
        if qty > left + 1e-9:
            return dict(
                answer,
                status="refused",
                next=False,
                message=_(
                    "%(qty)s %(uom)s is more than the %(left)s %(uom)s of %(product)s "
                    "still to ship on %(name)s.",
                    qty=shopfloor._shopfloor_number(qty),
                    left=shopfloor._shopfloor_number(left),
                    uom=move.product_uom.name,
                    product=lot.product_id.display_name,
                    name=self.name,
                ),
            )
        move._optiwise_put_scanned_lot(lot, qty)
        return dict(
            answer,
            next="checked",
            message=_(
                "Lot %(lot)s: %(qty)s %(uom)s of %(product)s checked.",
                lot=lot.name,
                qty=shopfloor._shopfloor_number(qty),
                uom=move.product_uom.name,
                product=lot.product_id.display_name,
            ),
        )

    def _optiwise_check_scanned_package(self, answer):
        """A pallet scanned on a delivery: all of it fits, or none of it is
        taken. Each quant on it must be of a product the delivery ships,
        of a lot not refused, within what is left to ship, in the place the
        delivery takes goods from and not reserved for another transfer."""
        self.ensure_one()
        _ = self.env._
        shopfloor = self.env["optiwise.shopfloor"]
        package = self.env["stock.package"].browse(answer["id"])

        def refuse(message):
            return dict(answer, status="refused", next=False, message=message)

        if self.move_line_ids.filtered(
            lambda line: line.optiwise_scanned and line.package_id == package
        ):
            return refuse(
                _(
                    "Pallet %(name)s is already checked on %(picking)s.",
                    name=package.name,
                    picking=self.name,
                )
            )
        quants = package.contained_quant_ids.filtered(lambda q: q.quantity > 0)
        if not quants:
            return refuse(_("Pallet %(name)s is empty.", name=package.name))
        source = self.location_id
        if quants.location_id.filtered(lambda loc: not loc._child_of(source)):
            return refuse(
                _(
                    "Pallet %(name)s is in %(where)s, not in %(source)s where "
                    "%(picking)s takes its goods.",
                    name=package.name,
                    where=", ".join(quants.location_id.mapped("display_name")),
                    source=source.display_name,
                    picking=self.name,
                )
            )
        # what this delivery itself reserved on the pallet is given back
        # when the scan replaces its reservation
        own = self.move_line_ids.filtered(
            lambda line: not line.optiwise_scanned and line.package_id == package
        )
        taken = {}
        for quant in quants:
            move = self.move_ids._optiwise_open_move_of(quant.product_id)
            if not move:
                return refuse(
                    _(
                        "Pallet %(name)s holds %(product)s, which is not on "
                        "delivery %(picking)s: put the pallet aside.",
                        name=package.name,
                        product=quant.product_id.display_name,
                        picking=self.name,
                    )
                )
            if quant.lot_id:
                reason = shopfloor._shopfloor_lot_refusal(quant.lot_id, purpose="ship")
                if reason:
                    return refuse(reason)
            mine = sum(
                own.filtered(
                    lambda line, q=quant: (
                        line.lot_id == q.lot_id and line.location_id == q.location_id
                    )
                ).mapped("quantity_product_uom")
            )
            if quant.reserved_quantity - mine > 1e-9:
                return refuse(
                    _(
                        "Part of pallet %(name)s is reserved for another "
                        "transfer: check which one before shipping it.",
                        name=package.name,
                    )
                )
            taken[move] = taken.get(move, 0.0) + quant.product_uom_id._compute_quantity(
                quant.quantity, move.product_uom
            )
        for move, qty in taken.items():
            left = move.product_uom_qty - move._optiwise_scanned_qty()
            if qty > left + 1e-9:
                return refuse(
                    _(
                        "Pallet %(name)s holds %(qty)s %(uom)s of %(product)s, "
                        "more than the %(left)s %(uom)s still to ship on "
                        "%(picking)s.",
                        name=package.name,
                        qty=shopfloor._shopfloor_number(qty),
                        left=shopfloor._shopfloor_number(left),
                        uom=move.product_uom.name,
                        product=move.product_id.display_name,
                        picking=self.name,
                    )
                )
        for quant in quants:
            move = self.move_ids._optiwise_open_move_of(quant.product_id)
            move._optiwise_put_scanned_lot(quant.lot_id, quant.quantity, quant=quant)
        return dict(
            answer,
            next="checked",
            message=_(
                "Pallet %(name)s checked: %(content)s.",
                name=package.name,
                content=package.content_description,
            ),
        )
