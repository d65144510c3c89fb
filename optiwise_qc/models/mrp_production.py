# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import models

from ..holds import HELD_STATES


class MrpProduction(models.Model):
    _inherit = "mrp.production"

    def _optiwise_prepare_batch_record_data(self):
        """Add the quality of the batch: the inspections of its lots with
        every test's specification, value and result; who inspected and who
        decided, as signatures; and the consumed lots that were not free to
        use (rejected, quarantined or pending), flagged."""
        data = super()._optiwise_prepare_batch_record_data()
        inspections = self.lot_producing_ids.optiwise_inspection_ids.sorted(
            lambda i: (i.date_done or i.create_date, i.id)
        )
        data["quality"] = [
            {
                "lot": lot.name,
                "state": lot._optiwise_quality_label(),
                "inspections": lot.optiwise_inspection_ids,
            }
            for lot in self.lot_producing_ids
        ]
        data["inspections"] = inspections
        for row in data["components"]:
            lot = row["lot"]
            row["quality"] = lot._optiwise_quality_label() if lot else ""
            row["held"] = bool(lot) and lot.optiwise_quality_state in HELD_STATES
        data["held_components"] = [row for row in data["components"] if row["held"]]
        done = inspections.filtered("date_done")
        decided = inspections.filtered("decision_user_id")
        data["signatures"] += [
            {
                "role": self.env._("Checked by (quality control)"),
                "names": done.inspector_id.mapped("name"),
                "date": max(done.mapped("date_done")) if done else False,
            },
            {
                "role": self.env._("Released by (quality decision)"),
                "names": decided.decision_user_id.mapped("name"),
                "date": max(decided.mapped("decision_date")) if decided else False,
            },
        ]
        return data

    def _optiwise_planning_release_hours(self):
        """A batch whose output a QC point inspects may be used the point's
        lead time after it is made (the longest, when several apply)."""
        result = super()._optiwise_planning_release_hours()
        if not self:
            return result
        points = self.env["optiwise.qc.point"].search([("trigger", "=", "production")])
        for production in self:
            leads = [
                point.lead_time_hours
                for point in points
                if point._applies_to(production.product_id)
            ]
            if leads:
                result[production.id] = max(leads)
        return result

    def _optiwise_planning_holds(self):
        """Components reserved for an order from lots on hold: it cannot run
        until QC decides."""
        result = super()._optiwise_planning_holds()
        lines = self.move_raw_ids.move_line_ids.filtered(
            lambda line: line.lot_id.optiwise_quality_state in HELD_STATES
        )
        for line in lines:
            production = line.move_id.raw_material_production_id
            result[production.id] = self.env._(
                "Lot %(lot)s of %(product)s is on hold",
                lot=line.lot_id.name,
                product=line.product_id.display_name,
            )
        return result
