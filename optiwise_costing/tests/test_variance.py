# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tests import BaseCase, tagged

from ..costing import (
    band_status,
    control_band,
    valuation_comparison,
    variance_percent,
    yield_percent,
)


@tagged("post_install", "-at_install")
class TestSheetFigures(BaseCase):
    """The figures of a cost sheet beside the variances, with no ORM."""

    def test_yield_and_variance_percent(self):
        """Yield on the plan; variance on the standard; zeros when undefined."""
        # 480 good of 500 planned: 96 %
        self.assertAlmostEqual(yield_percent(480, 500), 96.0)
        self.assertEqual(yield_percent(480, 0), 0.0)
        # 25 over a standard of 500: 5 %
        self.assertAlmostEqual(variance_percent(25, 500), 5.0)
        self.assertAlmostEqual(variance_percent(-50, 500), -10.0)
        self.assertEqual(variance_percent(25, 0), 0.0)

    def test_valuation_comparison(self):
        """Odoo values components, work orders and extra cost at the main share."""
        # (300 + 100.004 components + 120 operations + 10 extra) x 0.9
        # = 477.0036 -> 477.0; valuation 480 -> gap 3.0
        comparable, gap = valuation_comparison(
            480.0, [300.0, 100.004], [120.0], 10.0, 0.9, digits=2
        )
        self.assertEqual((comparable, gap), (477.0, 3.0))

    def test_band_status(self):
        """Above, below, in, or none without a band."""
        band = control_band([10, 10.2, 9.8, 10.1, 9.9])
        # mean 10, sample sigma 0.158 -> band 9.68 .. 10.32
        self.assertEqual(band_status(10.5, band), "above")
        self.assertEqual(band_status(9.5, band), "below")
        self.assertEqual(band_status(10.0, band), "in")
        self.assertEqual(band_status(10.0, None), "none")
        self.assertIsNone(control_band([10, 11]))
