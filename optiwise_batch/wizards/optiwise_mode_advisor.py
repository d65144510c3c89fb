# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import math
from collections import defaultdict
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..advisor import coefficient_of_variation, recommend
from ..models.product_template import RUN_MODES


class OptiwiseModeAdvisor(models.TransientModel):
    _name = "optiwise.mode.advisor"
    _description = "Run Mode Advisor"

    date_from = fields.Date(
        required=True, default=lambda s: fields.Date.today() - timedelta(days=90)
    )
    date_to = fields.Date(required=True, default=fields.Date.today)
    product_tmpl_ids = fields.Many2many(
        "product.template",
        string="Products",
        help="Leave empty for every product with a manufacturing BoM.",
    )
    line_ids = fields.One2many("optiwise.mode.advice", "advisor_id")

    def action_compute(self):
        """Compute the figures and the recommendation of each product.

        :return: window action on the advice lines
        :raises UserError: if the period is inverted
        """
        self.ensure_one()
        if self.date_to < self.date_from:
            raise UserError(self.env._("The period must end after it starts."))
        self.line_ids.unlink()
        templates = self.product_tmpl_ids or (
            self.env["mrp.bom"].search([("type", "=", "normal")]).product_tmpl_id
        )
        figures = self._compute_figures(templates)
        self.line_ids = [
            Command.create(self._prepare_advice_vals(t, figures[t])) for t in templates
        ]
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Run Mode Advice"),
            "res_model": "optiwise.mode.advice",
            "view_mode": "list,pivot",
            "domain": [("advisor_id", "=", self.id)],
            "target": "current",
        }

    def _period(self):
        start = fields.Datetime.to_datetime(self.date_from)
        end = fields.Datetime.to_datetime(self.date_to) + timedelta(days=1)
        return start, end

    def _compute_figures(self, templates):
        """All figures of all products in a handful of grouped queries."""
        start, end = self._period()
        days = (end - start).days
        weeks = max(math.ceil(days / 7), 1)
        variants = templates.product_variant_ids
        tmpl_of = {v: v.product_tmpl_id for v in variants}
        # demand: what was delivered to customers, per week; an order is a
        # delivery move (one per sale order line when sales run in Odoo)
        weekly = defaultdict(lambda: defaultdict(float))
        orders = defaultdict(lambda: [0.0, 0])
        for product, week, qty, count in self.env["stock.move"]._read_group(
            [
                ("product_id", "in", variants.ids),
                ("state", "=", "done"),
                ("location_dest_id.usage", "=", "customer"),
                ("date", ">=", start),
                ("date", "<", end),
            ],
            ["product_id", "date:week"],
            ["product_qty:sum", "__count"],
        ):
            weekly[tmpl_of[product]][week] += qty
            orders[tmpl_of[product]][0] += qty
            orders[tmpl_of[product]][1] += count
        mos = defaultdict(lambda: [0.0, 0])
        for product, qty, count in self.env["mrp.production"]._read_group(
            [
                ("product_id", "in", variants.ids),
                ("state", "!=", "cancel"),
                ("optiwise_batch_family_id", "=", False),
                ("date_start", ">=", start),
                ("date_start", "<", end),
            ],
            ["product_id"],
            ["product_qty:sum", "__count"],
        ):
            mos[tmpl_of[product]][0] += qty
            mos[tmpl_of[product]][1] += count
        boms = self.env["mrp.bom"]._bom_find(variants, bom_type="normal")
        workcenters = self.env["mrp.workcenter"].browse(
            {wc.id for bom in boms.values() for wc in bom.operation_ids.workcenter_id}
        )
        time_by_wc = defaultdict(lambda: [0.0, 0.0])  # [setup, total]
        for workcenter, loss, minutes in self.env[
            "mrp.workcenter.productivity"
        ]._read_group(
            [
                ("workcenter_id", "in", workcenters.ids),
                ("date_start", ">=", start),
                ("date_start", "<", end),
            ],
            ["workcenter_id", "loss_id"],
            ["duration:sum"],
        ):
            time_by_wc[workcenter][1] += minutes
            if loss.optiwise_is_setup:
                time_by_wc[workcenter][0] += minutes
        # the economic batch sizes, as the lot sizing report computes them
        LotSize = self.env["optiwise.lot.size"]
        found = self.env["mrp.bom"].union(*boms.values())
        economic = {}
        for values in found._optiwise_lot_size_inputs():
            vals = LotSize._optiwise_prepare_vals(values)
            if vals.get("recommended_size"):
                economic[values["bom_id"]] = vals["days_covered"]
        result = {}
        for template in templates:
            demand = [weekly[template].get(w, 0.0) for w in weekly[template]]
            demand += [0.0] * (weeks - len(demand))
            total_demand = sum(demand)
            bom = next(
                (boms[v] for v in template.product_variant_ids if v in boms), None
            )
            size = bom and (
                bom.batch_size if bom.enable_batch_size else bom.product_qty
            )
            mo_qty, mo_count = mos[template]
            wcs = bom.operation_ids.workcenter_id if bom else workcenters.browse()
            setup = sum(time_by_wc[wc][0] for wc in wcs)
            total_time = sum(time_by_wc[wc][1] for wc in wcs)
            order_qty, order_count = orders[template]
            daily = total_demand / days if days else 0.0
            result[template] = {
                "demand_cv": coefficient_of_variation(demand) if total_demand else None,
                "avg_order_qty": order_qty / order_count if order_count else 0.0,
                "variant_count": template.product_variant_count,
                "mo_size_ratio": (mo_qty / mo_count / size)
                if mo_count and size
                else None,
                "setup_share": setup / total_time if total_time else None,
                "cover_days": template.qty_available / daily if daily else None,
                "economic_days": economic.get(bom.id) if bom else None,
                "inputs": self.env._(
                    "Based on %(deliveries)s customer deliveries over %(weeks)s "
                    "weeks, %(mos)s manufacturing orders, %(minutes)s minutes "
                    "logged on its work centers, %(variants)s variant(s).",
                    deliveries=order_count,
                    weeks=weeks,
                    mos=mo_count,
                    minutes=round(total_time),
                    variants=template.product_variant_count,
                ),
            }
        return result

    def _prepare_advice_vals(self, template, figures):
        """Values of one advice line (extension point)."""
        current = template.optiwise_run_mode or "batch"
        mode, reasons = recommend(figures, current)
        return {
            "product_tmpl_id": template.id,
            "current_mode": template.optiwise_run_mode or False,
            "recommended_mode": mode or False,
            "reasons": "; ".join(reasons),
            "inputs": figures.get("inputs") or "",
            "demand_cv": figures["demand_cv"] or 0.0,
            "avg_order_qty": figures["avg_order_qty"],
            "variant_count": figures["variant_count"],
            "mo_size_ratio": figures["mo_size_ratio"] or 0.0,
            "setup_share": 100 * (figures["setup_share"] or 0.0),
            "cover_days": figures["cover_days"] or 0.0,
            "economic_days": figures.get("economic_days") or 0.0,
        }


class OptiwiseModeAdvice(models.TransientModel):
    _name = "optiwise.mode.advice"
    _description = "Run Mode Advice"
    _order = "differs desc, product_tmpl_id"

    advisor_id = fields.Many2one("optiwise.mode.advisor", ondelete="cascade")
    product_tmpl_id = fields.Many2one("product.template", string="Product")
    current_mode = fields.Selection(RUN_MODES)
    recommended_mode = fields.Selection(RUN_MODES)
    differs = fields.Boolean(compute="_compute_differs", store=True)
    reasons = fields.Text()
    inputs = fields.Text(
        string="Based On", help="The history the advice was drawn from."
    )
    demand_cv = fields.Float(string="Demand CV", digits=(16, 2), aggregator="avg")
    avg_order_qty = fields.Float(string="Avg Order Size", aggregator=None)
    uom_id = fields.Many2one(related="product_tmpl_id.uom_id", string="Unit")
    variant_count = fields.Integer(string="Variants", aggregator="max")
    mo_size_ratio = fields.Float(
        string="MO Size / Batch Size", digits=(16, 2), aggregator="avg"
    )
    setup_share = fields.Float(
        string="Setup Share (%)", digits=(16, 1), aggregator="avg"
    )
    cover_days = fields.Float(string="Cover (days)", digits=(16, 1), aggregator="avg")
    economic_days = fields.Float(
        string="Economic Batch (days)",
        digits=(16, 1),
        aggregator="avg",
        help="Days of demand the economic batch size covers (Lot Sizing).",
    )

    @api.depends("current_mode", "recommended_mode")
    def _compute_differs(self):
        for advice in self:
            advice.differs = bool(advice.recommended_mode) and (
                advice.current_mode != advice.recommended_mode
            )

    def action_apply(self):
        """Set each product's run mode to the recommendation.

        :raises AccessError: unless the user is a production manager
        """
        if not self.env.user.has_group("optiwise_batch.group_manager"):
            raise AccessError(
                self.env._("Only a production manager may change run modes.")
            )
        # the products are the caller's to read (their company's, by the
        # record rules) before the sudo below writes them
        self.product_tmpl_id.check_access("read")
        # no recommendation (too little history): nothing to apply
        for mode, advices in (
            self.filtered("recommended_mode").grouped("recommended_mode").items()
        ):
            # sudo: a production manager (checked above) owns the run mode,
            # but may lack the product administration right; the caller may
            # read each product (checked above, companies included); only
            # this field is written, and the product's chatter tracks it.
            advices.product_tmpl_id.sudo().optiwise_run_mode = mode
            advices.current_mode = mode
        return True
