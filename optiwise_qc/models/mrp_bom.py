# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import models


class MrpBom(models.Model):
    _inherit = "mrp.bom"

    def _optiwise_lot_quality_costs(self, products):
        """The tests each lot of these bills of materials brings (the points
        on its production or continuous output, their samples, every n-th lot
        counted as 1/n) x the company's cost of a test."""
        result = super()._optiwise_lot_quality_costs(products)
        points = self.env["optiwise.qc.point"].search(
            [("trigger", "in", ("production", "run_output"))]
        )
        for bom in self:
            company = bom.company_id or self.env.company
            if not company.optiwise_qc_test_cost:
                continue
            tests = 0.0
            for point in points:
                if point.company_id and point.company_id != company:
                    continue
                if not point._applies_to(products[bom.id]):
                    continue
                if point.sampling == "samples":
                    tests += point.sampling_n
                elif point.sampling == "nth_lot":
                    tests += 1 / point.sampling_n
                else:
                    tests += 1
            if tests:
                result[bom.id] = result.get(bom.id, 0.0) + tests * (
                    company.optiwise_qc_test_cost
                )
        return result
