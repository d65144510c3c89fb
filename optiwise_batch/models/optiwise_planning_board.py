# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The planning board's data, and what a drag of one work order changes."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .. import planning
from ..arguments import as_datetime, as_int, as_record, as_records

# the longest window the board reads at once
MAX_DAYS = 62


class OptiwisePlanning(models.AbstractModel):
    _inherit = "optiwise.planning"

    @api.model
    @api.readonly
    def get_board_data(
        self,
        date_from: str,
        date_to: str,
        workcenter_ids: list[int] | None = None,
        proposal_id: int | None = None,
    ) -> dict:
        """Everything the planning board shows between two moments, in one
        request whose query count does not grow with the items.

        :param str date_from: start of the window (``YYYY-MM-DD HH:MM:SS``, UTC)
        :param str date_to: end of the window, at most 62 days later
        :param list workcenter_ids: the rows; default every work center with
            work orders in the window
        :param int proposal_id: a planning proposal to show beside the
            current plan (its slots and figures)
        :return: dict with ``rows`` (work centers: ``id``, ``name``,
            ``closed`` [[from, to], ...]), ``items`` (work orders: ``id``,
            ``row``, ``name``, ``production``, ``product``, ``family``,
            ``color``, ``start``, ``end``, ``minutes``, ``state``,
            ``progress`` (%), ``due``, ``late``, ``readiness``,
            ``readiness_text``, ``missing`` [{``product``, ``qty``,
            ``uom``, ``expected``}], ``hold``), ``changeovers`` (``row``,
            ``workorder_id``, ``start``, ``end``, ``minutes``), ``runs``
            (continuous runs under way or done in the window), ``markers``
            (promise dates: ``row``, ``workorder_id``, ``at``, ``label``),
            ``proposal`` (or False) and ``now``; every time a UTC string
        :raises UserError: on a bad window or ids
        """
        _ = self.env._
        self.env["mrp.workorder"].check_access("read")
        start = as_datetime(self.env, date_from, _("Start of the window"))
        stop = as_datetime(self.env, date_to, _("End of the window"))
        if not start or not stop or stop <= start:
            raise UserError(_("Give a window whose end comes after its start."))
        if stop - start > timedelta(days=MAX_DAYS):
            raise UserError(
                _("The board shows at most %(days)s days at once.", days=MAX_DAYS)
            )
        rows = self.env["mrp.workcenter"]
        if workcenter_ids not in (None, False):
            rows = as_records(self.env, "mrp.workcenter", workcenter_ids, _("Rows"))
        proposal = as_record(
            self.env,
            "optiwise.planning.proposal",
            proposal_id or False,
            _("Proposal"),
            required=False,
        )
        workorders = self.env["mrp.workorder"].search(
            [
                ("date_start", "<", stop),
                ("date_finished", ">", start),
                ("state", "!=", "cancel"),
            ]
            + ([("workcenter_id", "in", rows.ids)] if rows else []),
            order="date_start, id",
        )
        if not rows:
            # the work centers at work in the window, and those their work
            # orders could move to
            rows = workorders.workcenter_id | proposal.line_ids.workcenter_id
            rows |= rows.alternative_workcenter_ids
        rows = rows.sorted(lambda wc: (wc.sequence, wc.id))
        runs = self.env["optiwise.production.run"].search(
            [
                ("workcenter_id", "in", rows.ids),
                ("date_start", "!=", False),
                ("date_start", "<", stop),
                "|",
                ("date_stop", "=", False),
                ("date_stop", ">", start),
            ]
        )
        return {
            "date_from": fields.Datetime.to_string(start),
            "date_to": fields.Datetime.to_string(stop),
            "now": fields.Datetime.to_string(fields.Datetime.now()),
            "rows": self._optiwise_board_rows(rows, start, stop),
            **self._optiwise_board_items(workorders),
            "runs": [
                {
                    "id": run.id,
                    "row": run.workcenter_id.id,
                    "name": run.name,
                    "product": run.product_id.display_name,
                    "start": fields.Datetime.to_string(run.date_start),
                    "end": fields.Datetime.to_string(
                        run.date_stop or fields.Datetime.now()
                    ),
                    "state": run.state,
                    "progress": round(run.progress, 1),
                }
                for run in runs
            ],
            "proposal": self._optiwise_board_proposal(proposal),
        }

    @api.model
    def _optiwise_board_rows(self, rows, start, stop):
        """Each work center and its closed time in the window."""
        result = []
        for wc in rows:
            calendar = self._optiwise_calendar(
                wc, start, horizon_days=(stop - start).days + 1
            )
            closed, cursor = [], 0.0
            end = (stop - start).total_seconds() / 60
            if not calendar.always:
                for a, b in zip(calendar.starts, calendar.ends, strict=True):
                    if a > cursor:
                        closed.append((cursor, min(a, end)))
                    cursor = b
                if cursor < end:
                    closed.append((cursor, end))
            result.append(
                {
                    "id": wc.id,
                    "name": wc.display_name,
                    "closed": [
                        [
                            fields.Datetime.to_string(self._optiwise_moment(start, a)),
                            fields.Datetime.to_string(self._optiwise_moment(start, b)),
                        ]
                        for a, b in closed
                        if b > a
                    ],
                }
            )
        return result

    @api.model
    def _optiwise_board_items(self, workorders):
        """The work orders as the board draws them, their changeovers and the
        promise dates waiting on them."""
        to_string = fields.Datetime.to_string
        productions = workorders.production_id
        due = productions._optiwise_planning_due()
        holds = productions._optiwise_planning_holds()
        last = workorders.filtered(lambda wo: not wo.needed_by_workorder_ids)
        productions.mapped("components_availability_state")  # one batch
        items, changeovers, markers = [], [], []
        for wo in workorders:
            production = wo.production_id
            deadline, _weight = due.get(production.id, (None, 1.0))
            is_last = wo in last
            late = bool(is_last and deadline and wo.date_finished > deadline)
            family = wo.product_id.optiwise_changeover_family_id
            done_minutes = sum(wo.time_ids.mapped("duration"))
            items.append(
                {
                    "id": wo.id,
                    "row": wo.workcenter_id.id,
                    "name": wo.display_name,
                    "production": production.name,
                    "production_id": production.id,
                    "product": wo.product_id.display_name,
                    "qty": production.product_qty,
                    "uom": production.product_uom_id.name,
                    "family": family.name or False,
                    "color": family.color or 0,
                    "start": to_string(wo.date_start),
                    "end": to_string(wo.date_finished),
                    "minutes": wo.duration_expected,
                    "state": wo.state,
                    "progress": round(
                        100 * min(done_minutes / wo.duration_expected, 1.0)
                        if wo.duration_expected
                        else 0.0,
                        1,
                    ),
                    "due": to_string(deadline) if is_last and deadline else False,
                    "late": late,
                    "readiness": production.components_availability_state or False,
                    "readiness_text": production.components_availability or False,
                    "missing": self._optiwise_board_missing(production)
                    if production.components_availability_state
                    in ("unavailable", "late")
                    else [],
                    "hold": holds.get(production.id) or False,
                }
            )
            leave = wo.optiwise_changeover_leave_id
            if leave:
                changeovers.append(
                    {
                        "row": wo.workcenter_id.id,
                        "workorder_id": wo.id,
                        "start": to_string(leave.date_from),
                        "end": to_string(leave.date_to),
                        "minutes": (leave.date_to - leave.date_from).total_seconds()
                        / 60,
                    }
                )
            if is_last and deadline:
                markers.append(
                    {
                        "row": wo.workcenter_id.id,
                        "workorder_id": wo.id,
                        "at": to_string(deadline),
                        "label": self.env._("%(mo)s due", mo=production.name),
                    }
                )
        return {"items": items, "changeovers": changeovers, "markers": markers}

    @api.model
    def _optiwise_board_missing(self, production):
        """The components short for ``production``: product, quantity short,
        unit and when expected (core's forecast)."""
        return [
            {
                "product": move.product_id.display_name,
                "qty": move.product_qty - move.forecast_availability,
                "uom": move.product_uom.name,
                "expected": fields.Datetime.to_string(move.forecast_expected_date)
                if move.forecast_expected_date
                else False,
            }
            for move in production.move_raw_ids
            if move.product_uom.compare(move.forecast_availability, move.product_qty)
            < 0
        ]

    @api.model
    def _optiwise_board_proposal(self, proposal):
        if not proposal:
            return False
        to_string = fields.Datetime.to_string
        return {
            "id": proposal.id,
            "name": proposal.name,
            "state": proposal.state,
            "figures": {
                key: proposal[key]
                for key in (
                    "current_changeover_minutes",
                    "changeover_minutes",
                    "current_late_count",
                    "late_count",
                    "current_lateness_hours",
                    "lateness_hours",
                    "current_makespan_hours",
                    "makespan_hours",
                    "seconds",
                    "moved_count",
                )
            },
            "slots": [
                {
                    "workorder_id": line.workorder_id.id,
                    "row": line.workcenter_id.id,
                    "start": to_string(line.date_start),
                    "end": to_string(line.date_finished),
                    "changeover_start": to_string(line.changeover_start),
                    "changeover_end": to_string(line.changeover_end),
                    "changeover_minutes": line.changeover_minutes,
                    "late": line.late,
                    "moved": line.moved,
                }
                for line in proposal.line_ids
            ],
        }

    @api.model
    @api.readonly
    def preview_move(
        self, workorder_id: int, workcenter_id: int, date_start: str
    ) -> dict:
        """What moving a work order to another time or work center changes,
        before anything is saved: the work orders of both work centers
        planned again in the order the move gives (the changeovers before
        and after it from the matrix, their waits for batches), and which
        become late or on time.

        :param int workorder_id: a work order still to do
        :param int workcenter_id: its work center or an alternative of it
        :param str date_start: where it was dropped (UTC)
        :return: dict with ``slots`` (per work order whose slot changes:
            ``workorder_id``, ``row``, ``start``, ``end``,
            ``changeover_start``, ``changeover_end``, ``changeover_minutes``,
            ``late``), ``overlaps`` (work orders the drop lands on),
            ``before`` and ``after`` (figures: ``changeover_minutes``,
            ``late_count``, ``lateness_minutes``), ``start`` (where it can
            start, at the earliest after the drop) and ``sequences``
        :raises UserError: on a started or closed work order, or a work
            center that cannot run it
        """
        result = self._optiwise_move(workorder_id, workcenter_id, date_start)
        result.pop("_data")
        return result

    @api.model
    def apply_move(
        self, workorder_id: int, workcenter_id: int, date_start: str
    ) -> dict:
        """Move a work order as ``preview_move`` shows, and write the slots
        of both work centers as planned (production managers).

        :param int workorder_id: a work order still to do
        :param int workcenter_id: its work center or an alternative of it
        :param str date_start: where it was dropped (UTC)
        :return: the preview that was applied (see ``preview_move``)
        :raises AccessError: if the user is not a production manager
        :raises UserError: as ``preview_move``
        """
        self.env["optiwise.planning.proposal"]._optiwise_check_planner()
        result = self._optiwise_move(workorder_id, workcenter_id, date_start)
        # every work order of the two work centers takes its slot as planned
        # (not only those that move), so that none keeps a slot the move
        # overlaps
        self._optiwise_write_slots(result.pop("_data")["slots"])
        return result

    @api.model
    def _optiwise_move(self, workorder_id, workcenter_id, date_start):
        _ = self.env._
        workorder = as_record(
            self.env,
            "mrp.workorder",
            as_int(self.env, workorder_id, _("Work order")),
            _("Work order"),
        )
        workcenter = as_record(
            self.env, "mrp.workcenter", workcenter_id, _("Work center")
        )
        drop = as_datetime(self.env, date_start, _("Start"))
        if not drop:
            raise UserError(_("Give the time the work order was dropped at."))
        if workorder.state not in ("blocked", "ready") or workorder.time_ids:
            raise UserError(
                _(
                    "%(wo)s has started or is closed: only work orders still to do "
                    "can be moved.",
                    wo=workorder.display_name,
                )
            )
        allowed = (
            workorder.workcenter_id | workorder.workcenter_id.alternative_workcenter_ids
        )
        if workcenter not in allowed:
            raise UserError(
                _(
                    "%(wo)s cannot run on %(wc)s: move it to %(allowed)s.",
                    wo=workorder.display_name,
                    wc=workcenter.display_name,
                    allowed=", ".join(allowed.mapped("display_name")),
                )
            )
        rows = workorder.workcenter_id | workcenter
        data = self._optiwise_problem(rows)
        sequences = data["initial"]
        index = {wo.id: k for k, wo in enumerate(data["workorders"])}
        machine = {wc.id: k for k, wc in enumerate(data["machines"])}
        if workorder.id not in index:
            raise UserError(_("%(wo)s is not planned yet.", wo=workorder.display_name))
        k = index[workorder.id]
        at = self._optiwise_minutes(data["origin"], drop)
        # nothing moves earlier than planned: each work order starts at its
        # planned start at the soonest (the moved one where it was dropped),
        # later only when its machine or its batch is not ready
        before = planning.decode(self._optiwise_as_planned(data), sequences)
        problem = data["problem"] = self._optiwise_as_planned(data, k, at)
        starts = {
            i: self._optiwise_minutes(data["origin"], wo.date_start)
            for i, wo in enumerate(data["workorders"])
            if wo.date_start
        }
        moved = [list(seq) for seq in sequences]
        for seq in moved:
            if k in seq:
                seq.remove(k)
        target = moved[machine[workcenter.id]]
        place = sum(1 for i in target if starts.get(i, float("inf")) < at)
        target.insert(place, k)
        after = planning.decode(problem, moved)
        if after is None:
            raise UserError(
                _(
                    "%(wo)s cannot go there: it would run before the work it waits on.",
                    wo=workorder.display_name,
                )
            )
        origin, to_string = data["origin"], fields.Datetime.to_string
        moment = self._optiwise_moment
        slots, to_write = [], []
        for i, wo in enumerate(data["workorders"]):
            new = after.slots[i]
            wc = data["machines"][new.machine]
            calendar = problem.machines[new.machine].calendar
            setup_end = calendar.add(new.setup_start, new.changeover)
            to_write.append(
                (
                    wo,
                    wc,
                    moment(origin, new.setup_start),
                    moment(origin, setup_end),
                    moment(origin, new.start),
                    moment(origin, new.end),
                )
            )
            if wc == wo.workcenter_id and to_write[-1][4] == wo.date_start:
                continue
            slots.append(
                {
                    "workorder_id": wo.id,
                    "row": wc.id,
                    "start": to_string(moment(origin, new.start)),
                    "end": to_string(moment(origin, new.end)),
                    "changeover_start": to_string(moment(origin, new.setup_start)),
                    "changeover_end": to_string(moment(origin, setup_end)),
                    "changeover_minutes": new.changeover,
                    "late": bool(new.lateness),
                }
            )
        data["slots"] = to_write
        drop_end = drop + timedelta(
            minutes=problem.operations[k].options[machine[workcenter.id]]
        )
        overlaps = [
            wo.id
            for wo in data["workorders"]
            if wo != workorder
            and wo.workcenter_id == workcenter
            and wo.date_start
            and wo.date_start < drop_end
            and wo.date_finished > drop
        ]

        def figures(plan_):
            return {
                "changeover_minutes": plan_.changeover_minutes,
                "late_count": plan_.late_count,
                "lateness_minutes": plan_.lateness,
            }

        return {
            "slots": slots,
            "overlaps": overlaps,
            "before": figures(before),
            "after": figures(after),
            "start": to_string(self._optiwise_moment(origin, after.slots[k].start)),
            "_data": data,
        }
