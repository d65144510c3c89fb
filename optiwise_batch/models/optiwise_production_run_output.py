# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A run's output: declared, posted through Odoo's own manufacturing orders in
the run's turn, and the lots it is made into."""

from datetime import timedelta

import pytz
from psycopg2.errors import UniqueViolation

from odoo import api, fields, models, modules
from odoo.exceptions import ConcurrencyError, UserError
from odoo.tools import SQL

from ..arguments import as_datetime, as_quantity, as_text, single
from ..batching.lot_names import AI10_MAX_LENGTH, ai10_problem, compact_run_name

# the advisory locks of runs (pg_advisory_lock's first key): "OWRN"
RUN_LOCK_SPACE = 0x4F57524E


class OptiwiseProductionRun(models.Model):
    _inherit = "optiwise.production.run"

    def record_output(
        self,
        qty_good: float,
        qty_scrap: float = 0.0,
        lot_name: str | None = None,
        external_ref: str | None = None,
        at: str | None = None,
        source: str = "rpc",
    ) -> int:
        """Declare output of a running run and post it to stock.

        The declaration produces ``qty_good + qty_scrap`` through a
        manufacturing order of the run (components consumed per the BoM, the
        finished quantity into the lot), then scraps ``qty_scrap`` of it.

        :param float qty_good: good units (>= 0)
        :param float qty_scrap: scrapped units (>= 0); the sum must be > 0
        :param str lot_name: lot of the output; default: the run's lot policy
        :param str external_ref: the caller's id of this declaration; a second
            call with the same reference on the same run returns the first
            declaration and posts nothing
        :param str at: when the output was made (``YYYY-MM-DD HH:MM:SS``,
            UTC); default now; must lie within the run
        :param str source: who declares: ``rpc`` (an integration, default),
            ``manual`` (the declaration form) or ``barcode`` (a scanner)
        :return: id of the ``optiwise.run.output``
        :raises UserError: if the run is not running, a quantity is negative or
            not finite, the lot belongs to another product, ``at`` lies
            outside the run, or the source is unknown
        """
        single(self, "record_output")
        self.check_access("write")
        kwargs = {
            "lot_name": lot_name,
            "external_ref": external_ref,
            "at": at,
            "source": source,
        }
        if self._optiwise_post_in_turn():
            return self._optiwise_record_output_in_turn(qty_good, qty_scrap, **kwargs)
        return self._record_output(qty_good, qty_scrap, **kwargs).id

    def _optiwise_post_in_turn(self):
        """Whether a declaration posted at once waits its turn on the run
        (a served database; not while modules load nor in Odoo's own test
        runner, whose transaction a second connection could not see)."""
        return self.env.registry.ready and not modules.module.current_test

    def _optiwise_record_output_in_turn(self, qty_good, qty_scrap, **kwargs):
        """Declare and post in the run's turn: the callers of one run wait for
        each other instead of failing.

        At REPEATABLE READ a transaction reads as of its first statement, so a
        lock taken inside the caller's transaction would be granted with a
        stale view of the quants its predecessor just changed, and the
        posting would fail with a serialization error (224 of 1,000 calls
        from 20 scanners did, after Odoo's retries). So the declaration is
        made on a connection of its own: it takes the run's advisory lock
        (session-level), ends that first transaction, and declares and posts
        in a new one that sees everything committed before its turn; the lock
        is released once it has committed. The declaration is idempotent by
        ``external_ref`` as ever (a repeat, in its turn, finds the first).
        """
        self.ensure_one()
        key = SQL("pg_advisory_lock(%s, %s)", RUN_LOCK_SPACE, self.id)
        unlock = SQL("SELECT pg_advisory_unlock(%s, %s)", RUN_LOCK_SPACE, self.id)
        # a cursor of its own (never the caller's, which is never committed
        # here): its commits end the waiting transaction and store the turn's
        # work; Odoo's own cron jobs commit their cursors the same way
        with self.env.registry.cursor() as turn_cr:
            turn_cr.execute(SQL("SELECT %s", key))
            try:
                # the first transaction only waited: a fresh one reads all
                # that was committed before this turn
                turn_cr.commit()
                run = self.with_env(self.env(cr=turn_cr))
                output_id = run._record_output(qty_good, qty_scrap, **kwargs).id
                turn_cr.commit()
                return output_id
            finally:
                turn_cr.rollback()
                turn_cr.execute(unlock)
                turn_cr.commit()

    def _record_output(
        self,
        qty_good,
        qty_scrap=0.0,
        lot_name=None,
        external_ref=None,
        at=None,
        source="rpc",
        post=True,
    ):
        """The one path of an output declaration: check it, record it, post it
        (or, with ``post=False``, leave it accepted for the posting job).

        Safe to re-run: a known ``external_ref`` returns the declaration
        already made. The caller has checked the user's right to the run.

        :return: the ``optiwise.run.output``, posted
        """
        self.ensure_one()
        Output = self.env["optiwise.run.output"]
        external_ref = as_text(
            self.env, external_ref, self.env._("The external reference")
        )
        if external_ref:
            known = Output.search(
                [("run_id", "=", self.id), ("external_ref", "=", external_ref)],
                limit=1,
            )
            if known:
                return known
        vals = self._prepare_output_vals(
            qty_good, qty_scrap, lot_name, external_ref, at, source
        )
        # what the posting would refuse, refused now: an accepted declaration
        # is one the posting job posts
        self._optiwise_check_postable(vals["qty_good"] + vals["qty_scrap"])
        try:
            with self.env.cr.savepoint():
                # sudo: declarations are created only here, after the caller's
                # right to write the run was checked and the values were
                # validated; users may read declarations, never create or edit
                # them (no unposted or hand-made declaration can exist). The
                # posting runs as the user.
                output = (
                    Output.sudo()
                    .create(dict(vals, state="posted" if post else "accepted"))
                    .sudo(False)
                )
        except UniqueViolation as exc:
            if not external_ref:
                raise
            # the same declaration, sent again at the same time, committed
            # first: have the request retried, which then finds and returns it
            raise ConcurrencyError(
                self.env._(
                    "Declaration %(ref)s of run %(run)s is being posted by a "
                    "concurrent call: send it again in a moment to get its id.",
                    ref=external_ref,
                    run=self.name,
                )
            ) from exc
        if post:
            output._post()
        else:
            self.env.ref("optiwise_batch.optiwise_run_output_post_cron")._trigger()
        return output

    def declare_output(
        self,
        qty_good: float,
        qty_scrap: float = 0.0,
        lot_name: str | None = None,
        external_ref: str | None = None,
        at: str | None = None,
        source: str = "barcode",
    ) -> dict:
        """Declare output and be acknowledged at once: the declaration is
        checked and stored now (state ``accepted``) and posted to stock by
        the background job within seconds (state ``posted``, or ``failed``
        with the reason). For scanners and line controllers that declare
        every case; ``record_output`` posts before it answers.

        Same checks as :meth:`record_output`; a repeated ``external_ref``
        returns the first declaration.

        :param float qty_good: good units (>= 0)
        :param float qty_scrap: scrapped units (>= 0); the sum must be > 0
        :param str lot_name: lot of the output; default: the run's lot policy
        :param str external_ref: the caller's id of this declaration (a
            scanner's or PLC's): sent again, it returns the first declaration
            and stores nothing
        :param str at: when the output was made (``YYYY-MM-DD HH:MM:SS``,
            UTC); default now; must lie within the run
        :param str source: who declares: ``barcode`` (a scanner, default),
            ``rpc`` (an integration) or ``manual``
        :return: dict ``{"id": int, "state": "accepted"|"posted"|"failed"}``
        :raises UserError: if the run is not running, a quantity is negative or
            not finite, the lot belongs to another product, ``at`` lies
            outside the run, or the source is unknown
        :raises AccessError: if the user may not write runs
        """
        single(self, "declare_output")
        self.check_access("write")
        output = self._record_output(
            qty_good,
            qty_scrap,
            lot_name=lot_name,
            external_ref=external_ref,
            at=at,
            source=source,
            post=False,
        )
        return {"id": output.id, "state": output.state}

    def _prepare_output_vals(
        self, qty_good, qty_scrap, lot_name, external_ref, at, source
    ):
        """Check a declaration and return the values of its output record."""
        self.ensure_one()
        _ = self.env._
        sources = dict(self.env["optiwise.run.output"]._fields["source"].selection)
        if not isinstance(source, str) or source not in sources:
            raise UserError(
                _(
                    "Unknown source %(given)r: give one of %(sources)s.",
                    given=source,
                    sources=", ".join(sources),
                )
            )
        if self.state != "running":
            raise UserError(
                _(
                    "Run %(run)s is %(state)s: output can only be declared "
                    "while it runs.",
                    run=self.name,
                    state=self.state,
                )
            )
        good = as_quantity(self.env, qty_good, _("The good quantity"))
        scrap = as_quantity(
            self.env,
            0.0 if qty_scrap is None or qty_scrap is False else qty_scrap,
            _("The scrap quantity"),
        )
        if good + scrap <= 0:
            raise UserError(
                _(
                    "Declare a positive quantity: good %(good)s and scrap "
                    "%(scrap)s may not be negative, and not both zero.",
                    good=good,
                    scrap=scrap,
                )
            )
        lot_name = as_text(self.env, lot_name, _("The lot name"))
        external_ref = as_text(self.env, external_ref, _("The external reference"))
        at = as_datetime(self.env, at, _("The time of the output"))
        when = at or fields.Datetime.now()
        if when < self.date_start or when > fields.Datetime.now() + timedelta(
            minutes=5
        ):
            raise UserError(
                _(
                    "%(at)s lies outside run %(run)s, which started %(start)s.",
                    at=when,
                    run=self.name,
                    start=self.date_start,
                )
            )
        lot = self._get_output_lot(lot_name, when)
        return {
            "run_id": self.id,
            "date": when,
            "qty_good": good,
            "qty_scrap": scrap,
            "lot_id": lot.id,
            "external_ref": external_ref or False,
            "source": source,
            "user_id": self.env.user.id,
        }

    def _optiwise_check_postable(self, qty):
        """Refuse a declaration of ``qty`` that its posting would refuse: a
        lot-tracked component without enough lots in stock to consume (with
        the declarations accepted and not posted yet of this run counted
        first).

        :raises UserError: naming the component, what is needed and what is
            there
        """
        self.ensure_one()
        bom = self.bom_id
        # only lot-tracked components can be missing at posting (the others
        # are consumed as planned, stock or not): most runs stop here
        if not bom or not self._optiwise_bom_has_tracked_components(bom):
            return
        [(good, scrap)] = self.env["optiwise.run.output"]._read_group(
            [("run_id", "=", self.id), ("state", "=", "accepted")],
            aggregates=["qty_good:sum", "qty_scrap:sum"],
        )
        total = qty + (good or 0.0) + (scrap or 0.0)
        picking_type = self._optiwise_posting_picking_type()
        location = picking_type.default_location_src_id
        if not location:
            return
        factor = self.product_id.uom_id._compute_quantity(total, bom.product_uom_id) / (
            bom.product_qty or 1.0
        )
        _boms, lines = bom.explode(self.product_id, factor)
        Quant = self.env["stock.quant"]
        for line, data in lines:
            component = line.product_id
            if component.tracking == "none" or not component.is_storable:
                continue
            needed = line.product_uom_id._compute_quantity(
                data["qty"], component.uom_id
            )
            available = self._optiwise_component_available(
                Quant, component, location, picking_type
            )
            if component.uom_id.compare(available, needed) < 0:
                raise UserError(
                    self.env._(
                        "Run %(run)s cannot post this declaration: it consumes "
                        "%(needed)s %(uom)s of %(component)s, and %(location)s "
                        "has %(available)s %(uom)s that may be consumed%(more)s. "
                        "Bring lots of %(component)s to the line first.",
                        run=self.name,
                        needed=f"{needed:g}",
                        uom=component.uom_id.name,
                        component=component.display_name,
                        location=location.display_name,
                        available=f"{available:g}",
                        more=self._optiwise_unavailable_note(component, location),
                    )
                )

    @api.model
    def _optiwise_bom_has_tracked_components(self, bom):
        """Whether ``bom`` consumes a lot-tracked storable product, directly
        or through a kit (one query: a scanner's declaration is a hot path)."""
        for model, names in (
            ("mrp.bom.line", ["bom_id", "product_id"]),
            ("product.template", ["tracking", "is_storable"]),
            ("mrp.bom", ["type", "product_tmpl_id", "active"]),
        ):
            self.env[model].flush_model(names)
        rows = self.env.execute_query(
            SQL(
                """
                SELECT 1
                  FROM mrp_bom_line line
                  JOIN product_product product ON product.id = line.product_id
                  JOIN product_template template
                    ON template.id = product.product_tmpl_id
                 WHERE line.bom_id = %(bom)s
                   AND ((template.tracking != 'none' AND template.is_storable)
                        OR EXISTS (
                            SELECT 1 FROM mrp_bom kit
                             WHERE kit.product_tmpl_id = template.id
                               AND kit.type = 'phantom' AND kit.active))
                 LIMIT 1
                """,
                bom=bom.id,
            )
        )
        return bool(rows)

    def _optiwise_posting_picking_type(self):
        """The manufacturing operation type the posting's orders use."""
        self.ensure_one()
        return self.bom_id.picking_type_id or self.env["stock.picking.type"].search(
            [
                ("code", "=", "mrp_operation"),
                ("company_id", "=", self.company_id.id),
            ],
            limit=1,
        )

    def _optiwise_component_available(self, Quant, component, location, picking_type):
        """What of ``component`` a posting may consume at ``location``
        (extension point: quality counts released lots only)."""
        # sudo: a count of stock for the check, nothing read is returned
        return Quant.sudo()._get_available_quantity(component, location)

    def _optiwise_unavailable_note(self, component, location):
        """What else the check's message says of the component (extension
        point: quality names the lots on hold)."""
        return ""

    def _get_output_lot(self, lot_name, when):
        """The lot a declaration goes into: given by name, or from the policy."""
        Lot = self.env["stock.lot"]
        if not lot_name:
            lot_name = self._policy_lot_name(when)
        lot = Lot.search(
            [("product_id", "=", self.product_id.id), ("name", "=", lot_name)],
            limit=1,
        )
        if lot:
            return lot
        other = Lot.search([("name", "=", lot_name)], limit=1)
        if other:
            raise UserError(
                self.env._(
                    "Lot %(lot)s belongs to %(product)s, not to %(run_product)s "
                    "made by run %(run)s.",
                    lot=lot_name,
                    product=other.product_id.display_name,
                    run_product=self.product_id.display_name,
                    run=self.name,
                )
            )
        return Lot.create(
            {
                "name": lot_name,
                "product_id": self.product_id.id,
                "company_id": self.company_id.id,
            }
        )

    def _policy_lot_name(self, when):
        """Lot name the lot policy gives to output made at ``when`` (UTC).

        Every name fits GS1 AI (10) (at most 20 characters): one lot per run
        is the run's name (``RUN-2612-006``); per day and per shift, the
        run's name without separators, the local date and the shift counted
        from 1 (``RUN2612006-1206``, ``RUN2612006-1206-1``).

        :raises UserError: if the run's name is too long to make such a name
            (a lot name must then be given)
        """
        self.ensure_one()
        calendar = self.workcenter_id.resource_calendar_id
        tz = pytz.timezone(calendar.tz or self.env.user.tz or "UTC")
        local = pytz.utc.localize(when).astimezone(tz)
        if self.lot_policy == "run":
            name = self.name.replace("/", "-")
            if len(name) > AI10_MAX_LENGTH:
                name = compact_run_name(self.name)
        elif self.lot_policy == "day":
            name = f"{compact_run_name(self.name)}-{local:%m%d}"
        else:
            name = (
                f"{compact_run_name(self.name)}-{local:%m%d}-{self._shift_index(local)}"
            )
        problem = ai10_problem(name)
        if problem:
            raise UserError(
                self.env._(
                    "Run %(run)s cannot name its lot %(lot)s: %(problem)s. Give "
                    "the lot name with the declaration, or rename the run's "
                    "sequence to a shorter prefix.",
                    run=self.name,
                    lot=name,
                    problem=problem,
                )
            )
        return name

    def _shift_index(self, local):
        """1-based index of the calendar attendance (shift) ``local`` falls in.

        Output after a shift's end, before the next one starts, belongs to the
        shift that ran over (overtime); output before the day's first shift
        to the first one; a day without shifts has one, 1.
        """
        calendar = self.workcenter_id.resource_calendar_id
        hour = local.hour + local.minute / 60
        shifts = calendar.attendance_ids.filtered(
            lambda a: a.dayofweek == str(local.weekday()) and a.day_period != "lunch"
        ).sorted("hour_from")
        index = 1
        for number, shift in enumerate(shifts, start=1):
            if shift.hour_from <= hour:
                index = number
        return index
