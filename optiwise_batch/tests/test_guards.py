# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
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

    def test_mode_advisor_cannot_reach_another_companys_product(self):
        """A manager of company B applying an advice on company A's product
        is refused (the sudo that writes the run mode re-checks the caller's
        access to the product); the product keeps its mode."""
        self.bottle.product_tmpl_id.company_id = self.company
        mode = self.bottle.product_tmpl_id.optiwise_run_mode
        other_mode = "batch" if mode != "batch" else "continuous"
        advice = (
            self.env["optiwise.mode.advice"]
            .with_user(self.other_manager)
            .create(
                {
                    "product_tmpl_id": self.bottle.product_tmpl_id.id,
                    "recommended_mode": other_mode,
                }
            )
        )
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            advice.action_apply()
        self.bottle.product_tmpl_id.invalidate_recordset()
        self.assertEqual(self.bottle.product_tmpl_id.optiwise_run_mode, mode)


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


@tagged("post_install", "-at_install")
class TestStatesHeldByActions(OptiwiseChangeoverCase):
    """A changeover's and a run's state and clock are reached only through
    their actions: plain ``write``/``create`` with any context, by an
    operator or a manager, is refused and changes nothing."""

    def _waiting_changeover(self):
        """Dark to light on the vessel: a running changeover whose mandatory
        wet clean is not ticked."""
        with freeze_time("2026-11-23 08:00:00"):
            self._run_workorder(self._mo(self.dark))
        workorder = self._mo(self.base).workorder_ids.with_user(self.operator)
        workorder.button_start()
        changeover = workorder.optiwise_changeover_ids
        self.assertEqual(changeover.state, "running")
        return workorder, changeover

    def test_changeover_not_closed_around_its_checklist(self):
        """Writing ``done`` with the allergen check open, unticking
        ``mandatory``, moving or removing the check: all refused; the work
        order still waits."""
        workorder, changeover = self._waiting_changeover()
        wet_clean = changeover.check_ids.filtered("mandatory")
        for user in (self.operator, self.manager):
            self._assert_write_refused(changeover, {"state": "done"}, user)
            self._assert_write_refused(
                changeover, {"date_end": "2026-11-23 09:00:00"}, user
            )
            self._assert_write_refused(changeover, {"to_workorder_id": False}, user)
            self._assert_write_refused(wet_clean, {"mandatory": False}, user)
            self._assert_write_refused(wet_clean, {"done_user_id": user.id}, user)
        other = self.env["optiwise.changeover"].create(
            {
                "workcenter_id": self.vessel.id,
                "from_product_id": self.plain.id,
                "to_product_id": self.dark.id,
            }
        )
        self._assert_write_refused(wet_clean, {"changeover_id": other.id}, self.manager)
        with self.assertRaisesRegex(UserError, "Mandatory"), self.env.cr.savepoint():
            wet_clean.with_user(self.manager).unlink()
        with self.assertRaisesRegex(UserError, "Wet clean"):
            changeover.with_user(self.operator).action_finish()
        with self.assertRaisesRegex(UserError, "Wet clean"):
            workorder.button_start()
        self.assertEqual(workorder.state, "ready")
        self._assert_create_refused(
            "optiwise.changeover",
            {
                "workcenter_id": self.vessel.id,
                "from_product_id": self.dark.id,
                "to_product_id": self.base.id,
                "state": "done",
            },
            self.manager,
        )

    def test_run_clock_held(self):
        """A stopped run is not reopened by a write, its start not moved back
        (which would admit output dated 2020), what it makes not changed once
        started; a run is not created running."""
        run = self._run(self.bottle).with_user(self.operator)
        self._assert_write_refused(run, {"state": "running"}, self.operator)
        run.action_start()
        for user in (self.operator, self.manager):
            self._assert_write_refused(run, {"date_start": "2020-01-01 00:00:00"}, user)
            self._assert_write_refused(run, {"product_id": self.base.id}, user)
        # the standard OEE measures against: the manager's, once under way
        self._assert_write_refused(run, {"standard_rate": 10_000.0}, self.operator)
        run.with_user(self.manager).standard_rate = 650.0
        self.assertEqual(run.standard_rate, 650.0)
        with self.assertRaisesRegex(UserError, "lies outside run"):
            run.record_output(1.0, at="2020-06-01 00:00:00")
        run.action_stop()
        for user in (self.operator, self.manager):
            self._assert_write_refused(run, {"state": "running"}, user)
            self._assert_write_refused(run, {"date_stop": False}, user)
            self._assert_write_refused(run, {"standard_rate": 1.0}, user)
        self._assert_create_refused(
            "optiwise.production.run",
            {
                "product_id": self.bottle.id,
                "workcenter_id": self.line.id,
                "planned_qty": 100,
                "standard_rate": 600,
                "state": "running",
                "date_start": "2020-01-01 00:00:00",
            },
            self.manager,
        )
