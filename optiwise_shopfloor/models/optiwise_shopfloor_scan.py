# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.exceptions import UserError

from .. import gs1
from .optiwise_shopfloor import GS1_FIELDS, GS1_PREFIXES


class OptiwiseShopfloor(models.AbstractModel):
    """The scan resolvers: GS1 parsing, and what each kind of code names."""

    _inherit = "optiwise.shopfloor"

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
