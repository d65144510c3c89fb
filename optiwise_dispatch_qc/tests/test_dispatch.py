# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import BaseCase, tagged

from odoo.addons.optiwise_qc.tests.common import OptiwiseQcCase


@tagged("post_install", "-at_install")
class TestDispatchQuality(OptiwiseQcCase):
    def _refresh_line(self, picking):
        Line = self.env["optiwise.dispatch.line"]
        Line._refresh(product_ids=self.base.ids)
        return Line.search([("picking_id", "=", picking.id)])

    def test_pending_lot_adds_lead_time(self):
        """A lot awaiting its decision is ready when its 48 h of QC are over."""
        lot = self._produce()
        inspection = lot.optiwise_inspection_ids
        self.assertEqual(lot.optiwise_quality_state, "pending")
        picking = self._delivery(500)
        # pending lots are not reserved on deliveries: it is free stock
        self.assertFalse(picking.move_ids.move_line_ids)
        picking.move_ids.date_deadline = fields.Datetime.now() + timedelta(days=5)
        line = self._refresh_line(picking)
        self.assertEqual(line.supply_ids.lot_id, lot)
        self.assertEqual(line.supply_ids.qc_hours, 48)
        # ready = the inspection's creation + its 48 h lead time
        self.assertEqual(
            line.expected_date, inspection.create_date + timedelta(hours=48)
        )
        self.assertEqual(line.risk, "on_time")
        self.assertIn(f"Lot {lot.name} awaits its QC decision", line.reason)

        # promised tomorrow: the QC lead time makes it late
        picking.move_ids.date_deadline = fields.Datetime.now() + timedelta(days=1)
        line = self._refresh_line(picking)
        self.assertEqual(line.risk, "late")
        self.assertIn("after the promise (QC included: 48.0 h)", line.reason)

    def test_mto_batch_done_lot_awaiting_decision(self):
        """Made to order, the batch done, its lot pending: the lot, 48 h of QC."""
        mto = self.env.ref("stock.route_warehouse0_mto")
        mto.active = True
        manufacture = self.env.ref("mrp.route_warehouse0_manufacture")
        self.base.route_ids = [Command.set((mto | manufacture).ids)]
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "commitment_date": fields.Datetime.now() + timedelta(days=5),
                "order_line": [
                    Command.create({"product_id": self.base.id, "product_uom_qty": 500})
                ],
            }
        )
        order.action_confirm()
        picking = order.picking_ids
        production = picking.move_ids.move_orig_ids.production_id
        production.lot_producing_ids = self.env["stock.lot"].create(
            {"name": "MTO-LOT-1", "product_id": self.base.id}
        )
        production.qty_producing = 500
        production._set_qty_producing()
        production.move_raw_ids.picked = True
        production.button_mark_done()
        lot = production.lot_producing_ids
        self.assertEqual(lot.optiwise_quality_state, "pending")
        self.assertFalse(
            picking.move_ids.move_line_ids, "a pending lot is not reserved"
        )
        line = self._refresh_line(picking)
        self.assertEqual(line.mode, "mto")
        self.assertEqual(line.supply_ids.lot_id, lot)
        self.assertEqual(line.supply_ids.qc_hours, 48)
        self.assertFalse(line.shortage_qty)
        self.assertEqual(line.risk, "on_time")

    def test_batch_output_inspected_adds_lead_time(self):
        """An open batch of an inspected product is ready 48 h after it finishes."""
        picking = self._delivery(500)
        picking.move_ids.date_deadline = fields.Datetime.now() + timedelta(days=10)
        production = self._confirmed_mo(500)
        line = self._refresh_line(picking)
        supply = line.supply_ids
        self.assertEqual(supply.production_id, production)
        self.assertEqual(supply.qc_hours, 48)
        self.assertEqual(
            supply.ready_date,
            max(production.date_finished, line.computed_at) + timedelta(hours=48),
        )

    def test_quarantined_lot_makes_line_late(self):
        """A reserved lot put in quarantine makes its delivery late, with the reason."""
        lot = self._produce()
        self._pass_production(lot)
        inspection = lot.optiwise_inspection_ids
        inspection.with_user(self.inspector_two).action_release()
        picking = self._delivery(500)
        picking.move_ids.date_deadline = fields.Datetime.now() + timedelta(days=5)
        self.assertEqual(picking.move_ids.move_line_ids.lot_id, lot)
        line = self._refresh_line(picking)
        self.assertEqual(line.risk, "on_time")
        inspection.with_user(self.qc_manager).action_change_decision(
            "quarantine", "Foreign body found in a retained sample"
        )
        self.assertEqual(lot.optiwise_quality_state, "quarantined")
        line = self._refresh_line(picking)
        self.assertEqual(line.risk, "late")
        self.assertFalse(line.expected_date, "no date while the lot is on hold")
        self.assertIn(f"Lot {lot.name} is quarantined", line.reason)
        self.assertEqual(picking.optiwise_dispatch_risk, "late")

    def test_quarantined_free_stock_served_last(self):
        """Free stock on hold serves a delivery only when nothing else can: late."""
        lot = self._produce()
        self._pass_production(lot)
        inspection = lot.optiwise_inspection_ids
        inspection.with_user(self.inspector_two).action_quarantine()
        picking = self._delivery(500)
        self.assertFalse(picking.move_ids.move_line_ids, "held lots are not reserved")
        picking.move_ids.date_deadline = fields.Datetime.now() + timedelta(days=5)
        line = self._refresh_line(picking)
        self.assertEqual(line.supply_ids.lot_id, lot)
        self.assertEqual(line.risk, "late")
        self.assertIn(f"Lot {lot.name} is quarantined", line.reason)
        # an open batch serves it first
        self._confirmed_mo(500)
        line = self._refresh_line(picking)
        self.assertEqual(line.supply_ids.kind, "production")
        self.assertNotEqual(line.risk, "late")

    def test_tower_counts_lots_awaiting_decision(self):
        """The quality tiles count the lots pending and in quarantine."""
        tower = self.env["optiwise.control.tower"].with_user(self.manager)

        def tiles():
            return {
                tile["key"]: tile["value"]
                for section in tower.get_tower_data()["sections"]
                for tile in section["tiles"]
            }

        before = tiles()
        self._produce()
        lot = self._produce()
        self._pass_production(lot)
        lot.optiwise_inspection_ids.with_user(self.inspector_two).action_quarantine()
        after = tiles()
        self.assertEqual(after["qc_pending"] - before["qc_pending"], 1)
        self.assertEqual(after["qc_quarantined"] - before["qc_quarantined"], 1)


@tagged("post_install", "-at_install")
class TestDeprecatedHoldStates(BaseCase):
    def test_hold_states_alias_warns(self):
        """HOLD_STATES answers holds.DECIDED_HOLDS for one version, warning."""
        from odoo.addons.optiwise_qc import holds

        from ..models import optiwise_dispatch_line

        with self.assertLogs(optiwise_dispatch_line.__name__, "WARNING") as logs:
            value = optiwise_dispatch_line.HOLD_STATES
        self.assertEqual(value, holds.DECIDED_HOLDS)
        self.assertIn("DECIDED_HOLDS", logs.output[0])
