# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import logging
import time

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

_logger = logging.getLogger(__name__)


class OptiwiseRunOutput(models.Model):
    _name = "optiwise.run.output"
    _inherit = ["optiwise.finite.mixin"]
    _description = "Continuous Run Output Declaration"
    _order = "date desc, id desc"
    _optiwise_finite_fields = ("qty_good", "qty_scrap")

    run_id = fields.Many2one(
        "optiwise.production.run", required=True, ondelete="restrict", index=True
    )
    company_id = fields.Many2one(related="run_id.company_id", store=True, index=True)
    product_id = fields.Many2one(related="run_id.product_id", store=True)
    product_uom_id = fields.Many2one(related="run_id.product_uom_id", string="Unit")
    workcenter_id = fields.Many2one(related="run_id.workcenter_id", store=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    # quantities of different products (bottles, kilograms): never summed
    # across them by a group-by, a pivot or a graph
    qty_good = fields.Float(
        string="Good", digits="Product Unit", readonly=True, aggregator=None
    )
    qty_scrap = fields.Float(
        string="Scrap", digits="Product Unit", readonly=True, aggregator=None
    )
    lot_id = fields.Many2one("stock.lot", readonly=True, index=True)
    user_id = fields.Many2one(
        "res.users", string="Operator", default=lambda s: s.env.user, readonly=True
    )
    source = fields.Selection(
        [("manual", "Manual"), ("barcode", "Barcode"), ("rpc", "Integration")],
        default="manual",
        required=True,
        readonly=True,
    )
    external_ref = fields.Char(
        string="External Reference",
        readonly=True,
        help="The declaring system's id of this declaration; unique per run, so "
        "a repeated declaration is recognised and posted once.",
    )
    production_id = fields.Many2one(
        "mrp.production", string="Manufacturing Order", readonly=True, index=True
    )
    scrap_id = fields.Many2one("stock.scrap", string="Scrap Order", readonly=True)
    state = fields.Selection(
        [("accepted", "Accepted"), ("posted", "Posted"), ("failed", "Failed")],
        default="posted",
        required=True,
        readonly=True,
        index=True,
        help="Accepted: declared from the shop floor and acknowledged, to be "
        "posted to stock by the background job within seconds. Posted: its "
        "manufacturing order is done. Failed: the posting was refused; the "
        "reason says why, and a production manager posts it again once fixed.",
    )
    error = fields.Text(string="Posting Error", readonly=True)

    _unique_external_ref = models.UniqueIndex(
        "(run_id, external_ref) WHERE external_ref IS NOT NULL",
        "This external reference was already declared on this run.",
    )
    _check_quantities = models.Constraint(
        "CHECK(qty_good >= 0 AND qty_scrap >= 0 AND qty_good + qty_scrap > 0)",
        "Output quantities may not be negative and not both zero.",
    )

    def write(self, vals):
        if set(vals) - {"production_id", "scrap_id", "state", "error"}:
            raise UserError(
                self.env._(
                    "A posted output declaration cannot be changed; declare a "
                    "correction instead."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_posted(self):
        raise UserError(
            self.env._("Output declarations are posted to stock and cannot be deleted.")
        )

    def _post(self):
        """Post the declarations not posted yet, those of one run and lot
        together: one manufacturing order produces them, then one scrap
        order scraps their rejected units.

        Safe to re-run: a declaration with its manufacturing order is posted.
        """
        pending = self.filtered(lambda output: not output.production_id)
        for group in pending.grouped(lambda o: (o.run_id, o.lot_id)).values():
            group._post_together()

    def _post_together(self):
        """Post these declarations (one run, one lot) as one order."""
        first = self[0]
        run = first.run_id
        production = self.env["mrp.production"].create(
            dict(
                first._prepare_production_vals(),
                product_qty=sum(self.mapped("qty_good"))
                + sum(self.mapped("qty_scrap")),
            )
        )
        production.action_confirm()
        production.action_assign()
        production.lot_producing_ids = first.lot_id
        production.qty_producing = production.product_qty
        production._set_qty_producing()
        result = production.with_context(
            skip_backorder=True, skip_consumption=True
        ).button_mark_done()
        if production.state != "done":
            raise UserError(
                self.env._(
                    "The output of run %(run)s could not be posted: "
                    "manufacturing order %(mo)s needs attention (%(why)s).",
                    run=run.name,
                    mo=production.name,
                    why=isinstance(result, dict) and result.get("name") or "",
                )
            )
        vals = {"production_id": production.id, "state": "posted", "error": False}
        scrapped = sum(self.mapped("qty_scrap"))
        if scrapped:
            scrap = self.env["stock.scrap"].create(
                dict(first._prepare_scrap_vals(production), scrap_qty=scrapped)
            )
            scrap.action_validate()
            vals["scrap_id"] = scrap.id
        # sudo: the posting links what it made; users may not write
        # declarations (see optiwise.production.run._record_output)
        self.sudo().write(vals)

    @api.model
    def _cron_post_accepted(self, batch_size=50):
        """Post the accepted declarations (the background job), in batches,
        committing each batch: a worker stopped midway loses nothing, and the
        next run goes on where it stopped (a posted declaration is never
        posted twice: it has its manufacturing order). Logs one line."""
        started = time.monotonic()
        handled = 0
        while True:
            outputs = self.search(
                [("state", "=", "accepted")], order="id", limit=batch_size
            )
            if not outputs:
                break
            self._post_accepted(outputs)
            handled += len(outputs)
            remaining = self.search_count([("state", "=", "accepted")])
            if (
                self.env["ir.cron"]._commit_progress(len(outputs), remaining=remaining)
                <= 0
            ):
                break
        _logger.info(
            "declarations posting: %d handled in %.2f s",
            handled,
            time.monotonic() - started,
        )

    @api.model
    def _post_accepted(self, outputs):
        """Post the accepted declarations, those of one run and lot together
        (one manufacturing order), each group in its own savepoint: a refusal
        marks its declarations failed with the reason instead of stopping the
        others."""
        accepted = outputs.filtered(lambda o: o.state == "accepted")
        for group in accepted.grouped(lambda o: (o.run_id, o.lot_id)).values():
            try:
                with self.env.cr.savepoint():
                    group._post_together()
            except (UserError, ValidationError) as exc:
                # sudo: the posting job records its own outcome
                group.sudo().write({"state": "failed", "error": str(exc)})
                group._optiwise_notify_failed(str(exc))

    def _optiwise_notify_failed(self, reason):
        """Declarations (one run) that failed at posting reach the people:
        the operator sees them on the run's card (the shop floor reads them),
        the run's responsible gets an activity saying what to fix."""
        run = self.run_id[:1]
        if not run:
            return
        user = run.user_id or self.env.ref("base.user_admin", False)
        # sudo: the posting job (any user's declaration) files the activity
        # on the run for its responsible
        run.sudo().activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=user.id,
            summary=self.env._("Declarations failed to post"),
            note=self.env._(
                "%(count)s declaration(s) of run %(run)s (%(qty)s units) were "
                "accepted but could not be posted: %(reason)s Fix the cause, "
                "then Post Again on the declarations.",
                count=len(self),
                run=run.name,
                qty=sum(self.mapped("qty_good")) + sum(self.mapped("qty_scrap")),
                reason=reason,
            ),
        )

    def action_post_again(self):
        """Post failed declarations again (production managers), once what
        refused them is fixed.

        :raises AccessError: for users who are not production managers
        """
        if not self.env.user.has_group("optiwise_batch.group_manager"):
            raise AccessError(
                self.env._("Only a production manager may post a declaration again.")
            )
        failed = self.filtered(lambda o: o.state == "failed")
        # sudo: checked above; the declarations go back to the posting job
        failed.sudo().write({"state": "accepted", "error": False})
        self._post_accepted(failed)
        return True

    def _prepare_production_vals(self):
        """Values of the manufacturing order that posts this declaration."""
        self.ensure_one()
        run = self.run_id
        return {
            "product_id": run.product_id.id,
            "bom_id": run.bom_id.id,
            "product_qty": self.qty_good + self.qty_scrap,
            "product_uom_id": run.product_id.uom_id.id,
            "company_id": run.company_id.id,
            "date_start": self.date,
            "origin": run.name,
            "optiwise_run_id": run.id,
            "optiwise_run_mode": "continuous",
            "user_id": self.env.user.id,
        }

    def _prepare_scrap_vals(self, production):
        """Values of the scrap of a declaration's rejected units."""
        self.ensure_one()
        return {
            "product_id": self.product_id.id,
            "product_uom_id": self.product_id.uom_id.id,
            "scrap_qty": self.qty_scrap,
            "lot_id": self.lot_id.id,
            "production_id": production.id,
            "location_id": production.location_dest_id.id,
            "company_id": self.company_id.id,
            "origin": self.run_id.name,
        }
