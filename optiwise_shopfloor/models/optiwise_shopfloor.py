# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools.misc import formatLang

from odoo.addons.optiwise_batch.arguments import GROUP_SEPARATOR, as_record, as_text

# the prefixes scanners put before a GS1 code (symbology identifiers)
GS1_PREFIXES = ("]C1", "]e0", "]d2", "]Q3", "]J1")
# GS1 rule types of barcodes_gs1_nomenclature, as read by the screen
GS1_FIELDS = {
    "product": "gtin",
    "lot": "lot",
    "expiration_date": "expiry",
    "package": "sscc",
}


class OptiwiseShopfloor(models.AbstractModel):
    """What a code scanned on the shop floor names, and what to do next.

    One server method, :meth:`resolve_scan`, for the screen and for
    integrators alike: GS1 codes are parsed with the company's nomenclature
    (``barcodes_gs1_nomenclature``); plain codes are looked up as a work
    center barcode, a manufacturing order, run or transfer name, a lot name
    and a product barcode, in that order. Addons add kinds of code through
    :meth:`_shopfloor_resolvers` and refusals through
    :meth:`_shopfloor_lot_refusal`.
    """

    _name = "optiwise.shopfloor"
    _description = "Shop Floor Scans (Optiwise)"

    @api.model
    @api.readonly
    def resolve_scan(self, code: str, workcenter_id: int | None = None) -> dict:
        """Resolve one scanned code.

        :param str code: the code as the scanner read it: plain, or GS1-128 /
            GS1 DataMatrix (symbology prefix and group separators allowed)
        :param int workcenter_id: the work center on screen, if any
        :return: dict with ``status`` (``ok``, ``refused`` or ``unknown``),
            ``kind`` (``workcenter``, ``production``, ``run``, ``picking``,
            ``lot``, ``product`` or False), ``model``, ``id``, ``name``,
            ``next`` (what the screen does next: ``open_workcenter``,
            ``open_production``, ``open_run``, ``check_delivery``,
            ``open_lot``, ``open_product``), ``message`` (a sentence for the
            operator) and ``gs1`` (``gtin``, ``lot``, ``expiry``, ``quantity``
            and its ``quantity_ai``, ``sscc``: what the code carried)
        :raises UserError: if ``code`` is not text or ``workcenter_id`` no
            work center of the caller's
        """
        _ = self.env._
        code = as_text(
            self.env,
            code,
            _("The scanned code"),
            max_length=512,
            controls={GROUP_SEPARATOR},
        )
        if not code:
            raise UserError(_("Scan a code, or type it."))
        workcenter = as_record(
            self.env,
            "mrp.workcenter",
            workcenter_id,
            _("The work center"),
            required=False,
        )
        gs1 = self._shopfloor_parse_gs1(code)
        for resolver in self._shopfloor_resolvers():
            answer = resolver(code, gs1, workcenter)
            if answer:
                return dict(answer, gs1=self._shopfloor_gs1_out(gs1))
        return {
            "status": "unknown",
            "kind": False,
            "model": False,
            "id": False,
            "name": code,
            "next": False,
            "message": _(
                "%(code)s is no work center, order, run, transfer, lot or product "
                "known here.",
                code=code,
            ),
            "gs1": self._shopfloor_gs1_out(gs1),
        }

    # ------------------------------------------------------------------
    # The job a work center is on
    # ------------------------------------------------------------------

    @api.model
    @api.readonly
    def get_workcenter_job(self, workcenter_id: int) -> dict:
        """The job the work center is on, or is to start next.

        A run under way (running or paused) comes first; else the work order
        in progress, else one whose changeover is to do or under way, else
        the next one ready or waiting, by planned start.

        :param int workcenter_id: ``mrp.workcenter`` id
        :return: dict with ``workcenter`` (``id``, ``name``), ``to_close``
            (the batch finished here that waits to be marked done: ``id``,
            ``name``, ``product``, ``lots``, ``qty``, ``uom``; or False) and
            ``job``:
            False, or ``type`` (``run`` or ``workorder``), ``id``, ``name``,
            ``state``, ``product``, ``lots`` (names), ``target`` and ``done``
            (quantities) with ``uom``, and ``changeover``: False, or ``id``,
            ``name``, ``state``, ``transition`` and ``checks`` (``id``,
            ``name``, ``mandatory``, ``done``) of the changeover to do first;
            for a work order under way, ``components``: its batch's
            lot-tracked components (``move_id``, ``product``, ``qty``,
            ``uom``, ``lots`` scanned so far); for a run,
            ``downtime_reasons`` (``id``, ``name``) to pause it with
        :raises UserError: if the work center does not exist
        """
        workcenter = as_record(
            self.env, "mrp.workcenter", workcenter_id, self.env._("The work center")
        )
        run = self.env["optiwise.production.run"].search(
            [
                ("workcenter_id", "=", workcenter.id),
                ("state", "in", ("running", "paused")),
            ],
            order="date_start desc",
            limit=1,
        )
        if run:
            job = self._shopfloor_run_job(run)
        else:
            Workorder = self.env["mrp.workorder"]
            workorder = Workorder.search(
                [("workcenter_id", "=", workcenter.id), ("state", "=", "progress")],
                order="date_start, id",
                limit=1,
            )
            waiting = [
                ("workcenter_id", "=", workcenter.id),
                ("state", "in", ("ready", "blocked")),
            ]
            # a batch whose changeover is under way, else the next planned
            workorder = (
                workorder
                or Workorder.search(
                    waiting
                    + [("optiwise_changeover_ids.state", "in", ("draft", "running"))],
                    order="date_start, id",
                    limit=1,
                )
                or Workorder.search(waiting, order="date_start, id", limit=1)
            )
            job = self._shopfloor_workorder_job(workorder) if workorder else False
        return {
            "workcenter": {"id": workcenter.id, "name": workcenter.display_name},
            "job": job,
            "to_close": self._shopfloor_to_close(workcenter),
        }

    # ------------------------------------------------------------------
    # Component lots consumed by a batch
    # ------------------------------------------------------------------

    @api.model
    def consume_lot(self, workorder_id: int, code: str) -> dict:
        """Put the scanned component lot on the work order's batch: the
        order's move of that component takes that lot (so genealogy is
        exact when the batch is done).

        The quantity is the GS1 label's count or net weight when it carries
        one, else what the move still needs.

        :param int workorder_id: ``mrp.workorder`` id (its batch not done)
        :param str code: the lot's GS1 label or name
        :return: the answer of :meth:`resolve_scan`, with ``status``
            ``refused`` and the reason for a lot of a product the batch does
            not use, an expired lot or a lot refused by an addon (a quality
            bridge refuses lots on hold); ``ok`` with ``quantity`` and
            ``uom`` once the lot is put on the batch
        :raises UserError: on a bad argument or a batch done or cancelled
        """
        _ = self.env._
        workorder = as_record(
            self.env, "mrp.workorder", workorder_id, _("The work order")
        )
        workorder.check_access("write")
        production = workorder.production_id
        if production.state in ("done", "cancel"):
            raise UserError(
                _(
                    "Batch %(name)s is closed: no lot can be added.",
                    name=production.name,
                )
            )
        answer = self.resolve_scan(code, workcenter_id=workorder.workcenter_id.id)
        if answer["status"] != "ok" or answer["kind"] != "lot":
            if answer["status"] == "ok":
                answer = dict(
                    answer,
                    status="refused",
                    message=_(
                        "Scan a component lot, not %(what)s.", what=answer["name"]
                    ),
                )
            return answer
        lot = self.env["stock.lot"].browse(answer["id"])
        move = production.move_raw_ids._optiwise_open_move_of(lot.product_id)
        if not move:
            return dict(
                answer,
                status="refused",
                next=False,
                message=_(
                    "Batch %(batch)s does not use %(product)s: lot %(lot)s is not "
                    "one of its components.",
                    batch=production.name,
                    product=lot.product_id.display_name,
                    lot=lot.name,
                ),
            )
        reason = self._shopfloor_lot_refusal(lot, purpose="consume")
        if reason:
            return dict(answer, status="refused", next=False, message=reason)
        qty = move._optiwise_put_scanned_lot(lot, answer["gs1"].get("quantity"))
        return dict(
            answer,
            next="consumed",
            quantity=qty,
            uom=move.product_uom.name,
            message=_(
                "Lot %(lot)s: %(qty)s %(uom)s of %(product)s on batch %(batch)s.",
                lot=lot.name,
                qty=self._shopfloor_number(qty),
                uom=move.product_uom.name,
                product=lot.product_id.display_name,
                batch=production.name,
            ),
        )

    @api.model
    def _shopfloor_number(self, qty):
        """A quantity as the operator reads it (the user's language, product
        unit precision)."""
        return formatLang(self.env, qty, dp="Product Unit")

    # ------------------------------------------------------------------
    # Checking a delivery
    # ------------------------------------------------------------------

    @api.model
    @api.readonly
    def get_delivery(self, picking_id: int) -> dict:
        """A delivery as the dispatch check shows it.

        :param int picking_id: ``stock.picking`` id
        :return: dict ``id``, ``name``, ``partner``, ``state`` and ``lines``
            (per move: ``move_id``, ``product``, ``demand``, ``scanned``,
            ``uom``, ``lots`` and ``packages``: the names of the lots and
            pallets scanned onto it)
        :raises UserError: if the picking does not exist
        :raises AccessError: if the user may not read it
        """
        picking = as_record(
            self.env, "stock.picking", picking_id, self.env._("The delivery")
        )
        return {
            "id": picking.id,
            "name": picking.name,
            "partner": picking.partner_id.display_name or "",
            "state": picking.state,
            "lines": [
                {
                    "move_id": move.id,
                    "product": move.product_id.display_name,
                    "demand": move.product_uom_qty,
                    "scanned": move._optiwise_scanned_qty(),
                    "uom": move.product_uom.name,
                    "lots": move.move_line_ids.filtered(
                        "optiwise_scanned"
                    ).lot_id.mapped("name"),
                    "packages": move.move_line_ids.filtered(
                        "optiwise_scanned"
                    ).package_id.mapped("name"),
                }
                for move in picking.move_ids
                if move.state != "cancel"
            ],
        }

    @api.model
    def check_delivery_scan(self, picking_id: int, code: str) -> dict:
        """Check a scanned lot or pallet label against a delivery and, when it
        fits, put it on the delivery.

        Refused with the reason: a product the delivery does not ship, more
        than ordered, a lot refused by an addon (a quality bridge refuses lots
        on hold), an expired lot, a closed delivery.

        :param int picking_id: an outgoing ``stock.picking`` not done
        :param str code: the lot's GS1 label or name, or the pallet's: its
            GS1 logistic label (SSCC) or package name; a pallet is checked
            whole (every lot on it) and ships as it is
        :return: the answer of :meth:`resolve_scan` (``status``,
            ``message``...) with ``delivery``, the :meth:`get_delivery` of the
            picking after the scan
        :raises UserError: on a bad argument, or a picking that is no open
            delivery
        """
        _ = self.env._
        picking = as_record(self.env, "stock.picking", picking_id, _("The delivery"))
        picking.check_access("write")
        if picking.picking_type_code != "outgoing" or picking.state in (
            "done",
            "cancel",
        ):
            raise UserError(
                _("%(name)s is no open delivery: nothing to check.", name=picking.name)
            )
        answer = self.resolve_scan(code)
        answer = picking._optiwise_check_scan(answer)
        return dict(answer, delivery=self.get_delivery(picking.id))

    # ------------------------------------------------------------------
    # Closing a batch
    # ------------------------------------------------------------------

    @api.model
    def close_batch(self, production_id: int) -> dict:
        """Mark a batch whose work is finished done, its components consumed
        as planned (the lots scanned onto it, or those reserved), and give
        the address of its lot labels.

        :param int production_id: ``mrp.production`` id, its work orders done
        :return: dict ``state``, ``label_url`` (the GS1 label PDF of its
            lots, or False) and ``label_refused`` (why no label can be
            printed: a lot name GS1 AI (10) cannot carry; or False)
        :raises UserError: if the batch is not finished or a component lot is
            refused (on hold, with optiwise_qc)
        """
        _ = self.env._
        production = as_record(
            self.env, "mrp.production", production_id, _("The batch")
        )
        production.check_access("write")
        if production.state != "to_close":
            raise UserError(
                _(
                    "Batch %(name)s is not finished on the work centers: finish its "
                    "work orders first.",
                    name=production.name,
                )
            )
        if not production.qty_producing:
            production.qty_producing = production.product_qty
            production._set_qty_producing()
        production.move_raw_ids.filtered(lambda m: not m.picked).picked = True
        production.with_context(
            skip_consumption=True, skip_backorder=True
        ).button_mark_done()
        lots = production.lot_producing_ids
        refusal = ""
        try:
            lots._optiwise_check_gs1_label()
        except UserError as exc:
            refusal = str(exc)
        return {
            "state": production.state,
            "label_url": (
                "/report/pdf/optiwise_shopfloor.report_lot_gs1_label/"
                + ",".join(str(i) for i in lots.ids)
            )
            if lots and not refusal
            else False,
            "label_refused": refusal or False,
        }
