# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import logging
import time
from collections import defaultdict
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.tools.misc import formatLang

from odoo.addons.optiwise_batch.models.mrp_production import OPEN_PRODUCTION_STATES

from ..dispatch import classify, peg

_logger = logging.getLogger(__name__)

OPEN_MOVE_STATES = ("waiting", "confirmed", "partially_available", "assigned")
OPEN_RUN_STATES = ("draft", "running", "paused")
RISK_RANK = {"on_time": 0, "at_risk": 1, "late": 2}
# how many steps a delivery may sit below the batch that makes it (pick,
# pack, ship, ...)
MAX_CHAIN_DEPTH = 6


class OptiwiseDispatchLine(models.Model):
    """One open customer delivery move, what supplies it and its risk.

    Derived data: :meth:`_refresh` rebuilds the lines of the open outgoing
    moves set-wise (a cron every 15 minutes, the Dispatch menu, the control
    tower's refresh, :meth:`stock.picking.get_dispatch_status`). Nobody writes
    them by hand.
    """

    _name = "optiwise.dispatch.line"
    _description = "Dispatch Line"
    _order = "risk_rank desc, promised_date, id"
    _rec_name = "move_id"

    move_id = fields.Many2one(
        "stock.move", required=True, ondelete="cascade", readonly=True
    )
    picking_id = fields.Many2one(
        "stock.picking", string="Delivery", readonly=True, index=True
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    sale_line_id = fields.Many2one("sale.order.line", readonly=True)
    sale_id = fields.Many2one(
        related="sale_line_id.order_id", string="Sale Order", store=True
    )
    product_id = fields.Many2one("product.product", readonly=True, index=True)
    product_uom_id = fields.Many2one(related="product_id.uom_id")
    # quantities of different products: never summed across them
    product_qty = fields.Float(
        string="Quantity", digits="Product Unit", readonly=True, aggregator=None
    )
    mode = fields.Selection(
        [("mto", "Make to Order"), ("mts", "Make to Stock")],
        readonly=True,
        help="Make to order: the batches linked to the delivery by Odoo's move "
        "chain. Make to stock: reserved lots, then free stock and open batches "
        "and runs, first promised first served.",
    )
    promised_date = fields.Datetime(
        readonly=True, help="The move's deadline, or its scheduled date."
    )
    expected_date = fields.Datetime(
        string="Expected Ready",
        readonly=True,
        help="When the last supply it waits on is ready (planned finish of the "
        "batch or run, plus the QC lead time while its lot awaits a decision).",
    )
    shortage_qty = fields.Float(
        string="Without Supply", digits="Product Unit", readonly=True
    )
    risk = fields.Selection(
        # the most urgent first: kanban columns and group-bys in that order
        [("late", "Late"), ("at_risk", "At Risk"), ("on_time", "On Time")],
        readonly=True,
        group_expand=True,
        index=True,
    )
    risk_rank = fields.Integer(readonly=True)
    computed_at = fields.Datetime(readonly=True)
    supply_ids = fields.One2many(
        "optiwise.dispatch.supply", "line_id", string="Supplies", readonly=True
    )
    # computed as superuser (a relation is written even when empty, which
    # asks for access to its model); each kind is kept only for a reader
    # who may read it (see _compute_supplying)
    production_ids = fields.Many2many(
        "mrp.production",
        compute="_compute_supplying",
        compute_sudo=True,
        string="Supplying Batches",
    )
    run_ids = fields.Many2many(
        "optiwise.production.run",
        compute="_compute_supplying",
        compute_sudo=True,
        string="Runs",
    )
    lot_ids = fields.Many2many(
        "stock.lot",
        compute="_compute_supplying",
        compute_sudo=True,
        search="_search_lot_ids",
        string="Lots",
    )
    reason = fields.Text(compute="_compute_reason")

    _move_uniq = models.UniqueIndex("(move_id)")

    @api.depends("supply_ids.production_id", "supply_ids.run_id", "supply_ids.lot_id")
    def _compute_supplying(self):
        # a reader sees the supplies of the kinds he may read (a warehouse
        # clerk without manufacturing rights reads the lots, not the runs)
        reader = self.env(su=False)
        readable = {
            model: reader[model].has_access("read")
            for model in ("mrp.production", "optiwise.production.run", "stock.lot")
        }
        for line in self:
            supplies = line.supply_ids
            line.production_ids = (
                supplies.production_id if readable["mrp.production"] else False
            )
            line.run_ids = (
                supplies.run_id if readable["optiwise.production.run"] else False
            )
            line.lot_ids = supplies.lot_id if readable["stock.lot"] else False

    def _search_lot_ids(self, operator, value):
        return [("supply_ids.lot_id", operator, value)]

    @api.depends_context("lang")
    @api.depends("supply_ids", "shortage_qty", "risk")
    def _compute_reason(self):
        for line in self:
            line.reason = "\n".join(line._reasons(visible=lambda supply: True))

    def _reasons(self, visible):
        """The line's reasons in words.

        :param visible: callable(supply) -> whether the reader may see the
            record the supply names
        """
        self.ensure_one()
        reasons = []
        if (
            self.promised_date
            and self.computed_at
            and (self.promised_date < self.computed_at)
        ):
            reasons.append(
                self.env._(
                    "Promised %(delay)s ago",
                    delay=self._duration_words(self.computed_at - self.promised_date),
                )
            )
        reasons += [
            text
            for supply in self.supply_ids
            if (text := supply._reason_text(visible=visible(supply)))
        ]
        if self.shortage_qty:
            reasons.append(
                self.env._(
                    "%(qty)s %(uom)s without supply: no free stock, no open batch "
                    "or run",
                    qty=formatLang(
                        self.env,
                        self.product_uom_id.round(self.shortage_qty),
                        dp="Product Unit",
                    ),
                    uom=self.product_uom_id.name,
                )
            )
        return reasons

    def _margin(self):
        """How close to the promise a ready date puts the line at risk."""
        self.ensure_one()
        return timedelta(hours=self.company_id.optiwise_dispatch_margin_hours)

    @api.model
    def _duration_words(self, delta):
        """A timedelta in words: hours below two days, days above."""
        hours = delta.total_seconds() / 3600
        if hours < 24:
            hours = max(round(hours), 1)
            if hours == 1:
                return self.env._("1 hour")
            return self.env._("%(count)s hours", count=hours)
        days = round(hours / 24, 1)
        if days == 1:
            return self.env._("1 day")
        return self.env._("%(count)s days", count=f"{days:g}")

    # ------------------------------------------------------------------
    # Public
    # ------------------------------------------------------------------

    def action_refresh(self):
        """Rebuild every dispatch line the user's companies have.

        :return: the Dispatch action, for the button that calls it
        :raises AccessError: if the user may not read dispatch lines
        """
        self.check_access("read")
        self._refresh(company_ids=self.env.companies.ids)
        return self.env["ir.actions.act_window"]._for_xml_id(
            "optiwise_dispatch.optiwise_dispatch_line_action"
        )

    # ------------------------------------------------------------------
    # Engine
    # ------------------------------------------------------------------

    @api.model
    def _dispatch_move_domain(self, company_ids=None, product_ids=None):
        """Open customer delivery moves of storable products."""
        domain = [
            ("state", "in", OPEN_MOVE_STATES),
            ("picking_id", "!=", False),
            ("picking_type_id.code", "=", "outgoing"),
            ("product_id.is_storable", "=", True),
        ]
        if company_ids:
            domain.append(("company_id", "in", company_ids))
        if product_ids is not None:
            domain.append(("product_id", "in", product_ids))
        return domain

    @api.model
    def _refresh(self, company_ids=None, product_ids=None):
        """Rebuild the lines of the open delivery moves, set-wise.

        Idempotent: running it twice gives the same lines, so a retried
        transaction is harmless. Runs as superuser: the lines are derived
        data, and readers see them through their own access rules.

        :param list company_ids: limit to these companies (all if None)
        :param list product_ids: limit to these products (pegging is per
            product, so this rebuilds every line of each product)
        :return: the new lines
        """
        # sudo: the lines are derived data, rebuilt whole for every reader
        # (pegging needs every delivery and supply of a product, whoever
        # asks); readers see the lines through their ACLs and company rules,
        # and nothing a caller passes reaches a write but ids it filters on
        Line = self.sudo()
        moves = (
            self.env["stock.move"]
            .sudo()  # same reason: all open deliveries of the scope
            .search(Line._dispatch_move_domain(company_ids, product_ids))
        )
        # every line of the scope is either rebuilt below or stale
        scope = []
        if company_ids:
            scope.append(("company_id", "in", company_ids))
        if product_ids is not None:
            scope.append(("product_id", "in", product_ids))
        Line.search(scope).unlink()
        # what was queued for this scope is done now (see
        # optiwise.dispatch.request): the figures are no longer stale (one
        # query; rows queued by transactions not committed yet stay queued)
        self.env["optiwise.dispatch.request"]._done(company_ids, product_ids)
        now = fields.Datetime.now()
        vals_list = Line._prepare_dispatch_line_vals_list(moves, now)
        return Line.create(vals_list)

    @api.model
    def _prepare_dispatch_line_vals_list(self, moves, now):
        """Line values of ``moves``: supplies, pegging, ready date and risk."""
        chains = self._dispatch_chains(moves)
        reserved = self._dispatch_reserved_supplies(moves, chains, now)
        demands = []
        supplies = []
        mto_keys = {}
        for move in moves:
            productions = chains[move.id]["productions"]
            open_qty = move.product_qty - sum(s["qty"] for s in reserved[move.id])
            if productions:
                group = ("mto", tuple(sorted(productions.ids)))
                mto_keys[group] = productions
            else:
                # make to stock, or made to order by batches already done
                # whose lots are not reserved (e.g. awaiting QC): pegged on
                # stock like any other
                group = ("mts", move.product_id.id, self._dispatch_warehouse(move).id)
            if open_qty > move.product_uom.rounding / 2:
                demands.append(
                    {
                        "key": move.id,
                        "product": group,
                        "qty": open_qty,
                        "promised": self._dispatch_promised(move),
                    }
                )
        for group, productions in mto_keys.items():
            supplies += self._dispatch_production_supplies(productions, group, now)
        mts_groups = {d["product"] for d in demands if d["product"][0] == "mts"}
        if mts_groups:
            claimed = set()
            for productions in mto_keys.values():
                claimed.update(productions.ids)
            supplies += self._dispatch_mts_supplies(mts_groups, now, claimed)
        self._dispatch_adjust_supplies(
            supplies
            + [s for move_supplies in reserved.values() for s in move_supplies],
            now,
        )
        supplies = [s for s in supplies if s["qty"] > 0 and not s.get("excluded")]
        by_key = {s["key"]: s for s in supplies}
        pegged = peg(demands, supplies)
        vals_list = []
        for move in moves:
            allocation = pegged.get(move.id, {"allocations": [], "shortage": 0.0})
            taken = list(reserved[move.id])
            for key, qty, _ready in allocation["allocations"]:
                taken.append(dict(by_key[key], qty=qty))
            vals_list.append(
                self._prepare_dispatch_line_vals(
                    move, chains[move.id], taken, allocation["shortage"], now
                )
            )
        return vals_list

    @api.model
    def _dispatch_promised(self, move):
        return move.date_deadline or move.date

    @api.model
    def _dispatch_warehouse(self, move):
        return move.picking_type_id.warehouse_id or move.location_id.warehouse_id

    @api.model
    def _dispatch_chains(self, moves):
        """Per delivery move: the open batches upstream in the move chain.

        Walks ``move_orig_ids`` level by level (one read per level): a move
        made by a batch (``production_id``) is a make-to-order link, done or
        not; an open move that is not made by a batch is followed further up.
        Open batches of the same product under the move's ``stock.reference``
        whose output goes nowhere else are linked too (procurement with a
        batch size orders several and chains one).

        :return: {move id: {"mto": bool, "productions": open batches,
            "moves": the open upstream moves, whose reservations count}}
        """
        Production = self.env["mrp.production"]
        chains = {
            move.id: {"mto": False, "productions": Production, "moves": move}
            for move in moves
        }
        roots = {move.id: {move.id} for move in moves}
        level = moves
        for _depth in range(MAX_CHAIN_DEPTH):
            next_roots = defaultdict(set)
            for move in level:
                for upstream in move.move_orig_ids:
                    if upstream.state == "cancel":
                        continue
                    for root in roots[move.id]:
                        if upstream.production_id:
                            chains[root]["mto"] = True
                            if upstream.production_id.state in OPEN_PRODUCTION_STATES:
                                chains[root]["productions"] |= upstream.production_id
                        elif upstream.state != "done":
                            chains[root]["moves"] |= upstream
                            next_roots[upstream.id].add(root)
            if not next_roots:
                break
            roots = next_roots
            level = self.env["stock.move"].browse(list(next_roots))
        # batches ordered for the same need but not chained: core's batch size
        # procures several orders and chains only one; the others share the
        # delivery's stock.reference
        for move in moves:
            siblings = move.reference_ids.production_ids.filtered(
                lambda p, move=move: (
                    p.product_id == move.product_id
                    and p.state in OPEN_PRODUCTION_STATES
                    and not p.move_finished_ids.move_dest_ids
                )
            )
            if siblings:
                chains[move.id]["mto"] = True
                chains[move.id]["productions"] |= siblings
        return chains

    @api.model
    def _dispatch_reserved_supplies(self, moves, chains, now):
        """Per move: what is already reserved for it (on it or upstream)."""
        reserved = {}
        for move in moves:
            lines = chains[move.id]["moves"].move_line_ids.filtered(
                lambda ml: ml.state not in ("done", "cancel")
            )
            per_lot = defaultdict(float)
            for move_line in lines:
                per_lot[move_line.lot_id] += move_line.quantity_product_uom
            reserved[move.id] = [
                {
                    "key": ("reserved", move.id, lot.id),
                    "kind": "reserved",
                    "lot_id": lot.id,
                    "product_id": move.product_id.id,
                    "qty": min(qty, move.product_qty),
                    "ready": now,
                    "finish": False,
                }
                for lot, qty in per_lot.items()
                if qty > 0
            ]
        return reserved

    @api.model
    def _dispatch_production_supplies(self, productions, group, now):
        """Open batches as supplies: what is left to make, at the planned finish."""
        supplies = []
        for production in productions:
            left = production.product_uom_id._compute_quantity(
                production.product_qty - production.qty_produced,
                production.product_id.uom_id,
            )
            if left <= 0:
                continue
            finish = production.date_finished or now
            supplies.append(
                {
                    "key": ("production", production.id, group),
                    "product": group,
                    "kind": "production",
                    "production_id": production.id,
                    "product_id": production.product_id.id,
                    "qty": left,
                    "ready": max(finish, now),
                    "finish": finish,
                }
            )
        return supplies

    @api.model
    def _dispatch_mts_supplies(self, groups, now, claimed=()):
        """Free stock, then open batches and runs, of the make-to-stock groups.

        ``claimed``: ids of batches already serving make-to-order deliveries.

        One grouped read of the quants, one search of the batches and one of
        the runs, whatever the number of lines.
        """
        product_ids = list({group[1] for group in groups})
        supplies = []
        rows = self.env["stock.quant"]._read_group(
            [
                ("product_id", "in", product_ids),
                ("location_id.usage", "=", "internal"),
            ],
            ["product_id", "lot_id", "location_id"],
            ["quantity:sum", "reserved_quantity:sum"],
        )
        free = defaultdict(float)
        for product, lot, location, quantity, reserved in rows:
            group = ("mts", product.id, location.warehouse_id.id)
            if group in groups:
                free[group, lot] += quantity - reserved
        for (group, lot), qty in free.items():
            if qty > 0:
                supplies.append(
                    {
                        "key": ("stock", group, lot.id),
                        "product": group,
                        "kind": "stock",
                        "lot_id": lot.id,
                        "product_id": group[1],
                        "qty": qty,
                        "ready": now,
                        "finish": False,
                    }
                )
        productions = self.env["mrp.production"].search(
            [
                ("product_id", "in", product_ids),
                ("state", "in", OPEN_PRODUCTION_STATES),
                ("move_dest_ids", "=", False),
            ]
        )
        for production in productions:
            if production.id in claimed:
                continue
            group = (
                "mts",
                production.product_id.id,
                production.picking_type_id.warehouse_id.id,
            )
            if group in groups:
                supplies += self._dispatch_production_supplies(production, group, now)
        runs = self.env["optiwise.production.run"].search(
            [("product_id", "in", product_ids), ("state", "in", OPEN_RUN_STATES)]
        )
        warehouses = {
            company: self.env["stock.warehouse"].search(
                [("company_id", "=", company.id)], limit=1
            )
            for company in runs.company_id
        }
        for run in runs:
            group = ("mts", run.product_id.id, warehouses[run.company_id].id)
            left = run.planned_qty - run.produced_qty
            if group not in groups or left <= 0 or run.standard_rate <= 0:
                continue
            finish = now + timedelta(hours=left / run.standard_rate)
            supplies.append(
                {
                    "key": ("run", run.id),
                    "product": group,
                    "kind": "run",
                    "run_id": run.id,
                    "product_id": run.product_id.id,
                    "qty": left,
                    "ready": finish,
                    "finish": finish,
                }
            )
        return supplies

    @api.model
    def _dispatch_adjust_supplies(self, supplies, now):
        """Hook: change supplies before pegging, set-wise.

        Each supply is a dict with ``kind``, ``qty``, ``ready`` (datetime),
        ``finish``, ``lot_id``, ``production_id``, ``run_id``, ``product_id``.
        An extension may push ``ready`` later and record why (``qc_hours``),
        mark it ``blocked`` (it cannot ship as it is: the line is late), give
        it a ``rank`` (pegged after the supplies of lower ranks) or mark it
        ``excluded`` (no supply at all).
        """
        return supplies

    @api.model
    def _prepare_dispatch_line_vals(self, move, chain, supplies, shortage, now):
        """Values of one line from the supplies pegged to it."""
        promised = self._dispatch_promised(move)
        ready = max((s["ready"] for s in supplies), default=None)
        margin = timedelta(hours=move.company_id.optiwise_dispatch_margin_hours)
        risk = classify(promised, ready, now, shortage=shortage, margin=margin)
        if any(s.get("blocked") for s in supplies):
            # goods on hold: no date can be promised until they are released
            risk = "late"
            ready = None
        return {
            "move_id": move.id,
            "picking_id": move.picking_id.id,
            "company_id": move.company_id.id,
            "partner_id": (move.picking_id.partner_id or move.partner_id).id,
            "sale_line_id": move.sale_line_id.id,
            "product_id": move.product_id.id,
            "product_qty": move.product_qty,
            "mode": "mto" if chain["mto"] else "mts",
            "promised_date": promised,
            "expected_date": ready,
            "shortage_qty": shortage,
            "risk": risk,
            "risk_rank": RISK_RANK[risk],
            "computed_at": now,
            "supply_ids": [
                Command.create(self._prepare_dispatch_supply_vals(supply))
                for supply in supplies
            ],
        }

    @api.model
    def _prepare_dispatch_supply_vals(self, supply):
        return {
            "kind": supply["kind"],
            "production_id": supply.get("production_id", False),
            "run_id": supply.get("run_id", False),
            "lot_id": supply.get("lot_id") or False,
            "qty": supply["qty"],
            "ready_date": supply["ready"],
            "finish_date": supply.get("finish") or False,
            "qc_hours": supply.get("qc_hours", 0.0),
            "blocked": supply.get("blocked", False),
        }

    @api.model
    def _cron_refresh(self, chunk=200):
        """Scheduled action: rebuild every company's lines, ``chunk``
        products at a time (pegging is per product), committing each chunk
        (``ir.cron._commit_progress``): a worker stopped midway leaves the
        chunks it finished rebuilt, and the next run rebuilds everything
        again, which is idempotent. Logs one line."""
        started = time.monotonic()
        # sudo: the lines are derived data rebuilt for every reader (see
        # _refresh); the scope is every open delivery move
        groups = (
            self.env["stock.move"]
            .sudo()
            ._read_group(self._dispatch_move_domain(), ["company_id", "product_id"])
        )
        scope = defaultdict(list)
        for company, product in groups:
            scope[company.id].append(product.id)
        # lines of products that no longer have an open delivery
        self.sudo().search(
            [("product_id", "not in", [p.id for _c, p in groups])]
        ).unlink()
        remaining = len(groups)
        count = 0
        for company_id, product_ids in scope.items():
            for index in range(0, len(product_ids), chunk):
                part = product_ids[index : index + chunk]
                count += len(self._refresh(company_ids=[company_id], product_ids=part))
                remaining -= len(part)
                if (
                    self.env["ir.cron"]._commit_progress(len(part), remaining=remaining)
                    <= 0
                ):
                    break
            else:
                continue
            break
        _logger.info(
            "dispatch refresh: %d lines for %d products in %.2f s",
            count,
            len(groups),
            time.monotonic() - started,
        )
        return True
