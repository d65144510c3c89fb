# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import OptiwiseChangeoverCase

NOT_FINITE = (float("nan"), float("inf"), float("-inf"))


@tagged("post_install", "-at_install")
class TestFiniteFigures(OptiwiseChangeoverCase):
    """NaN and infinities are refused where a float is written: a PostgreSQL
    CHECK lets NaN through (NaN compares greater than every number)."""

    def _refused(self, record, field, value):
        """Writing ``value`` is refused and the stored value is unchanged."""
        before = record[field]
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            record.write({field: value})
        record.invalidate_recordset()
        self.assertEqual(record[field], before)

    def test_not_finite_refused_on_write(self):
        """Run rate and quantity, rule minutes and cost, tardiness weight and
        minimum batch size refuse NaN and +-inf."""
        run = self.env["optiwise.production.run"].create(
            {
                "product_id": self.bottle.id,
                "workcenter_id": self.line.id,
                "planned_qty": 100,
                "standard_rate": 600,
            }
        )
        rule = self.rule_light_dark
        targets = [
            (run, "standard_rate"),
            (run, "planned_qty"),
            (rule, "duration"),
            (rule, "cost"),
            (self.vessel, "optiwise_sequencing_tardiness_weight"),
            (self.bom, "optiwise_batch_min_size"),
        ]
        for record, field in targets:
            for value in NOT_FINITE:
                with self.subTest(model=record._name, field=field, value=value):
                    self._refused(record, field, value)

    def test_not_finite_refused_on_create(self):
        """A run created with a NaN standard rate is refused; none is saved."""
        Run = self.env["optiwise.production.run"]
        count = Run.search_count([])
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            Run.create(
                {
                    "product_id": self.bottle.id,
                    "workcenter_id": self.line.id,
                    "planned_qty": 100,
                    "standard_rate": float("nan"),
                }
            )
        self.assertEqual(Run.search_count([]), count)
