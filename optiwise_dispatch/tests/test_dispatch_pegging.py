# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import datetime, timedelta

from odoo.tests import BaseCase, tagged

from ..dispatch import classify, peg

NOW = datetime(2026, 11, 23, 8, 0)


def _day(n):
    return NOW + timedelta(days=n)


@tagged("post_install", "-at_install")
class TestPegging(BaseCase):
    def test_first_promised_first_served(self):
        """Two deliveries of 40 and one open order of 100, 50 on hand: the
        first promised takes stock, the second stock then the order."""
        demands = [
            {"key": "late-promise", "product": "P", "qty": 40, "promised": _day(5)},
            {"key": "early-promise", "product": "P", "qty": 40, "promised": _day(2)},
        ]
        supplies = [
            {"key": "MO-1", "product": "P", "qty": 100, "ready": _day(3)},
            {"key": "stock", "product": "P", "qty": 50, "ready": NOW},
        ]
        result = peg(demands, supplies)
        # 40 of the 50 on hand go to the delivery promised first
        self.assertEqual(result["early-promise"]["allocations"], [("stock", 40, NOW)])
        self.assertEqual(result["early-promise"]["ready"], NOW)
        # the other gets the 10 left, then 30 of the order, ready on day 3
        self.assertEqual(
            result["late-promise"]["allocations"],
            [("stock", 10, NOW), ("MO-1", 30, _day(3))],
        )
        self.assertEqual(result["late-promise"]["ready"], _day(3))
        self.assertEqual(result["late-promise"]["shortage"], 0.0)

    def test_shortage_and_products_apart(self):
        """Supplies serve their own product only; what is left over is short."""
        result = peg(
            [
                {"key": 1, "product": "A", "qty": 30, "promised": _day(1)},
                {"key": 2, "product": "B", "qty": 10, "promised": _day(1)},
            ],
            [{"key": "stock-A", "product": "A", "qty": 25, "ready": NOW}],
        )
        self.assertEqual(result[1]["shortage"], 5)
        self.assertEqual(result[2]["allocations"], [])
        self.assertEqual(result[2]["shortage"], 10)
        self.assertIsNone(result[2]["ready"])

    def test_rank_goes_last(self):
        """Goods on hold (rank 1) serve only what the other supplies cannot."""
        result = peg(
            [
                {"key": 1, "product": "A", "qty": 10, "promised": _day(2)},
                {"key": 2, "product": "A", "qty": 10, "promised": _day(3)},
            ],
            [
                {"key": "held", "product": "A", "qty": 10, "ready": NOW, "rank": 1},
                {"key": "batch", "product": "A", "qty": 10, "ready": _day(1)},
            ],
        )
        # the batch, though ready later, serves the first promise
        self.assertEqual(result[1]["allocations"], [("batch", 10, _day(1))])
        self.assertEqual(result[2]["allocations"], [("held", 10, NOW)])

    def test_classify(self):
        """Late after the promise, at risk when close to it or short."""
        margin = timedelta(days=1)
        self.assertEqual(classify(_day(3), _day(1), NOW, margin=margin), "on_time")
        self.assertEqual(classify(_day(3), _day(2.5), NOW, margin=margin), "at_risk")
        self.assertEqual(classify(_day(3), _day(4), NOW, margin=margin), "late")
        self.assertEqual(classify(_day(3), None, NOW), "at_risk")
        self.assertEqual(classify(_day(-1), _day(-2), NOW, shortage=5), "late")

    def test_bad_input(self):
        """Negative quantities and repeated keys are refused."""
        with self.assertRaises(ValueError):
            peg([{"key": 1, "product": "A", "qty": -1, "promised": NOW}], [])
        with self.assertRaises(ValueError):
            peg(
                [
                    {"key": 1, "product": "A", "qty": 1, "promised": NOW},
                    {"key": 1, "product": "A", "qty": 1, "promised": NOW},
                ],
                [],
            )
