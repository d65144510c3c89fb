# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import date, timedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..advisor import coefficient_of_variation, recommend
from .common import OptiwiseCase

# eight whole ISO weeks: Monday 2026-09-28 to Sunday 2026-11-22
PERIOD_START = date(2026, 9, 28)
PERIOD_END = date(2026, 11, 22)


@tagged("post_install", "-at_install")
class TestModeAdvisor(OptiwiseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stock = cls.env.ref("stock.warehouse0").lot_stock_id
        cls.customer = cls.env.ref("stock.stock_location_customers")
        cls.steady = cls._product("Steady Ketchup")
        cls.lumpy = cls._product("Seasonal Pesto")
        # steady: 100 a week for 8 weeks, 5000 more on hand
        cls._stock(cls.steady, 5800)
        for week in range(8):
            cls._deliver(cls.steady, 100, PERIOD_START + timedelta(weeks=week, days=2))
        # lumpy: 400 once in week 1, nothing left on hand
        cls._stock(cls.lumpy, 400)
        cls._deliver(cls.lumpy, 400, PERIOD_START + timedelta(days=2))
        # MOs: steady 2 x 1500 (3 x its 500 BoM), lumpy 2 x 200 (0.4 x 500)
        for product, qty in ((cls.steady, 1500), (cls.lumpy, 200)):
            for _ in range(2):
                cls.env["mrp.production"].create(
                    {
                        "product_id": product.id,
                        "product_qty": qty,
                        "date_start": "2026-10-15 08:00:00",
                    }
                )

    @classmethod
    def _product(cls, name):
        product = cls.env["product.product"].create({"name": name, "is_storable": True})
        cls.env["mrp.bom"].create(
            {
                "product_tmpl_id": product.product_tmpl_id.id,
                "product_qty": 500,
                "bom_line_ids": [
                    Command.create(
                        {
                            "product_id": cls.env["product.product"]
                            .create({"name": f"{name} mix"})
                            .id,
                            "product_qty": 1,
                        }
                    )
                ],
            }
        )
        return product

    @classmethod
    def _stock(cls, product, qty):
        cls.env["stock.quant"]._update_available_quantity(product, cls.stock, qty)

    @classmethod
    def _deliver(cls, product, qty, when):
        move = cls.env["stock.move"].create(
            {
                "product_id": product.id,
                "product_uom_qty": qty,
                "location_id": cls.stock.id,
                "location_dest_id": cls.customer.id,
            }
        )
        move._action_confirm()
        move._action_assign()
        move.quantity = qty
        move.picked = True
        move._action_done()
        move.date = f"{when} 10:00:00"

    def test_contrasting_products(self):
        """Steady big-order product -> continuous; lumpy small-order -> batch."""
        advisor = (
            self.env["optiwise.mode.advisor"]
            .with_user(self.manager)
            .create(
                {
                    "date_from": PERIOD_START,
                    "date_to": PERIOD_END,
                    "product_tmpl_ids": [
                        Command.set((self.steady | self.lumpy).product_tmpl_id.ids)
                    ],
                }
            )
        )
        advisor.action_compute()
        advice = {a.product_tmpl_id: a for a in advisor.line_ids}
        steady = advice[self.steady.product_tmpl_id]
        lumpy = advice[self.lumpy.product_tmpl_id]
        # steady: weekly demand [100] x 8 -> CV 0; MOs 1500 / 500 = 3.0;
        # cover 5000 / (800 / 56 days) = 350 days
        self.assertAlmostEqual(steady.demand_cv, 0.0)
        self.assertAlmostEqual(steady.mo_size_ratio, 3.0)
        self.assertAlmostEqual(steady.cover_days, 350.0)
        # eight deliveries of 100: orders average 100
        self.assertAlmostEqual(steady.avg_order_qty, 100.0)
        self.assertEqual(steady.recommended_mode, "continuous")
        self.assertIn("stable", steady.reasons)
        # lumpy: [400, 0 x 7] -> mean 50, std sqrt(7) x 50 -> CV 2.65;
        # MOs 200 / 500 = 0.4; nothing on hand -> cover 0
        self.assertAlmostEqual(lumpy.demand_cv, 7**0.5, places=2)
        self.assertAlmostEqual(lumpy.mo_size_ratio, 0.4)
        # one delivery of 400
        self.assertAlmostEqual(lumpy.avg_order_qty, 400.0)
        self.assertEqual(lumpy.recommended_mode, "batch")
        self.assertIn("lumpy", lumpy.reasons)
        # applying sets the products' run mode
        (steady | lumpy).action_apply()
        self.assertEqual(self.steady.optiwise_run_mode, "continuous")
        self.assertEqual(self.lumpy.optiwise_run_mode, "batch")
        with self.assertRaises(AccessError):
            steady.with_user(self.operator).action_apply()

    def test_rules(self):
        """Without enough history nothing is recommended, whatever the
        variants say; a split checklist keeps the mode."""
        self.assertIsNone(coefficient_of_variation([0, 0]))
        for figures in (
            {},
            {"variant_count": 1},
            {"demand_cv": 0.1, "variant_count": 1},
        ):
            mode, reasons = recommend(figures, "continuous")
            self.assertIsNone(mode, figures)
            self.assertIn("too little history", reasons[0])
        mode, reasons = recommend(
            {"demand_cv": 0.9, "cover_days": 20.0, "variant_count": 4},
            current_mode="batch",
        )
        self.assertEqual(mode, "batch")
        self.assertIn("split", reasons[-1])
        # the economic batch size weighs in: weeks of demand per batch lean
        # continuous, a day's worth leans batch
        mode, reasons = recommend(
            {"demand_cv": 0.9, "cover_days": 20.0, "economic_days": 30.0},
            current_mode="batch",
        )
        self.assertEqual(mode, "continuous")
        self.assertIn("economic batch covers 30 days", reasons[-1])
        mode, reasons = recommend(
            {
                "demand_cv": 0.2,
                "cover_days": 1.0,
                "variant_count": 8,
                "economic_days": 1.5,
            },
            current_mode="continuous",
        )
        self.assertEqual(mode, "batch")
        self.assertIn("economic batch covers 1.5 days", reasons[-1])
