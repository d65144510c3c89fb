# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models


class OptiwiseDispatchSupply(models.Model):
    """What serves a dispatch line: a reserved lot, free stock, a batch or a run.

    Derived data, rebuilt with its line; the reason in words is rendered when
    read, from the stored facts, in the reader's language.
    """

    _name = "optiwise.dispatch.supply"
    _description = "Dispatch Supply"
    _order = "line_id, ready_date, id"

    line_id = fields.Many2one(
        "optiwise.dispatch.line",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
    )
    company_id = fields.Many2one(related="line_id.company_id", store=True)
    kind = fields.Selection(
        [
            ("reserved", "Reserved"),
            ("stock", "Free Stock"),
            ("production", "Batch"),
            ("run", "Continuous Run"),
        ],
        required=True,
        readonly=True,
    )
    production_id = fields.Many2one(
        "mrp.production", string="Batch", readonly=True, index="btree_not_null"
    )
    run_id = fields.Many2one(
        "optiwise.production.run", readonly=True, index="btree_not_null"
    )
    lot_id = fields.Many2one("stock.lot", readonly=True, index="btree_not_null")
    product_uom_id = fields.Many2one(related="line_id.product_uom_id")
    qty = fields.Float(string="Quantity", digits="Product Unit", readonly=True)
    finish_date = fields.Datetime(
        string="Planned Finish",
        readonly=True,
        help="When the batch or run is planned to finish; empty for stock.",
    )
    qc_hours = fields.Float(
        string="QC Lead Time (h)",
        readonly=True,
        help="Hours a quality decision adds before the goods may ship.",
    )
    ready_date = fields.Datetime(string="Ready", readonly=True)
    blocked = fields.Boolean(
        readonly=True, help="The goods may not ship as they are (e.g. on hold)."
    )
    reason = fields.Char(compute="_compute_reason")

    @api.depends_context("lang")
    @api.depends("kind", "ready_date", "finish_date", "qc_hours", "blocked")
    def _compute_reason(self):
        for supply in self:
            supply.reason = supply._reason_text(visible=True)

    def _subject(self, visible=True):
        """What the reason speaks of: its name when ``visible``, else its kind."""
        self.ensure_one()
        _ = self.env._
        if self.kind in ("reserved", "stock"):
            if self.lot_id:
                return (
                    _("Lot %(lot)s", lot=self.lot_id.name)
                    if visible
                    else _("A reserved lot")
                )
            return _("Stock")
        if self.kind == "run":
            return _("Run %(run)s", run=self.run_id.name) if visible else _("A run")
        return (
            _("Batch %(batch)s", batch=self.production_id.name)
            if visible
            else _("A batch")
        )

    def _reason_text(self, visible=True):
        """This supply's part of the line's risk, in words, or '' if none.

        :param bool visible: name the batch, run or lot (the reader may read
            it); otherwise speak of its kind only
        """
        self.ensure_one()
        _ = self.env._
        line = self.line_id
        subject = self._subject(visible)
        if self.blocked:
            return _("%(subject)s is on hold", subject=subject)
        now = line.computed_at
        promised = line.promised_date
        reasons = []
        if self.finish_date and now and self.finish_date < now:
            reasons.append(
                _(
                    "%(subject)s should have finished %(delay)s ago",
                    subject=subject,
                    delay=line._duration_words(now - self.finish_date),
                )
            )
        if self.kind in ("reserved", "stock") and not self.qc_hours:
            return "; ".join(reasons)
        if self.ready_date and promised:
            qc = (
                _(" (QC included: %(hours)s h)", hours=round(self.qc_hours, 1))
                if self.qc_hours
                else ""
            )
            if self.kind in ("production", "run"):
                verb = _("finishes")
            else:
                verb = _("is released")
            if self.ready_date > promised:
                reasons.append(
                    _(
                        "%(subject)s %(verb)s %(delay)s after the promise%(qc)s",
                        subject=subject,
                        verb=verb,
                        delay=line._duration_words(self.ready_date - promised),
                        qc=qc,
                    )
                )
            elif self.ready_date > promised - line._margin():
                reasons.append(
                    _(
                        "%(subject)s %(verb)s only %(delay)s before the promise%(qc)s",
                        subject=subject,
                        verb=verb,
                        delay=line._duration_words(promised - self.ready_date),
                        qc=qc,
                    )
                )
        return "; ".join(reasons)
