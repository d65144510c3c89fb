# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import base64
import io
import logging
import time

import xlsxwriter

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.optiwise_batch.arguments import single

from .stock_lot import MAX_GENEALOGY_DEPTH

_logger = logging.getLogger(__name__)


class OptiwiseRecall(models.Model):
    _name = "optiwise.recall"
    _inherit = ["mail.thread", "mail.activity.mixin", "optiwise.guarded.mixin"]
    _description = "Recall"
    _order = "create_date desc, id desc"
    _check_company_auto = True
    _optiwise_guarded_fields = ("state", "line_ids", "delivery_ids")
    _optiwise_guard_actions = (
        "Use Trace, Quarantine All and Close (action_trace, "
        "action_quarantine_all, action_close)."
    )

    name = fields.Char(
        required=True, copy=False, readonly=True, default=lambda s: s.env._("New")
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda s: s.env.company, index=True
    )
    reason = fields.Text(required=True, tracking=True)
    lot_ids = fields.Many2many(
        "stock.lot",
        "optiwise_recall_source_lot_rel",
        string="Lots at Fault",
        required=True,
        check_company=True,
        tracking=True,
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("traced", "Traced"),
            ("contained", "Contained"),
            ("closed", "Closed"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    line_ids = fields.One2many(
        "optiwise.recall.line", "recall_id", string="Affected Lots", readonly=True
    )
    delivery_ids = fields.One2many(
        "optiwise.recall.delivery", "recall_id", string="Deliveries", readonly=True
    )
    affected_count = fields.Integer(compute="_compute_counts", string="Affected Lots #")
    customer_count = fields.Integer(compute="_compute_counts", string="Customers")
    in_stock_count = fields.Integer(
        compute="_compute_counts",
        string="Lots Still in Stock",
        help="Affected lots with stock on hand (their quantities, each in its "
        "product's unit, are on the lines: lots of different products are not "
        "added up).",
    )
    inspection_ids = fields.One2many(
        "optiwise.qc.inspection", "recall_id", string="Quarantine Decisions"
    )

    @api.depends("line_ids.qty_on_hand", "delivery_ids.partner_id")
    def _compute_counts(self):
        for recall in self:
            recall.affected_count = len(recall.line_ids)
            recall.customer_count = len(recall.delivery_ids.partner_id)
            recall.in_stock_count = len(
                recall.line_ids.filtered(lambda line: line.qty_on_hand > 0)
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", self.env._("New")) == self.env._("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "optiwise.recall"
                ) or self.env._("New")
        return super().create(vals_list)

    def _optiwise_frozen_records(self):
        return self.filtered(lambda r: r.state == "closed")

    def write(self, vals):
        if "lot_ids" in vals and self.filtered(lambda r: r.state != "draft"):
            raise UserError(
                self.env._("The lots of a traced recall cannot change: start another.")
            )
        return super().write(vals)

    def action_trace(self):
        """Trace the lots at fault both ways and list what is affected: every
        lot downstream (and the lots themselves) with its stock, and the
        deliveries that shipped any of them.

        :raises UserError: if the recall is closed
        """
        self._check_manager()
        started = time.monotonic()
        for recall in self:
            if recall.state == "closed":
                raise UserError(
                    self.env._("Recall %(name)s is closed.", name=recall.name)
                )
            # all the lots at fault at once: a lot reached from several of
            # them is listed at its nearest level
            lots = recall.lot_ids
            levels = lots._optiwise_genealogy_levels("downstream", MAX_GENEALOGY_DEPTH)
            seen = dict.fromkeys(lots.ids, 0)
            for level in levels:
                for lot_id in level["lot_ids"]:
                    seen.setdefault(lot_id, level["level"])
            # one row per delivery and lot, its quantity summed over every
            # move line (a lot shipped on two pallets of one delivery), its
            # date the last of them
            lines, shipped = [], {}
            for delivery in lots._optiwise_genealogy_deliveries(list(seen)):
                key = (delivery["picking_id"], delivery["lot_id"])
                if key not in shipped:
                    shipped[key] = dict(delivery)
                    continue
                row = shipped[key]
                row["quantity"] += delivery["quantity"]
                row["date_done"] = max(row["date_done"], delivery["date_done"])
            deliveries = list(shipped.values())
            affected = self.env["stock.lot"].browse(list(seen))
            quants = self.env["stock.quant"].search_fetch(
                [
                    ("lot_id", "in", affected.ids),
                    ("location_id.usage", "=", "internal"),
                    ("quantity", ">", 0),
                ],
                ["lot_id", "quantity", "location_id"],
            )
            for lot in affected:
                lot_quants = quants.filtered(lambda q, lot=lot: q.lot_id == lot)
                lines.append(
                    Command.create(
                        {
                            "lot_id": lot.id,
                            "level": seen[lot.id],
                            "qty_on_hand": sum(lot_quants.mapped("quantity")),
                            "locations": ", ".join(
                                lot_quants.location_id.mapped("complete_name")
                            ),
                        }
                    )
                )
            with self._optiwise_guard_open():
                recall.write(
                    {
                        "line_ids": [Command.clear(), *lines],
                        "delivery_ids": [Command.clear()]
                        + [
                            Command.create(
                                {
                                    "picking_id": d["picking_id"],
                                    "partner_id": d["partner_id"],
                                    "lot_id": d["lot_id"],
                                    "quantity": d["quantity"],
                                    "date_done": d["date_done"],
                                }
                            )
                            for d in deliveries
                        ],
                        "state": "traced",
                    }
                )
            recall.message_post(
                body=self.env._(
                    "Traced: %(lots)s affected lots, %(deliveries)s deliveries to "
                    "%(customers)s customers.",
                    lots=recall.affected_count,
                    deliveries=len(recall.delivery_ids),
                    customers=recall.customer_count,
                )
            )
            _logger.info(
                "recall %s traced: %d lots affected, %d deliveries in %.2f s",
                recall.name,
                recall.affected_count,
                len(recall.delivery_ids),
                time.monotonic() - started,
            )
        return True

    def action_quarantine_all(self):
        """Quarantine, in one step, every affected lot still in stock: each gets
        a recall inspection decided *quarantine*, so nothing of it can be
        reserved or shipped until a quality manager changes the decision.

        :raises UserError: if the recall is not traced
        """
        self._check_manager()
        Inspection = self.env["optiwise.qc.inspection"]
        for recall in self:
            if recall.state not in ("traced", "contained"):
                raise UserError(
                    self.env._("Trace recall %(name)s first.", name=recall.name)
                )
            lines = recall.line_ids.filtered(
                lambda line: (
                    line.qty_on_hand > 0
                    and line.lot_id.optiwise_quality_state != "quarantined"
                    and line.lot_id.optiwise_quality_state != "rejected"
                )
            )
            with Inspection._optiwise_guard_open():
                inspections = Inspection.create(
                    [
                        {
                            "lot_id": line.lot_id.id,
                            "company_id": line.lot_id.company_id.id
                            or recall.company_id.id,
                            "trigger": "recall",
                            "recall_id": recall.id,
                            "line_ids": [
                                Command.create(
                                    {
                                        "name": self.env._(
                                            "Recall %(name)s", name=recall.name
                                        ),
                                        "test_type": "instruction",
                                        "mandatory": False,
                                    }
                                )
                            ],
                        }
                        for line in lines
                    ]
                )
            inspections._decide(
                "quarantine", self.env._("Recall %(name)s", name=recall.name)
            )
            with self._optiwise_guard_open():
                recall.state = "contained"
            recall.message_post(
                body=self.env._(
                    "%(count)s lots quarantined: %(lots)s.",
                    count=len(inspections),
                    lots=", ".join(inspections.lot_id.mapped("name")) or "-",
                )
            )
        return True

    def action_close(self):
        """Close a contained recall."""
        self._check_manager()
        if self.filtered(lambda r: r.state != "contained"):
            raise UserError(self.env._("Only a contained recall can be closed."))
        with self._optiwise_guard_open():
            self.state = "closed"
        return True

    def action_export_xlsx(self):
        """Download the recall list as an XLSX workbook."""
        single(self, "action_export_xlsx")
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"{self.name.replace('/', '-')}.xlsx",
                "raw": self._get_xlsx(),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/vnd.openxmlformats-officedocument."
                "spreadsheetml.sheet",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    def export_xlsx(self) -> dict:
        """The recall list as an XLSX file, base64-encoded (for integrators).

        :return: ``{"filename": str, "content": base64 str}``
        :raises AccessError: if the user may not read the recall
        :raises ValueError: if called on several recalls at once
        """
        self.ensure_one()
        self.check_access("read")
        return {
            "filename": f"{self.name.replace('/', '-')}.xlsx",
            "content": base64.b64encode(self._get_xlsx()).decode(),
        }

    def _get_xlsx(self):
        """Workbook: sheet *Lots* (lot, product, level, on hand, locations,
        quality state) and sheet *Customers* (customer, delivery, date, lot,
        product, quantity)."""
        self.ensure_one()
        buffer = io.BytesIO()
        book = xlsxwriter.Workbook(buffer, {"in_memory": True})
        bold = book.add_format({"bold": True, "bg_color": "#DDDDDD", "border": 1})
        qty = book.add_format({"num_format": "#,##0.00"})
        date = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        title = book.add_format({"bold": True, "font_size": 14})
        _ = self.env._
        sheet = book.add_worksheet(_("Lots"))
        sheet.write(0, 0, _("Recall %(name)s", name=self.name), title)
        sheet.write(1, 0, self.reason or "")
        headers = [
            _("Lot"),
            _("Product"),
            _("Level"),
            _("On Hand"),
            _("Locations"),
            _("Quality State"),
        ]
        sheet.write_row(3, 0, headers, bold)
        for row, line in enumerate(self.line_ids.sorted(lambda l: (l.level, l.id)), 4):
            sheet.write(row, 0, line.lot_id.name)
            sheet.write(row, 1, line.product_id.display_name)
            sheet.write_number(row, 2, line.level)
            sheet.write_number(row, 3, line.qty_on_hand, qty)
            sheet.write(row, 4, line.locations or "")
            sheet.write(row, 5, line.lot_id._optiwise_quality_label())
        sheet.freeze_panes(4, 1)
        sheet.set_column(0, 1, 24)
        sheet.set_column(4, 5, 30)
        customers = book.add_worksheet(_("Customers"))
        customers.write_row(
            0,
            0,
            [
                _("Customer"),
                _("Delivery"),
                _("Date"),
                _("Lot"),
                _("Product"),
                _("Quantity"),
            ],
            bold,
        )
        for row, delivery in enumerate(self.delivery_ids, 1):
            customers.write(row, 0, delivery.partner_id.display_name or "")
            customers.write(row, 1, delivery.picking_id.name or "")
            if delivery.date_done:
                customers.write_datetime(row, 2, delivery.date_done, date)
            customers.write(row, 3, delivery.lot_id.name)
            customers.write(row, 4, delivery.lot_id.product_id.display_name)
            customers.write_number(row, 5, delivery.quantity, qty)
        customers.freeze_panes(1, 0)
        customers.set_column(0, 4, 24)
        book.close()
        return buffer.getvalue()

    def _check_manager(self):
        if not self.env.user.has_group("optiwise_qc.group_manager"):
            raise AccessError(self.env._("Only a quality manager runs a recall."))
        self.check_access("write")
