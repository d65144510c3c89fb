# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import base64
from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.optiwise_batch.arguments import (
    as_quantity,
    as_record,
    as_text,
    single,
)

from ..costing import (
    VARIANCE_CATEGORIES,
    band_status,
    compute_sheet,
    control_band,
    valuation_comparison,
    variance_percent,
    yield_percent,
)
from ..report import batch_cost_xlsx as xlsx

BAND_STATES = [
    ("none", "No band yet"),
    ("in", "Within band"),
    ("above", "Above band"),
    ("below", "Below band"),
]


class OptiwiseBatchCost(models.Model):
    _name = "optiwise.batch.cost"
    _inherit = ["mail.thread", "optiwise.guarded.mixin"]
    _description = "Batch Cost Sheet"
    _order = "date desc, id desc"
    _optiwise_guard_actions = (
        "A cost controller recomputes it with a reason (action_recompute)."
    )

    name = fields.Char(required=True, readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    production_id = fields.Many2one(
        "mrp.production", string="Batch", readonly=True, index="btree_not_null"
    )
    production_ids = fields.Many2many(
        "mrp.production", string="Manufacturing Orders", readonly=True
    )
    run_id = fields.Many2one(
        "optiwise.production.run", readonly=True, index="btree_not_null"
    )
    lot_id = fields.Many2one("stock.lot", readonly=True, index="btree_not_null")
    product_id = fields.Many2one(
        "product.product", required=True, readonly=True, index=True
    )
    product_uom_id = fields.Many2one("uom.uom", string="Unit", readonly=True)
    workcenter_id = fields.Many2one("mrp.workcenter", readonly=True, index=True)
    date = fields.Datetime(string="Closed On", required=True, readonly=True, index=True)
    qty_planned = fields.Float(digits="Product Unit", readonly=True)
    qty_total = fields.Float(string="Made", digits="Product Unit", readonly=True)
    qty_good = fields.Float(string="Good Output", digits="Product Unit", readonly=True)
    qty_scrap = fields.Float(string="Scrap", digits="Product Unit", readonly=True)
    yield_percent = fields.Float(string="Yield (%)", readonly=True, aggregator="avg")
    main_share = fields.Float(
        readonly=True,
        help="Share of the costs borne by the main product (100 % less the "
        "by-products' cost shares).",
    )
    line_ids = fields.One2many(
        "optiwise.batch.cost.line", "cost_id", string="Cost Lines", readonly=True
    )
    material_actual = fields.Monetary(readonly=True)
    operations_actual = fields.Monetary(readonly=True)
    overhead_actual = fields.Monetary(readonly=True)
    changeover_cost = fields.Monetary(readonly=True)
    actual_cost = fields.Monetary(readonly=True)
    standard_cost = fields.Monetary(
        readonly=True, help="Standard cost of the good output (BoM at standard)."
    )
    standard_unit_cost = fields.Float(readonly=True, aggregator="avg")
    cost_per_unit = fields.Float(
        string="Cost per Good Unit", readonly=True, aggregator="avg"
    )
    variance_material_price = fields.Monetary(string="Price Variance", readonly=True)
    variance_material_usage = fields.Monetary(string="Usage Variance", readonly=True)
    variance_yield = fields.Monetary(string="Yield Variance", readonly=True)
    variance_efficiency = fields.Monetary(string="Efficiency Variance", readonly=True)
    variance_changeover = fields.Monetary(string="Changeover Variance", readonly=True)
    variance_overhead = fields.Monetary(string="Overhead Variance", readonly=True)
    total_variance = fields.Monetary(readonly=True)
    variance_percent = fields.Float(
        string="Variance (%)", readonly=True, aggregator="avg"
    )
    valuation_value = fields.Monetary(
        string="Odoo Valuation",
        readonly=True,
        help="Value Odoo gave the finished moves of the good output.",
    )
    valuation_comparable = fields.Monetary(
        string="Sheet Cost in Valuation Terms",
        readonly=True,
        help="The sheet's material and operations (what Odoo's valuation "
        "includes), at the main product's share.",
    )
    valuation_gap = fields.Monetary(readonly=True)
    valuation_note = fields.Text(string="Valuation Reconciliation", readonly=True)
    band_mean = fields.Float(readonly=True)
    band_low = fields.Float(readonly=True)
    band_high = fields.Float(readonly=True)
    band_status = fields.Selection(
        BAND_STATES, default="none", required=True, readonly=True, index=True
    )
    recompute_count = fields.Integer(readonly=True)

    _unique_batch = models.UniqueIndex(
        "(production_id) WHERE run_id IS NULL",
        "A batch has one cost sheet.",
    )
    _unique_run_lot = models.UniqueIndex(
        "(run_id, lot_id) WHERE run_id IS NOT NULL",
        "A lot of a run has one cost sheet.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not self._optiwise_guard_is_open():
            raise UserError(
                self.env._(
                    "Cost sheets are built when a batch or a run closes, not "
                    "created by hand."
                )
            )
        return super().create(vals_list)

    def _optiwise_frozen_records(self):
        # every sheet is frozen at close
        return self

    def _optiwise_frozen_message(self, frozen):
        return self.env._(
            "Cost sheet %(names)s is frozen at close; a cost controller can "
            "recompute it with a reason.",
            names=", ".join(frozen.mapped("name")),
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        raise UserError(self.env._("Cost sheets are kept for the record."))

    # ------------------------------------------------------------------
    # Public API
    # ------------------------------------------------------------------

    def action_recompute(self, reason: str) -> bool:
        """Rebuild frozen sheets from the current records (cost controllers),
        e.g. after a late time log or a corrected consumption.

        :param str reason: why; posted with the old and new totals
        :raises AccessError: for users who are not cost controllers
        :raises UserError: without a reason
        """
        if not self.env.user.has_group("optiwise_costing.group_manager"):
            raise AccessError(
                self.env._("Only a cost controller may recompute a cost sheet.")
            )
        reason = as_text(self.env, reason, self.env._("The reason"), max_length=2000)
        if not reason:
            raise UserError(self.env._("Say why the cost sheet is recomputed."))
        self.check_access("read")
        return self._recompute(reason)

    def action_correct_standard_price(
        self, product_id: int, standard_price: float, reason: str
    ) -> bool:
        """Correct the standard price a component was frozen at when its
        batch was confirmed (cost controllers), openly: the old and new
        prices and the reason go to the sheet's chatter, and the sheet is
        rebuilt with it (its price variance measured against the corrected
        standard). The only figure of a sheet its records cannot give back.

        :param int product_id: a component consumed by the sheet's batches
        :param float standard_price: the correct standard price (>= 0)
        :param str reason: why (required)
        :return: True
        :raises AccessError: for users who are not cost controllers
        :raises UserError: on a product the sheet did not consume, a price
            that is not a finite number >= 0, or no reason
        """
        single(self, "action_correct_standard_price")
        _ = self.env._
        if not self.env.user.has_group("optiwise_costing.group_manager"):
            raise AccessError(
                _("Only a cost controller may correct a frozen standard price.")
            )
        self.check_access("read")
        product = as_record(self.env, "product.product", product_id, _("The component"))
        price = as_quantity(self.env, standard_price, _("The standard price"))
        reason = as_text(self.env, reason, _("The reason"), max_length=2000)
        if not reason:
            raise UserError(_("Say why the standard price is corrected."))
        # sudo: the controller may read this sheet (checked); its batches'
        # component moves carry the frozen price, written only here
        moves = self.sudo().production_ids.move_raw_ids.filtered(
            lambda move: move.product_id == product and move.state == "done"
        )
        if not moves:
            raise UserError(
                _(
                    "%(product)s is no component consumed by %(sheet)s.",
                    product=product.display_name,
                    sheet=self.name,
                )
            )
        old = sorted(set(moves.mapped("optiwise_standard_price")))
        with self._optiwise_guard_open():
            moves.write({"optiwise_standard_price": price})
        return self._recompute(
            _(
                "standard price of %(product)s corrected from %(old)s to %(new)s: "
                "%(reason)s",
                product=product.display_name,
                old=", ".join(self.currency_id.format(value) for value in old),
                new=self.currency_id.format(price),
                reason=reason,
            )
        )

    def _recompute(self, reason):
        """Rebuild the sheets, the reason and the old and new totals posted
        on each (callers check who may)."""
        for sheet in self:
            before = sheet.actual_cost
            vals = self._prepare_sheet_vals_list(
                [(sheet.production_ids, sheet.run_id, sheet.lot_id)],
                exclude=sheet,
            )[0]
            vals.pop("name", None)
            vals["recompute_count"] = sheet.recompute_count + 1
            vals["line_ids"] = [Command.clear(), *vals["line_ids"]]
            with self._optiwise_guard_open():
                sheet.write(vals)
            sheet.message_post(
                body=self.env._(
                    "Recomputed by %(user)s: %(reason)s. Actual cost %(old)s -> "
                    "%(new)s.",
                    user=self.env.user.name,
                    reason=reason,
                    old=sheet.currency_id.format(before),
                    new=sheet.currency_id.format(sheet.actual_cost),
                )
            )
        return True

    @api.readonly
    def get_sheet(self) -> list[dict]:
        """The sheets as plain data (for integrators).

        :return: list of dicts: header, totals, ``variances`` by category,
            ``band`` and ``lines`` (each line's expected and actual cost and
            variance; the header's figures are their sums)
        :raises AccessError: if the user may not read cost sheets
        """
        self.check_access("read")
        return [sheet._sheet_dict() for sheet in self]

    @api.model
    @api.readonly
    def export_xlsx(self, sheet_ids: list[int]) -> dict:
        """Workbook of one sheet, or comparison workbook of several.

        (``sheet_ids``, not ``ids``: JSON-2 reserves ``ids`` for the records a
        method is called on.)

        :param list sheet_ids: cost sheet ids
        :return: ``{"filename": str, "content": base64 str}``
        :raises UserError: without ids, or with anything but a list of
            integers of existing sheets
        :raises AccessError: if the caller may not read one of them
        """
        if (
            not isinstance(sheet_ids, (list, tuple))
            or not sheet_ids
            or not all(
                isinstance(i, int) and not isinstance(i, bool) for i in sheet_ids
            )
        ):
            raise UserError(
                self.env._("Give the ids of the cost sheets to export, as a list.")
            )
        sheets = self.browse(sheet_ids).exists()
        if len(sheets) != len(set(sheet_ids)):
            raise UserError(
                self.env._(
                    "Cost sheets %(ids)s do not exist.",
                    ids=sorted(set(sheet_ids) - set(sheets.ids)),
                )
            )
        sheets.check_access("read")
        filename, content = sheets._xlsx()
        return {"filename": filename, "content": base64.b64encode(content).decode()}

    def action_download_xlsx(self):
        """Download the workbook (one sheet) or the comparison (several)."""
        filename, content = self._xlsx()
        attachment = (
            self.env["ir.attachment"]
            # sudo: attaching a file to the sheet needs write access on it,
            # which cost users (read-only) lack; the file holds only what the
            # user just read, and stays private (not public)
            .sudo()
            .create(
                {
                    "name": filename,
                    "raw": content,
                    "mimetype": "application/vnd.openxmlformats-officedocument."
                    "spreadsheetml.sheet",
                    "public": False,
                    "res_model": self._name,
                    "res_id": self[:1].id,
                }
            )
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    # ------------------------------------------------------------------
    # Building
    # ------------------------------------------------------------------

    @api.model
    def _build_for_productions(self, productions):
        """One frozen sheet per done batch order without one; set-wise."""
        productions = productions.filtered(
            lambda p: p.state == "done" and not p.optiwise_run_id
        )
        if not productions:
            return self.browse()
        known = set(
            self.search([("production_id", "in", productions.ids)]).production_id.ids
        )
        groups = [
            (production, self.env["optiwise.production.run"], self.env["stock.lot"])
            for production in productions
            if production.id not in known
        ]
        with self._optiwise_guard_open():
            return self.create(self._prepare_sheet_vals_list(groups))

    @api.model
    def _build_for_run(self, run):
        """One sheet per lot of a stopped run, over its declarations' orders."""
        by_lot = defaultdict(lambda: self.env["mrp.production"])
        for production in run.production_ids.filtered(lambda p: p.state == "done"):
            for lot in production.lot_producing_ids:
                by_lot[lot] |= production
        known = set(self.search([("run_id", "=", run.id)]).lot_id.ids)
        groups = [
            (productions, run, lot)
            for lot, productions in by_lot.items()
            if lot.id not in known
        ]
        with self._optiwise_guard_open():
            return self.create(self._prepare_sheet_vals_list(groups))

    @api.model
    def _prepare_sheet_vals_list(self, groups, exclude=None):
        """Values of the sheets of ``groups`` [(orders, run, lot)], with their
        control band from the product's earlier sheets (and each other's, in
        date order)."""
        all_productions = self.env["mrp.production"].union(*(g[0] for g in groups))
        changeovers = defaultdict(lambda: self.env["optiwise.changeover"])
        for changeover in self.env["optiwise.changeover"].search(
            [("to_production_id", "in", all_productions.ids), ("state", "=", "done")]
        ):
            changeovers[changeover.to_production_id] |= changeover
        prepared = [
            self._prepare_sheet_vals(
                productions,
                run,
                lot,
                self.env["optiwise.changeover"].union(
                    *(changeovers[p] for p in productions)
                ),
            )
            for productions, run, lot in groups
        ]
        products = {vals["product_id"] for vals in prepared}
        companies = {vals["company_id"] for vals in prepared}
        window = self.env.company.optiwise_cost_band_window
        # a band is one company's history of one product: sheets are built as
        # superuser, so the companies are filtered here, not by record rules
        history = defaultdict(list)
        earlier = self.search_fetch(
            [
                ("product_id", "in", list(products)),
                ("company_id", "in", list(companies)),
                ("id", "not in", (exclude or self).ids),
            ],
            ["company_id", "product_id", "date", "cost_per_unit"],
            order="date, id",
        )
        for sheet in earlier:
            history[sheet.company_id.id, sheet.product_id.id].append(
                (sheet.date, sheet.cost_per_unit)
            )
        for vals in sorted(prepared, key=lambda v: v["date"]):
            key = (vals["company_id"], vals["product_id"])
            past = [cost for date, cost in history[key] if date <= vals["date"]][
                -window:
            ]
            band = control_band(past)
            vals["band_status"] = band_status(vals["cost_per_unit"], band)
            if band:
                vals.update(band_mean=band[0], band_low=band[1], band_high=band[2])
            history[key].append((vals["date"], vals["cost_per_unit"]))
            history[key].sort(key=lambda item: item[0])
        return prepared

    @api.model
    def _prepare_sheet_vals(self, productions, run, lot, changeovers):
        """Values of one sheet over ``productions`` (one batch order, or the
        orders of one lot of a run), with the changeovers charged to them."""
        main = productions[:1]
        company = main.company_id
        currency = company.currency_id
        uom = main.product_uom_id
        finished = productions.move_finished_ids.filtered(
            lambda m: m.state == "done" and m.product_id == main.product_id
        )
        made = sum(m.product_uom._compute_quantity(m.quantity, uom) for m in finished)
        scrapped = sum(
            scrap.product_uom_id._compute_quantity(scrap.scrap_qty, uom)
            for scrap in productions.scrap_ids
            if scrap.state == "done" and scrap.product_id == main.product_id
        )
        components, component_lines = self._component_data(productions, made)
        operations, operation_lines = self._operation_data(productions, made)
        byproducts = productions.move_byproduct_ids.filtered(
            lambda m: m.state == "done" and m.quantity > 0
        )
        share = sum(byproducts.mapped("cost_share"))
        main_share = max(0.0, 1 - share / 100)
        overhead_share = (
            sum(
                wc.optiwise_overhead_material_percent
                for wc in productions.workorder_ids.workcenter_id
            )
            / 100
        )
        figures = compute_sheet(
            components,
            operations,
            qty_total=made,
            qty_good=max(made - scrapped, 0.0),
            changeover_costs=changeovers.mapped("actual_cost"),
            overhead_material_share=overhead_share,
            main_share=main_share,
            digits=currency.decimal_places,
        )
        lines = self._prepare_sheet_lines(
            component_lines, operation_lines, changeovers, figures, byproducts
        )
        valuation = sum(finished.mapped("value"))
        comparable, gap = valuation_comparison(
            valuation,
            [c["cost"] for c in components],
            [o["cost"] for o in operations],
            sum(p.extra_cost * p.qty_produced for p in productions),
            main_share,
            digits=currency.decimal_places,
        )
        qty_planned = sum(productions.mapped("product_qty"))
        vals = {
            "name": main.name if not run else f"{run.name} / {lot.name}",
            "company_id": company.id,
            "production_id": main.id if not run else False,
            "production_ids": [Command.set(productions.ids)],
            "run_id": run.id or False,
            "lot_id": (lot or main.lot_producing_ids[:1]).id,
            "product_id": main.product_id.id,
            "product_uom_id": uom.id,
            "workcenter_id": productions.workorder_ids.workcenter_id[:1].id,
            "date": max(p.date_finished or fields.Datetime.now() for p in productions),
            "qty_planned": qty_planned,
            "qty_total": made,
            "qty_good": max(made - scrapped, 0.0),
            "qty_scrap": scrapped,
            "yield_percent": yield_percent(made - scrapped, qty_planned),
            "main_share": main_share,
            "material_actual": figures["material_actual"],
            "operations_actual": figures["operations_actual"],
            "overhead_actual": figures["overhead_actual"],
            "changeover_cost": figures["changeover"],
            "actual_cost": figures["actual_cost"],
            "standard_cost": figures["standard_cost"],
            "standard_unit_cost": figures["standard_unit_cost"],
            "cost_per_unit": figures["cost_per_unit"],
            "total_variance": figures["total_variance"],
            "variance_percent": variance_percent(
                figures["total_variance"], figures["standard_cost"]
            ),
            "valuation_value": valuation,
            "valuation_comparable": comparable,
            "valuation_gap": gap,
            "valuation_note": self._valuation_note(
                main, figures, comparable, valuation, currency
            ),
            "band_status": "none",
            "line_ids": [Command.create(line) for line in lines],
        }
        for category in VARIANCE_CATEGORIES:
            vals[f"variance_{category}"] = figures["variances"][category]
        return vals

    @api.model
    def _prepare_sheet_lines(
        self, component_lines, operation_lines, changeovers, figures, byproducts
    ):
        """The sheet's lines, their costs from the figures' lines (so that
        the header, their sums, and the lines are the same numbers): the
        components and operations (from ``_component_data`` and
        ``_operation_data``), a line per changeover, the overhead, the yield
        loss, and each by-product (its quantity; its share of the cost is
        what the main product's share leaves out)."""
        _ = self.env._
        described = {
            "component": component_lines,
            "operation": operation_lines,
            "changeover": [
                {
                    "category": "changeover",
                    "name": changeover.transition,
                    "changeover_id": changeover.id,
                    "workcenter_id": changeover.workcenter_id.id,
                    "minutes_expected": changeover.planned_minutes,
                    "minutes_actual": changeover.actual_minutes,
                }
                for changeover in changeovers
            ],
            "overhead": [{"category": "overhead", "name": _("Overhead")}],
            "yield": [
                {
                    "category": "yield",
                    "name": _("Yield loss (standard of the units not good)"),
                }
            ],
        }
        lines = []
        for figure in figures["lines"]:
            line = dict(described[figure["kind"]][figure["index"]])
            line.update(
                cost_expected=figure["expected"],
                cost_actual=figure["actual"],
                variance_price=figure["variances"].get("material_price", 0.0),
            )
            lines.append(line)
        for move in byproducts:
            lines.append(
                {
                    "category": "byproduct",
                    "name": move.product_id.display_name,
                    "product_id": move.product_id.id,
                    "qty_actual": move.quantity,
                }
            )
        return lines

    @api.model
    def _component_data(self, productions, made):
        """Per component product: standard quantity per unit, standard price
        (frozen at confirmation), actual quantity and Odoo's value of the
        consumed moves; and the sheet lines."""
        data = {}
        planned = sum(productions.mapped("product_qty")) or 1.0
        for move in productions.move_raw_ids.filtered(lambda m: m.state == "done"):
            product = move.product_id
            entry = data.setdefault(
                product,
                {
                    "std_qty": 0.0,
                    "std_price": move.optiwise_standard_price or product.standard_price,
                    "qty": 0.0,
                    "cost": 0.0,
                },
            )
            qty = move.product_uom._compute_quantity(move.quantity, product.uom_id)
            entry["qty"] += qty
            entry["cost"] += move.value
            line = move.bom_line_id
            if line:
                bom = line.bom_id
                production = move.raw_material_production_id
                per_unit = line.product_uom_id._compute_quantity(
                    line.product_qty, product.uom_id
                ) / bom.product_uom_id._compute_quantity(
                    bom.product_qty, production.product_uom_id
                )
                entry["std_qty"] += per_unit * production.product_qty / planned
        components, lines = [], []
        for product, entry in data.items():
            components.append(entry)
            lines.append(
                {
                    "category": "component",
                    "name": product.display_name,
                    "product_id": product.id,
                    "qty_expected": entry["std_qty"] * made,
                    "qty_actual": entry["qty"],
                    "std_price": entry["std_price"],
                }
            )
        return components, lines

    @api.model
    def _operation_data(self, productions, made):
        """Per work order: rate, expected hours per unit, logged hours and
        Odoo's cost of the work order (``_cal_cost``); and the sheet lines."""
        operations, lines = [], []
        planned = sum(productions.mapped("product_qty")) or 1.0
        for workorder in productions.workorder_ids.filtered(
            lambda w: w.state == "done"
        ):
            rate = workorder.costs_hour or workorder.workcenter_id.costs_hour
            cost = workorder._cal_cost()
            hours = sum(workorder.time_ids.mapped("duration")) / 60
            expected_hours = workorder.duration_expected / 60
            operations.append(
                {
                    "rate": rate,
                    "expected_hours": expected_hours / planned,
                    "hours": hours,
                    "cost": cost,
                    "overhead_rate": workorder.workcenter_id.optiwise_overhead_rate,
                }
            )
            lines.append(
                {
                    "category": "operation",
                    "name": f"{workorder.name} ({workorder.workcenter_id.name})",
                    "workcenter_id": workorder.workcenter_id.id,
                    "minutes_expected": workorder.duration_expected * made / planned,
                    "minutes_actual": hours * 60,
                }
            )
        return operations, lines

    @api.model
    def _valuation_note(self, production, figures, comparable, valuation, currency):
        """Why the sheet's actual cost and Odoo's valuation differ, in words."""
        _ = self.env._
        notes = []
        management = figures["changeover"] + figures["overhead_actual"]
        if not currency.is_zero(management):
            notes.append(
                _(
                    "Changeover and overhead (%(amount)s) are management costs: "
                    "Odoo's valuation does not include them.",
                    amount=currency.format(management),
                )
            )
        gap = currency.round(valuation - comparable)
        if not currency.is_zero(gap):
            if production.product_id.cost_method == "standard":
                notes.append(
                    _(
                        "Odoo values %(product)s at its standard price (cost method "
                        "Standard): %(value)s, %(gap)s from the actual material and "
                        "operations.",
                        product=production.product_id.display_name,
                        value=currency.format(valuation),
                        gap=currency.format(gap),
                    )
                )
            else:
                notes.append(
                    _(
                        "Unexplained difference with Odoo's valuation: %(gap)s.",
                        gap=currency.format(gap),
                    )
                )
        if not notes:
            notes.append(_("Matches Odoo's valuation of the finished goods."))
        return "\n".join(notes)

    # ------------------------------------------------------------------
    # Output
    # ------------------------------------------------------------------

    def _sheet_dict(self):
        self.ensure_one()
        return {
            "id": self.id,
            "name": self.name,
            "product_id": self.product_id.id,
            "production_ids": self.production_ids.ids,
            "run_id": self.run_id.id or False,
            "lot_id": self.lot_id.id or False,
            "date": fields.Datetime.to_string(self.date),
            "currency": self.currency_id.name,
            "qty_planned": self.qty_planned,
            "qty_total": self.qty_total,
            "qty_good": self.qty_good,
            "qty_scrap": self.qty_scrap,
            "material_actual": self.material_actual,
            "operations_actual": self.operations_actual,
            "overhead_actual": self.overhead_actual,
            "changeover_cost": self.changeover_cost,
            "actual_cost": self.actual_cost,
            "standard_cost": self.standard_cost,
            "cost_per_unit": self.cost_per_unit,
            "total_variance": self.total_variance,
            "variances": {
                category: self[f"variance_{category}"]
                for category in VARIANCE_CATEGORIES
            },
            "valuation": {
                "value": self.valuation_value,
                "sheet": self.valuation_comparable,
                "gap": self.valuation_gap,
                "note": self.valuation_note,
            },
            "band": {
                "status": self.band_status,
                "mean": self.band_mean,
                "low": self.band_low,
                "high": self.band_high,
            },
            "lines": [
                {
                    "category": line.category,
                    "name": line.name,
                    "qty_expected": line.qty_expected,
                    "qty_actual": line.qty_actual,
                    "uom": line.uom_name,
                    "minutes_expected": line.minutes_expected,
                    "minutes_actual": line.minutes_actual,
                    "cost_expected": line.cost_expected,
                    "cost_actual": line.cost_actual,
                    "variance": line.variance,
                    "variance_price": line.variance_price,
                }
                for line in self.line_ids
            ],
        }

    def _xlsx(self):
        if len(self) == 1:
            return f"{self.name.replace('/', '-')}.xlsx", xlsx.sheet_workbook(self)
        return "batch-cost-comparison.xlsx", xlsx.comparison_workbook(self)
