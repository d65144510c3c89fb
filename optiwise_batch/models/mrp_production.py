# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import logging
import re
import time
from collections import defaultdict
from datetime import datetime, timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

from .product_template import RUN_MODES

_logger = logging.getLogger(__name__)

SEQ_MARK = "\x00SEQ\x00"
# manufacturing orders still to finish: planned, started, to close
OPEN_PRODUCTION_STATES = ("confirmed", "progress", "to_close")


class MrpProduction(models.Model):
    _inherit = "mrp.production"

    optiwise_run_mode = fields.Selection(
        RUN_MODES,
        compute="_compute_optiwise_run_mode",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
        help="Taken from the product (or the work center of its first operation) "
        "when the order is created; changeable while it is a draft.",
    )
    optiwise_batch_family_id = fields.Many2one(
        "mrp.production",
        string="Planned From",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="The order whose batch planning created this batch. Its batches "
        "share its reference: WH/MO/00012-001, -002, ...",
    )
    optiwise_batch_ids = fields.One2many(
        "mrp.production", "optiwise_batch_family_id", string="Batches", readonly=True
    )
    optiwise_batch_count = fields.Integer(compute="_compute_optiwise_batch_count")
    optiwise_run_id = fields.Many2one(
        "optiwise.production.run",
        string="Continuous Run",
        readonly=True,
        copy=False,
        index="btree_not_null",
        check_company=True,
    )

    @api.depends("product_id", "bom_id")
    def _compute_optiwise_run_mode(self):
        for production in self:
            if (
                production.state not in (False, "draft")
                and production.optiwise_run_mode
            ):
                continue
            workcenter = production.bom_id.operation_ids[:1].workcenter_id
            production.optiwise_run_mode = (
                production.product_id.optiwise_run_mode
                or workcenter.optiwise_default_run_mode
                or production.optiwise_run_mode
                or "batch"
            )

    @api.depends("optiwise_batch_family_id")
    def _compute_optiwise_batch_count(self):
        families = self.optiwise_batch_family_id
        counts = dict(
            self._read_group(
                [("optiwise_batch_family_id", "in", families.ids)],
                ["optiwise_batch_family_id"],
                ["__count"],
            )
        )
        for production in self:
            production.optiwise_batch_count = counts.get(
                production.optiwise_batch_family_id, 0
            )

    def action_plan_batches(self):
        """Split confirmed manufacturing orders into lot-numbered batch orders.

        Each order is cut by its bill of materials (batch size, minimum batch
        size, split strategy, remainder policy) through core splitting, so the
        batches are ordinary manufacturing orders named after the order
        (WH/MO/00012-001, -002, ...), and each batch gets its own lot now, from
        the product's lot pattern or its lot sequence.

        Takes no argument; acts on the orders it is called on.

        :return: the batch orders (``mrp.production``; a list of ids over RPC),
            the original order included as the first batch of its family
        :raises AccessError: if the user may not write manufacturing orders
        :raises UserError: for an order that is not confirmed (draft, started,
            done or cancelled), already planned, not lot-tracked, without a
            batch size on its bill of materials, or whose quantity would give
            no batch; nothing is changed then
        """
        if not self:
            return self
        self.check_access("write")
        if not self.env.user.has_group("optiwise_batch.group_manager"):
            raise AccessError(self.env._("Only a production manager may plan batches."))
        started = time.monotonic()
        amounts = self._optiwise_get_batch_amounts()
        self._optiwise_raise_up_to_batch_total(amounts)
        # sudo: the caller is a production manager who may write these orders
        # (checked above). Core's split renames them, and with mrp_account that
        # rewrites the reference of their analytic lines, which production
        # users may not read; su keeps the user as author of what is created.
        batches = self.sudo()._split_productions(amounts).sudo(False)
        # core returns [order 1, its backorders..., order 2, its backorders...]
        start = 0
        for family in self:
            count = len(amounts[family])
            batches[start : start + count].optiwise_batch_family_id = family
            start += count
        batches._optiwise_assign_batch_lots()
        for family in self:
            family.message_post(
                body=self.env._(
                    "Planned into %(count)s batches: %(names)s.",
                    count=len(family.optiwise_batch_ids),
                    names=", ".join(family.optiwise_batch_ids.mapped("name")),
                )
            )
        _logger.info(
            "planned %d orders into %d batches in %.2f s",
            len(self),
            len(batches),
            time.monotonic() - started,
        )
        return batches

    def _optiwise_get_batch_amounts(self):
        """Check each order may be planned; return ``{order: [qty, ...]}``."""
        problems = []
        amounts = {}
        for production in self:
            problem = production._optiwise_batch_planning_problem()
            if problem:
                problems.append(f"{production.name}: {problem}")
                continue
            bom = production.bom_id
            quantities = bom._optiwise_get_batch_quantities(
                production.product_qty, production.product_uom_id
            )
            if not quantities:
                problems.append(
                    self.env._(
                        "%(mo)s: %(qty)s %(uom)s is below the minimum batch size "
                        "%(min)s and the remainder policy merges it, so no batch "
                        "can be made. Raise the quantity, lower the minimum or "
                        "round up.",
                        mo=production.name,
                        qty=production.product_qty,
                        uom=production.product_uom_id.name,
                        min=bom.optiwise_batch_min_size,
                    )
                )
                continue
            amounts[production] = quantities
        if problems:
            raise UserError(
                self.env._("These orders cannot be planned into batches:\n%s")
                % "\n".join(problems)
            )
        return amounts

    def _optiwise_batch_planning_problem(self):
        """Why this order cannot be planned into batches, or ``None``."""
        self.ensure_one()
        _ = self.env._
        if self.state == "draft":
            return _("it is a draft; confirm it first.")
        if self.state in ("done", "cancel"):
            return _("it is %(state)s.", state=self.state)
        if (
            self.state in ("progress", "to_close")
            or self.product_uom_id.compare(self.qty_producing, 0) > 0
            or any(wo.state in ("progress", "done") for wo in self.workorder_ids)
        ):
            return _("production has started; only orders not started can be split.")
        if self.optiwise_batch_family_id:
            return _(
                "it is already a batch of %(family)s.",
                family=self.optiwise_batch_family_id.name,
            )
        if self.product_id.tracking != "lot":
            return _(
                "%(product)s is not tracked by lots; set its tracking to 'By Lots' "
                "so each batch gets its own lot.",
                product=self.product_id.display_name,
            )
        if not self.bom_id or not self.bom_id.enable_batch_size:
            return _(
                "its bill of materials has no batch size; enable 'Batch Size' on it."
            )
        return None

    def _optiwise_raise_up_to_batch_total(self, amounts):
        """Grow the orders whose batches, rounded up, exceed their quantity."""
        for production, quantities in amounts.items():
            total = sum(quantities)
            if production.product_uom_id.compare(total, production.product_qty) > 0:
                wizard = self.env["change.production.qty"].create(
                    {"mo_id": production.id, "product_qty": total}
                )
                wizard.change_prod_qty()

    def _optiwise_assign_batch_lots(self):
        """Create one lot per batch and make it the lot each batch produces."""
        vals_list = []
        for product, productions in self.grouped("product_id").items():
            names = productions._optiwise_next_batch_lot_names(product)
            for production, name in zip(productions, names, strict=True):
                vals_list.append(production._optiwise_prepare_batch_lot_vals(name))
        lots = self.env["stock.lot"].create(vals_list)
        ordered = self.browse(
            p.id for _product, ps in self.grouped("product_id").items() for p in ps
        )
        for production, lot in zip(ordered, lots, strict=True):
            production.lot_producing_ids = [Command.set(lot.ids)]

    def _optiwise_next_batch_lot_names(self, product, reserve=True):
        """Lot names for these batches of ``product``, in order; with
        ``reserve`` (the default) their numbers are taken."""
        pattern = product.optiwise_lot_name_pattern
        if not pattern:
            sequence = product.lot_sequence_id
            names = [
                sequence.next_by_id()
                if sequence
                else self.env["ir.sequence"].next_by_code("stock.lot.serial")
                for _production in self
            ]
            taken = set(
                self.env["stock.lot"]
                .search([("product_id", "=", product.id), ("name", "in", names)])
                .mapped("name")
            )
            return [
                name
                if name and name not in taken
                else self.env["stock.lot"]._get_next_serial(
                    production.company_id, product
                )
                for production, name in zip(self, names, strict=True)
            ]
        formats = []
        counts = defaultdict(int)
        for production in self:
            fmt = {
                "code": product.default_code or "",
                "date": fields.Datetime.context_timestamp(
                    production, production.date_start or fields.Datetime.now()
                ),
            }
            stem = pattern.replace("{seq", "{seq_").format(seq_=_SeqMark(), **fmt)
            formats.append((stem, fmt))
            counts[stem] += 1
        next_seq = {}
        for stem, count in counts.items():
            existing = self._optiwise_last_lot_seq(product, stem)
            # the numbers are taken (one upsert per stem, safe under
            # concurrent planners), unless only previewed
            # sudo: the counter is bookkeeping no user has rights on; the
            # caller planning these batches was checked above
            next_seq[stem] = (
                self.env["optiwise.lot.counter"]
                .sudo()
                ._take(product, stem.replace(SEQ_MARK, "{seq}"), existing, count)
                if reserve
                else existing + 1
            )
        names = []
        for stem, fmt in formats:
            names.append(pattern.format(seq=next_seq[stem], **fmt))
            next_seq[stem] += 1
        return names

    @api.model
    def _optiwise_demo_history(self, production_id, user_id, days_ago, hours):
        """Demo data only (called by the demo's XML, as the loader): give a
        batch made at installation the history a real one has. It started at
        06:00 ``days_ago`` days before the installation and took ``hours``
        hours, its work orders one after the other, each logged by
        ``user_id``; its done moves are dated at its end."""
        if not self.env.su:
            raise AccessError(self.env._("Only the demo data loader writes history."))
        production = self.browse(production_id)
        user = self.env["res.users"].browse(user_id)
        start = datetime.combine(
            fields.Date.today() - timedelta(days=days_ago), datetime.min.time()
        ) + timedelta(hours=6)
        end = start + timedelta(hours=hours)
        # history, not planning: core's rescheduling and duration rules stay
        # out of it (the batch is done)
        production = production.with_context(
            force_date=True, bypass_duration_calculation=True
        )
        workorders = production.workorder_ids.sorted("sequence")
        step = (end - start) / max(len(workorders), 1)
        for index, workorder in enumerate(workorders):
            begin = start + step * index
            workorder.time_ids.write(
                {"user_id": user.id, "date_start": begin, "date_end": begin + step}
            )
            workorder.write({"date_start": begin, "date_finished": begin + step})
        production.write(
            {"date_start": start, "date_finished": end, "user_id": user.id}
        )
        moves = production.move_raw_ids | production.move_finished_ids
        done = moves.filtered(lambda move: move.state == "done")
        done.write({"date": end})
        done.move_line_ids.write({"date": end})
        return True

    def _optiwise_preview_lot_names(self, count):
        """The lot names ``count`` batches of this order would get, without
        taking them: a pattern's next counters, or the sequence's next
        numbers as it stands."""
        self.ensure_one()
        product = self.product_id
        if product.optiwise_lot_name_pattern:
            return self.browse([self.id] * count)._optiwise_next_batch_lot_names(
                product, reserve=False
            )
        sequence = product.lot_sequence_id or self.env["ir.sequence"].search(
            [("code", "=", "stock.lot.serial")], limit=1
        )
        if not sequence:
            return ["" for _index in range(count)]
        # sudo: reading the sequence's counter, nothing written
        sequence = sequence.sudo()
        start = sequence.number_next_actual
        step = sequence.number_increment
        return [sequence.get_next_char(start + i * step) for i in range(count)]

    def _optiwise_last_lot_seq(self, product, stem):
        """Highest counter among existing lots of ``product`` named like ``stem``."""
        like = stem.replace("%", r"\%").replace("_", r"\_").replace(SEQ_MARK, "%")
        regex = re.compile(
            "^" + re.escape(stem).replace(re.escape(SEQ_MARK), r"(\d+)") + "$"
        )
        lots = self.env["stock.lot"].search_fetch(
            [("product_id", "=", product.id), ("name", "=like", like)], ["name"]
        )
        return max(
            (int(m.group(1)) for m in map(regex.match, lots.mapped("name")) if m),
            default=0,
        )

    def action_optiwise_sequence(self):
        """Open the sequencing of the work center these orders' open work
        orders wait on (from the orders list, where a planner works).

        :return: the Sequence Work Orders wizard, its work orders those of
            these orders
        :raises UserError: if the orders wait on no work center, or on
            several (sequence one work center at a time)
        """
        workorders = self.workorder_ids.filtered(
            lambda w: w.state in ("ready", "blocked")
        )
        workcenters = workorders.workcenter_id
        if len(workcenters) != 1:
            raise UserError(
                self.env._(
                    "Select orders waiting on one work center (these wait on "
                    "%(count)s: %(names)s).",
                    count=len(workcenters),
                    names=", ".join(workcenters.mapped("name")) or "-",
                )
            )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "optiwise_batch.optiwise_sequence_wizard_action"
        )
        action["context"] = {
            "default_workcenter_id": workcenters.id,
            "default_workorder_ids": [Command.set(workorders.ids)],
        }
        return action

    def action_print_batch_record(self):
        """Open the batch record of these orders (HTML; PDF where wkhtmltopdf is).

        :return: an ``ir.actions.report`` action
        """
        self.check_access("read")
        return self.env.ref("optiwise_batch.action_report_batch_record").report_action(
            self
        )

    def _optiwise_prepare_batch_record_data(self):
        """Content of the batch record of one order, section by section.

        The extension point of the batch record: optiwise_qc and
        optiwise_costing add their sections by overriding this method, calling
        ``super()`` and adding keys (each a list of rows or a dict) that their
        templates render. Every quantity is read from Odoo's own records: the
        order, its work orders' time logs, its stock move lines (with their
        lots) and scraps.

        :return: dict with ``production``, ``lots``, ``workcenters``,
            ``date_start``, ``date_finished``, ``quantities``, ``time_logs``,
            ``components``, ``scraps``, ``byproducts``, ``changeovers`` (the
            line clearances before the batch, with their checklists) and
            ``signatures`` (role, names, date: who produced; extensions add
            who checked and who released)
        """
        self.ensure_one()
        finished = self.move_finished_ids.filtered(
            lambda m: m.product_id == self.product_id and m.state == "done"
        )
        produced = sum(finished.mapped("quantity"))
        time_logs = self.workorder_ids.time_ids.sorted("date_start")
        components = [
            {
                "product": line.product_id,
                "lot": line.lot_id,
                "quantity": line.quantity,
                "uom": line.product_uom_id,
            }
            for line in self.move_raw_ids.filtered(
                lambda m: m.state == "done"
            ).move_line_ids.sorted(lambda ml: (ml.product_id.id, ml.lot_id.name or ""))
        ]
        return {
            "production": self,
            "lots": self.lot_producing_ids,
            "workcenters": self.workorder_ids.workcenter_id,
            "date_start": self.date_start,
            "date_finished": self.date_finished if self.state == "done" else False,
            "quantities": {
                "expected": self.product_qty,
                "produced": produced,
                "scrapped": sum(
                    self.scrap_ids.filtered(
                        lambda sc: sc.product_id == self.product_id
                    ).mapped("scrap_qty")
                ),
                "uom": self.product_uom_id,
            },
            "time_logs": [
                {
                    "workcenter": log.workcenter_id,
                    "operator": log.user_id,
                    "loss": log.loss_id,
                    "date_start": log.date_start,
                    "date_end": log.date_end,
                    "minutes": log.duration,
                }
                for log in time_logs
            ],
            "operators": time_logs.user_id | self.user_id,
            "bom": self.bom_id,
            "changeovers": self.env["optiwise.changeover"].search(
                [("to_production_id", "=", self.id)], order="date_start, id"
            ),
            "signatures": [
                {
                    "role": self.env._("Produced by"),
                    "names": (time_logs.user_id or self.user_id).mapped("name"),
                    "date": self.date_finished if self.state == "done" else False,
                }
            ],
            "components": components,
            "scraps": self.scrap_ids,
            "byproducts": self.move_byproduct_ids.filtered(lambda m: m.state == "done"),
        }

    def _optiwise_prepare_batch_lot_vals(self, name):
        """Values of the lot a batch gets when it is planned (extension point)."""
        self.ensure_one()
        return {
            "name": name,
            "product_id": self.product_id.id,
            "company_id": self.company_id.id,
        }


class _SeqMark:
    """Stands for the counter while the stem of a lot name is rendered."""

    def __format__(self, spec):
        return SEQ_MARK
