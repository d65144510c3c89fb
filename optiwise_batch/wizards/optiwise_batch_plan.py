# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import Command, api, fields, models


class OptiwiseBatchPlan(models.TransientModel):
    """What Plan Batches will make of an order, before it is made: the
    batches, their sizes and their lot names."""

    _name = "optiwise.batch.plan"
    _description = "Plan Batches (preview)"

    production_id = fields.Many2one("mrp.production", required=True, readonly=True)
    product_uom_id = fields.Many2one(related="production_id.product_uom_id")
    line_ids = fields.One2many(
        "optiwise.batch.plan.line", "plan_id", string="Batches", readonly=True
    )
    batch_count = fields.Integer(compute="_compute_totals")
    total_qty = fields.Float(
        string="Total", compute="_compute_totals", digits="Product Unit"
    )
    note = fields.Char(readonly=True)

    @api.depends("line_ids.qty")
    def _compute_totals(self):
        for plan in self:
            plan.batch_count = len(plan.line_ids)
            plan.total_qty = sum(plan.line_ids.mapped("qty"))

    @api.model
    def default_get(self, fields_list):
        """The preview is there when the dialog opens (the wizard is only
        created when a button is clicked)."""
        values = super().default_get(fields_list)
        production = (
            self.env["mrp.production"].browse(values.get("production_id")).exists()
        )
        if production and "line_ids" in fields_list:
            values.update(self._preview_values(production))
        return values

    @api.model_create_multi
    def create(self, vals_list):
        # the preview comes with the defaults (default_get) when the caller
        # gives no lines; a caller that gives a production only gets it too
        plans = super().create(vals_list)
        for plan in plans.filtered(lambda p: not p.line_ids):
            plan.write(self._preview_values(plan.production_id))
        return plans

    @api.model
    def _preview_values(self, production):
        """The batches ``production`` would be cut into (the same
        computation as Plan Batches, nothing created), with the lot names
        they would get, as the wizard's values."""
        production.check_access("read")
        quantities = production._optiwise_get_batch_amounts()[production]
        names = production._optiwise_preview_lot_names(len(quantities))
        total = sum(quantities)
        note = False
        if production.product_uom_id.compare(total, production.product_qty) > 0:
            note = self.env._(
                "The order grows from %(old)s to %(new)s %(uom)s to fill its "
                "batches (remainder policy: round up).",
                old=production.product_qty,
                new=total,
                uom=production.product_uom_id.name,
            )
        return {
            "note": note,
            "line_ids": [
                Command.create({"sequence": index, "qty": qty, "lot_name": name})
                for index, (qty, name) in enumerate(
                    zip(quantities, names, strict=True), start=1
                )
            ],
        }

    def action_confirm(self):
        """Plan the batches as previewed; open them."""
        self.ensure_one()
        batches = self.production_id.action_plan_batches()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "optiwise_batch.mrp_production_batch_action"
        )
        action["domain"] = [("id", "in", batches.ids)]
        return action


class OptiwiseBatchPlanLine(models.TransientModel):
    _name = "optiwise.batch.plan.line"
    _description = "Planned Batch (preview)"
    _order = "sequence"

    plan_id = fields.Many2one("optiwise.batch.plan", required=True, ondelete="cascade")
    sequence = fields.Integer(string="Batch")
    qty = fields.Float(string="Quantity", digits="Product Unit")
    product_uom_id = fields.Many2one(related="plan_id.product_uom_id", string="Unit")
    lot_name = fields.Char(string="Lot")
