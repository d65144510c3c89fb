# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from ..models.mrp_workcenter_oee import OeeSlot
from ..oee import compute_oee
from .common import OptiwisePlantCase


@tagged("post_install", "-at_install")
class TestOee(OptiwisePlantCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # one 8-hour shift, Monday to Friday, 06:00-14:00 UTC
        cls.line.resource_calendar_id = cls.env["resource.calendar"].create(
            {
                "name": "Early shift (UTC)",
                "tz": "UTC",
                "attendance_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "name": "Early",
                            "dayofweek": str(day),
                            "hour_from": 6,
                            "hour_to": 14,
                            "day_period": "morning",
                        }
                    )
                    for day in range(5)
                ],
            }
        )

    def _log(self, loss, start, end):
        self.env["mrp.workcenter.productivity"].create(
            {
                "workcenter_id": self.line.id,
                "loss_id": loss.id,
                "date_start": start,
                "date_end": end,
            }
        )

    def test_hand_computed_shift(self):
        """One shift: A 400/480, P 360/400, Q 340/360, OEE = 340/480."""
        # Monday 2026-11-23, 06:00-14:00: planned production time 480 min
        with freeze_time("2026-11-23 06:00:00"):
            run = (
                self.env["optiwise.production.run"]
                .with_user(self.operator)
                .create(
                    # 60 bottles/hour: ideal cycle time 1 minute per bottle
                    {
                        "product_id": self.bottle.id,
                        "planned_qty": 400,
                        "standard_rate": 60,
                    }
                )
            )
            run.action_start()
        # stops: 30 min of setup, 50 min of breakdown -> run time 400 min
        self._log(
            self.env.ref("mrp.block_reason2"),
            "2026-11-23 06:00:00",
            "2026-11-23 06:30:00",
        )
        self._log(
            self.env.ref("mrp.block_reason1"),
            "2026-11-23 10:00:00",
            "2026-11-23 10:50:00",
        )
        with freeze_time("2026-11-23 14:00:00"):
            # 340 good + 20 scrap = 360 units -> 360 ideal minutes
            run.record_output(200, at="2026-11-23 09:00:00")
            run.record_output(140, qty_scrap=20, at="2026-11-23 13:00:00")
            figures = self.line.get_oee("2026-11-23 06:00:00", "2026-11-23 14:00:00")
            run.action_stop()
        self.assertAlmostEqual(figures["planned_minutes"], 480)
        self.assertAlmostEqual(figures["run_minutes"], 400)
        self.assertAlmostEqual(figures["availability"], 400 / 480)
        self.assertAlmostEqual(figures["performance"], 360 / 400)
        self.assertAlmostEqual(figures["quality"], 340 / 360)
        self.assertAlmostEqual(figures["oee"], 340 / 480)
        losses = figures["losses"]
        self.assertAlmostEqual(losses["setup"], 30)
        self.assertAlmostEqual(losses["breakdown"], 50)
        self.assertAlmostEqual(losses["speed"], 40)  # 400 run - 360 ideal
        self.assertAlmostEqual(losses["quality"], 20)  # 20 scrapped x 1 min
        # the buckets and the fully productive time add up to the planned time
        self.assertAlmostEqual(
            sum(losses.values()) + figures["fully_productive_minutes"], 480
        )
        # the run's own OEE over its 8 hours gives the same figures
        self.assertAlmostEqual(run.get_oee()["oee"], 340 / 480)
        # the analysis per shift and per day: one slot on Monday, same figures
        for granularity in ("shift", "day"):
            analysis = (
                self.env["optiwise.oee.analysis"]
                .with_user(self.operator)
                .create(
                    {
                        "date_from": "2026-11-23",
                        "date_to": "2026-11-24",
                        "granularity": granularity,
                        "workcenter_ids": [Command.set((self.line | self.vessel).ids)],
                    }
                )
            )
            analysis.action_compute()
            # Monday's and Tuesday's shifts; only Monday produced
            monday, tuesday = analysis.line_ids.sorted("date_start")
            self.assertAlmostEqual(monday.planned_minutes, 480)
            self.assertAlmostEqual(monday.setup_minutes, 30)
            self.assertAlmostEqual(monday.oee, 100 * 340 / 480)
            # Tuesday the line had no job: no planned time, no loss
            self.assertAlmostEqual(tuesday.planned_minutes, 0.0)
            self.assertAlmostEqual(tuesday.speed_loss_minutes, 0.0)
            self.assertTrue(tuesday.no_planned_time)
            self.assertFalse(monday.no_planned_time)
            # over both days a ratio of sums, not the mean of the days' ratios
            # (which would halve Monday's with Tuesday's 0); a day without
            # planned time has no figure of its own
            Line = self.env["optiwise.oee.line"]
            ratios = ["oee:avg", "availability:avg", "performance:avg", "quality:avg"]
            [(oee, availability, performance, quality)] = Line._read_group(
                [("analysis_id", "=", analysis.id)], [], ratios
            )
            self.assertAlmostEqual(oee, 100 * 340 / 480)
            self.assertAlmostEqual(availability, 100 * 400 / 480)
            self.assertAlmostEqual(performance, 100 * 360 / 400)
            self.assertAlmostEqual(quality, 100 * 340 / 360)
            [(alone,)] = Line._read_group([("id", "=", tuesday.id)], [], ["oee:avg"])
            self.assertIs(alone, False)  # no figure, not 0.0
            # the loss chart's rows: one per bucket and slot, the same minutes
            action = monday.action_open_losses()
            losses = self.env["optiwise.oee.loss"].search(action["domain"])
            monday_losses = {
                loss.bucket: loss.minutes
                for loss in losses
                if loss.date_start == monday.date_start
            }
            self.assertEqual(
                monday_losses,
                {
                    "setup": 30.0,
                    "breakdown": 50.0,
                    "other_stops": 0.0,
                    "speed": 40.0,
                    "quality": 20.0,
                },
            )
            # work centers with no job in the period are left out
            self.assertEqual(analysis.line_ids.workcenter_id, self.line)

    def test_idle_time_is_no_speed_loss(self):
        """A shift in which the line ran 2 of its 8 hours: planned production
        time is those 2 hours, so the 6 idle hours are no speed loss."""
        with freeze_time("2026-11-23 06:00:00"):
            run = self.env["optiwise.production.run"].create(
                {"product_id": self.bottle.id, "planned_qty": 100, "standard_rate": 60}
            )
            run.action_start()
        with freeze_time("2026-11-23 08:00:00"):
            run.record_output(120, at="2026-11-23 07:59:00")
            run.action_stop()
        with freeze_time("2026-11-23 14:00:00"):
            figures = self.line.get_oee("2026-11-23 06:00:00", "2026-11-23 14:00:00")
        self.assertAlmostEqual(figures["calendar_minutes"], 480)
        self.assertAlmostEqual(figures["planned_minutes"], 120)
        self.assertAlmostEqual(figures["losses"]["speed"], 0.0)
        self.assertAlmostEqual(figures["oee"], 1.0)

    def test_arguments(self):
        """An inverted period, dates that are no dates and impossible counts
        are refused with a clear error."""
        with self.assertRaises(UserError):
            self.line.get_oee("2026-11-23 14:00:00", "2026-11-23 06:00:00")
        for start in ("garbage", "2026-13-45 99:99:99", 20261123, ["2026-11-23"]):
            with (
                self.subTest(start=start),
                self.assertRaisesRegex(UserError, "date and time"),
            ):
                self.line.get_oee(start, "2026-11-23 14:00:00")
        with self.assertRaises(ValueError):
            compute_oee(480, {}, 100, 10, 11)
        self.assertEqual(compute_oee(0, {}, 0, 0, 0)["oee"], 0.0)

    def test_batch_work_orders_count(self):
        """A done batch work order counts: 500 good, ideal 60 min (1 cycle)."""
        production = self._confirmed_mo(500)
        with Form(production) as form:
            form.qty_producing = 500
        production.lot_producing_ids = self.env["stock.lot"].create(
            {"name": "OEE-B1", "product_id": self.base.id}
        )
        production.button_mark_done()
        workorder = production.workorder_ids
        self.assertEqual(workorder.state, "done")
        start = min(workorder.time_ids.mapped("date_start"))
        [figures] = self.env["mrp.workcenter"]._optiwise_get_oee_figures(
            [OeeSlot(self.vessel, start, start + timedelta(hours=12), 60.0)]
        )
        # BoM for 500, operation 60 min per cycle of 500: one cycle, 60 min
        self.assertEqual((figures["good_count"], figures["total_count"]), (500, 500))
        # planned production time: the time logged on the work order (the
        # vessel had that job), within the 60 minutes given
        logged = sum(workorder.time_ids.mapped("duration"))
        self.assertGreater(logged, 0)
        self.assertAlmostEqual(figures["planned_minutes"], min(60.0, logged), places=2)
        self.assertAlmostEqual(
            figures["performance"], 60.0 / figures["planned_minutes"], places=3
        )

    def test_old_import_of_oee_slot_warns(self):
        """OeeSlot moved to mrp_workcenter_oee; the old import answers the
        same class one more version, with a warning."""
        from ..models import mrp_workcenter

        with self.assertLogs(mrp_workcenter.__name__, "WARNING") as logged:
            old = mrp_workcenter.OeeSlot
        self.assertIs(old, OeeSlot)
        self.assertIn("deprecated", logged.output[0])
        self.assertFalse(hasattr(mrp_workcenter, "NoSuchName"))
