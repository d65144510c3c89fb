# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import logging
from datetime import timedelta
from pathlib import Path

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import BaseCase, new_test_user, tagged

from odoo.addons.optiwise_qc import holds

from .common import OptiwiseQcCase

_logger = logging.getLogger(__name__)

QTY = 10.0


@tagged("post_install", "-at_install")
class TestHoldTable(OptiwiseQcCase):
    """Every cell of the hold table (state x operation), done for real."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stock_manager = new_test_user(
            cls.env,
            login="ow_stock_manager",
            groups="stock.group_stock_manager,mrp.group_mrp_user",
            name="Stock Manager",
        )
        Location = cls.env["stock.location"]
        cls.shelf = Location.create(
            {"name": "Shelf 2", "location_id": cls.stock_location.id}
        )
        cls.quarantine = Location.create(
            {
                "name": "Quarantine Cage",
                "location_id": cls.stock_location.id,
                "optiwise_quarantine": True,
            }
        )

    def _lot_in_state(self, state):
        """500 units of base in stock, in the table's ``state``."""
        name = f"HT-{state.upper()}"
        if state == "not_required":
            (self.point_taste | self.point_ph).active = False
            lot = self._produce(lot_name=name)
            (self.point_taste | self.point_ph).active = True
            return lot
        lot = self._produce(lot_name=name)
        if state == "pending":
            return lot
        if state == "concession":
            inspection = lot.optiwise_inspection_ids.with_user(self.inspector)
            for line in inspection.line_ids:
                if line.test_type == "measure":
                    line.measured_value = 4.4  # out of 3.8-4.2: fails
                else:
                    line.pass_fail = "pass"
            inspection.action_complete()
            inspection.with_user(self.qc_manager).action_release(
                note="pH 4.4 accepted for this customer"
            )
            return lot
        inspection = self._pass_production(lot)
        {
            "released": inspection.action_release,
            "quarantined": inspection.action_quarantine,
            "rejected": inspection.action_reject,
        }[state]()
        return lot

    def _move(self, lot, dest, picking_type, **extra):
        env = self.env(user=self.stock_manager)
        move = env["stock.move"].create(
            {
                "product_id": self.base.id,
                "product_uom_qty": QTY,
                "location_id": self.stock_location.id,
                "location_dest_id": dest.id,
                "picking_type_id": picking_type.id,
                **extra,
            }
        )
        move._action_confirm()
        move.move_line_ids.unlink()
        move.move_line_ids = [
            Command.create(
                {
                    "product_id": self.base.id,
                    "lot_id": lot.id,
                    "quantity": QTY,
                    "location_id": self.stock_location.id,
                    "location_dest_id": dest.id,
                }
            )
        ]
        move.picked = True
        move._action_done()

    def _do(self, operation, lot):
        """Take ``QTY`` of ``lot`` out of stock through ``operation``."""
        env = self.env(user=self.stock_manager)
        warehouse = self.warehouse
        if operation == "consume":
            self._move(lot, self.base.property_stock_production, warehouse.manu_type_id)
        elif operation == "deliver":
            self._move(
                lot,
                self.env.ref("stock.stock_location_customers"),
                warehouse.out_type_id,
            )
        elif operation == "return":
            self._move(
                lot,
                self.env.ref("stock.stock_location_suppliers"),
                warehouse.in_type_id.return_picking_type_id or warehouse.out_type_id,
            )
        elif operation == "internal":
            self._move(lot, self.shelf, warehouse.int_type_id)
        elif operation == "quarantine":
            self._move(lot, self.quarantine, warehouse.int_type_id)
        elif operation == "scrap":
            env["stock.scrap"].create(
                {
                    "product_id": self.base.id,
                    "lot_id": lot.id,
                    "scrap_qty": QTY,
                    "location_id": self.stock_location.id,
                }
            ).action_validate()
        elif operation == "inventory":
            quant = env["stock.quant"].search(
                [("lot_id", "=", lot.id), ("location_id", "=", self.stock_location.id)]
            )
            quant.inventory_quantity = quant.quantity - QTY
            quant.action_apply_inventory()
        elif operation == "unbuild":
            env["mrp.unbuild"].create(
                {
                    "product_id": self.base.id,
                    "bom_id": self.bom.id,
                    "product_qty": QTY,
                    "lot_id": lot.id,
                    "location_id": self.stock_location.id,
                    "location_dest_id": self.stock_location.id,
                }
            ).action_validate()
        else:
            raise AssertionError(operation)

    def _on_hand(self, lot):
        return self.env["stock.quant"]._get_available_quantity(
            self.base, self.stock_location, lot_id=lot, strict=True
        )

    def test_every_cell(self):
        """Each state x operation is done or refused as the table says."""
        cells = 0
        for state in holds.TABLE_STATES:
            lot = self._lot_in_state(state)
            expected_state = "released" if state == "concession" else state
            self.assertEqual(lot.optiwise_quality_state, expected_state)
            for operation in holds.OPERATIONS:
                with self.subTest(state=state, operation=operation):
                    before = self._on_hand(lot)
                    if holds.allowed(state, operation):
                        self._do(operation, lot)
                        # 10 units left stock (the unbuild takes 10 of base)
                        self.assertAlmostEqual(self._on_hand(lot), before - QTY)
                    else:
                        with (
                            self.assertRaisesRegex(
                                UserError,
                                rf"{lot.name} \({lot._optiwise_quality_label()}\)",
                            ),
                            self.env.cr.savepoint(),
                        ):
                            self._do(operation, lot)
                        self.env.invalidate_all()
                        self.assertEqual(self._on_hand(lot), before)
                    cells += 1
                    # counted by setup/test beside the attack figures
                    _logger.info(
                        "optiwise-hold-table cell %s %s %s",
                        state,
                        operation,
                        "allowed" if holds.allowed(state, operation) else "refused",
                    )
        # 6 states x 8 operations
        self.assertEqual(cells, 48)
        self.assertEqual(len(holds.table()), 6)

    def test_table_is_published(self):
        """The readme shows the table the code enforces, cell for cell."""
        readme = Path(__file__).resolve().parents[1] / "readme" / "USAGE.md"
        self.assertIn(holds.markdown_table(), readme.read_text(encoding="utf-8"))

    def test_scrap_on_inspected_run(self):
        """A declaration with scrap on a run whose output is inspected is
        posted: the scrap in the scrap location, the lot still pending."""
        run = self.env["optiwise.production.run"].create(
            {"product_id": self.bottle.id, "planned_qty": 100, "standard_rate": 60}
        )
        run.action_start()
        # the first lot of the run is inspected (every 2nd lot from the 1st)
        output = self.env["optiwise.run.output"].browse(
            run.with_user(self.operator).record_output(
                50, qty_scrap=2, lot_name="RUN-SCRAP-1"
            )
        )
        self.assertEqual(output.state, "posted")
        lot = output.lot_id
        self.assertEqual(lot.optiwise_quality_state, "pending")
        scrap = output.scrap_id
        self.assertEqual(scrap.state, "done")
        self.assertEqual(scrap.scrap_qty, 2)
        scrapped = self.env["stock.quant"]._get_available_quantity(
            self.bottle, scrap.scrap_location_id, lot_id=lot, strict=True
        )
        # 52 made, 2 of them scrapped: 50 in stock, 2 in the scrap location
        self.assertEqual(scrapped, 2)
        self.assertEqual(lot.product_qty, 50)


@tagged("post_install", "-at_install")
class TestHeldInputsStopAtDecisions(OptiwiseQcCase):
    """A release decides for what was made from its inputs; a hold decided
    upstream after a release is a recall question on the tower."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tomato_bom = cls.bottle_bom.copy(
            {
                "bom_line_ids": [
                    Command.create({"product_id": cls.tomato.id, "product_qty": 1})
                ]
            }
        )
        cls.case = cls.env["product.product"].create(
            {"name": "Test Case of Bottles", "is_storable": True, "tracking": "lot"}
        )
        cls.case_bom = cls.env["mrp.bom"].create(
            {
                "product_tmpl_id": cls.case.product_tmpl_id.id,
                "product_qty": 1,
                "bom_line_ids": [
                    Command.create({"product_id": cls.bottle.id, "product_qty": 1})
                ],
            }
        )
        # bottles made in batches are inspected too (sealing)
        cls.point_seal = cls.env["optiwise.qc.point"].create(
            {"name": "Seal", "trigger": "production", "product_id": cls.bottle.id}
        )

    def _make(self, bom, component, lot, qty=10):
        """A batch of ``bom`` consuming ``qty`` of ``lot``, put on by hand."""
        production = self.env["mrp.production"].create(
            {
                "product_id": bom.product_id.id
                or bom.product_tmpl_id.product_variant_id.id,
                "bom_id": bom.id,
                "product_qty": qty,
            }
        )
        production.action_confirm()
        move = production.move_raw_ids.filtered(lambda m: m.product_id == component)
        move.move_line_ids = [
            Command.clear(),
            Command.create(
                {
                    "product_id": component.id,
                    "lot_id": lot.id,
                    "quantity": qty,
                    "location_id": move.location_id.id,
                    "location_dest_id": move.location_dest_id.id,
                }
            ),
        ]
        production.move_raw_ids.picked = True
        production.lot_producing_ids = self.env["stock.lot"].create(
            {
                "name": f"{bom.product_tmpl_id.name[:8]}-{lot.name}",
                "product_id": production.product_id.id,
            }
        )
        production.qty_producing = qty
        production._set_qty_producing()
        production.with_context(skip_consumption=True).button_mark_done()
        self.assertEqual(production.state, "done")
        return production.lot_producing_ids

    def _decide_tomatoes(self, name, decision):
        lot = self._receive(name, qty=500)
        inspection = lot.optiwise_inspection_ids.with_user(self.inspector)
        inspection.line_ids.measured_value = 28
        inspection.action_complete()
        getattr(inspection, f"action_{decision}")()
        return lot

    def _pass_and_release(self, lot, user=None):
        inspection = lot.optiwise_inspection_ids.filtered(
            lambda i: not i.decision
        ).with_user(user or self.inspector)
        for line in inspection.line_ids:
            if line.test_type == "instruction":
                line.acknowledged = True
            else:
                line.pass_fail = "pass"
        inspection.action_complete()
        return inspection

    def test_concession_releases_what_is_made_from_its_inputs(self):
        """A lot made from a lot released as a concession has no held inputs,
        and an inspector releases it."""
        self.warehouse.manu_type_id.optiwise_require_released = False
        tomatoes = self._decide_tomatoes("TOM-HS1", "quarantine")
        bottles = self._make(self.tomato_bom, self.tomato, tomatoes)
        self.assertEqual(bottles.optiwise_held_input_ids, tomatoes)
        self._pass_and_release(bottles).with_user(self.qc_manager).action_release(
            note="Quarantined crate sorted out; the rest tested clean"
        )
        self.assertEqual(bottles.optiwise_quality_state, "released")
        # the case is made from the released bottles: the walk stops there
        cases = self._make(self.case_bom, self.bottle, bottles, qty=5)
        self.assertFalse(cases.optiwise_held_input_ids)
        self.assertFalse(cases.optiwise_held_input_note)
        Lot = self.env["stock.lot"]
        held_inputs = Lot.search([("optiwise_held_input_ids", "!=", False)])
        self.assertIn(bottles, held_inputs)
        self.assertNotIn(cases, held_inputs)
        self.assertIn(cases, Lot.search([("optiwise_held_input_ids", "=", False)]))
        self.assertEqual(
            Lot.search([("optiwise_held_input_ids", "in", tomatoes.ids)]), bottles
        )

    def test_later_hold_upstream_is_a_recall_question(self):
        """Tomatoes rejected after the bottles made from them were released:
        the bottles stay released, and the tower's tile lists them."""
        tomatoes = self._decide_tomatoes("TOM-HS2", "release")
        bottles = self._make(self.tomato_bom, self.tomato, tomatoes)
        self.assertFalse(bottles.optiwise_held_input_ids)
        # an inspector releases a lot made from released inputs
        self._pass_and_release(bottles).action_release()
        self.assertEqual(bottles.optiwise_quality_state, "released")
        tower = self.env["optiwise.control.tower"].with_user(self.qc_manager)

        def tile():
            sections = tower.get_tower_data()["sections"]
            tiles = [tile for section in sections for tile in section["tiles"]]
            return next(t for t in tiles if t["key"] == "qc_input_held_since")

        # whatever the database's own lots (the demo has one such lot)
        before = tile()["value"]
        self.assertNotIn(
            bottles, self.env["stock.lot"].search(tile()["action"]["domain"])
        )
        later = fields.Datetime.now() + timedelta(hours=2)
        with freeze_time(later):
            tomatoes.optiwise_inspection_ids.with_user(
                self.qc_manager
            ).action_change_decision("reject", "Pesticide residue found by the lab")
        self.assertEqual(tomatoes.optiwise_quality_state, "rejected")
        self.assertEqual(bottles.optiwise_quality_state, "released")
        self.assertTrue(bottles.optiwise_input_held_since)
        found = tile()
        self.assertEqual(found["value"], before + 1)
        self.assertIn(bottles, self.env["stock.lot"].search(found["action"]["domain"]))


@tagged("post_install", "-at_install")
class TestDeprecatedNames(BaseCase):
    """Names that moved keep working for one version, each use warning."""

    def test_moved_state_lists_warn(self):
        """stock_lot's FREE_STATES and HELD_STATES answer holds.py's, with a
        deprecation warning naming where to import them from."""
        from ..models import stock_lot

        for name in ("FREE_STATES", "HELD_STATES"):
            with self.assertLogs(stock_lot.__name__, "WARNING") as logs:
                value = getattr(stock_lot, name)
            self.assertEqual(value, getattr(holds, name))
            self.assertIn("optiwise_qc.holds", logs.output[0])
        with self.assertRaises(AttributeError):
            stock_lot.__getattr__("NO_SUCH_NAME")
