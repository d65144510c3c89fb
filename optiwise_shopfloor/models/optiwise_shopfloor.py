# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import formatLang

from odoo.addons.optiwise_batch.arguments import GROUP_SEPARATOR, as_record, as_text

from .. import gs1

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
    # GS1
    # ------------------------------------------------------------------

    @api.model
    def _shopfloor_parse_gs1(self, code):
        """The fields of a GS1 code by rule type, or {} for a plain code.

        :return: dict: ``gtin``, ``lot``, ``expiry`` (date), ``sscc``,
            ``quantity`` and ``quantity_ai`` (``37`` a count, ``310n`` net
            kilograms...), for those present
        """
        nomenclature = self.env.company.nomenclature_id
        if not nomenclature.is_gs1_nomenclature:
            return {}
        looks_gs1 = code.startswith(GS1_PREFIXES) or gs1.GROUP_SEPARATOR in code
        if not looks_gs1 and not (code[:2].isdigit() and len(code) > 16):
            return {}
        # one query for the rules the parser walks (else one per rule)
        nomenclature.rule_ids.fetch(
            [
                "sequence",
                "encoding",
                "type",
                "pattern",
                "gs1_content_type",
                "gs1_decimal_usage",
            ]
        )
        try:
            parts = nomenclature.parse_barcode(code)
        except UserError:  # a malformed date or measure in the code
            return {}
        if not isinstance(parts, list):
            return {}
        result = {}
        for part in parts:
            key = GS1_FIELDS.get(part["type"])
            if key:
                result[key] = part["value"]
            elif part["type"] == "quantity":
                result["quantity"] = float(part["value"])
                result["quantity_ai"] = part["ai"]
        return result

    @api.model
    def _shopfloor_gs1_out(self, gs1):
        """GS1 fields as JSON (dates as text)."""
        return {
            key: fields.Date.to_string(value) if key == "expiry" else value
            for key, value in gs1.items()
        }

    # ------------------------------------------------------------------
    # Resolvers
    # ------------------------------------------------------------------

    @api.model
    def _shopfloor_resolvers(self):
        """The resolvers tried in turn (extension point): each takes
        ``(code, gs1, workcenter)`` and returns an answer dict or None."""
        return [
            self._shopfloor_resolve_sscc,
            self._shopfloor_resolve_gs1_lot,
            self._shopfloor_resolve_workcenter,
            self._shopfloor_resolve_document,
            self._shopfloor_resolve_package,
            self._shopfloor_resolve_lot,
            self._shopfloor_resolve_product,
        ]

    @api.model
    def _shopfloor_answer(self, record, kind, next_step, message, status="ok"):
        return {
            "status": status,
            "kind": kind,
            "model": record._name,
            "id": record.id,
            "name": record.display_name,
            "next": next_step,
            "message": message,
        }

    @api.model
    def _shopfloor_resolve_sscc(self, code, gs1, workcenter):
        """A pallet's GS1 label: the package named by its SSCC (AI 00)."""
        if not gs1.get("sscc"):
            return None
        return self._shopfloor_package_answer(gs1["sscc"], unknown=True)

    @api.model
    def _shopfloor_resolve_package(self, code, gs1, workcenter):
        """A plain package label: the package of that name."""
        if gs1:
            return None
        return self._shopfloor_package_answer(code, unknown=False)

    @api.model
    def _shopfloor_package_answer(self, name, unknown):
        if not self.env["stock.package"].has_access("read"):
            return None
        package = self.env["stock.package"].search_fetch(
            [("name", "=", name)], ["name"], limit=1
        )
        if not package:
            if not unknown:
                return None
            return {
                "status": "unknown",
                "kind": "package",
                "model": "stock.package",
                "id": False,
                "name": name,
                "next": False,
                "message": self.env._("Pallet %(sscc)s is not known here.", sscc=name),
            }
        return self._shopfloor_answer(
            package,
            "package",
            "open_package",
            self.env._(
                "Pallet %(name)s: %(content)s.",
                name=package.name,
                content=package.content_description or self.env._("empty"),
            ),
        )

    @api.model
    def _shopfloor_resolve_gs1_lot(self, code, gs1, workcenter):
        """A GS1 label with a lot (and usually its GTIN): that lot."""
        if not gs1.get("lot"):
            return None
        product = self._shopfloor_product_of_gtin(gs1.get("gtin"))
        domain = [("name", "=", gs1["lot"])]
        if product:
            domain.append(("product_id", "=", product.id))
        lot = self.env["stock.lot"].search_fetch(
            domain, ["name", "product_id"], limit=1
        )
        if not lot:
            return {
                "status": "unknown",
                "kind": "lot",
                "model": "stock.lot",
                "id": False,
                "name": gs1["lot"],
                "next": False,
                "message": self.env._(
                    "Lot %(lot)s%(of)s is not known here.",
                    lot=gs1["lot"],
                    of=self.env._(" of %s", product.display_name) if product else "",
                ),
            }
        return self._shopfloor_lot_answer(lot, gs1.get("expiry"))

    @api.model
    def _shopfloor_resolve_workcenter(self, code, gs1, workcenter):
        if gs1 or not self.env["mrp.workcenter"].has_access("read"):
            return None
        found = self.env["mrp.workcenter"].search_fetch(
            [("optiwise_barcode", "=", code)], ["name", "code"], limit=1
        )
        if not found:
            return None
        return self._shopfloor_answer(
            found,
            "workcenter",
            "open_workcenter",
            self.env._("Work center %(name)s.", name=found.display_name),
        )

    @api.model
    def _shopfloor_documents(self):
        """(model, kind, next step) of the documents found by name."""
        return [
            ("mrp.production", "production", "open_production"),
            ("optiwise.production.run", "run", "open_run"),
            ("stock.picking", "picking", "check_delivery"),
        ]

    @api.model
    def _shopfloor_resolve_document(self, code, gs1, workcenter):
        if gs1:
            return None
        for model, kind, next_step in self._shopfloor_documents():
            if not self.env[model].has_access("read"):
                continue
            found = self.env[model].search([("name", "=", code)], limit=1)
            if found:
                return self._shopfloor_answer(
                    found, kind, next_step, found.display_name
                )
        return None

    @api.model
    def _shopfloor_resolve_lot(self, code, gs1, workcenter):
        if gs1:
            return None
        lots = self.env["stock.lot"].search([("name", "=", code)], limit=2)
        if not lots:
            return None
        if len(lots) > 1:
            return {
                "status": "refused",
                "kind": "lot",
                "model": "stock.lot",
                "id": False,
                "name": code,
                "next": False,
                "message": self.env._(
                    "Several products have a lot %(lot)s: scan its GS1 label "
                    "(with the product's GTIN) instead.",
                    lot=code,
                ),
            }
        return self._shopfloor_lot_answer(lots, None)

    @api.model
    def _shopfloor_resolve_product(self, code, gs1, workcenter):
        product = self._shopfloor_product_of_gtin(gs1.get("gtin") or code)
        if not product:
            return None
        return self._shopfloor_answer(
            product, "product", "open_product", product.display_name
        )

    @api.model
    def _shopfloor_product_of_gtin(self, gtin):
        """The product whose barcode is ``gtin`` (GTIN-14, or the EAN-13 /
        UPC-A it extends)."""
        if not gtin:
            return self.env["product.product"]
        candidates = {gtin, gtin.lstrip("0")}
        if len(gtin) == 14 and gtin.startswith("0"):
            candidates |= {gtin[1:], gtin[2:]}
        return self.env["product.product"].search_fetch(
            [("barcode", "in", sorted(candidates))],
            ["default_code", "product_tmpl_id"],
            limit=1,
        )

    @api.model
    def _shopfloor_lot_answer(self, lot, expiry):
        """A lot found: refused (expired, or on hold by an addon's rule) or
        opened."""
        _ = self.env._
        if expiry and expiry < fields.Date.context_today(self):
            return self._shopfloor_answer(
                lot,
                "lot",
                False,
                _(
                    "Lot %(lot)s expired on %(date)s: do not use it.",
                    lot=lot.name,
                    date=fields.Date.to_string(expiry),
                ),
                status="refused",
            )
        reason = self._shopfloor_lot_refusal(lot, purpose="open")
        if reason:
            return self._shopfloor_answer(lot, "lot", False, reason, status="refused")
        return self._shopfloor_answer(
            lot,
            "lot",
            "open_lot",
            _(
                "Lot %(lot)s of %(product)s.",
                lot=lot.name,
                product=lot.product_id.display_name,
            ),
        )

    @api.model
    def _shopfloor_lot_refusal(self, lot, purpose):
        """Why ``lot`` may not be used for ``purpose`` (``open``: looked at;
        ``consume``: put on a batch), or "" (extension point: a quality
        bridge refuses lots on hold for consumption)."""
        return ""

    # ------------------------------------------------------------------
    # The work center's current job
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

    @api.model
    def _shopfloor_run_job(self, run):
        lots = run.output_ids[:1].lot_id
        return {
            "type": "run",
            "model": run._name,
            "id": run.id,
            "name": run.name,
            "state": run.state,
            "product": run.product_id.display_name,
            "lots": lots.mapped("name"),
            "target": run.planned_qty,
            "done": run.produced_qty,
            "scrap": run.scrap_qty,
            "uom": run.product_uom_id.name,
            "changeover": self._shopfloor_changeover(run.changeover_ids),
            "components": [],
            "downtime_reasons": self._shopfloor_downtime_reasons(),
            # accepted at the line, refused by the posting: the operator sees
            # them on the run's card until a manager posts them again
            "failed_declarations": [
                {
                    "id": output.id,
                    "qty_good": output.qty_good,
                    "qty_scrap": output.qty_scrap,
                    "date": fields.Datetime.to_string(output.date),
                    "error": output.error or "",
                }
                for output in run.output_ids.filtered(lambda o: o.state == "failed")
            ],
        }

    @api.model
    def _shopfloor_downtime_reasons(self):
        """The downtime reasons an operator picks from when pausing a run
        (availability and quality reasons, as the run accepts them), in
        their configured order: a short list of big buttons."""
        losses = self.env["mrp.workcenter.productivity.loss"].search_fetch(
            [("manual", "=", True), ("loss_type", "in", ("availability", "quality"))],
            ["name"],
            order="sequence, id",
            limit=8,
        )
        return [{"id": loss.id, "name": loss.name} for loss in losses]

    @api.model
    def _shopfloor_workorder_job(self, workorder):
        production = workorder.production_id
        return {
            "type": "workorder",
            "model": workorder._name,
            "id": workorder.id,
            "name": f"{production.name} - {workorder.name}",
            "state": workorder.state,
            "product": production.product_id.display_name,
            "lots": production.lot_producing_ids.mapped("name"),
            "target": production.product_qty,
            "done": production.qty_producing if workorder.state == "progress" else 0.0,
            "scrap": 0.0,
            "uom": production.product_uom_id.name,
            "changeover": self._shopfloor_changeover(workorder.optiwise_changeover_ids),
            "components": self._shopfloor_components(workorder)
            if workorder.state == "progress"
            else [],
        }

    @api.model
    def _shopfloor_components(self, workorder):
        """The lot-tracked components of the work order's batch, with the
        lots scanned onto them so far (what the operator scans while the
        batch is under way)."""
        moves = workorder.production_id.move_raw_ids.filtered(
            lambda m: m.state not in ("done", "cancel") and m.has_tracking != "none"
        )
        return [
            {
                "move_id": move.id,
                "product": move.product_id.display_name,
                "qty": move.product_uom_qty,
                "uom": move.product_uom.name,
                "lots": move.move_line_ids.filtered("optiwise_scanned").lot_id.mapped(
                    "name"
                ),
            }
            for move in moves
        ]

    @api.model
    def _shopfloor_changeover(self, changeovers):
        changeover = changeovers.filtered(lambda c: c.state in ("draft", "running"))[:1]
        if not changeover:
            return False
        return {
            "id": changeover.id,
            "name": changeover.name,
            "state": changeover.state,
            "transition": changeover.transition,
            "planned_minutes": changeover.planned_minutes,
            "checks": [
                {
                    "id": check.id,
                    "name": check.name,
                    "mandatory": check.mandatory,
                    "done": check.done,
                }
                for check in changeover.check_ids
            ],
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
        move = self._shopfloor_open_move(production.move_raw_ids, lot.product_id)
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
        qty = self._shopfloor_put_lot_on_move(move, lot, answer["gs1"].get("quantity"))
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

    @api.model
    def _shopfloor_open_move(self, moves, product):
        """The first of ``moves`` of ``product`` still to be done."""
        return moves.filtered(
            lambda m: m.product_id == product and m.state not in ("done", "cancel")
        )[:1]

    @api.model
    def _shopfloor_scanned_qty(self, move):
        """What the lots and pallets scanned onto ``move`` add up to."""
        return sum(move.move_line_ids.filtered("optiwise_scanned").mapped("quantity"))

    @api.model
    def _shopfloor_put_lot_on_move(self, move, lot, qty=None, quant=None):
        """Give ``move`` the scanned ``lot``: ``qty`` (default what the move
        still needs beyond the lots already scanned), picked; the lines that
        reservation chose give way to the lots actually scanned. With
        ``quant`` (a pallet's content), the line takes that quant's location
        and package and ships the package whole.

        :return: the quantity put on the move
        """
        scanned = move.move_line_ids.filtered("optiwise_scanned")
        if not qty:
            qty = max(move.product_uom_qty - self._shopfloor_scanned_qty(move), 0.0)
        (move.move_line_ids - scanned).unlink()
        vals = dict(
            move._prepare_move_line_vals(quantity=qty, reserved_quant=quant),
            picked=True,
            optiwise_scanned=True,
        )
        if quant:
            vals["result_package_id"] = quant.package_id.id
        else:
            vals["lot_id"] = lot.id
        self.env["stock.move.line"].create(vals)
        return qty

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
                    "scanned": self._shopfloor_scanned_qty(move),
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
        answer = self._shopfloor_check_delivery_answer(picking, answer)
        return dict(answer, delivery=self.get_delivery(picking.id))

    @api.model
    def _shopfloor_check_delivery_answer(self, picking, answer):
        _ = self.env._
        if answer["status"] != "ok":
            return answer
        if answer["kind"] == "package":
            return self._shopfloor_check_delivery_package(picking, answer)
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
        move = self._shopfloor_open_move(picking.move_ids, lot.product_id)
        if not move:
            return dict(
                answer,
                status="refused",
                next=False,
                message=_(
                    "%(product)s is not on delivery %(name)s: put lot %(lot)s aside.",
                    product=lot.product_id.display_name,
                    name=picking.name,
                    lot=lot.name,
                ),
            )
        reason = self._shopfloor_lot_refusal(lot, purpose="ship")
        if reason:
            return dict(answer, status="refused", next=False, message=reason)
        left = move.product_uom_qty - self._shopfloor_scanned_qty(move)
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
                    qty=self._shopfloor_number(on_hand),
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
                    qty=self._shopfloor_number(qty),
                    left=self._shopfloor_number(left),
                    uom=move.product_uom.name,
                    product=lot.product_id.display_name,
                    name=picking.name,
                ),
            )
        self._shopfloor_put_lot_on_move(move, lot, qty)
        return dict(
            answer,
            next="checked",
            message=_(
                "Lot %(lot)s: %(qty)s %(uom)s of %(product)s checked.",
                lot=lot.name,
                qty=self._shopfloor_number(qty),
                uom=move.product_uom.name,
                product=lot.product_id.display_name,
            ),
        )

    @api.model
    def _shopfloor_check_delivery_package(self, picking, answer):
        """A pallet scanned on a delivery: all of it fits, or none of it is
        taken. Each quant on it must be of a product the delivery ships,
        of a lot not refused, within what is left to ship, in the place the
        delivery takes goods from and not reserved for another transfer."""
        _ = self.env._
        package = self.env["stock.package"].browse(answer["id"])

        def refuse(message):
            return dict(answer, status="refused", next=False, message=message)

        if picking.move_line_ids.filtered(
            lambda line: line.optiwise_scanned and line.package_id == package
        ):
            return refuse(
                _(
                    "Pallet %(name)s is already checked on %(picking)s.",
                    name=package.name,
                    picking=picking.name,
                )
            )
        quants = package.contained_quant_ids.filtered(lambda q: q.quantity > 0)
        if not quants:
            return refuse(_("Pallet %(name)s is empty.", name=package.name))
        source = picking.location_id
        if quants.location_id.filtered(lambda loc: not loc._child_of(source)):
            return refuse(
                _(
                    "Pallet %(name)s is in %(where)s, not in %(source)s where "
                    "%(picking)s takes its goods.",
                    name=package.name,
                    where=", ".join(quants.location_id.mapped("display_name")),
                    source=source.display_name,
                    picking=picking.name,
                )
            )
        # what this delivery itself reserved on the pallet is given back
        # when the scan replaces its reservation
        own = picking.move_line_ids.filtered(
            lambda line: not line.optiwise_scanned and line.package_id == package
        )
        taken = {}
        for quant in quants:
            move = self._shopfloor_open_move(picking.move_ids, quant.product_id)
            if not move:
                return refuse(
                    _(
                        "Pallet %(name)s holds %(product)s, which is not on "
                        "delivery %(picking)s: put the pallet aside.",
                        name=package.name,
                        product=quant.product_id.display_name,
                        picking=picking.name,
                    )
                )
            if quant.lot_id:
                reason = self._shopfloor_lot_refusal(quant.lot_id, purpose="ship")
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
            left = move.product_uom_qty - self._shopfloor_scanned_qty(move)
            if qty > left + 1e-9:
                return refuse(
                    _(
                        "Pallet %(name)s holds %(qty)s %(uom)s of %(product)s, "
                        "more than the %(left)s %(uom)s still to ship on "
                        "%(picking)s.",
                        name=package.name,
                        qty=self._shopfloor_number(qty),
                        left=self._shopfloor_number(left),
                        uom=move.product_uom.name,
                        product=move.product_id.display_name,
                        picking=picking.name,
                    )
                )
        for quant in quants:
            move = self._shopfloor_open_move(picking.move_ids, quant.product_id)
            self._shopfloor_put_lot_on_move(
                move, quant.lot_id, quant.quantity, quant=quant
            )
        return dict(
            answer,
            next="checked",
            message=_(
                "Pallet %(name)s checked: %(content)s.",
                name=package.name,
                content=package.content_description,
            ),
        )

    # ------------------------------------------------------------------
    # Closing a batch
    # ------------------------------------------------------------------

    @api.model
    def _shopfloor_to_close(self, workcenter):
        """The batch of this work center whose work is finished and which
        waits to be marked done, as the screen shows it, or False."""
        production = self.env["mrp.production"].search(
            [
                ("workorder_ids.workcenter_id", "=", workcenter.id),
                ("state", "=", "to_close"),
            ],
            order="date_finished desc, id desc",
            limit=1,
        )
        if not production:
            return False
        return {
            "id": production.id,
            "name": production.name,
            "product": production.product_id.display_name,
            "lots": production.lot_producing_ids.mapped("name"),
            "qty": production.product_qty,
            "uom": production.product_uom_id.name,
        }

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
