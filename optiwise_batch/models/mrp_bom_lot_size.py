# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What an economic batch size weighs, read from Odoo's own data for many
bills of materials at once: demand from stock moves, the setup cost from the
changeover matrix and the work center's cost, the holding cost from the
product's cost, the company's working capital rate and the category's
storage cost, the limits from the bill of materials, the product and its
shelf life (``product_expiry``'s expiration time)."""

from collections import defaultdict
from datetime import timedelta

from odoo import fields, models

from ..lotsizing import forecast

HISTORY_WEEKS = 12
HORIZON_WEEKS = 13
# other products of a work center's mix whose changeovers into a product
# are averaged
MIX = 50


class MrpBom(models.Model):
    _inherit = "mrp.bom"

    def action_optiwise_lot_size(self):
        """Compute this bill of materials' economic batch size now and open
        it (production managers)."""
        self.ensure_one()
        record = self.env["optiwise.lot.size"]
        record._optiwise_check_manager()
        record = record._optiwise_refresh(self)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Economic Batch Size"),
            "res_model": "optiwise.lot.size",
            "res_id": record.id,
            "view_mode": "form",
            "target": "current",
        }

    def _optiwise_lot_size_inputs(self):
        """The inputs of the economic batch size of each of these bills of
        materials, in their product's unit, with where each comes from: one
        set of queries whatever their number.

        :return: list of dicts, one per bill of materials
        """
        _ = self.env._
        now = fields.Datetime.now()
        made = {
            bom.id: (bom.product_id or bom.product_tmpl_id.product_variant_id).id
            for bom in self
        }
        product_ids = list(set(made.values()))
        # one recordset, so that reading one product reads them all
        by_id = {p.id: p for p in self.env["product.product"].browse(product_ids)}
        products = {bom_id: by_id[product_id] for bom_id, product_id in made.items()}
        operations = self._optiwise_first_operations()
        Move = self.env["stock.move"]
        # what leaves the stock for a customer, or for production (a base
        # consumed by the orders that bottle it)
        customer = [
            ("product_id", "in", product_ids),
            ("location_dest_id.usage", "in", ("customer", "production")),
        ]
        open_demand = {
            product.id: qty
            for product, qty in Move._read_group(
                customer
                + [
                    ("state", "not in", ("draft", "done", "cancel")),
                    ("date", "<", now + timedelta(weeks=HORIZON_WEEKS)),
                ],
                ["product_id"],
                ["product_qty:sum"],
            )
        }
        since = now - timedelta(weeks=HISTORY_WEEKS)
        history = defaultdict(lambda: [0.0] * HISTORY_WEEKS)
        for product, day, qty in Move._read_group(
            customer + [("state", "=", "done"), ("date", ">=", since)],
            ["product_id", "date:day"],
            ["product_qty:sum"],
        ):
            week = min(
                (fields.Datetime.to_datetime(day) - since).days // 7,
                HISTORY_WEEKS - 1,
            )
            history[product.id][max(week, 0)] += qty
        setup = self._optiwise_lot_setup_costs(products, operations)
        rates = self._optiwise_lot_production_rates(products, operations)
        quality = self._optiwise_lot_quality_costs(products)
        result = []
        for bom in self:
            product = products[bom.id]
            company = bom.company_id or self.env.company
            level, error = forecast(history[product.id])
            known = open_demand.get(product.id, 0.0)
            weekly = max(level, known / HORIZON_WEEKS)
            minutes, setup_cost, workcenter, setup_source = setup[bom.id]
            if quality.get(bom.id):
                setup_cost += quality[bom.id]
                setup_source += _(" + quality %(cost)s", cost=f"{quality[bom.id]:.2f}")
            unit_cost = product.with_company(company).standard_price
            rate = company.optiwise_working_capital_rate
            storage_cost = product.categ_id.optiwise_storage_cost
            # product_expiry: the days from a lot's making to its expiry
            shelf_life = product.expiration_time if product.use_expiration_date else 0.0
            to_product = bom.product_uom_id

            def in_product_unit(qty, unit=to_product, product=product):
                return unit._compute_quantity(qty, product.uom_id) if qty else 0.0

            result.append(
                {
                    "company_id": company.id,
                    "bom_id": bom.id,
                    "product_id": product.id,
                    "workcenter_id": workcenter.id,
                    "weekly_demand": weekly,
                    "open_demand": known,
                    "forecast": level,
                    "forecast_error": 100 * error / level if level and error else 0.0,
                    "demand_source": _(
                        "forecast %(forecast)s a week from %(weeks)s weeks of "
                        "deliveries and consumption; %(open)s open over the next "
                        "%(horizon)s weeks",
                        forecast=f"{level:.1f}",
                        weeks=HISTORY_WEEKS,
                        open=f"{known:g}",
                        horizon=HORIZON_WEEKS,
                    ),
                    "setup_minutes": minutes,
                    "setup_cost": setup_cost,
                    "setup_source": setup_source,
                    "unit_cost": unit_cost,
                    "holding_cost": unit_cost * rate / 100 / 52 + storage_cost,
                    "holding_source": _(
                        "cost %(cost)s x %(rate)s %% a year / 52 + storage "
                        "%(storage)s a week",
                        cost=f"{unit_cost:.2f}",
                        rate=f"{rate:g}",
                        storage=f"{storage_cost:g}",
                    ),
                    "production_rate": rates.get(bom.id, 0.0),
                    "shelf_life_days": shelf_life,
                    "storage_capacity": product.optiwise_storage_capacity,
                    "current_size": in_product_unit(
                        bom.batch_size if bom.enable_batch_size else 0.0
                    ),
                    "minimum": in_product_unit(bom.optiwise_batch_min_size),
                    "maximum": in_product_unit(bom.optiwise_batch_max_size),
                    "multiple": in_product_unit(bom.optiwise_batch_multiple),
                }
            )
        return result

    def _optiwise_first_operations(self):
        """The first operation of each of these bills of materials (one
        search): {bom id: mrp.routing.workcenter}."""
        first = {}
        for operation in self.env["mrp.routing.workcenter"].search_fetch(
            [("bom_id", "in", self.ids)],
            ["bom_id", "workcenter_id", "time_mode", "time_cycle_manual"],
            order="bom_id, sequence, id",
        ):
            first.setdefault(operation.bom_id.id, operation)
        return first

    def _optiwise_lot_setup_costs(self, products, operations):
        """Per bill of materials: (changeover minutes into its product, averaged
        over its work center's mix, the setup cost of a batch, the work
        center, where it comes from). One search of the mix, one of the
        matrix per work center."""
        _ = self.env._
        Workcenter = self.env["mrp.workcenter"]
        workcenters = {
            bom.id: operations[bom.id].workcenter_id
            if bom.id in operations
            else Workcenter
            for bom in self
        }
        used = Workcenter.union(*workcenters.values())
        mix = defaultdict(list)
        for operation in self.env["mrp.routing.workcenter"].search_fetch(
            [
                ("workcenter_id", "in", used.ids),
                ("bom_id.type", "=", "normal"),
                ("bom_id.active", "=", True),
            ],
            ["bom_id", "workcenter_id"],
            order="bom_id, id",
        ):
            bom = operation.bom_id
            product = bom.product_id or bom.product_tmpl_id.product_variant_id
            members = mix[operation.workcenter_id.id]
            if product not in members and len(members) < MIX:
                members.append(product)
        # and what the work center changed over to in the last 90 days: the
        # mix it really runs, bills of materials or not
        since = fields.Datetime.now() - timedelta(days=90)
        for workcenter, product in self.env["optiwise.changeover"]._read_group(
            [
                ("workcenter_id", "in", used.ids),
                ("state", "!=", "cancel"),
                ("create_date", ">=", since),
            ],
            ["workcenter_id", "to_product_id"],
        ):
            members = mix[workcenter.id]
            if product and product not in members and len(members) < MIX:
                members.append(product)
        Rule = self.env["optiwise.changeover.rule"]
        result = {}
        for workcenter in used:
            targets = {
                products[bom.id] for bom in self if workcenters[bom.id] == workcenter
            }
            pairs = [
                (before, product)
                for product in targets
                for before in mix[workcenter.id]
                if before != product
            ]
            matrix = Rule._resolve(workcenter, pairs)
            for bom in self:
                if workcenters[bom.id] != workcenter:
                    continue
                rules = [
                    matrix[(before.id, products[bom.id].id)]
                    for before in mix[workcenter.id]
                    if before != products[bom.id]
                ]
                count = len(rules) or 1
                minutes = sum(rule.duration for rule in rules) / count
                fixed = sum(rule.cost for rule in rules) / count
                cost = minutes / 60 * workcenter.costs_hour + fixed
                result[bom.id] = (
                    minutes,
                    cost,
                    workcenter,
                    _(
                        "%(minutes)s min of changeover (mean from the %(count)s "
                        "other products %(workcenter)s makes) x %(rate)s an "
                        "hour + %(fixed)s a changeover",
                        minutes=f"{minutes:.0f}",
                        count=len(rules),
                        workcenter=workcenter.display_name,
                        rate=f"{workcenter.costs_hour:g}",
                        fixed=f"{fixed:.2f}",
                    ),
                )
        for bom in self:
            result.setdefault(
                bom.id,
                (0.0, 0.0, workcenters[bom.id], _("no operation: no changeover")),
            )
        return result

    def _optiwise_lot_production_rates(self, products, operations):
        """Per bill of materials: units its first operation's work center makes
        in a week of its calendar (0 when unknown)."""
        now = fields.Datetime.now()
        hours = {}
        result = {}
        for bom in self:
            operation = operations.get(bom.id)
            if not operation:
                continue
            workcenter = operation.workcenter_id
            # a manual time is read as typed; an automatic one is core's
            # computation from the work orders done
            minutes = (
                operation.time_cycle_manual
                if operation.time_mode == "manual"
                else operation.time_cycle
            )
            if not minutes:
                continue
            calendar = workcenter.resource_calendar_id
            if calendar.id not in hours:
                hours[calendar.id] = (
                    calendar.get_work_hours_count(now, now + timedelta(days=7))
                    if calendar
                    else 24 * 7
                )
            capacity = workcenter._get_capacity(
                products[bom.id], bom.product_uom_id, bom.product_qty or 1
            )[0]
            per_minute = capacity / minutes
            made = per_minute * 60 * hours[calendar.id]
            made *= (workcenter.time_efficiency or 100) / 100
            result[bom.id] = bom.product_uom_id._compute_quantity(
                made, products[bom.id].uom_id
            )
        return result

    def _optiwise_lot_quality_costs(self, products):
        """Per bill of materials: the quality cost of one lot (the inspections
        it brings); none here, quality addons add theirs."""
        return {}
