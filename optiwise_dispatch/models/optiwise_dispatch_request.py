# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import logging
import time
from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

QUEUE_KEY = "optiwise_dispatch.requests"


class OptiwiseDispatchRequest(models.Model):
    """A product whose dispatch must be computed again, soon.

    Whatever changes a delivery's risk (a delivery confirmed or changed, a
    batch rescheduled or finished, a run, a lot decided) queues the products
    concerned once per transaction and triggers the refresh job
    (``ir.cron._trigger``), so the control tower and ``get_dispatch_status``
    agree within a minute instead of the 15 minutes of the full refresh. Rows
    are only inserted (never updated): concurrent transactions never conflict
    on them; the job rebuilds each product once and deletes what it handled.
    """

    _name = "optiwise.dispatch.request"
    _description = "Dispatch Refresh Request"
    _order = "id"

    company_id = fields.Many2one("res.company", required=True, readonly=True)
    product_id = fields.Many2one(
        "product.product", required=True, readonly=True, ondelete="cascade"
    )

    _company_product_idx = models.Index("(company_id, product_id)")

    @api.model
    def _queue(self, pairs):
        """Queue ``(company id, product id)`` pairs; they are written, and the
        job triggered, once when the transaction commits (a pre-commit hook)."""
        pairs = {(c, p) for c, p in pairs if c and p}
        if not pairs:
            return
        precommit = self.env.cr.precommit
        queued = precommit.data.get(QUEUE_KEY)
        if queued is None:
            queued = precommit.data[QUEUE_KEY] = set()
            env = self.env

            @precommit.add
            def write_requests():
                todo = precommit.data.pop(QUEUE_KEY, set())
                if not todo:
                    return
                # sudo: the queue is bookkeeping of derived data; it carries
                # no business value and no user reads it
                env["optiwise.dispatch.request"].sudo().create(
                    [{"company_id": c, "product_id": p} for c, p in sorted(todo)]
                )
                env.ref(
                    "optiwise_dispatch.optiwise_dispatch_request_cron"
                ).sudo()._trigger()

        queued |= pairs

    @api.model
    def _queue_moves(self, moves):
        """Queue the products of these moves (storable ones)."""
        self._queue(
            (move.company_id.id, move.product_id.id)
            for move in moves
            if move.product_id.is_storable
        )

    @api.model
    def _done(self, company_ids=None, product_ids=None):
        """Forget the requests a refresh of this scope handled (one query)."""
        self.flush_model()
        conditions = [SQL("TRUE")]
        if company_ids:
            conditions.append(SQL("company_id = ANY(%s)", list(company_ids)))
        if product_ids is not None:
            conditions.append(SQL("product_id = ANY(%s)", list(product_ids)))
        self.env.execute_query(
            SQL(
                "DELETE FROM optiwise_dispatch_request WHERE %s",
                SQL(" AND ").join(conditions),
            )
        )
        self.invalidate_model()

    @api.model
    def _pending_pairs(self, pairs):
        """Those of ``(company id, product id)`` with a request not handled."""
        if not pairs:
            return set()
        # sudo: the queue is bookkeeping no user has rights on; only whether
        # the caller's own pairs wait is answered
        rows = self.sudo()._read_group(
            [
                ("company_id", "in", [c for c, _p in pairs]),
                ("product_id", "in", [p for _c, p in pairs]),
            ],
            ["company_id", "product_id"],
        )
        return {(c.id, p.id) for c, p in rows} & set(pairs)

    @api.model
    def _cron_process(self, chunk=100):
        """Scheduled action (triggered): rebuild the dispatch of the queued
        products, ``chunk`` at a time per company, committing each chunk (the
        refresh deletes the requests of the products it rebuilt; those queued
        meanwhile are written after it and wait for the next run). Logs one
        line."""
        started = time.monotonic()
        # sudo: the job of derived data (see optiwise.dispatch.line._refresh)
        requests = self.sudo().search([])
        by_company = defaultdict(set)
        for request in requests:
            by_company[request.company_id.id].add(request.product_id.id)
        Line = self.env["optiwise.dispatch.line"].sudo()
        remaining = sum(len(products) for products in by_company.values())
        lines = products_done = 0
        for company_id, product_ids in by_company.items():
            product_ids = sorted(product_ids)
            for index in range(0, len(product_ids), chunk):
                part = product_ids[index : index + chunk]
                # the refresh deletes the requests of its scope
                lines += len(Line._refresh(company_ids=[company_id], product_ids=part))
                products_done += len(part)
                remaining -= len(part)
                if (
                    self.env["ir.cron"]._commit_progress(len(part), remaining=remaining)
                    <= 0
                ):
                    break
        _logger.info(
            "dispatch requests: %d requests, %d products, %d lines in %.2f s",
            len(requests),
            products_done,
            lines,
            time.monotonic() - started,
        )
        return True
