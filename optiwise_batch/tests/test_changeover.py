# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import OptiwiseChangeoverCase


@tagged("post_install", "-at_install")
class TestChangeoverRules(OptiwiseChangeoverCase):
    def _get(self, workcenter, source, target):
        return self.env["optiwise.changeover.rule"].get_changeover(
            workcenter.id, source.id if source else False, target.id
        )

    def test_any_to_any(self):
        """Without family or product rules the global any-to-any rule applies."""
        result = self._get(self.vessel, self.plain, self.plain_two)
        self.assertEqual(result["minutes"], 10.0)
        self.assertEqual(result["rule_id"], self.rule_any.id)

    def test_family_beats_any(self):
        """Light to dark (family rule, 15 min) beats any to any (10 min)."""
        result = self._get(self.line, self.base, self.dark)
        self.assertEqual(result["minutes"], 15.0)
        self.assertEqual(result["cost"], 0.0)
        self.assertEqual(result["rule_id"], self.rule_light_dark.id)

    def test_fixed_and_planned_cost(self):
        """The rule's own cost, and the planned cost with the minutes at the
        work center's rate, as the changeover record plans it."""
        self.rule_light_dark.cost = 7.5
        self.line.costs_hour = 60.0
        result = self._get(self.line, self.base, self.dark)
        self.assertEqual(result["fixed_cost"], 7.5)
        self.assertEqual(result["cost"], 7.5)
        self.assertAlmostEqual(result["planned_cost"], 7.5 + 15 / 60 * 60.0)

    def test_family_to_any_beats_any(self):
        """Allergen to any (60 min) is more specific than any to any."""
        result = self._get(self.line, self.pesto, self.plain)
        self.assertEqual(result["minutes"], 60.0)

    def test_work_center_rule_beats_global(self):
        """Dark to light: 40 min on the vessel's own rule, 45 min elsewhere."""
        self.assertEqual(self._get(self.vessel, self.dark, self.base)["minutes"], 40.0)
        self.assertEqual(self._get(self.line, self.dark, self.base)["minutes"], 45.0)

    def test_product_beats_family(self):
        """A global product rule (5 min) beats the vessel's family rule."""
        self.env["optiwise.changeover.rule"].create(
            {
                "from_product_id": self.dark.id,
                "to_product_id": self.base.id,
                "duration": 5,
                "cost": 12.5,
            }
        )
        result = self._get(self.vessel, self.dark, self.base)
        self.assertEqual((result["minutes"], result["cost"]), (5.0, 12.5))

    def test_same_product(self):
        """Same product: nothing, unless a rule names it on both sides."""
        result = self._get(self.vessel, self.base, self.base)
        self.assertEqual(
            result,
            {
                "minutes": 0.0,
                "fixed_cost": 0.0,
                "planned_cost": 0.0,
                "cost": 0.0,
                "rule_id": False,
            },
        )
        rule = self.env["optiwise.changeover.rule"].create(
            {
                "from_product_id": self.base.id,
                "to_product_id": self.base.id,
                "duration": 20,
            }
        )
        self.assertEqual(
            self._get(self.vessel, self.base, self.base)["rule_id"], rule.id
        )

    def test_nothing_before(self):
        """A first job on an empty work center needs no changeover."""
        self.assertEqual(self._get(self.vessel, None, self.base)["minutes"], 0.0)

    def test_bad_arguments(self):
        """Unknown records are refused with a message."""
        with self.assertRaisesRegex(UserError, "work center: no record with id"):
            self.env["optiwise.changeover.rule"].get_changeover(
                999999999, self.base.id, self.dark.id
            )

    @mute_logger("odoo.sql_db")
    def test_unique_transition(self):
        """Two active rules for one transition are refused by the database."""
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env["optiwise.changeover.rule"].create(
                {
                    "from_family_id": self.light.id,
                    "to_family_id": self.dark_family.id,
                    "duration": 99,
                }
            )

    def test_operator_cannot_edit_matrix(self):
        """Operators read the matrix; only managers change it."""
        rules = self.env["optiwise.changeover.rule"].with_user(self.operator)
        self.assertTrue(rules.search([]))
        with self.assertRaises(AccessError):
            rules.create({"duration": 1})
        with self.assertRaises(AccessError):
            self.rule_any.with_user(self.operator).duration = 2

    def test_changeover_entered_by_hand_follows_the_matrix(self):
        """New changeover, dark to light on the vessel: the matrix's rule, its
        40 minutes and its checklist, as the gate would log it; minutes given
        by hand are kept; the form's onchange shows the same."""
        Changeover = self.env["optiwise.changeover"].with_user(self.manager)
        vals = {
            "workcenter_id": self.vessel.id,
            "from_product_id": self.dark.id,
            "to_product_id": self.base.id,
        }
        changeover = Changeover.create(vals)
        self.assertEqual(changeover.rule_id, self.rule_vessel_dark_light)
        self.assertEqual(changeover.planned_minutes, 40)
        self.assertEqual(changeover.check_ids.mapped("name"), ["Wet clean", "Photo"])
        kept = Changeover.create(dict(vals, planned_minutes=55))
        self.assertEqual(
            (kept.rule_id, kept.planned_minutes), (self.rule_vessel_dark_light, 55)
        )
        with Form(Changeover) as form:
            form.workcenter_id = self.vessel
            form.from_product_id = self.dark
            form.to_product_id = self.base
            self.assertEqual(form.planned_minutes, 40)
            self.assertEqual(len(form.check_ids), 2)
        self.assertEqual(form.record.rule_id, self.rule_vessel_dark_light)
        self.assertEqual(len(form.record.check_ids), 2)


@tagged("post_install", "-at_install")
class TestChangeoverLogging(OptiwiseChangeoverCase):
    def test_changeover_between_families(self):
        """Starting a dark batch after a light one starts a 15-minute changeover."""
        with freeze_time("2026-11-23 08:00:00"):
            self._run_workorder(self._mo(self.base))
        dark_wo = self._mo(self.dark).workorder_ids
        with freeze_time("2026-11-23 09:00:00"):
            action = dark_wo.with_user(self.operator).button_start()
        changeover = dark_wo.optiwise_changeover_ids
        self.assertEqual(action["res_id"], changeover.id)
        self.assertEqual(changeover.state, "running")
        self.assertEqual(changeover.from_product_id, self.base)
        self.assertEqual(changeover.to_product_id, self.dark)
        self.assertEqual(changeover.planned_minutes, 15.0)
        self.assertEqual(changeover.user_id, self.operator)
        self.assertEqual(dark_wo.state, "ready", "the work order waits")
        with freeze_time("2026-11-23 09:20:00"):
            dark_wo.with_user(self.operator).button_start()
        self.assertEqual(changeover.state, "done")
        self.assertEqual(dark_wo.state, "progress")
        # 09:00 -> 09:20 = 20 min against 15 planned: +5 min;
        # cost = 20 / 60 h x 60 / h (vessel) = 20.0
        self.assertAlmostEqual(changeover.actual_minutes, 20.0)
        self.assertAlmostEqual(changeover.variance_minutes, 5.0)
        self.assertAlmostEqual(changeover.actual_cost, 20.0)
        log = changeover.productivity_id
        self.assertTrue(log.loss_id.optiwise_is_setup)
        self.assertEqual(log.workcenter_id, self.vessel)
        self.assertAlmostEqual(log.duration, 20.0)

    def test_no_changeover_for_same_product(self):
        """A second batch of the same product starts straight away."""
        with freeze_time("2026-11-23 08:00:00"):
            self._run_workorder(self._mo(self.base))
        workorder = self._mo(self.base).workorder_ids
        self.assertTrue(workorder.button_start())
        self.assertEqual(workorder.state, "progress")
        self.assertFalse(
            self.env["optiwise.changeover"].search(
                [("workcenter_id", "=", self.vessel.id)]
            )
        )

    def test_checklist_blocks_start(self):
        """Dark to light needs the wet clean ticked before the batch starts."""
        with freeze_time("2026-11-23 08:00:00"):
            self._run_workorder(self._mo(self.dark))
        light_wo = self._mo(self.base).workorder_ids.with_user(self.operator)
        light_wo.button_start()
        changeover = light_wo.optiwise_changeover_ids
        self.assertEqual(changeover.planned_minutes, 40.0)
        self.assertEqual(changeover.check_ids.mapped("name"), ["Wet clean", "Photo"])
        with self.assertRaisesRegex(
            UserError, "mandatory checks not ticked: Wet clean"
        ):
            light_wo.button_start()
        with self.assertRaisesRegex(UserError, "Wet clean"):
            changeover.with_user(self.operator).action_finish()
        self.assertEqual(changeover.state, "running")
        self.assertEqual(light_wo.state, "ready")
        wet_clean = changeover.check_ids.filtered(lambda c: c.name == "Wet clean")
        wet_clean.with_user(self.operator).done = True
        self.assertEqual(wet_clean.done_user_id, self.operator)
        light_wo.button_start()
        self.assertEqual(changeover.state, "done")
        self.assertEqual(light_wo.state, "progress")

    def test_closed_changeover_is_immutable(self):
        """A done changeover keeps its times and checks; notes may change."""
        with freeze_time("2026-11-23 08:00:00"):
            self._run_workorder(self._mo(self.base))
        workorder = self._mo(self.dark).workorder_ids
        workorder.button_start()
        workorder.button_start()
        changeover = workorder.optiwise_changeover_ids.with_user(self.operator)
        with self.assertRaisesRegex(UserError, "only its notes"):
            changeover.planned_minutes = 1
        with self.assertRaisesRegex(UserError, "set by its actions"):
            changeover.write({"state": "draft", "date_end": False})
        changeover.note = "Took longer: hose leak"
        with self.assertRaisesRegex(UserError, "cancel it instead"):
            changeover.with_user(self.manager).unlink()
        with self.assertRaisesRegex(UserError, "done and cannot be cancelled"):
            changeover.action_cancel()

    def test_run_start_after_other_product(self):
        """A run after another product's run waits for its changeover."""
        first = self._run(self.base)
        first.action_start()
        first.action_stop()
        second = self._run(self.bottle)
        action = second.with_user(self.operator).action_start()
        self.assertEqual(action["res_model"], "optiwise.changeover")
        self.assertEqual(second.state, "draft")
        changeover = second.changeover_ids
        self.assertEqual(changeover.from_run_id, first)
        self.assertEqual(changeover.planned_minutes, 10.0)
        self.assertTrue(second.with_user(self.operator).action_start())
        self.assertEqual(second.state, "running")
        self.assertEqual(changeover.state, "done")

    def test_instant_changeover_is_logged_done(self):
        """A transition without time or checks is logged, and does not hold."""
        self.rule_any.duration = 0
        first = self._run(self.base)
        first.action_start()
        first.action_stop()
        second = self._run(self.bottle)
        self.assertTrue(second.action_start())
        self.assertEqual(second.state, "running")
        self.assertEqual(second.changeover_ids.state, "done")
        self.assertFalse(second.changeover_ids.productivity_id)

    def test_oee_setup_loss_counts_changeover(self):
        """The changeover's time is setup loss in the work center's OEE."""
        with freeze_time("2026-11-23 07:00:00"):
            self._run_workorder(self._mo(self.base))
        workorder = self._mo(self.dark).workorder_ids
        with freeze_time("2026-11-23 08:00:00"):
            workorder.button_start()
        with freeze_time("2026-11-23 08:25:00"):
            workorder.button_start()
        with freeze_time("2026-11-23 12:00:00"):
            oee = self.vessel.get_oee("2026-11-23 06:00:00", "2026-11-23 12:00:00")
        # the changeover ran 08:00 -> 08:25: 25 min of setup loss
        self.assertAlmostEqual(oee["losses"]["setup"], 25.0)
        self.assertAlmostEqual(oee["losses"]["breakdown"], 0.0)

    def test_analysis_reads(self):
        """Transitions report and weekly hours read back the logged changeovers."""
        with freeze_time("2026-11-23 08:00:00"):
            self._run_workorder(self._mo(self.base))
        workorder = self._mo(self.dark).workorder_ids
        with freeze_time("2026-11-23 09:00:00"):
            workorder.button_start()
        with freeze_time("2026-11-23 09:30:00"):
            workorder.button_start()
        self.env.flush_all()
        transition = self.env["optiwise.changeover.transition"].search(
            [("workcenter_id", "=", self.vessel.id)]
        )
        self.assertEqual(transition.changeover_count, 1)
        self.assertAlmostEqual(transition.total_hours, 0.5)
        # 0.5 h x 60 / h
        self.assertAlmostEqual(transition.total_cost, 30.0)
        weeks = self.env["optiwise.changeover"]._read_group(
            [("state", "=", "done"), ("workcenter_id", "=", self.vessel.id)],
            ["date_start:week"],
            ["actual_hours:sum"],
        )
        self.assertEqual([hours for _week, hours in weeks], [0.5])


@tagged("post_install", "-at_install")
class TestChangeoverChecklistSetup(OptiwiseChangeoverCase):
    def test_checklist_copied_not_shared(self):
        """Editing the template later leaves logged checklists alone."""
        with freeze_time("2026-11-23 08:00:00"):
            self._run_workorder(self._mo(self.dark))
        workorder = self._mo(self.base).workorder_ids
        workorder.button_start()
        self.checklist.item_ids[0].name = "Renamed"
        checks = workorder.optiwise_changeover_ids.check_ids
        self.assertIn("Wet clean", checks.mapped("name"))
        self.assertEqual(self.checklist.mandatory_count, 1)
        self.assertEqual(self.light.product_count, 2)
        with self.assertRaisesRegex(UserError, "cannot be removed"):
            checks.filtered("mandatory").unlink()


@tagged("post_install", "-at_install")
class TestBatchRecordClearance(OptiwiseChangeoverCase):
    def test_batch_record_shows_the_line_clearance(self):
        """The batch record of a batch made after another product carries
        its changeover: the transition, minutes and each check with who
        ticked it; and a signature block with who produced it."""
        with freeze_time("2026-11-23 06:00:00"):
            self._run_workorder(self._mo(self.dark))
        production = self._mo(self.base)
        workorder = production.workorder_ids.with_user(self.operator)
        with freeze_time("2026-11-23 08:00:00"):
            workorder.button_start()
            changeover = workorder.optiwise_changeover_ids
            changeover.check_ids.filtered("mandatory").with_user(
                self.operator
            ).done = True
        with freeze_time("2026-11-23 08:40:00"):
            workorder.button_start()
        data = production._optiwise_prepare_batch_record_data()
        self.assertEqual(data["changeovers"], changeover)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "optiwise_batch.action_report_batch_record", production.ids
            )[0]
            .decode()
        )
        for text in (
            "Line clearance and changeover",
            changeover.transition,
            "Wet clean",
            "ticked by",
            self.operator.name,
            "not ticked",  # the optional photo
            "Signatures",
            "Produced by",
        ):
            self.assertIn(text, html)
