# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models


class OptiwiseShopfloor(models.AbstractModel):
    """The job view: what a work center is on, as the screen shows it."""

    _inherit = "optiwise.shopfloor"

    @api.model
    def _shopfloor_run_job(self, run):
        lots = run.output_ids[:1].lot_id
        return {
            "type": "run",
            "model": run._name,
            "id": run.id,
            "name": run.name,
            "state": run.state,
            "product": run.product_id.display_name,
            "lots": lots.mapped("name"),
            "target": run.planned_qty,
            "done": run.produced_qty,
            "scrap": run.scrap_qty,
            "uom": run.product_uom_id.name,
            "changeover": self._shopfloor_changeover(run.changeover_ids),
            "components": [],
            "downtime_reasons": self._shopfloor_downtime_reasons(),
            # accepted at the line, refused by the posting: the operator sees
            # them on the run's card until a manager posts them again
            "failed_declarations": [
                {
                    "id": output.id,
                    "qty_good": output.qty_good,
                    "qty_scrap": output.qty_scrap,
                    "date": fields.Datetime.to_string(output.date),
                    "error": output.error or "",
                }
                for output in run.output_ids.filtered(lambda o: o.state == "failed")
            ],
        }

    @api.model
    def _shopfloor_downtime_reasons(self):
        """The downtime reasons an operator picks from when pausing a run
        (availability and quality reasons, as the run accepts them), in
        their configured order: a short list of big buttons."""
        losses = self.env["mrp.workcenter.productivity.loss"].search_fetch(
            [("manual", "=", True), ("loss_type", "in", ("availability", "quality"))],
            ["name"],
            order="sequence, id",
            limit=8,
        )
        return [{"id": loss.id, "name": loss.name} for loss in losses]

    @api.model
    def _shopfloor_workorder_job(self, workorder):
        production = workorder.production_id
        return {
            "type": "workorder",
            "model": workorder._name,
            "id": workorder.id,
            "name": f"{production.name} - {workorder.name}",
            "state": workorder.state,
            "product": production.product_id.display_name,
            "lots": production.lot_producing_ids.mapped("name"),
            "target": production.product_qty,
            "done": production.qty_producing if workorder.state == "progress" else 0.0,
            "scrap": 0.0,
            "uom": production.product_uom_id.name,
            "changeover": self._shopfloor_changeover(workorder.optiwise_changeover_ids),
            "components": self._shopfloor_components(workorder)
            if workorder.state == "progress"
            else [],
        }

    @api.model
    def _shopfloor_components(self, workorder):
        """The lot-tracked components of the work order's batch, with the
        lots scanned onto them so far (what the operator scans while the
        batch is under way)."""
        moves = workorder.production_id.move_raw_ids.filtered(
            lambda m: m.state not in ("done", "cancel") and m.has_tracking != "none"
        )
        return [
            {
                "move_id": move.id,
                "product": move.product_id.display_name,
                "qty": move.product_uom_qty,
                "uom": move.product_uom.name,
                "lots": move.move_line_ids.filtered("optiwise_scanned").lot_id.mapped(
                    "name"
                ),
            }
            for move in moves
        ]

    @api.model
    def _shopfloor_changeover(self, changeovers):
        changeover = changeovers.filtered(lambda c: c.state in ("draft", "running"))[:1]
        if not changeover:
            return False
        return {
            "id": changeover.id,
            "name": changeover.name,
            "state": changeover.state,
            "transition": changeover.transition,
            "planned_minutes": changeover.planned_minutes,
            "checks": [
                {
                    "id": check.id,
                    "name": check.name,
                    "mandatory": check.mandatory,
                    "done": check.done,
                }
                for check in changeover.check_ids
            ],
        }

    @api.model
    def _shopfloor_to_close(self, workcenter):
        """The batch of this work center whose work is finished and which
        waits to be marked done, as the screen shows it, or False."""
        production = self.env["mrp.production"].search(
            [
                ("workorder_ids.workcenter_id", "=", workcenter.id),
                ("state", "=", "to_close"),
            ],
            order="date_finished desc, id desc",
            limit=1,
        )
        if not production:
            return False
        return {
            "id": production.id,
            "name": production.name,
            "product": production.product_id.display_name,
            "lots": production.lot_producing_ids.mapped("name"),
            "qty": production.product_qty,
            "uom": production.product_uom_id.name,
        }
