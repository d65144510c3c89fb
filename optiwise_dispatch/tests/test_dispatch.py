# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import OptiwiseDispatchCase


@tagged("post_install", "-at_install")
class TestDispatchMakeToOrder(OptiwiseDispatchCase):
    def test_mto_chain_shows_batch_and_slips(self):
        """Sale -> batch -> delivery: the line shows its batch, at risk on a slip."""
        mto = self.env.ref("stock.route_warehouse0_mto")
        mto.active = True
        manufacture = self.env.ref("mrp.route_warehouse0_manufacture")
        self.base.route_ids = [Command.set((mto | manufacture).ids)]
        promised = self.now + timedelta(days=5)
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "commitment_date": promised,
                "order_line": [
                    Command.create({"product_id": self.base.id, "product_uom_qty": 500})
                ],
            }
        )
        order.action_confirm()
        picking = order.picking_ids
        production = picking.move_ids.move_orig_ids.production_id
        self.assertEqual(len(production), 1, "procurement made one batch order")
        # procurement plans the batch backwards from the promise; plan it for
        # tomorrow
        self._plan(production, self.now + timedelta(days=1))
        self._refresh()
        line = self._line(picking)
        self.assertEqual(line.mode, "mto")
        self.assertEqual(line.sale_id, order)
        self.assertEqual(line.production_ids, production)
        self.assertEqual(line.supply_ids.qty, 500)
        self.assertEqual(line.expected_date, production.date_finished)
        # the batch finishes four days before the promise
        self.assertEqual(line.risk, "on_time")
        self.assertEqual(picking.optiwise_dispatch_risk, "on_time")
        self.assertEqual(picking.optiwise_production_ids, production)

        # the batch slips to 12 hours before the promise: inside the 24 h margin
        self._plan(production, promised - timedelta(hours=12))
        self._refresh()
        line = self._line(picking)
        self.assertEqual(line.expected_date, production.date_finished)
        self.assertEqual(line.risk, "at_risk")
        self.assertEqual(picking.optiwise_dispatch_risk, "at_risk")
        self.assertIn(f"Batch {production.name} finishes only", line.reason)
        self.assertIn("before the promise", line.reason)

        # and to a day after it: late, said in days
        self._plan(production, promised + timedelta(days=1))
        self._refresh()
        line = self._line(picking)
        self.assertEqual(line.risk, "late")
        self.assertIn(f"Batch {production.name} finishes 1", line.reason)
        self.assertIn("after the promise", line.reason)
        action = picking.action_view_optiwise_productions()
        self.assertEqual(action["res_id"], production.id)

    def test_mto_order_made_in_batches(self):
        """An order made in two batches: the delivery waits on both."""
        mto = self.env.ref("stock.route_warehouse0_mto")
        mto.active = True
        manufacture = self.env.ref("mrp.route_warehouse0_manufacture")
        self.base.route_ids = [Command.set((mto | manufacture).ids)]
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "commitment_date": self.now + timedelta(days=7),
                "order_line": [
                    Command.create(
                        {"product_id": self.base.id, "product_uom_qty": 1000}
                    )
                ],
            }
        )
        order.action_confirm()
        # the BoM's batch size of 500 makes procurement order two batches:
        # one chained to the delivery, the other only under its reference
        batches = order.mrp_production_ids.sorted("id")
        self.assertEqual(len(batches), 2, "1000 in batches of 500")
        chained = order.picking_ids.move_ids.move_orig_ids.production_id
        self.assertEqual(len(chained), 1)
        self._plan(batches[0], self.now + timedelta(days=1))
        self._plan(batches[1], self.now + timedelta(days=2))
        self._refresh()
        line = self._line(order.picking_ids)
        self.assertEqual(line.mode, "mto")
        self.assertEqual(line.production_ids, batches)
        self.assertEqual(sorted(line.supply_ids.mapped("qty")), [500, 500])
        # ready when the later batch is
        self.assertEqual(line.expected_date, batches[1].date_finished)


@tagged("post_install", "-at_install")
class TestDispatchMakeToStock(OptiwiseDispatchCase):
    def test_pegging_first_promised_first_served(self):
        """Stock then the open batch go to the deliveries in promise order."""
        # created in this order, promised in another: B (day 2), C (day 3), A (4)
        delivery_a = self._ship(300, self.now + timedelta(days=4))
        delivery_b = self._ship(300, self.now + timedelta(days=2))
        delivery_c = self._ship(300, self.now + timedelta(days=3))
        lot = self._stock_lot("TB-STOCK-1", 300)
        production = self._confirmed_mo(500)
        self._plan(production, self.now + timedelta(days=1))
        self._refresh()
        line_a, line_b, line_c = (
            self._line(p) for p in (delivery_a, delivery_b, delivery_c)
        )
        # B, promised first, takes the 300 in stock: ready now
        self.assertEqual(line_b.supply_ids.kind, "stock")
        self.assertEqual(line_b.supply_ids.lot_id, lot)
        self.assertEqual(line_b.supply_ids.qty, 300)
        self.assertEqual(line_b.risk, "on_time")
        # C, promised next, takes 300 of the batch's 500
        self.assertEqual(line_c.supply_ids.production_id, production)
        self.assertEqual(line_c.supply_ids.qty, 300)
        self.assertEqual(line_c.expected_date, production.date_finished)
        self.assertEqual(line_c.risk, "on_time")
        # A, promised last, gets the batch's other 200 and lacks 100
        self.assertEqual(line_a.supply_ids.production_id, production)
        self.assertEqual(line_a.supply_ids.qty, 200)
        self.assertEqual(line_a.shortage_qty, 100)
        self.assertEqual(line_a.risk, "at_risk")
        self.assertIn("100.00 Units without supply", line_a.reason)
        self.assertEqual(
            {line_a.mode, line_b.mode, line_c.mode}, {"mts"}, "no move chain"
        )

    def test_refresh_is_idempotent_and_drops_shipped(self):
        """Refreshing twice gives the same lines; a cancelled delivery has none."""
        delivery = self._ship(100, self.now + timedelta(days=2))
        other = self._ship(50, self.now + timedelta(days=3))
        self._stock_lot("TB-STOCK-2", 150)
        first = self._refresh()

        def figures(lines):
            return [
                (
                    line.move_id,
                    line.risk,
                    line.supply_ids.mapped(lambda s: (s.kind, s.lot_id, s.qty)),
                )
                for line in lines.sorted("move_id")
            ]

        before = figures(first)
        second = self._refresh()
        self.assertEqual(figures(second), before)
        self.assertFalse(first.exists(), "the old lines are replaced")
        other.action_cancel()
        self._refresh()
        self.assertTrue(self._line(delivery))
        self.assertFalse(self._line(other))
        self.assertFalse(other.optiwise_dispatch_risk)

    def test_overdue_delivery_and_overdue_batch(self):
        """A passed promise is late; a batch past its planned finish is said so."""
        delivery = self._ship(100, self.now - timedelta(days=2))
        production = self._confirmed_mo(500)
        self._plan(production, self.now - timedelta(hours=5))
        self._refresh()
        line = self._line(delivery)
        self.assertEqual(line.risk, "late")
        self.assertEqual(line.supply_ids.production_id, production)
        # the batch cannot be ready before now
        self.assertEqual(line.expected_date, line.computed_at)
        self.assertIn("Promised 2 days ago", line.reason)
        self.assertIn(f"Batch {production.name} should have finished", line.reason)


@tagged("post_install", "-at_install")
class TestDispatchStatus(OptiwiseDispatchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesperson = new_test_user(
            cls.env,
            login="ow_salesperson",
            groups="sales_team.group_sale_salesman",
            name="Salesperson",
        )
        cls.lot = cls._stock_lot("TB-RES-1", 300)
        cls.promised = cls.now + timedelta(days=3)
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "user_id": cls.salesperson.id,
                "commitment_date": cls.promised,
                "order_line": [
                    Command.create({"product_id": cls.base.id, "product_uom_qty": 700})
                ],
            }
        )
        cls.order.action_confirm()
        cls.picking = cls.order.picking_ids
        # 200 from a run finishing in 2 hours, 200 from a batch a day late
        cls.filling_run = cls.env["optiwise.production.run"].create(
            {
                "product_id": cls.base.id,
                "workcenter_id": cls.line.id,
                "planned_qty": 200,
                "standard_rate": 100,
            }
        )
        cls.production = cls._confirmed_mo(500)
        cls._plan(cls.production, cls.promised + timedelta(days=1))

    def test_status_read_writes_nothing(self):
        """get_dispatch_status answers as of the last computation and writes
        nothing (a replica may serve it); refresh_dispatch_status recomputes."""
        refreshed = self.picking.refresh_dispatch_status()[0]
        lines = self.picking.optiwise_dispatch_line_ids
        computed = lines.mapped("computed_at")
        self.assertTrue(refreshed["computed_at"])
        with freeze_time(fields.Datetime.now() + timedelta(hours=2)):
            status = self.picking.with_user(self.operator).get_dispatch_status()[0]
        self.assertEqual(lines.mapped("computed_at"), computed)
        self.assertEqual(status["computed_at"], refreshed["computed_at"])
        self.assertEqual(status["risk"], refreshed["risk"])
        method = type(self.picking).get_dispatch_status
        self.assertTrue(getattr(method, "_readonly", False))

    def test_status_as_operator(self):
        """An operator sees the batch, the run, the lot and the sale order."""
        status = self.picking.with_user(self.operator).refresh_dispatch_status()
        self.assertEqual(len(status), 1)
        status = status[0]
        self.assertEqual(status["id"], self.picking.id)
        # 300 of 700 reserved
        self.assertEqual(status["readiness"], "partially_ready")
        self.assertEqual(status["risk"], "late")
        # core lets manufacturing users read sale orders
        self.assertEqual(status["sale_order"], self.order.name)
        self.assertEqual(
            {(job["model"], job["name"]) for job in status["jobs"]},
            {
                ("mrp.production", self.production.name),
                ("optiwise.production.run", self.filling_run.name),
            },
        )
        self.assertEqual([lot["name"] for lot in status["lots"]], ["TB-RES-1"])
        self.assertTrue(
            any(
                f"Batch {self.production.name} finishes 1" in reason
                for reason in status["reasons"]
            ),
            status["reasons"],
        )
        line = status["lines"][0]
        self.assertEqual(line["quantity"], 700)
        self.assertEqual(line["risk"], "late")

    def test_status_as_salesperson(self):
        """A salesperson sees the sale order and the batch; no run, no lot."""
        status = self.picking.with_user(self.salesperson).refresh_dispatch_status()[0]
        self.assertEqual(status["sale_order"], self.order.name)
        self.assertEqual(status["risk"], "late")
        self.assertEqual(
            [(job["model"], job["name"]) for job in status["jobs"]],
            [("mrp.production", self.production.name)],
        )
        self.assertEqual(status["lots"], [])
        text = " ".join(status["reasons"])
        self.assertNotIn(self.filling_run.name, text)
        self.assertNotIn("TB-RES-1", text)
        # another salesperson's order is not named (record rule of sales)
        colleague = new_test_user(
            self.env,
            login="ow_salesperson_two",
            groups="sales_team.group_sale_salesman",
        )
        status = self.picking.with_user(colleague).refresh_dispatch_status()[0]
        self.assertFalse(status["sale_order"])
        self.assertEqual(status["risk"], "late")

    def test_status_refused_without_access(self):
        """A user who may not read deliveries is refused."""
        portal_like = new_test_user(
            self.env, login="ow_nobody", groups="base.group_user", name="Nobody"
        )
        with self.assertRaises(AccessError):
            self.picking.with_user(portal_like).refresh_dispatch_status()

    def test_dispatch_lines_read_only(self):
        """Nobody writes a dispatch line: it is derived from the moves."""
        self._refresh()
        line = self._line(self.picking)
        with self.assertRaises(AccessError):
            line.with_user(self.manager).write({"risk": "on_time"})
        with self.assertRaises(AccessError):
            line.with_user(self.salesperson).read(["risk"])

    def test_dispatch_lines_of_own_companies(self):
        """A clerk of another company sees none of this company's lines."""
        self._refresh()
        other = self.env["res.company"].create({"name": "Other Plant"})
        clerk = new_test_user(
            self.env,
            login="ow_other_clerk",
            groups="stock.group_stock_user",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        Line = self.env["optiwise.dispatch.line"]
        self.assertTrue(Line.search_count([("picking_id", "=", self.picking.id)]))
        self.assertFalse(
            Line.with_user(clerk).search_count([("picking_id", "=", self.picking.id)])
        )


@tagged("at_install", "-post_install")
class TestDispatchQueries(OptiwiseDispatchCase):
    def _deliveries(self, count, first_day):
        """``count`` deliveries of 10, one a day from ``first_day``."""
        for index in range(count):
            self._ship(10, self.now + timedelta(days=first_day + index))

    def test_refresh_set_wise(self):
        """Refreshing after 5 or 45 new deliveries costs the same queries."""
        # 25 in stock and a batch of 500 in two days serve all 50 deliveries;
        # the later deliveries come after the first ones, so those keep their
        # supplies and nothing of theirs is written again
        self._stock_lot("TB-Q-1", 25)
        self._plan(self._confirmed_mo(500), self.now + timedelta(days=2))
        with freeze_time(self.now):
            self._refresh()
            self._deliveries(5, first_day=3)
            self.env.invalidate_all()
            # one search of the moves, grouped reads of moves, chains,
            # reservations, quants, batches and runs, one insert of the lines
            # and one of their supplies, one update of the pickings' risk, one
            # delete of the refresh requests it handled; counted at install,
            # before the bridges (quality, costing) add theirs
            budget = 47
            with self.assertQueryCount(budget):
                small = self._refresh()
            self._deliveries(45, first_day=10)
            self.env.invalidate_all()
            with self.assertQueryCount(budget):
                large = self._refresh()
        self.assertEqual(len(large) - len(small), 45)
        lines = large.filtered(lambda line: line.product_id == self.base)
        self.assertEqual(len(lines), 50)
        self.assertEqual(set(lines.mapped("risk")), {"on_time"})


@tagged("post_install", "-at_install")
class TestDispatchMargin(OptiwiseDispatchCase):
    def test_margin_must_be_finite(self):
        """A NaN or infinite margin is refused (it broke every refresh)."""
        for value in (float("nan"), float("inf")):
            with (
                self.subTest(value=value),
                self.assertRaises(ValidationError),
                self.env.cr.savepoint(),
            ):
                self.company.optiwise_dispatch_margin_hours = value
        self.company.invalidate_recordset()
        self.assertEqual(self.company.optiwise_dispatch_margin_hours, 24)
