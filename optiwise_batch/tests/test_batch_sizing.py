# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tests import BaseCase, tagged

from ..batching import plan_batches


@tagged("post_install", "-at_install")
class TestBatchSizing(BaseCase):
    """The pure arithmetic of cutting a quantity into batches."""

    def test_max_size_full_batches_and_remainder(self):
        """2000 in batches of 500 = 4 full; 1800 = 3 full + 300."""
        self.assertEqual(plan_batches(2000, 500), [500, 500, 500, 500])
        self.assertEqual(plan_batches(1800, 500, 100), [500, 500, 500, 300])

    def test_max_size_small_remainder(self):
        """1550 by 500, minimum 100: the 50 left is merged (550) or rounded up."""
        # 1550 = 3 x 500 + 50; 50 < 100
        self.assertEqual(plan_batches(1550, 500, 100), [500, 500, 550])
        self.assertEqual(
            plan_batches(1550, 500, 100, remainder="round_up"), [500, 500, 500, 100]
        )

    def test_balanced(self):
        """1100 by at most 500: ceil(1100/500) = 3 batches of 367, 367, 366."""
        self.assertEqual(plan_batches(1100, 500, strategy="balanced"), [367, 367, 366])
        # kg with 0.001 rounding: 1000 / 3 = 333.334 + 333.333 + 333.333
        self.assertEqual(
            plan_batches(1000, 400, strategy="balanced", rounding=0.001),
            [333.334, 333.333, 333.333],
        )

    def test_nothing_to_merge_into(self):
        """80 with a minimum of 100: no batch when merging, one of 100 rounded up."""
        self.assertEqual(plan_batches(80, 500, 100), [])
        self.assertEqual(plan_batches(80, 500, 100, remainder="round_up"), [100])

    def test_bad_arguments(self):
        """Zero, negative or non-finite sizes and unknown options are refused."""
        for args, kwargs in (
            ((0, 500), {}),
            ((100, 0), {}),
            ((100, 500, 600), {}),
            ((float("nan"), 500), {}),
            ((100, 500), {"strategy": "random"}),
            ((100, 500), {"remainder": "drop"}),
        ):
            with self.assertRaises(ValueError):
                plan_batches(*args, **kwargs)
