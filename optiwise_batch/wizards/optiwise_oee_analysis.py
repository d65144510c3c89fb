# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import timedelta

import pytz

from odoo import Command, fields, models
from odoo.exceptions import UserError
from odoo.orm.models import parse_read_group_spec
from odoo.tools import SQL

from ..models.mrp_workcenter_oee import OeeSlot


class OptiwiseOeeAnalysis(models.TransientModel):
    _name = "optiwise.oee.analysis"
    _description = "OEE Analysis"

    date_from = fields.Date(
        required=True, default=lambda s: fields.Date.today() - timedelta(days=7)
    )
    date_to = fields.Date(required=True, default=fields.Date.today)
    granularity = fields.Selection(
        [("day", "Per day"), ("shift", "Per shift")], default="day", required=True
    )
    workcenter_ids = fields.Many2many(
        "mrp.workcenter",
        string="Work Centers",
        help="Empty: the work centers of products with a run mode and of runs.",
    )
    line_ids = fields.One2many("optiwise.oee.line", "analysis_id")
    loss_ids = fields.One2many("optiwise.oee.loss", "analysis_id")

    def action_compute(self):
        """Compute OEE per work center and day (or shift) of the period.

        Planned time per slot comes from each work center's calendar (one
        slot per attendance for shifts); stops and output are fetched once for
        the whole period and split over the slots.

        :return: window action on the lines (pivot, graph, list)
        :raises UserError: if the period is inverted
        """
        self.ensure_one()
        if self.date_to < self.date_from:
            raise UserError(self.env._("The period must end after it starts."))
        workcenters = self.workcenter_ids or self._default_workcenters()
        start = fields.Datetime.to_datetime(self.date_from)
        end = fields.Datetime.to_datetime(self.date_to) + timedelta(days=1)
        slots, labels = [], []
        for workcenter in workcenters:
            for slot_start, slot_end, label in self._slots(workcenter, start, end):
                planned = (slot_end - slot_start).total_seconds() / 60
                slots.append(OeeSlot(workcenter, slot_start, slot_end, planned))
                labels.append(label)
        figures_list = self.env["mrp.workcenter"]._optiwise_get_oee_figures(slots)
        vals_list = [
            self._prepare_line_vals(slot, label, figures)
            for slot, label, figures in zip(slots, labels, figures_list, strict=True)
        ]
        # work centers that had no job in the whole period (another plant's,
        # or not used here) are left out
        active = {
            slot.workcenter
            for slot, figures in zip(slots, figures_list, strict=True)
            if not figures["no_planned_time"] or figures["total_count"]
        }
        kept = [
            (slot, vals)
            for slot, vals in zip(slots, vals_list, strict=True)
            if slot.workcenter in active
        ]
        self.line_ids.unlink()
        self.loss_ids.unlink()
        self.line_ids = [Command.create(vals) for _slot, vals in kept]
        self.loss_ids = [
            Command.create(
                {
                    "workcenter_id": vals["workcenter_id"],
                    "slot": vals["slot"],
                    "date_start": vals["date_start"],
                    "bucket": bucket,
                    "minutes": vals[field],
                }
            )
            for _slot, vals in kept
            for bucket, field in LOSS_FIELDS
        ]
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("OEE"),
            "res_model": "optiwise.oee.line",
            "view_mode": "pivot,list",
            "domain": [("analysis_id", "=", self.id)],
            "context": {"optiwise_oee_analysis_id": self.id},
            "target": "current",
        }

    def _default_workcenters(self):
        """Without a choice: the work centers of the plant's production, the
        operations of products with a run mode and the lines runs use (all
        work centers when none is set up that way)."""
        used = (
            self.env["mrp.routing.workcenter"]
            .search([("bom_id.product_tmpl_id.optiwise_run_mode", "!=", False)])
            .workcenter_id
        )
        for (workcenter,) in self.env["optiwise.production.run"]._read_group(
            [], ["workcenter_id"]
        ):
            used |= workcenter
        return used or self.env["mrp.workcenter"].search([])

    def _slots(self, workcenter, start, end):
        """(start, end, label) of the planned production slots, UTC naive."""
        calendar = workcenter.resource_calendar_id
        tz = pytz.timezone(calendar.tz or "UTC")
        intervals = calendar._work_intervals_batch(
            pytz.utc.localize(start), pytz.utc.localize(end)
        )[False]
        slots = []
        for begin, stop, attendance in intervals:
            slots.append(
                (
                    begin.astimezone(pytz.utc).replace(tzinfo=None),
                    stop.astimezone(pytz.utc).replace(tzinfo=None),
                    begin.astimezone(tz).date(),
                    attendance[:1].name or "",
                )
            )
        if self.granularity == "shift":
            return [(b, s, f"{day} {name}".strip()) for b, s, day, name in slots]
        by_day = {}
        for begin, stop, day, _name in slots:
            first, last, _label = by_day.get(day, (begin, stop, str(day)))
            by_day[day] = (min(first, begin), max(last, stop), str(day))
        return list(by_day.values())

    def _prepare_line_vals(self, slot, label, figures):
        """Values of one line from the OEE figures of its slot."""
        losses = figures["losses"]
        return {
            "workcenter_id": slot.workcenter.id,
            "slot": label,
            "date_start": slot.start,
            "planned_minutes": figures["planned_minutes"],
            "run_minutes": figures["run_minutes"],
            "setup_minutes": losses["setup"],
            "breakdown_minutes": losses["breakdown"],
            "other_stop_minutes": losses["other_stops"],
            "speed_loss_minutes": losses["speed"],
            "quality_loss_minutes": losses["quality"],
            "ideal_minutes": figures["run_minutes"] - losses["speed"],
            "fully_productive_minutes": figures["fully_productive_minutes"],
            "good_count": figures["good_count"],
            "total_count": figures["total_count"],
            "no_planned_time": figures["no_planned_time"],
            # without planned time there is no figure (not 0 %), as on the
            # control tower
            **{
                fname: None if figures["no_planned_time"] else 100 * figures[fname]
                for fname in RATIOS
            },
        }


class OptiwiseOeeSlotMixin(models.AbstractModel):
    """A row of an OEE analysis: one work center over one day or shift."""

    _name = "optiwise.oee.slot.mixin"
    _description = "OEE Analysis Row"

    analysis_id = fields.Many2one("optiwise.oee.analysis", ondelete="cascade")
    workcenter_id = fields.Many2one("mrp.workcenter", string="Work Center")
    slot = fields.Char(string="Day / Shift")
    date_start = fields.Datetime(string="Start")


class OptiwiseOeeLine(models.TransientModel):
    _name = "optiwise.oee.line"
    _inherit = ["optiwise.oee.slot.mixin"]
    _description = "OEE per Work Center and Slot"
    _order = "date_start, workcenter_id"

    planned_minutes = fields.Float(string="Planned (min)")
    run_minutes = fields.Float(string="Run (min)")
    setup_minutes = fields.Float(string="Setup (min)")
    breakdown_minutes = fields.Float(string="Breakdown (min)")
    other_stop_minutes = fields.Float(string="Other Stops (min)")
    speed_loss_minutes = fields.Float(string="Speed Loss (min)")
    quality_loss_minutes = fields.Float(string="Quality Loss (min)")
    ideal_minutes = fields.Float(
        string="Ideal (min)", help="Ideal time of all units made, good and scrap."
    )
    fully_productive_minutes = fields.Float(
        string="Fully Productive (min)", help="Ideal time of the good units."
    )
    good_count = fields.Float(string="Good")
    total_count = fields.Float(string="Total")
    no_planned_time = fields.Boolean(
        help="The work center had no job in its working time of this slot: it "
        "has no OEE figures."
    )
    # ratios, aggregated as a ratio of sums over whatever is grouped (see
    # _read_group_select), never as a mean of the rows' ratios
    availability = fields.Float(string="Availability (%)", aggregator="avg")
    performance = fields.Float(string="Performance (%)", aggregator="avg")
    quality = fields.Float(string="Quality (%)", aggregator="avg")
    oee = fields.Float(string="OEE (%)", aggregator="avg")

    def _read_group_select(self, aggregate_spec, query):
        """A ratio (availability, performance, quality, OEE) over several
        rows is the ratio of their sums: OEE over a week is the fully
        productive time of the week over its planned time, not the mean of
        the days' OEE (a day without planned time weighs nothing, and has no
        figure of its own). Quality is by time (fully productive over ideal
        time), so that availability x performance x quality = OEE for every
        group."""
        fname, _property, func = parse_read_group_spec(aggregate_spec)
        if fname not in RATIOS or func not in ("avg", "sum"):
            return super()._read_group_select(aggregate_spec, query)
        numerator, denominator = RATIOS[fname]
        return SQL(
            "100.0 * SUM(%s) / NULLIF(SUM(%s), 0)",
            self._field_to_sql(self._table, numerator, query),
            self._field_to_sql(self._table, denominator, query),
        )

    def action_open_losses(self):
        """The loss buckets of the analysis side by side, per work center."""
        analysis_id = self.env.context.get("optiwise_oee_analysis_id") or (
            self.analysis_id[:1].id
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("OEE Losses"),
            "res_model": "optiwise.oee.loss",
            "view_mode": "graph,pivot",
            "domain": [("analysis_id", "=", analysis_id)],
            "target": "current",
        }


# ratio field: (numerator, denominator), both in minutes
RATIOS = {
    "availability": ("run_minutes", "planned_minutes"),
    "performance": ("ideal_minutes", "run_minutes"),
    "quality": ("fully_productive_minutes", "ideal_minutes"),
    "oee": ("fully_productive_minutes", "planned_minutes"),
}

LOSS_FIELDS = (
    ("setup", "setup_minutes"),
    ("breakdown", "breakdown_minutes"),
    ("other_stops", "other_stop_minutes"),
    ("speed", "speed_loss_minutes"),
    ("quality", "quality_loss_minutes"),
)


class OptiwiseOeeLoss(models.TransientModel):
    """One loss bucket of one slot: the shape a graph needs to draw the
    buckets side by side (a graph draws one measure)."""

    _name = "optiwise.oee.loss"
    _inherit = ["optiwise.oee.slot.mixin"]
    _description = "OEE Loss per Work Center, Slot and Bucket"
    _order = "date_start, workcenter_id, bucket"

    bucket = fields.Selection(
        [
            ("setup", "Setup"),
            ("breakdown", "Breakdown"),
            ("other_stops", "Other Stops"),
            ("speed", "Speed"),
            ("quality", "Quality"),
        ],
        string="Loss",
    )
    minutes = fields.Float(string="Lost (min)")
