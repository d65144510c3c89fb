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
