# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Economic batch sizes: one record per bill of materials, its inputs read
from Odoo's own data (each with its source), its recommendation from
``optiwise_batch.lotsizing``."""

import logging
import time

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..lotsizing import recommend

_logger = logging.getLogger(__name__)

BINDINGS = [
    ("shelf_life", "Shelf life"),
    ("vessel", "Maximum batch size"),
    ("storage", "Storage capacity"),
    ("minimum", "Minimum batch size"),
    ("multiple", "Batch multiple"),
    ("no_demand", "No demand"),
    ("no_setup", "No setup cost"),
]


class OptiwiseLotSize(models.Model):
    _name = "optiwise.lot.size"
    _description = "Economic Batch Size"
    _order = "saving_year desc, id"
    _rec_name = "product_id"

    company_id = fields.Many2one("res.company", required=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    bom_id = fields.Many2one(
        "mrp.bom", string="Bill of Materials", required=True, ondelete="cascade"
    )
    product_id = fields.Many2one("product.product", required=True, index=True)
    product_tmpl_id = fields.Many2one(
        related="product_id.product_tmpl_id", store=True, string="Product Template"
    )
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    workcenter_id = fields.Many2one("mrp.workcenter", string="Work Center")
    computed_at = fields.Datetime(readonly=True)
    # inputs, each with where it comes from
    weekly_demand = fields.Float(
        string="Demand (per week)", digits="Product Unit", aggregator="sum"
    )
    open_demand = fields.Float(
        string="Open Demand (13 weeks)",
        digits="Product Unit",
        help="Confirmed deliveries still to ship in the next 13 weeks.",
    )
    forecast = fields.Float(
        string="Forecast (per week)",
        digits="Product Unit",
        help="Exponential smoothing (factor 0.3) of the last 12 weeks' deliveries.",
    )
    forecast_error = fields.Float(
        string="Forecast Error (%)",
        aggregator="avg",
        help="Mean absolute error of the one-week-ahead forecasts over the "
        "history, in % of the forecast.",
    )
    demand_source = fields.Char(string="Demand From")
    setup_minutes = fields.Float(string="Changeover (min)", aggregator="avg")
    setup_cost = fields.Monetary(string="Setup Cost (per batch)", aggregator="avg")
    setup_source = fields.Char(string="Setup Cost From")
    unit_cost = fields.Float(digits="Product Price", aggregator="avg")
    holding_cost = fields.Float(
        string="Holding Cost (per unit and week)", digits=(16, 5), aggregator="avg"
    )
    holding_source = fields.Char(string="Holding Cost From")
    production_rate = fields.Float(
        string="Line Rate (per week)",
        digits="Product Unit",
        help="What the line makes in a week of its calendar at the bill of "
        "materials' operation time.",
    )
    shelf_life_days = fields.Float(string="Shelf Life (days)")
    storage_capacity = fields.Float(digits="Product Unit")
    # the recommendation
    current_size = fields.Float(string="Today's Size", digits="Product Unit")
    recommended_size = fields.Float(digits="Product Unit")
    method = fields.Selection([("eoq", "EOQ"), ("epq", "EPQ (finite rate)")])
    binding = fields.Selection(BINDINGS, string="Capped By")
    binding_note = fields.Char(string="Why")
    batches_per_month = fields.Float(digits=(16, 1), aggregator="sum")
    days_covered = fields.Float(digits=(16, 1))
    storage_needed = fields.Float(digits="Product Unit", aggregator="sum")
    working_capital = fields.Monetary(
        help="Value of the average stock the recommended size keeps.",
        aggregator="sum",
    )
    cost_per_unit = fields.Monetary(string="Setup + Holding per Unit", aggregator="avg")
    current_cost_per_unit = fields.Monetary(
        string="Today's Setup + Holding per Unit", aggregator="avg"
    )
    saving_year = fields.Monetary(
        string="Saving (per year)",
        aggregator="sum",
        help="Setup and holding cost a year at today's size less at the "
        "recommended one.",
    )
    applied = fields.Boolean(
        compute="_compute_applied", help="The bill of materials has this size."
    )
    curve_svg = fields.Html(
        string="Cost per Unit", compute="_compute_curve_svg", sanitize=False
    )

    _unique_bom = models.Constraint(
        "UNIQUE(bom_id)", "A bill of materials has one economic batch size."
    )

    @api.depends("bom_id.batch_size", "bom_id.enable_batch_size", "recommended_size")
    def _compute_applied(self):
        for record in self:
            bom = record.bom_id
            record.applied = bool(
                bom.enable_batch_size
                and record.recommended_size
                and bom.product_uom_id.compare(bom.batch_size, record.recommended_size)
                == 0
            )

    def _compute_curve_svg(self):
        for record in self:
            record.curve_svg = record._optiwise_curve_svg()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    @api.model
    def action_refresh_all(self):
        """Compute the economic batch size of every bill of materials of the
        companies in use (production managers)."""
        self._optiwise_check_manager()
        self._optiwise_refresh_all()
        return self.env["ir.actions.act_window"]._for_xml_id(
            "optiwise_batch.optiwise_lot_size_action"
        )

    @api.model
    def _optiwise_refresh_all(self):
        """Every bill of materials (to make) of the companies in use."""
        boms = self.env["mrp.bom"].search(
            [
                ("type", "=", "normal"),
                ("company_id", "in", [*self.env.companies.ids, False]),
            ]
        )
        return self._optiwise_refresh(boms)

    def action_refresh(self):
        """Compute these records again from today's data (production
        managers)."""
        self._optiwise_check_manager()
        self._optiwise_refresh(self.bom_id)
        return True

    def action_apply(self):
        """Write the recommended size on the bill of materials (core's batch
        size, so that core's splitting and Plan Batches use it), the old and
        new size and the reason in its chatter."""
        self._optiwise_check_manager()
        for record in self:
            if not record.recommended_size:
                raise UserError(
                    self.env._(
                        "%(product)s has no recommended batch size (no demand): "
                        "nothing to apply.",
                        product=record.product_id.display_name,
                    )
                )
            bom = record.bom_id
            old = bom.batch_size if bom.enable_batch_size else 0.0
            size = record.uom_id._compute_quantity(
                record.recommended_size, bom.product_uom_id
            )
            bom.write({"batch_size": size, "enable_batch_size": True})
            bom.message_post(
                body=self.env._(
                    "Batch size %(old)s → %(new)s %(uom)s (economic batch size, "
                    "%(method)s%(why)s): saves about %(saving)s a year in setup "
                    "and holding cost.",
                    old=old or self.env._("none"),
                    new=size,
                    uom=bom.product_uom_id.name,
                    method=dict(self._fields["method"].selection).get(record.method),
                    why=f"; {record.binding_note}" if record.binding_note else "",
                    saving=f"{record.saving_year:,.2f} {record.currency_id.name}",
                )
            )
            # sudo: the report is read-only; today's size is now the BoM's
            record.sudo().current_size = record.recommended_size
        return True

    def _optiwise_check_manager(self):
        if not self.env.user.has_group("optiwise_batch.group_manager"):
            raise AccessError(
                self.env._("Only production managers compute and apply batch sizes.")
            )

    # ------------------------------------------------------------------
    # Computation
    # ------------------------------------------------------------------

    @api.model
    def _optiwise_refresh(self, boms):
        """Recompute the records of ``boms`` set-wise: the same queries for 5
        bills of materials or 500. Returns the new records."""
        began = time.monotonic()
        inputs = boms._optiwise_lot_size_inputs()
        vals_list = [self._optiwise_prepare_vals(values) for values in inputs]
        # a report of the moment: the old records go, the new ones come.
        # sudo: nobody writes this report (read-only for every group, so a
        # figure cannot be typed in and then applied); the values come from
        # the inputs read above in the caller's own environment
        self.sudo().search([("bom_id", "in", boms.ids)]).unlink()
        records = self.sudo().create(vals_list).sudo(False)
        _logger.info(
            "economic batch sizes of %d bills of materials in %.2f s",
            len(records),
            time.monotonic() - began,
        )
        return records

    @api.model
    def _optiwise_prepare_vals(self, values):
        """Values of one record from the inputs of its bill of materials
        (``mrp.bom._optiwise_lot_size_inputs``)."""
        vals = {
            key: values[key]
            for key in (
                "company_id",
                "bom_id",
                "product_id",
                "workcenter_id",
                "weekly_demand",
                "open_demand",
                "forecast",
                "forecast_error",
                "demand_source",
                "setup_minutes",
                "setup_cost",
                "setup_source",
                "unit_cost",
                "holding_cost",
                "holding_source",
                "production_rate",
                "shelf_life_days",
                "storage_capacity",
                "current_size",
            )
        }
        vals["computed_at"] = fields.Datetime.now()
        demand, holding = values["weekly_demand"], values["holding_cost"]
        if values["setup_cost"] <= 0:
            vals.update(
                binding="no_setup",
                binding_note=self.env._(
                    "no changeover cost into it: every order can be its own batch"
                ),
            )
            return vals
        if demand <= 0 or holding <= 0:
            vals.update(
                binding="no_demand",
                binding_note=self.env._("no demand or no holding cost to weigh"),
            )
            return vals
        try:
            found = recommend(
                demand,
                values["setup_cost"],
                holding,
                production_rate=values["production_rate"] or None,
                current=values["current_size"] or None,
                cover=values["shelf_life_days"] / 7 or None,
                minimum=values["minimum"] or None,
                maximum=values["maximum"] or None,
                multiple=values["multiple"] or None,
                storage=values["storage_capacity"] or None,
            )
        except ValueError as exc:
            vals.update(binding_note=str(exc))
            return vals
        current = found["current"]
        unit = self.env["product.product"].browse(values["product_id"]).uom_id
        vals.update(
            recommended_size=unit.round(found["quantity"]),
            method=found["method"],
            binding=found["binding"],
            binding_note=self._optiwise_binding_note(found, values),
            batches_per_month=found["batches_per_period"] * 52 / 12,
            days_covered=found["periods_covered"] * 7,
            storage_needed=found["max_inventory"],
            working_capital=found["average_inventory"] * values["unit_cost"],
            cost_per_unit=found["cost_per_unit"],
            current_cost_per_unit=current["cost_per_unit"] if current else 0.0,
            saving_year=found["saving_per_period"] * 52,
        )
        return vals

    @api.model
    def _optiwise_binding_note(self, found, values):
        _ = self.env._
        binding = found["binding"]
        if binding == "shelf_life":
            return _(
                "capped by shelf life: %(days)s days",
                days=f"{values['shelf_life_days']:g}",
            )
        if binding == "vessel":
            return _("capped by the vessel: %(max)s", max=f"{values['maximum']:g}")
        if binding == "storage":
            return _(
                "capped by storage: %(capacity)s",
                capacity=f"{values['storage_capacity']:g}",
            )
        if binding == "minimum":
            return _(
                "raised to the minimum batch: %(min)s", min=f"{values['minimum']:g}"
            )
        if binding == "multiple":
            return _(
                "rounded to a multiple of %(multiple)s",
                multiple=f"{values['multiple']:g}",
            )
        return _("unconstrained %(method)s", method=found["method"].upper())

    def _optiwise_curve_svg(self):
        """The cost per unit against batch size as a small SVG: setup per unit
        falling, holding per unit rising, their sum; today's size and the
        recommended one marked."""
        self.ensure_one()
        if not self.recommended_size or not self.weekly_demand or not self.holding_cost:
            return False
        found = recommend(
            self.weekly_demand,
            self.setup_cost,
            self.holding_cost,
            production_rate=self.production_rate or None,
            current=self.current_size or None,
            points=48,
        )
        return curve_svg(
            found["curve"],
            self.recommended_size,
            self.current_size,
            labels={
                "setup": self.env._("setup per unit"),
                "holding": self.env._("holding per unit"),
                "total": self.env._("total per unit"),
                "recommended": self.env._("recommended"),
                "current": self.env._("today"),
                "axis": self.env._("batch size (%(uom)s)", uom=self.uom_id.name),
            },
        )


def curve_svg(curve, recommended, current, labels, width=560, height=220):
    """The curve as SVG markup: polylines of setup, holding and total cost
    per unit against batch size, vertical marks at ``recommended`` and
    ``current``."""
    pad_left, pad_bottom, pad_top = 8, 30, 10
    top_q = curve[-1]["quantity"]
    totals = [p["setup_per_unit"] + p["holding_per_unit"] for p in curve]
    ceiling = 3 * min(totals)  # the setup branch goes to infinity near 0

    def x(q):
        return pad_left + (width - 2 * pad_left) * q / top_q

    def y(value):
        value = min(value, ceiling)
        return pad_top + (height - pad_top - pad_bottom) * (1 - value / ceiling)

    def line(key, colour, dash=""):
        points = " ".join(
            f"{x(p['quantity']):.1f},{y(value):.1f}"
            for p in curve
            for value in [
                p["setup_per_unit"] + p["holding_per_unit"]
                if key == "total"
                else p[f"{key}_per_unit"]
            ]
        )
        return (
            f'<polyline fill="none" stroke="{colour}" stroke-width="2" '
            f'stroke-dasharray="{dash}" points="{points}"/>'
        )

    def mark(q, colour, label, row):
        if not q or q > top_q:
            return ""
        return (
            f'<line x1="{x(q):.1f}" x2="{x(q):.1f}" y1="{pad_top}" '
            f'y2="{height - pad_bottom}" stroke="{colour}" stroke-width="1.5"/>'
            f'<text x="{x(q) + 4:.1f}" y="{pad_top + 12 + 14 * row}" font-size="11" '
            f'fill="{colour}">{escape(label)} {q:,.0f}</text>'
        )

    ticks = "".join(
        f'<text x="{x(q):.1f}" y="{height - pad_bottom + 12}" font-size="10" '
        f'fill="#6c757d" text-anchor="middle">{q:,.0f}</text>'
        for q in (top_q / 4, top_q / 2, 3 * top_q / 4)
    )

    legend = "".join(
        f'<text x="{width - 150}" y="{pad_top + 14 * (i + 1)}" font-size="11" '
        f'fill="{colour}">{escape(labels[key])}</text>'
        for i, (key, colour) in enumerate(
            (("total", "#212529"), ("setup", "#0d6efd"), ("holding", "#d63384"))
        )
    )
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'style="width: 100%; max-width: {width}px" role="img" '
        f'aria-label="{escape(labels["total"])}">'
        f'<line x1="{pad_left}" x2="{width - pad_left}" y1="{height - pad_bottom}" '
        f'y2="{height - pad_bottom}" stroke="#adb5bd"/>'
        + line("setup", "#0d6efd", "4 3")
        + line("holding", "#d63384", "4 3")
        + line("total", "#212529")
        + mark(current, "#6c757d", labels["current"], 1)
        + mark(recommended, "#198754", labels["recommended"], 0)
        + ticks
        + legend
        + f'<text x="{pad_left}" y="{height - 6}" font-size="11" fill="#6c757d">'
        f"{escape(labels['axis'])}</text></svg>"
    )
