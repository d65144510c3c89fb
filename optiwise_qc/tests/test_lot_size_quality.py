# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tests import tagged

from .common import OptiwiseQcCase


@tagged("post_install", "-at_install")
class TestLotSizeQualityCost(OptiwiseQcCase):
    def test_a_lot_costs_its_tests(self):
        """The setup cost of a batch counts the tests its lot brings: Taste
        once and pH twice on each base lot (3 tests), the fill level on every
        second bottle lot (half a test), at the company's cost of a test."""
        ours = self.point_taste | self.point_ph | self.point_fill
        self.env["optiwise.qc.point"].search(
            [("id", "not in", ours.ids)]
        ).active = False
        Lot = self.env["optiwise.lot.size"].with_user(self.manager)
        before = Lot._optiwise_refresh(self.bom | self.bottle_bom)
        # the report is of the moment: each computation replaces the last
        old = {record.bom_id: record.setup_cost for record in before}
        self.env.company.optiwise_qc_test_cost = 10.0
        after = Lot._optiwise_refresh(self.bom | self.bottle_bom)
        by_bom = {record.bom_id: record for record in after}
        self.assertAlmostEqual(by_bom[self.bom].setup_cost - old[self.bom], 30.0)
        self.assertAlmostEqual(
            by_bom[self.bottle_bom].setup_cost - old[self.bottle_bom], 5.0
        )
        self.assertIn("quality 30.00", by_bom[self.bom].setup_source)
