# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import base64
import io

import openpyxl

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import OptiwiseQcCase


class TestGenealogyCase(OptiwiseQcCase):
    """Genealogy over core's consume/produce links between move lines.

    A diamond with a cycle: A went into B and C, B and C into D, D into E,
    and D was also reworked into A (a cycle back to the root).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Lot = cls.env["stock.lot"]
        cls.lots = {
            name: Lot.create({"name": f"GEN-{name}", "product_id": cls.base.id})
            for name in "ABCDE"
        }
        production = cls.env.ref("stock.stock_location_stock")

        def line(name):
            return cls.env["stock.move.line"].create(
                {
                    "product_id": cls.base.id,
                    "lot_id": cls.lots[name].id,
                    "quantity": 1,
                    "location_id": production.id,
                    "location_dest_id": production.id,
                    "company_id": cls.env.company.id,
                }
            )

        def made(source, target):
            # the consumed line of `source` produced the line of `target`
            line(source).produce_line_ids = [Command.link(line(target).id)]

        for source, target in ("AB", "AC", "BD", "CD", "DE", "DA"):
            made(source, target)

    def _ids(self, *names):
        return sorted(self.lots[name].id for name in names)


@tagged("post_install", "-at_install")
class TestGenealogy(TestGenealogyCase):
    def test_downstream(self):
        """From A: B and C, then D once (not once per path), then E."""
        trace = self.lots["A"].trace_genealogy(direction="downstream")
        self.assertEqual(
            trace["downstream"],
            [
                {"level": 1, "lot_ids": self._ids("B", "C")},
                {"level": 2, "lot_ids": self._ids("D")},
                {"level": 3, "lot_ids": self._ids("E")},
            ],
        )
        self.assertEqual(trace["upstream"], [])

    def test_upstream_through_cycle(self):
        """Up from E: D, then B and C, then A; the cycle D -> A ends there."""
        trace = self.lots["E"].trace_genealogy(direction="upstream")
        self.assertEqual(
            [level["lot_ids"] for level in trace["upstream"]],
            [self._ids("D"), self._ids("B", "C"), self._ids("A")],
        )

    def test_both_and_depth(self):
        """Both ways from D, one level only."""
        trace = self.lots["D"].trace_genealogy(max_depth=1)
        self.assertEqual(
            trace["downstream"], [{"level": 1, "lot_ids": self._ids("A", "E")}]
        )
        self.assertEqual(
            trace["upstream"], [{"level": 1, "lot_ids": self._ids("B", "C")}]
        )

    def test_levels_of_several_lots_at_once(self):
        """Seeded with B and C together: D at 1, E and A at 2; B and C are the
        seeds, not levels of each other, whatever their order."""
        lots = self.lots["C"] | self.lots["B"]
        levels = lots._optiwise_genealogy_levels("downstream", 64)
        self.assertEqual(
            levels,
            [
                {"level": 1, "lot_ids": self._ids("D")},
                {"level": 2, "lot_ids": self._ids("A", "E")},
            ],
        )

    def test_bad_arguments(self):
        """Bad direction or depth: a clear refusal."""
        with self.assertRaisesRegex(UserError, "Direction"):
            self.lots["A"].trace_genealogy(direction="sideways")
        with self.assertRaisesRegex(UserError, "max_depth"):
            self.lots["A"].trace_genealogy(max_depth=0)


@tagged("at_install", "-post_install")
class TestGenealogyQueries(TestGenealogyCase):
    """Query budgets, at install: this addon's own queries, before the
    addons that depend on it are installed."""

    def test_query_count(self):
        """Both directions and the deliveries: a fixed number of queries."""
        lot = self.lots["A"].with_user(self.qc_manager)
        lot.trace_genealogy()  # warm the registry's caches (rules, groups)
        self.env.invalidate_all()
        # per direction: the recursive query and the readable lots; then the
        # deliveries' lines and the readable pickings
        with self.assertQueryCount(6):
            trace = lot.trace_genealogy()
        self.assertEqual(len(trace["downstream"]), 3)

    def test_recall_of_lots_downstream_of_each_other(self):
        """A recall of A and D: D is at fault (level 0), not A's level 2; its
        trace is one query, however many lots are at fault."""
        recall = (
            self.env["optiwise.recall"]
            .with_user(self.qc_manager)
            .create(
                {
                    "lot_ids": [Command.set([self.lots["A"].id, self.lots["D"].id])],
                    "reason": "Two suspect lots",
                }
            )
        )
        recall.action_trace()
        levels = {line.lot_id.name: line.level for line in recall.line_ids}
        # from A: B, C at 1; D, E reached from D itself at 0 and 1
        self.assertEqual(
            levels, {"GEN-A": 0, "GEN-D": 0, "GEN-B": 1, "GEN-C": 1, "GEN-E": 1}
        )
        lots = self.lots["A"] | self.lots["D"]
        lots.with_user(self.qc_manager)._optiwise_genealogy_levels("downstream", 64)
        self.env.invalidate_all()
        # the recursive query and the readable lots, for both lots at once
        with self.assertQueryCount(2):
            lots.with_user(self.qc_manager)._optiwise_genealogy_levels("downstream", 64)


@tagged("post_install", "-at_install")
class TestRecall(OptiwiseQcCase):
    """A contaminated tomato lot went into a batch of base, shipped in part."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bom.bom_line_ids = [
            Command.create({"product_id": cls.tomato.id, "product_qty": 10})
        ]

    def _released(self, tomato_lot, base_lot, qty):
        """A released tomato lot made into a released lot of base."""
        tomato = self._receive(tomato_lot, qty=qty)
        inspection = tomato.optiwise_inspection_ids.with_user(self.inspector)
        inspection.line_ids.measured_value = 28
        inspection.action_complete()
        inspection.action_release()
        base = self._produce(lot_name=base_lot)
        self._pass_production(base).action_release()
        return tomato, base

    def _chain(self):
        tomato, base = self._released("TOM-R1", "BASE-R1", 200)
        picking = self._delivery(200)
        picking.action_assign()
        picking.move_ids.picked = True
        picking.button_validate()
        return tomato, base, picking

    def test_trace_quarantine_export(self):
        """The recall finds the batch and the customer, quarantines the stock."""
        tomato, base, shipped = self._chain()
        recall = (
            self.env["optiwise.recall"]
            .with_user(self.qc_manager)
            .create({"lot_ids": [Command.set(tomato.ids)], "reason": "Pesticide"})
        )
        recall.action_trace()
        lines = {line.lot_id: line for line in recall.line_ids}
        self.assertEqual(set(lines), {tomato, base})
        self.assertEqual(lines[base].level, 1)
        self.assertEqual(lines[base].qty_on_hand, 300)  # 500 made - 200 shipped
        self.assertEqual(recall.delivery_ids.picking_id, shipped)
        self.assertEqual(recall.delivery_ids.partner_id, self.customer)
        self.assertEqual(recall.customer_count, 1)
        recall.action_quarantine_all()
        self.assertEqual(recall.state, "contained")
        self.assertEqual(base.optiwise_quality_state, "quarantined")
        in_stock = recall.line_ids.filtered(lambda line: line.qty_on_hand > 0).lot_id
        self.assertTrue(
            all(lot.optiwise_quality_state == "quarantined" for lot in in_stock)
        )
        # nothing quarantined can be reserved any more
        picking = self._delivery(50)
        picking.action_assign()
        self.assertEqual(picking.move_ids.quantity, 0)
        # the recall list, read back
        export = recall.export_xlsx()
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(export["content"])))
        rows = list(book["Lots"].iter_rows(min_row=5, values_only=True))
        self.assertEqual(
            sorted((r[0], r[2], r[3]) for r in rows),
            sorted(
                (line.lot_id.name, line.level, line.qty_on_hand)
                for line in recall.line_ids
            ),
        )
        customers = list(book["Customers"].iter_rows(min_row=2, values_only=True))
        self.assertEqual(
            [(r[0], r[1], r[3], r[5]) for r in customers],
            [("Test Customer", shipped.name, "BASE-R1", 200)],
        )
        self.assertIn("quarantined", recall.message_ids[0].body)

    def test_lot_on_two_pallets_of_one_delivery(self):
        """A lot shipped on two pallets of one delivery is recalled with the
        whole quantity: one row, 120 + 80 = 200."""
        tomato, base = self._released("TOM-R2", "BASE-R2", 1000)
        picking = self._delivery(200)
        picking.action_assign()
        move = picking.move_ids
        Package = self.env["stock.package"]
        move.move_line_ids = [
            Command.clear(),
            *(
                Command.create(
                    {
                        "product_id": self.base.id,
                        "lot_id": base.id,
                        "quantity": qty,
                        "location_id": move.location_id.id,
                        "location_dest_id": move.location_dest_id.id,
                        "result_package_id": Package.create({"name": name}).id,
                    }
                )
                for qty, name in ((120, "PAL-R2-1"), (80, "PAL-R2-2"))
            ),
        ]
        move.picked = True
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        self.assertEqual(len(move.move_line_ids), 2)
        recall = (
            self.env["optiwise.recall"]
            .with_user(self.qc_manager)
            .create({"lot_ids": [Command.set(tomato.ids)], "reason": "Pesticide"})
        )
        recall.action_trace()
        row = recall.delivery_ids.filtered(lambda d: d.lot_id == base)
        self.assertEqual(len(row), 1)
        self.assertEqual(row.quantity, 200)

    def test_only_managers_recall(self):
        """Inspectors see recalls but do not run them."""
        tomato = self._receive("TOM-R2")
        recall = self.env["optiwise.recall"].create(
            {"lot_ids": [Command.set(tomato.ids)], "reason": "Test"}
        )
        with self.assertRaisesRegex(UserError, "quality manager"):
            recall.with_user(self.inspector).action_trace()


@tagged("post_install", "-at_install")
class TestCertificate(OptiwiseQcCase):
    def test_coa_renders_measured_values(self):
        """The certificate shows each test, its specification and its result."""
        lot = self._produce(lot_name="BASE-COA")
        inspection = lot.optiwise_inspection_ids.with_user(self.inspector)
        inspection.line_ids.filtered(lambda line: line.test_type == "passfail").write(
            {"pass_fail": "pass"}
        )
        ph = inspection.line_ids.filtered(lambda line: line.test_type == "measure")
        ph[0].measured_value = 3.95
        ph[1].measured_value = 4.05
        inspection.action_complete()
        inspection.with_user(self.inspector_two).action_release()
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "optiwise_qc.report_certificate_of_analysis", lot.ids
        )
        html = html.decode()
        for text in (
            "BASE-COA",
            "3.95",
            "4.05",
            "4 [3.8 - 4.2]",
            "pH #2",
            "Inspector Two",
        ):
            self.assertIn(text, html)

    def test_no_certificate_for_a_lot_not_released(self):
        """A lot pending, or quarantined after a failed test, gets no
        certificate, and the refusal says why."""
        lot = self._produce(lot_name="BASE-NOCOA")
        Report = self.env["ir.actions.report"]
        with self.assertRaisesRegex(UserError, "Pending.*released lots only"):
            Report._render_qweb_html(
                "optiwise_qc.report_certificate_of_analysis", lot.ids
            )
        inspection = lot.optiwise_inspection_ids.with_user(self.inspector)
        inspection.line_ids.filtered(lambda line: line.test_type == "passfail").write(
            {"pass_fail": "fail"}
        )
        inspection.line_ids.filtered(
            lambda line: line.test_type == "measure"
        ).measured_value = 4.0
        inspection.action_complete()
        inspection.with_user(self.inspector_two).action_quarantine(note="Seal")
        with self.assertRaisesRegex(UserError, "Quarantined"):
            Report._render_qweb_html(
                "optiwise_qc.report_certificate_of_analysis", lot.ids
            )
        # released as a concession, a failed test still gets no certificate
        inspection.with_user(self.qc_manager).action_change_decision(
            "release", "Customer accepted the seal"
        )
        with self.assertRaisesRegex(UserError, "failed"):
            Report._render_qweb_html(
                "optiwise_qc.report_certificate_of_analysis", lot.ids
            )

    def test_certificates_of_a_delivery(self):
        """From a delivery: one certificate per lot shipped, with the
        customer, the quantity shipped, the dates and who released it."""
        lot = self._produce(qty=50.0, lot_name="BASE-SHIP")
        self._pass_production(lot).with_user(self.inspector_two).action_release()
        picking = self._delivery(20)
        picking.action_assign()
        self.assertEqual(picking.move_line_ids.lot_id, lot)
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "optiwise_qc.report_certificate_of_analysis_delivery", picking.ids
        )
        html = html.decode()
        for text in (
            "BASE-SHIP",
            self.customer.name,
            picking.name,
            "20.00",
            "Approved for release by",
            "Inspector Two",
        ):
            self.assertIn(text, html)

    def test_batch_record_shows_quality(self):
        """The batch record of the MO has the lot's quality state, each test
        with its result, who checked and released it, and flags a consumed
        lot that was on hold."""
        lot = self._produce(lot_name="BASE-BR")
        production = self.env["mrp.production"].search(
            [("lot_producing_ids", "in", lot.ids)]
        )
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "optiwise_batch.report_batch_record", production.ids
        )
        html = html.decode()
        for text in (
            "Pending",
            "Signatures",
            "Produced by",
            "Checked by",
            "Line clearance",
        ):
            self.assertIn(text, html)
        self._pass_production(lot).with_user(self.inspector_two).action_release()
        data = production._optiwise_prepare_batch_record_data()
        roles = {row["role"]: row["names"] for row in data["signatures"]}
        self.assertEqual(roles["Released by (quality decision)"], ["Inspector Two"])
        self.assertTrue(roles["Checked by (quality control)"])
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "optiwise_batch.report_batch_record", production.ids
        )
        self.assertIn("4 [3.8 - 4.2]", html.decode())

    def test_batch_record_flags_a_consumed_lot_on_hold(self):
        """A plant that lets batches consume lots on hold: the batch record
        flags the quarantined lot consumed, in the components and on top."""
        tomato = self._receive("TOM-HELD")
        tomato.optiwise_inspection_ids.with_user(self.inspector).action_quarantine(
            note="Mould"
        )
        production = self.env["mrp.production"].create(
            {"product_id": self.base.id, "product_qty": 1}
        )
        production.picking_type_id.optiwise_require_released = False
        production.action_confirm()
        consumed_in = self.tomato.property_stock_production
        production.write(
            {
                "move_raw_ids": [
                    Command.create(
                        {
                            "product_id": self.tomato.id,
                            "product_uom_qty": 1,
                            "location_id": production.location_src_id.id,
                            "location_dest_id": consumed_in.id,
                        }
                    )
                ]
            }
        )
        move = production.move_raw_ids.filtered(lambda m: m.product_id == self.tomato)
        move._action_confirm()
        move.move_line_ids.unlink()
        self.env["stock.move.line"].create(
            dict(move._prepare_move_line_vals(quantity=1), lot_id=tomato.id)
        )
        production.lot_producing_ids = self.env["stock.lot"].create(
            {"name": "BASE-HELD-IN", "product_id": self.base.id}
        )
        production.qty_producing = 1
        production._set_qty_producing()
        production.move_raw_ids.picked = True
        production.with_context(
            skip_consumption=True, skip_backorder=True
        ).button_mark_done()
        self.assertEqual(production.state, "done")
        data = production._optiwise_prepare_batch_record_data()
        self.assertEqual([row["lot"] for row in data["held_components"]], [tomato])
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "optiwise_batch.report_batch_record", production.ids
        )
        html = html.decode()
        self.assertIn("Lots not free to use were consumed", html)
        self.assertIn("TOM-HELD", html)
