# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import logging
from datetime import timedelta

from odoo import api, models

from odoo.addons.optiwise_qc import holds
from odoo.addons.optiwise_qc.holds import DECIDED_HOLDS

_logger = logging.getLogger(__name__)


def __getattr__(name):
    """``HOLD_STATES`` became ``optiwise_qc.holds.DECIDED_HOLDS`` in 19.0.2.1.0:
    kept for one version, each use logging a deprecation warning."""
    if name == "HOLD_STATES":
        _logger.warning(
            "optiwise_dispatch_qc.models.optiwise_dispatch_line.HOLD_STATES is "
            "deprecated and goes in the next version: use "
            "odoo.addons.optiwise_qc.holds.DECIDED_HOLDS"
        )
        return holds.DECIDED_HOLDS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class OptiwiseDispatchLine(models.Model):
    _inherit = "optiwise.dispatch.line"

    @api.model
    def _dispatch_adjust_supplies(self, supplies, now):
        """Quality on the way to the customer, set-wise.

        - a lot on hold (quarantined, rejected) blocks the delivery it serves
          (the line is late, with no expected date); in free stock it is
          pegged after every other supply;
        - a pending lot is ready when its inspections are due: their creation
          plus their QC lead time, not before now;
        - a batch or run whose output a QC point inspects is ready its QC lead
          time after it finishes.
        """
        supplies = super()._dispatch_adjust_supplies(supplies, now)
        lots = self.env["stock.lot"].browse(
            {s["lot_id"] for s in supplies if s.get("lot_id")}
        )
        due = {}
        lead = {}
        pending = lots.filtered(lambda lot: lot.optiwise_quality_state == "pending")
        if pending:
            inspections = self.env["optiwise.qc.inspection"].search_fetch(
                [("lot_id", "in", pending.ids), ("decision", "=", False)],
                ["lot_id", "create_date", "lead_time_hours"],
            )
            for inspection in inspections:
                lot_id = inspection.lot_id.id
                ends = inspection.create_date + timedelta(
                    hours=inspection.lead_time_hours
                )
                due[lot_id] = max(due.get(lot_id, ends), ends)
                lead[lot_id] = max(lead.get(lot_id, 0.0), inspection.lead_time_hours)
        job_lead = self._dispatch_job_qc_hours(
            [s for s in supplies if s["kind"] in ("production", "run")]
        )
        for supply in supplies:
            if supply["kind"] in ("production", "run"):
                hours = job_lead.get((supply["kind"], supply["product_id"]), 0.0)
                if hours:
                    supply["qc_hours"] = hours
                    supply["ready"] = supply["ready"] + timedelta(hours=hours)
                continue
            lot = lots.browse(supply.get("lot_id") or [])
            if not lot:
                continue
            state = lot.optiwise_quality_state
            if state in DECIDED_HOLDS:
                # on hold it may not ship: free stock on hold is pegged
                # last, after every batch and run, and blocks what it serves
                supply["blocked"] = True
                supply["hold_state"] = state
                supply["rank"] = 1
            elif state == "pending":
                supply["qc_hours"] = lead.get(lot.id, 0.0)
                supply["ready"] = max(supply["ready"], due.get(lot.id, now), now)
                supply["hold_state"] = state
        return supplies

    @api.model
    def _dispatch_job_qc_hours(self, supplies):
        """QC lead time of the output of batches and runs, per (kind, product).

        One search of the active production and run-output points.
        """
        if not supplies:
            return {}
        points = self.env["optiwise.qc.point"].search(
            [("trigger", "in", ("production", "run_output"))]
        )
        products = self.env["product.product"].browse(
            {s["product_id"] for s in supplies}
        )
        hours = {}
        for kind, trigger in (("production", "production"), ("run", "run_output")):
            for product in products:
                leads = [
                    point.lead_time_hours
                    for point in points
                    if point.trigger == trigger and point._applies_to(product)
                ]
                if leads:
                    hours[kind, product.id] = max(leads)
        return hours

    @api.model
    def _prepare_dispatch_supply_vals(self, supply):
        vals = super()._prepare_dispatch_supply_vals(supply)
        vals["hold_state"] = supply.get("hold_state", False)
        return vals
