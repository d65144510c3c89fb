# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import OptiwiseChangeoverCase, OptiwisePlantCase

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


@tagged("post_install", "-at_install")
class TestCompaniesApart(OptiwiseChangeoverCase):
    """A user of another company cannot attach its records to this company's
    lines: relations are checked against the record's company on create and
    write (``_check_company_auto``)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company, cls.other_manager = cls._user_of_other_company(
            "ow_other_manager", "optiwise_batch.group_manager"
        )

    def test_run_on_another_companys_line_refused(self):
        """A run of company B on company A's line is refused; none is saved."""
        Run = self.env["optiwise.production.run"]
        count = Run.search_count([])
        # Odoo's company check: "... company inconsistencies ..."
        with (
            self.assertRaisesRegex(UserError, "compan"),
            self.env.cr.savepoint(),
        ):
            Run.with_user(self.other_manager).create(
                {
                    "product_id": self.bottle.id,
                    "bom_id": self.bottle_bom.id,
                    "workcenter_id": self.line.id,
                    "company_id": self.other_company.id,
                    "planned_qty": 100,
                    "standard_rate": 600,
                }
            )
        self.assertEqual(Run.search_count([]), count)
        # without its bill of materials (another company's), a clear error
        # rather than the database's not-null constraint
        with (
            self.assertRaisesRegex(UserError, "no bill of materials"),
            self.env.cr.savepoint(),
        ):
            Run.with_user(self.other_manager).create(
                {
                    "product_id": self.bottle.id,
                    "company_id": self.other_company.id,
                    "planned_qty": 100,
                    "standard_rate": 600,
                }
            )
        self.assertEqual(Run.search_count([]), count)

    def test_changeover_on_another_companys_vessel_refused(self):
        """A changeover of company B on company A's vessel is refused."""
        Changeover = self.env["optiwise.changeover"]
        count = Changeover.search_count([])
        with (
            self.assertRaisesRegex(UserError, "compan"),
            self.env.cr.savepoint(),
        ):
            Changeover.with_user(self.other_manager).create(
                {
                    "workcenter_id": self.vessel.id,
                    "company_id": self.other_company.id,
                    "from_product_id": self.plain.id,
                    "to_product_id": self.dark.id,
                }
            )
        self.assertEqual(Changeover.search_count([]), count)
        # nor may A's own changeover be moved to company B by a write
        own = Changeover.create(
            {
                "workcenter_id": self.vessel.id,
                "from_product_id": self.plain.id,
                "to_product_id": self.dark.id,
            }
        )
        with self.assertRaisesRegex(UserError, "compan"), self.env.cr.savepoint():
            own.company_id = self.other_company
        own.invalidate_recordset()
        self.assertEqual(own.company_id, self.company)


@tagged("post_install", "-at_install")
class TestDeclarationArguments(OptiwisePlantCase):
    """record_output checks every argument as an integrator may send it."""

    def test_bad_arguments_refused_clearly(self):
        """Each bad value is a UserError naming what is wrong; nothing posted."""
        run = self.env["optiwise.production.run"].create(
            {
                "product_id": self.bottle.id,
                "workcenter_id": self.line.id,
                "planned_qty": 1000,
                "standard_rate": 600,
                "lot_policy": "run",
            }
        )
        with freeze_time(fields.Datetime.now() - timedelta(hours=1)):
            run.action_start()
        bad_calls = [
            ({"qty_good": "12"}, "must be a number"),
            ({"qty_good": True}, "must be a number"),
            ({"qty_good": [5]}, "must be a number"),
            ({"qty_good": None}, "must be a number"),
            ({"qty_good": 1e12}, "at most"),
            ({"qty_good": 1e308}, "at most"),
            ({"qty_good": float("nan")}, "finite"),
            ({"qty_good": -1}, "may not be negative"),
            ({"qty_good": 5, "qty_scrap": "1"}, "must be a number"),
            ({"qty_good": 5, "lot_name": ["x"]}, "must be text"),
            ({"qty_good": 5, "external_ref": 42}, "must be text"),
            ({"qty_good": 5, "at": "garbage"}, "not a date and time"),
            ({"qty_good": 5, "at": "2026-13-45 99:99:99"}, "not a date and time"),
            ({"qty_good": 5, "at": 20261129}, "as text"),
            ({"qty_good": 5, "source": ["rpc"]}, "Unknown source"),
        ]
        for kwargs, message in bad_calls:
            with (
                self.subTest(**{k: repr(v) for k, v in kwargs.items()}),
                self.assertRaisesRegex(UserError, message),
            ):
                run.record_output(**kwargs)
        self.assertFalse(run.output_ids, "nothing was posted")
        self.assertFalse(
            self.env["stock.lot"].search([("name", "=", "['x']")]), "no odd lot"
        )
        # a pause needs a reason's id and text for its description
        with self.assertRaisesRegex(UserError, "id of a loss reason"):
            run.action_pause(loss_id="Equipment Failure")
        with self.assertRaisesRegex(UserError, "must be text"):
            run.action_pause(description=["jam"])
        self.assertEqual(run.state, "running")
        # and a good call still works: ints are numbers too
        output = self.env["optiwise.run.output"].browse(run.record_output(5))
        self.assertEqual(output.qty_good, 5.0)
