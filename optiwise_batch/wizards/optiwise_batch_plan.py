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

    @api.model_create_multi
    def create(self, vals_list):
        plans = super().create(vals_list)
        for plan in plans:
            plan._fill_preview()
        return plans

    def _fill_preview(self):
        """The batches the order would be cut into (the same computation as
        Plan Batches, nothing created), with the lot names they would get."""
        production = self.production_id
        quantities = production._get_batch_amounts()[production]
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
        self.write(
            {
                "note": note,
                "line_ids": [
                    Command.create({"sequence": index, "qty": qty, "lot_name": name})
                    for index, (qty, name) in enumerate(
                        zip(quantities, names, strict=True), start=1
                    )
                ],
            }
        )

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
