# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import logging
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL

from odoo.addons.optiwise_batch.arguments import single

from .. import holds

_logger = logging.getLogger(__name__)

# names that moved to optiwise_qc/holds.py in 19.0.2.2.0: kept here for one
# version, each use logging a deprecation warning (see readme/HISTORY.md)
_MOVED_TO_HOLDS = ("FREE_STATES", "HELD_STATES")


def __getattr__(name):
    if name in _MOVED_TO_HOLDS:
        _logger.warning(
            "optiwise_qc.models.stock_lot.%s is deprecated and goes in the next "
            "version: import it from odoo.addons.optiwise_qc.holds",
            name,
        )
        return getattr(holds, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


QUALITY_STATES = [
    ("pending", "Pending"),
    ("released", "Released"),
    ("not_required", "No Inspection Required"),
    ("quarantined", "Quarantined"),
    ("rejected", "Rejected"),
]
# triggers by which a lot comes into stock (a delivery inspection does not
# hold a lot before it is picked)
INCOMING_TRIGGERS = ("receipt", "production", "run_output")
# with no hard limit a cycle in the links would loop; no genealogy is deeper
MAX_GENEALOGY_DEPTH = 64


class StockLot(models.Model):
    _inherit = "stock.lot"

    optiwise_inspection_ids = fields.One2many(
        "optiwise.qc.inspection", "lot_id", string="Inspections"
    )
    optiwise_quality_required = fields.Boolean(
        string="Inspection Required",
        readonly=True,
        copy=False,
        help="Set when the lot is created if a quality point of its product "
        "inspects it on receipt or production; cleared when that happens and "
        "the point's sampling leaves this lot out.",
    )
    optiwise_quality_state = fields.Selection(
        QUALITY_STATES,
        string="Quality State",
        compute="_compute_optiwise_quality_state",
        store=True,
        precompute=True,
        index=True,
        tracking=True,
        help="Pending: an inspection awaits its decision, or one is due and "
        "not made yet (planned, not yet received or produced). Released: every "
        "inspection is released. No Inspection Required: no quality point "
        "inspects it. Quarantined / Rejected: by a decision. Moves of operation "
        "types requiring released lots reserve, consume and ship only released "
        "lots and lots that need no inspection.",
    )
    optiwise_held_input_ids = fields.Many2many(
        "stock.lot",
        string="Inputs on Hold",
        compute="_compute_optiwise_held_inputs",
        search="_search_optiwise_held_input_ids",
        help="Lots on hold (pending, quarantined, rejected) consumed to make this "
        "lot, at any level, reached without passing through a released lot (a "
        "release, concessions included, decides for what was made from its "
        "inputs): it is released only as a quality manager's concession.",
    )
    optiwise_held_input_note = fields.Char(
        string="Inputs on Hold (detail)", compute="_compute_optiwise_held_inputs"
    )
    optiwise_input_held_since = fields.Boolean(
        string="Input Put on Hold Since Release",
        compute="_compute_optiwise_input_held_since",
        search="_search_optiwise_input_held_since",
        help="Released, and a lot it was made from (at any level) was "
        "quarantined or rejected after this lot's release: a recall question.",
    )
    optiwise_inspection_count = fields.Integer(
        compute="_compute_optiwise_inspection_count", string="Inspections Count"
    )

    @api.depends("optiwise_inspection_ids.decision", "optiwise_quality_required")
    def _compute_optiwise_quality_state(self):
        for lot in self:
            decisions = lot.optiwise_inspection_ids.mapped(
                lambda inspection: inspection.decision or "none"
            )
            if not decisions:
                lot.optiwise_quality_state = (
                    "pending" if lot.optiwise_quality_required else "not_required"
                )
            elif "reject" in decisions:
                lot.optiwise_quality_state = "rejected"
            elif "quarantine" in decisions:
                lot.optiwise_quality_state = "quarantined"
            elif "none" in decisions:
                lot.optiwise_quality_state = "pending"
            else:
                lot.optiwise_quality_state = "released"

    def _compute_optiwise_held_inputs(self):
        held_by_lot = self._optiwise_held_inputs_by_lot()
        for lot in self:
            held = self.browse(held_by_lot.get(lot.id, ()))
            lot.optiwise_held_input_ids = held
            lot.optiwise_held_input_note = ", ".join(
                f"{i.product_id.display_name} {i.name} ({i._optiwise_quality_label()})"
                for i in held
            )

    def _optiwise_held_inputs_by_lot(self):
        """``{lot id: [held input ids]}`` of these lots in one recursive
        query: the upstream lots on hold reached without passing through a
        released lot (readable ones only)."""
        lots = self.filtered("id")
        if not lots:
            return {}
        self.env["stock.move.line"].flush_model(["lot_id"])
        self.flush_model(["optiwise_quality_state"])
        rows = self.env.execute_query(
            SQL(
                """
                WITH RECURSIVE tree(seed, lot_id, depth) AS (
                    SELECT seed, seed, 0
                      FROM unnest(%(lots)s::integer[]) AS seed
                    UNION
                    SELECT tree.seed, other.lot_id, tree.depth + 1
                      FROM tree
                      JOIN stock_lot here ON here.id = tree.lot_id
                      JOIN stock_move_line line ON line.lot_id = tree.lot_id
                      JOIN stock_move_line_consume_rel rel
                        ON rel.consume_line_id = line.id
                      JOIN stock_move_line other ON other.id = rel.produce_line_id
                     WHERE other.lot_id IS NOT NULL
                       AND other.lot_id != tree.seed
                       AND tree.depth < %(depth)s
                       -- a release decided for what is made from its inputs
                       AND (tree.depth = 0
                            OR here.optiwise_quality_state != 'released')
                )
                SELECT DISTINCT tree.seed, tree.lot_id
                  FROM tree
                  JOIN stock_lot lot ON lot.id = tree.lot_id
                 WHERE tree.depth > 0
                   AND lot.optiwise_quality_state IN %(held)s
                 ORDER BY tree.seed, tree.lot_id
                """,
                lots=lots.ids,
                depth=MAX_GENEALOGY_DEPTH,
                held=holds.HELD_STATES,
            )
        )
        readable = self._optiwise_readable_ids([row[1] for row in rows])
        result = defaultdict(list)
        for seed, lot_id in rows:
            if lot_id in readable:
                result[seed].append(lot_id)
        return result

    def _search_optiwise_held_input_ids(self, operator, value):
        """Lots with inputs on hold (``!= False``, ``= False``) or with these
        lots among their inputs on hold (``in``)."""
        if operator not in ("in", "not in"):
            return NotImplemented
        ids = [v for v in value if v]
        held = self._search([("optiwise_quality_state", "in", holds.HELD_STATES)])
        if ids:
            held = self._search([("id", "in", ids), ("id", "in", held)])
        self.env["stock.move.line"].flush_model(["lot_id"])
        self.flush_model(["optiwise_quality_state"])
        rows = self.env.execute_query(
            SQL(
                """
                WITH RECURSIVE tree(lot_id, depth) AS (
                    SELECT id, 0 FROM stock_lot WHERE id IN (%(held)s)
                    UNION
                    SELECT other.lot_id, tree.depth + 1
                      FROM tree
                      JOIN stock_lot here ON here.id = tree.lot_id
                      JOIN stock_move_line line ON line.lot_id = tree.lot_id
                      JOIN stock_move_line_consume_rel rel
                        ON rel.produce_line_id = line.id
                      JOIN stock_move_line other ON other.id = rel.consume_line_id
                     WHERE other.lot_id IS NOT NULL
                       AND tree.depth < %(depth)s
                       AND (tree.depth = 0
                            OR here.optiwise_quality_state != 'released')
                )
                SELECT DISTINCT lot_id FROM tree WHERE depth > 0
                """,
                held=held.subselect(),
                depth=MAX_GENEALOGY_DEPTH,
            )
        )
        found = [row[0] for row in rows]
        # "in [ids]": made from one of these; "in [False]": from none at all
        positive = bool(ids) == (operator == "in")
        return Domain("id", "in" if positive else "not in", found)

    def _compute_optiwise_input_held_since(self):
        flagged = set(self._optiwise_input_held_since_ids())
        for lot in self:
            lot.optiwise_input_held_since = lot.id in flagged

    def _search_optiwise_input_held_since(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        ids = self._optiwise_input_held_since_ids()
        positive = True in value
        return Domain("id", "in" if positive == (operator == "in") else "not in", ids)

    @api.model
    def _optiwise_input_held_since_ids(self):
        """Released lots made (at any level) from a lot quarantined or
        rejected after their release, among the lots the user may read (one
        recursive query, the user's record rules inside it)."""
        held = self._search([("optiwise_quality_state", "in", holds.DECIDED_HOLDS)])
        readable = self.with_context(active_test=False)._search([])
        self.env["stock.move.line"].flush_model(["lot_id"])
        self.env["optiwise.qc.inspection"].flush_model(
            ["lot_id", "decision", "decision_date"]
        )
        self.flush_model(["optiwise_quality_state"])
        rows = self.env.execute_query(
            SQL(
                """
                WITH RECURSIVE holds AS (
                    SELECT inspection.lot_id, MAX(inspection.decision_date) AS since
                      FROM optiwise_qc_inspection inspection
                     WHERE inspection.decision IN ('quarantine', 'reject')
                       AND inspection.lot_id IN (%(held)s)
                     GROUP BY inspection.lot_id
                ), tree(lot_id, since, depth) AS (
                    SELECT lot_id, since, 0 FROM holds
                    UNION
                    SELECT other.lot_id, tree.since, tree.depth + 1
                      FROM tree
                      JOIN stock_move_line line ON line.lot_id = tree.lot_id
                      JOIN stock_move_line_consume_rel rel
                        ON rel.produce_line_id = line.id
                      JOIN stock_move_line other ON other.id = rel.consume_line_id
                     WHERE other.lot_id IS NOT NULL AND tree.depth < %(depth)s
                ), released AS (
                    SELECT inspection.lot_id, MAX(inspection.decision_date) AS on_
                      FROM optiwise_qc_inspection inspection
                     WHERE inspection.decision = 'release'
                     GROUP BY inspection.lot_id
                )
                SELECT DISTINCT tree.lot_id
                  FROM tree
                  JOIN stock_lot lot ON lot.id = tree.lot_id
                  JOIN released ON released.lot_id = tree.lot_id
                 WHERE tree.depth > 0
                   AND lot.optiwise_quality_state = 'released'
                   AND tree.since > released.on_
                   AND lot.id IN (%(readable)s)
                 ORDER BY tree.lot_id
                """,
                held=held.subselect(),
                readable=readable.subselect(),
                depth=MAX_GENEALOGY_DEPTH,
            )
        )
        return [row[0] for row in rows]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.pop("optiwise_quality_required", None)
        lots = super().create(vals_list)
        # sudo: quality points are read to know whether the new lot waits for
        # an inspection; only that flag of the lots just created is written
        required = lots.sudo()._optiwise_needing_inspection()
        if required:
            required.optiwise_quality_required = True
        return lots

    def _optiwise_needing_inspection(self):
        """The lots that a quality point inspects on receipt or production."""
        points = self.env["optiwise.qc.point"].search(
            [
                ("trigger", "in", INCOMING_TRIGGERS),
                ("company_id", "in", self.company_id.ids or self.env.companies.ids),
            ]
        )
        return self.filtered(
            lambda lot: any(
                point._applies_to(lot.product_id)
                and (not lot.company_id or point.company_id == lot.company_id)
                for point in points
            )
        )

    def _compute_optiwise_inspection_count(self):
        counts = dict(
            self.env["optiwise.qc.inspection"]._read_group(
                [("lot_id", "in", self.ids)], ["lot_id"], ["__count"]
            )
        )
        for lot in self:
            lot.optiwise_inspection_count = counts.get(lot, 0)

    def _optiwise_quality_label(self):
        self.ensure_one()
        labels = self._fields["optiwise_quality_state"]._description_selection(self.env)
        return dict(labels).get(self.optiwise_quality_state, "")

    def write(self, vals):
        if (
            not self.env.su
            and {
                "optiwise_quality_state",
                "optiwise_quality_required",
            }
            & vals.keys()
        ):
            raise UserError(
                self.env._(
                    "A lot's quality state follows its inspections' decisions: "
                    "decide an inspection instead."
                )
            )
        return super().write(vals)

    def action_view_optiwise_inspections(self):
        """Open the lot's inspections (new ones are for this lot)."""
        single(self, "action_view_optiwise_inspections")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "optiwise_qc.optiwise_qc_inspection_action"
        )
        action["domain"] = [("lot_id", "=", self.id)]
        action["context"] = {"default_lot_id": self.id}
        return action

    @api.readonly
    def trace_genealogy(
        self, direction: str = "both", max_depth: int | None = None
    ) -> dict:
        """Upstream and downstream lots of one lot, per level, with the
        deliveries that received any downstream lot (or the lot itself).

        Follows core's links between consumed and produced move lines
        (``stock_move_line_consume_rel``) in one recursive query per direction;
        a lot reached by several paths is listed once, at its nearest level;
        cycles stop at ``max_depth`` (at most 64 levels). Only lots and
        deliveries the user may read are returned.

        :param str direction: ``upstream``, ``downstream`` or ``both``
        :param int max_depth: levels to follow (>= 1), default all
        :return: dict with ``lot_id``, ``upstream`` and ``downstream`` (lists of
            ``{"level": n, "lot_ids": [...]}``, level 1 nearest) and
            ``deliveries`` (``picking_id``, ``partner_id``, ``lot_id``,
            ``product_id``, ``quantity``, ``date_done``)
        :raises UserError: on a bad direction or depth
        """
        single(self, "trace_genealogy")
        self.check_access("read")
        if direction not in ("upstream", "downstream", "both"):
            raise UserError(
                self.env._("Direction must be upstream, downstream or both.")
            )
        if max_depth is not None and (
            not isinstance(max_depth, int)
            or isinstance(max_depth, bool)
            or max_depth < 1
        ):
            raise UserError(
                self.env._("max_depth must be a whole number of at least 1.")
            )
        depth = min(max_depth or MAX_GENEALOGY_DEPTH, MAX_GENEALOGY_DEPTH)
        result = {"lot_id": self.id, "upstream": [], "downstream": [], "deliveries": []}
        downstream_ids = []
        for side in ("upstream", "downstream"):
            if direction not in (side, "both"):
                continue
            levels = self._optiwise_genealogy_levels(side, depth)
            result[side] = levels
            if side == "downstream":
                downstream_ids = [i for level in levels for i in level["lot_ids"]]
        result["deliveries"] = self._optiwise_genealogy_deliveries(
            [self.id, *downstream_ids]
        )
        return result

    def _optiwise_genealogy_levels(self, side, depth):
        """Lots by nearest level on one side of all the lots of ``self`` at
        once (one recursive query), readable ones only.

        Every lot of ``self`` is level 0 and is left out; any other lot is
        listed once, at its nearest level from any of them.
        """
        if not self:
            return []
        self.env["stock.move.line"].flush_model(["lot_id"])
        if side == "downstream":
            # a line of the lot was consumed (produce_line_id) into a line
            # that produced another lot (consume_line_id)
            here, there = SQL("rel.produce_line_id"), SQL("rel.consume_line_id")
        else:
            here, there = SQL("rel.consume_line_id"), SQL("rel.produce_line_id")
        rows = self.env.execute_query(
            SQL(
                """
                WITH RECURSIVE tree(lot_id, depth) AS (
                    SELECT seed, 0 FROM unnest(%(lots)s::integer[]) AS seed
                    UNION
                    SELECT other.lot_id, tree.depth + 1
                      FROM tree
                      JOIN stock_move_line line ON line.lot_id = tree.lot_id
                      JOIN stock_move_line_consume_rel rel ON %(here)s = line.id
                      JOIN stock_move_line other ON other.id = %(there)s
                     WHERE other.lot_id IS NOT NULL
                       AND other.lot_id != ALL(%(lots)s::integer[])
                       AND tree.depth < %(depth)s
                )
                SELECT lot_id, MIN(depth) FROM tree
                 WHERE depth > 0
                 GROUP BY lot_id
                """,
                lots=self.ids,
                here=here,
                there=there,
                depth=depth,
            )
        )
        readable = self._optiwise_readable_ids([r[0] for r in rows])
        by_level = defaultdict(list)
        for lot_id, level in rows:
            if lot_id in readable:
                by_level[level].append(lot_id)
        return [
            {"level": level, "lot_ids": sorted(by_level[level])}
            for level in sorted(by_level)
        ]

    def _optiwise_readable_ids(self, ids):
        """Those of ``ids`` the user may read (record rules applied in SQL)."""
        if not ids:
            return set()
        query = self.with_context(active_test=False)._search([("id", "in", ids)])
        return {row[0] for row in self.env.execute_query(query.select())}

    def _optiwise_genealogy_deliveries(self, lot_ids):
        """Done move lines of these lots into customer locations, readable ones."""
        MoveLine = self.env["stock.move.line"]
        query = MoveLine._search(
            [
                ("lot_id", "in", lot_ids),
                ("state", "=", "done"),
                ("location_dest_id.usage", "=", "customer"),
            ]
        )
        columns = ("picking_id", "lot_id", "product_id", "quantity", "date")
        rows = self.env.execute_query(
            query.select(*(SQL.identifier(query.table, name) for name in columns))
        )
        pickings = (
            self.env["stock.picking"]
            .browse({row[0] for row in rows if row[0]})
            ._filtered_access("read")
        )
        partner_of = {picking.id: picking.partner_id.id for picking in pickings}
        return [
            {
                "picking_id": picking_id if picking_id in partner_of else False,
                "partner_id": partner_of.get(picking_id, False),
                "lot_id": lot_id,
                "product_id": product_id,
                "quantity": float(quantity),
                "date_done": fields.Datetime.to_string(date),
            }
            for picking_id, lot_id, product_id, quantity, date in rows
        ]
