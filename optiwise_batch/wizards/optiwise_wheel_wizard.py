# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class OptiwiseWheelWizard(models.TransientModel):
    _name = "optiwise.wheel.wizard"
    _inherit = ["optiwise.workcenter.wizard.mixin"]
    _description = "Product Wheel"

    line_ids = fields.One2many("optiwise.wheel.line", "wizard_id", string="Products")
    time_limit = fields.Float(string="Time Limit (s)", default=5.0)
    computed = fields.Boolean(readonly=True)
    start_product_id = fields.Many2one(
        "product.product", string="Last Product Made", readonly=True
    )
    changeover_minutes = fields.Float(
        string="Changeover per Cycle (min)", readonly=True
    )
    run_minutes = fields.Float(string="Production per Cycle (min)", readonly=True)
    cycle_hours = fields.Float(string="Cycle Time (h)", readonly=True)
    changeover_hours = fields.Float(string="Changeover per Cycle (h)", readonly=True)
    changeover_share = fields.Float(string="Changeover Share (%)", readonly=True)
    entry_changeover_minutes = fields.Float(
        string="First Changeover (min)",
        readonly=True,
        help="From what the work center made last to the first product of the wheel.",
    )

    @api.model
    def _workcenter_defaults(self, workcenter, fields_list):
        if "line_ids" not in fields_list:
            return {}
        products = workcenter._optiwise_wheel_default_products()
        runs = workcenter._optiwise_wheel_default_run_minutes(products)
        return {
            "line_ids": [
                Command.create(
                    {
                        "sequence": index,
                        "product_id": product.id,
                        "run_minutes": runs[product.id],
                    }
                )
                for index, product in enumerate(products, start=1)
            ]
        }

    def action_compute(self):
        """Propose the wheel: the products in cycle order, with the
        changeover before each and the cycle's figures."""
        self.ensure_one()
        lines = self.line_ids.sorted("sequence")
        if not lines:
            raise UserError(self.env._("Add the products of the wheel first."))
        result = self.workcenter_id.compute_product_wheel(
            product_ids=lines.product_id.ids,
            run_minutes=lines.mapped("run_minutes"),
            time_limit=self.time_limit,
        )
        self.write(
            {
                "computed": True,
                "start_product_id": result["start_product_id"],
                "changeover_minutes": result["changeover_minutes_per_cycle"],
                "run_minutes": result["run_minutes_per_cycle"],
                "cycle_hours": result["cycle_minutes"] / 60.0,
                "changeover_hours": result["changeover_minutes_per_cycle"] / 60.0,
                "changeover_share": result["changeover_share"],
                "entry_changeover_minutes": result["entry_changeover_minutes"],
                "line_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "sequence": index,
                            "product_id": item["product_id"],
                            "run_minutes": item["run_minutes"],
                            "changeover_minutes": item["changeover_minutes"],
                        }
                    )
                    for index, item in enumerate(result["products"], start=1)
                ],
            }
        )
        return self._reopen(
            self.env._("Product Wheel of %(wc)s", wc=self.workcenter_id.display_name)
        )


class OptiwiseWheelLine(models.TransientModel):
    _name = "optiwise.wheel.line"
    _description = "Product Wheel Line"
    _order = "sequence, id"

    wizard_id = fields.Many2one(
        "optiwise.wheel.wizard", required=True, ondelete="cascade"
    )
    sequence = fields.Integer(string="#", default=10)
    product_id = fields.Many2one("product.product", required=True)
    run_minutes = fields.Float(
        string="Runs (min)", help="Minutes the product runs in each cycle."
    )
    changeover_minutes = fields.Float(
        string="Changeover Before (min)",
        readonly=True,
        help="Changeover into this product in a running wheel (the first "
        "product's comes from the last one of the cycle before).",
    )
