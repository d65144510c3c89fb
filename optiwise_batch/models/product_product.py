# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, models


class ProductProduct(models.Model):
    _inherit = "product.product"

    @api.constrains("default_code")
    def _check_optiwise_lot_name_pattern(self):
        """A new internal reference must still let the batch lot pattern give
        names that fit GS1 AI (10)."""
        self.product_tmpl_id.filtered(
            "optiwise_lot_name_pattern"
        )._optiwise_check_lot_name_pattern()

    @api.readonly
    def get_optiwise_economic_batch_size(self) -> list:
        """The economic batch size of each of these products, computed now
        from the data (nothing stored): read-only, for integrations.

        :return: list of dicts, one per product with a bill of materials:
            ``product_id``, ``bom_id``, ``recommended_size`` (in the
            product's unit, ``uom``; 0 when there is nothing to weigh),
            ``current_size``, ``method`` (``eoq`` / ``epq``), ``binding`` (the
            limit that caps it, or False) and ``binding_note``,
            ``batches_per_month``, ``days_covered``, ``storage_needed``,
            ``working_capital``, ``cost_per_unit``,
            ``current_cost_per_unit``, ``saving_year``, and the inputs with
            their sources: ``weekly_demand``, ``forecast``,
            ``forecast_error`` (%), ``open_demand``, ``demand_source``,
            ``setup_minutes``, ``setup_cost``, ``setup_source``,
            ``unit_cost``, ``holding_cost``, ``holding_source``,
            ``production_rate``, ``shelf_life_days``, ``storage_capacity``
        :raises AccessError: if the user may not read the products or the
            economic batch sizes
        """
        self.check_access("read")
        LotSize = self.env["optiwise.lot.size"]
        LotSize.check_access("read")
        found = self.env["mrp.bom"]._bom_find(self, bom_type="normal")
        boms = self.env["mrp.bom"].union(*(found[p] for p in self if found.get(p)))
        result = []
        for values in boms._optiwise_lot_size_inputs():
            vals = LotSize._optiwise_prepare_vals(values)
            product = self.browse(vals["product_id"])
            answer = {
                key: value
                for key, value in vals.items()
                if key not in ("company_id", "workcenter_id", "computed_at")
            }
            for key in (
                "recommended_size",
                "batches_per_month",
                "days_covered",
                "storage_needed",
                "working_capital",
                "cost_per_unit",
                "current_cost_per_unit",
                "saving_year",
            ):
                answer.setdefault(key, 0.0)
            answer.update(
                binding=vals.get("binding") or False,
                binding_note=vals.get("binding_note") or False,
                method=vals.get("method") or False,
                uom=product.uom_id.name,
                workcenter_id=vals["workcenter_id"] or False,
            )
            result.append(answer)
        return result
