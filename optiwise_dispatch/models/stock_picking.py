# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models

from .optiwise_dispatch_line import RISK_RANK

READINESS = {"done": "shipped", "cancel": "cancelled"}


class StockPicking(models.Model):
    _inherit = "stock.picking"

    optiwise_dispatch_line_ids = fields.One2many(
        "optiwise.dispatch.line", "picking_id", string="Dispatch Lines"
    )
    optiwise_dispatch_risk = fields.Selection(
        [("on_time", "On Time"), ("at_risk", "At Risk"), ("late", "Late")],
        string="Dispatch Risk",
        compute="_compute_optiwise_dispatch",
        store=True,
        index="btree_not_null",
        help="The worst risk of the delivery's lines, as of the last dispatch refresh.",
    )
    optiwise_expected_date = fields.Datetime(
        string="Expected Ready",
        compute="_compute_optiwise_dispatch",
        store=True,
        help="When the last goods the delivery waits on are expected ready.",
    )
    optiwise_production_ids = fields.Many2many(
        "mrp.production",
        compute="_compute_optiwise_production_ids",
        string="Supplying Batches",
    )
    optiwise_production_count = fields.Integer(
        compute="_compute_optiwise_production_ids", string="Batches"
    )

    @api.depends(
        "optiwise_dispatch_line_ids.risk", "optiwise_dispatch_line_ids.expected_date"
    )
    def _compute_optiwise_dispatch(self):
        for picking in self:
            lines = picking.optiwise_dispatch_line_ids
            if not lines:
                picking.optiwise_dispatch_risk = False
                picking.optiwise_expected_date = False
                continue
            worst = max(lines, key=lambda line: RISK_RANK[line.risk])
            picking.optiwise_dispatch_risk = worst.risk
            dates = [d for d in lines.mapped("expected_date") if d]
            picking.optiwise_expected_date = max(dates) if dates else False

    @api.depends("optiwise_dispatch_line_ids.supply_ids.production_id")
    def _compute_optiwise_production_ids(self):
        for picking in self:
            productions = picking.optiwise_dispatch_line_ids.supply_ids.production_id
            picking.optiwise_production_ids = productions
            picking.optiwise_production_count = len(productions)

    def action_view_optiwise_productions(self):
        """Open the batches this delivery waits on."""
        self.ensure_one()
        productions = self.optiwise_production_ids
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mrp.mrp_production_action"
        )
        if len(productions) == 1:
            action.update(
                views=[(False, "form")], view_mode="form", res_id=productions.id
            )
        else:
            action.update(domain=[("id", "in", productions.ids)], context={})
        return action

    def refresh_dispatch_status(self) -> list[dict]:
        """Recompute the dispatch of these deliveries' products, then answer
        as :meth:`get_dispatch_status` (the call that writes; the read alone
        is ``get_dispatch_status``).

        :return: the list :meth:`get_dispatch_status` returns
        :raises AccessError: if the caller may not read one of the pickings
        """
        self.check_access("read")
        # sudo: the dispatch lines are derived data the refresh rebuilds for
        # everyone; what get_dispatch_status returns is filtered by the
        # caller's access
        moves = self.sudo().move_ids
        self.env["optiwise.dispatch.line"].sudo()._refresh(
            company_ids=self.company_id.ids, product_ids=moves.product_id.ids
        )
        return self.get_dispatch_status()

    @api.readonly
    def get_dispatch_status(self) -> list[dict]:
        """Readiness and risk of these deliveries, for integrators.

        Facts are read live: partner, sale order, state, readiness, promised
        and scheduled dates. Computed figures (risk, expected date, reasons,
        jobs, lots, per-line figures) are as of the last dispatch computation,
        which ``computed_at`` dates; ``stale`` is true while a change they
        depend on (the delivery confirmed or changed, a batch rescheduled or
        finished, a lot decided) waits for its refresh, which such a change
        triggers at once (within a minute with a cron worker running); a
        delivery never computed has ``computed_at`` False and ``stale`` true.
        A read that never writes, so Odoo may serve it from a replica;
        :meth:`refresh_dispatch_status` recomputes first.

        Names only what the caller may read: batches, runs, lots and sale
        orders the caller cannot read are left out of the lists and spoken of
        by their kind in the reasons.

        :return: list of dicts, one per picking, in the order given:
            ``id``, ``name``, ``partner`` (name or False), ``sale_order``
            (name or False), ``state``, ``readiness`` (ready: all
            reserved / partially_ready / waiting / shipped / cancelled),
            ``promised_date`` (the earliest deadline, else scheduled date, of
            its open moves), ``scheduled_date``, ``expected_date``
            (strings ``YYYY-MM-DD HH:MM:SS`` UTC or False), ``risk``
            (on_time / at_risk / late, False for a picking that is no open
            delivery or was never computed), ``reasons`` (list of
            sentences), ``jobs`` (list of {model, id, name, planned_finish,
            state}), ``lots`` (list of {id, name}), ``lines`` (per move:
            product, quantity, risk, expected_date, reasons),
            ``computed_at`` (when the figures were computed, or False if
            never) and ``stale`` (bool)
        :raises AccessError: if the caller may not read one of the pickings
        """
        self.check_access("read")
        # sudo: the dispatch lines are derived data; every record named in
        # the answer is filtered by the caller's access below
        lines = self.sudo().optiwise_dispatch_line_ids
        supplies = lines.supply_ids
        visible = {
            "mrp.production": set(
                supplies.production_id.with_env(self.env)._filtered_access("read").ids
            ),
            "optiwise.production.run": set(
                supplies.run_id.with_env(self.env)._filtered_access("read").ids
            ),
            "stock.lot": set(
                supplies.lot_id.with_env(self.env)._filtered_access("read").ids
            ),
        }
        sales = set(
            (lines.sale_id | self.sale_id)
            .with_env(self.env)
            ._filtered_access("read")
            .ids
        )
        # sudo: which products wait for a refresh (bookkeeping, no figures)
        open_moves = self.sudo().move_ids.filtered(
            lambda m: m.state not in ("done", "cancel")
        )
        pending = self.env["optiwise.dispatch.request"]._pending_pairs(
            {(m.company_id.id, m.product_id.id) for m in open_moves}
        )

        def can_see(supply):
            if supply.run_id:
                return supply.run_id.id in visible["optiwise.production.run"]
            if supply.production_id:
                return supply.production_id.id in visible["mrp.production"]
            return not supply.lot_id or supply.lot_id.id in visible["stock.lot"]

        result = []
        for picking in self:
            own = lines.filtered(lambda line, p=picking: line.picking_id == p)
            status = self._optiwise_dispatch_status(
                picking, own, can_see, visible, sales
            )
            moves = open_moves.filtered(lambda m, p=picking: m.picking_id == p)
            status["stale"] = bool(
                moves
                and picking.picking_type_code == "outgoing"
                and (
                    not own
                    or any((m.company_id.id, m.product_id.id) in pending for m in moves)
                )
            )
            result.append(status)
        return result

    @api.model
    def _optiwise_readiness(self, picking):
        """ready (all reserved), partially_ready, waiting, shipped, cancelled."""
        if picking.state in READINESS:
            return READINESS[picking.state]
        moves = picking.move_ids.filtered(lambda m: m.state != "cancel")
        if moves and all(m.state == "assigned" for m in moves):
            return "ready"
        if any(m.quantity for m in moves):
            return "partially_ready"
        return "waiting"

    @api.model
    def _optiwise_dispatch_status(self, picking, lines, can_see, visible, sales):
        """One picking's answer of :meth:`get_dispatch_status`."""
        to_string = fields.Datetime.to_string
        risk = False
        if lines:
            risk = max(lines, key=lambda line: RISK_RANK[line.risk]).risk
        sale_orders = (picking.sale_id or lines.sale_id).filtered(
            lambda s: s.id in sales
        )
        jobs = []
        for production in lines.supply_ids.production_id:
            if production.id in visible["mrp.production"]:
                jobs.append(
                    {
                        "model": "mrp.production",
                        "id": production.id,
                        "name": production.name,
                        "planned_finish": to_string(production.date_finished) or False,
                        "state": production.state,
                    }
                )
        for run in lines.supply_ids.run_id:
            if run.id in visible["optiwise.production.run"]:
                jobs.append(
                    {
                        "model": "optiwise.production.run",
                        "id": run.id,
                        "name": run.name,
                        "planned_finish": False,
                        "state": run.state,
                    }
                )
        lots = [
            {"id": lot.id, "name": lot.name}
            for lot in lines.supply_ids.lot_id
            if lot.id in visible["stock.lot"]
        ]
        per_line = []
        reasons = []
        for line in lines:
            line_reasons = line._reasons(visible=can_see)
            reasons += line_reasons
            per_line.append(
                {
                    "move_id": line.move_id.id,
                    "product": line.product_id.display_name,
                    "quantity": line.product_qty,
                    "risk": line.risk,
                    "expected_date": to_string(line.expected_date) or False,
                    "reasons": line_reasons,
                }
            )
        # a fact, read live from the open moves (as the lines compute it)
        promised = [
            move.date_deadline or move.date
            for move in picking.move_ids
            if move.state not in ("done", "cancel")
        ]
        expected = [d for d in lines.mapped("expected_date") if d]
        return {
            "id": picking.id,
            "name": picking.name,
            "partner": picking.partner_id.display_name or False,
            "sale_order": ", ".join(sale_orders.mapped("name")) or False,
            "state": picking.state,
            "readiness": self._optiwise_readiness(picking),
            "promised_date": to_string(min(promised)) if promised else False,
            "scheduled_date": to_string(picking.scheduled_date) or False,
            "expected_date": to_string(max(expected)) if expected else False,
            "risk": risk,
            "reasons": reasons,
            "jobs": jobs,
            "lots": lots,
            "lines": per_line,
            "computed_at": to_string(max(lines.mapped("computed_at")))
            if lines
            else False,
        }
