# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models


class MrpProduction(models.Model):
    _inherit = "mrp.production"

    optiwise_cost_ids = fields.Many2many(
        "optiwise.batch.cost",
        compute="_compute_optiwise_cost_ids",
        string="Cost Sheets",
        groups="optiwise_costing.group_user",
    )

    def _compute_optiwise_cost_ids(self):
        sheets = (
            self.env["optiwise.batch.cost"]
            .sudo()  # sudo: shown only to cost roles (field groups); read-only
            .search([("production_ids", "in", self.ids)])
        )
        for production in self:
            production.optiwise_cost_ids = sheets.filtered(
                lambda s, p=production: p in s.production_ids
            )

    def action_confirm(self):
        """Confirm the orders; their components' standard prices are kept for
        the price variance of their cost sheets."""
        result = super().action_confirm()
        self._optiwise_freeze_standard_prices()
        return result

    def _post_inventory(self, cancel_backorder=False):
        result = super()._post_inventory(cancel_backorder=cancel_backorder)
        # sudo: the sheet is due whoever closes the batch (an operator has no
        # costing rights); it is built from the order's own records
        self.env["optiwise.batch.cost"].sudo()._build_for_productions(
            self.filtered(lambda p: p.state == "done")
        )
        return result

    @api.readonly
    def get_batch_cost(self) -> list[dict]:
        """The cost sheet of each order (for integrators).

        :return: list of sheet dicts (see ``optiwise.batch.cost.get_sheet``), one
            per order that has one
        :raises AccessError: if the user may not read the orders or their
            cost sheets (cost roles)
        """
        self.check_access("read")
        sheets = self.env["optiwise.batch.cost"].search(
            [("production_ids", "in", self.ids)]
        )
        return sheets.get_sheet()

    def _optiwise_freeze_standard_prices(self):
        """Keep each component's standard price at confirmation on its move:
        the price variance compares the actual cost with it."""
        moves = self.move_raw_ids.filtered(lambda m: not m.optiwise_standard_price)
        by_price = {}
        for move in moves:
            price = move.product_id.with_company(move.company_id).standard_price
            by_price.setdefault(price, self.env["stock.move"])
            by_price[price] |= move
        with self.env["optiwise.batch.cost"]._optiwise_guard_open():
            for price, group in by_price.items():
                group.optiwise_standard_price = price

    def _optiwise_prepare_batch_record_data(self):
        data = super()._optiwise_prepare_batch_record_data()
        if self.env.user.has_group("optiwise_costing.group_user"):
            data["cost"] = self.optiwise_cost_ids[:1]
        return data
