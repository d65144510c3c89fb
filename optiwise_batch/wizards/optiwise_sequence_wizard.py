# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class OptiwiseSequenceWizard(models.TransientModel):
    _name = "optiwise.sequence.wizard"
    _inherit = ["optiwise.workcenter.wizard.mixin"]
    _description = "Changeover-Aware Sequencing"

    workorder_ids = fields.Many2many(
        "mrp.workorder",
        string="Work Orders",
        domain="[('workcenter_id', '=', workcenter_id), "
        "('state', 'in', ('blocked', 'ready'))]",
        help="Work orders to sequence; empty: all the work center's work orders to do.",
    )
    weight = fields.Float(
        string="Tardiness Weight",
        help="Minutes of changeover one minute of lateness is worth.",
    )
    time_limit = fields.Float(string="Time Limit (s)", default=5.0)
    computed = fields.Boolean(readonly=True)
    start_product_id = fields.Many2one(
        "product.product", string="Last Product Made", readonly=True
    )
    current_changeover = fields.Float(string="Changeover (current, min)", readonly=True)
    proposed_changeover = fields.Float(
        string="Changeover (proposed, min)", readonly=True
    )
    current_late = fields.Integer(string="Late Orders (current)", readonly=True)
    proposed_late = fields.Integer(string="Late Orders (proposed)", readonly=True)
    current_makespan = fields.Float(string="Makespan (current, min)", readonly=True)
    proposed_makespan = fields.Float(string="Makespan (proposed, min)", readonly=True)
    saving_percent = fields.Float(string="Changeover Saved (%)", readonly=True)
    line_ids = fields.One2many(
        "optiwise.sequence.line", "wizard_id", string="Proposed Order", readonly=True
    )
    allow_new_late = fields.Boolean(
        string="Accept Orders Made Late",
        help="Propose the sequence that saves more changeover although it "
        "makes late orders that the current order has on time.",
    )
    alternative_saving = fields.Float(
        string="Further Changeover Saving (min)",
        readonly=True,
        help="Minutes of changeover a sequence that makes orders late would "
        "save on top of the proposed one.",
    )
    alternative_late_ids = fields.Many2many(
        "mrp.workorder",
        "optiwise_sequence_wizard_late_rel",
        string="Orders It Makes Late",
        readonly=True,
    )

    @api.model
    def _workcenter_defaults(self, workcenter, fields_list):
        return {"weight": workcenter.optiwise_sequencing_tardiness_weight}

    def action_compute(self):
        """Compute the proposed order and show it beside the current one."""
        self.ensure_one()
        result = self.workcenter_id.compute_sequence(
            workorder_ids=self.workorder_ids.ids or None,
            time_limit=self.time_limit,
            weight=self.weight,
            allow_new_late=self.allow_new_late,
        )
        current, proposed = result["current"], result["proposed"]
        alternative = result["alternative"] or {}
        self.line_ids = [Command.clear()] + [
            Command.create(
                {
                    "sequence": index,
                    "workorder_id": job["workorder_id"],
                    "changeover_minutes": job["changeover_minutes"],
                    "completion_minutes": job["completion_minutes"],
                    "late": job["late"],
                    "lateness_minutes": job["lateness_minutes"],
                    "current_lateness_minutes": job["current_lateness_minutes"],
                    "current_position": current["workorder_ids"].index(
                        job["workorder_id"]
                    )
                    + 1,
                }
            )
            for index, job in enumerate(proposed["jobs"], start=1)
        ]
        saving = current["changeover_minutes"] - proposed["changeover_minutes"]
        self.write(
            {
                "computed": True,
                "alternative_saving": alternative.get("changeover_saving_minutes", 0.0),
                "alternative_late_ids": [
                    Command.set(alternative.get("newly_late_workorder_ids", []))
                ],
                "start_product_id": result["start_product_id"],
                "current_changeover": current["changeover_minutes"],
                "proposed_changeover": proposed["changeover_minutes"],
                "current_late": current["late_count"],
                "proposed_late": proposed["late_count"],
                "current_makespan": current["makespan_minutes"],
                "proposed_makespan": proposed["makespan_minutes"],
                "saving_percent": 100 * saving / current["changeover_minutes"]
                if current["changeover_minutes"]
                else 0.0,
            }
        )
        return self._reopen(
            self.env._("Sequence %(wc)s", wc=self.workcenter_id.display_name)
        )

    def action_apply(self):
        """Re-plan the work orders in the proposed order."""
        self.ensure_one()
        if not self.computed or not self.line_ids:
            raise UserError(self.env._("Compute a sequence before applying it."))
        self.workcenter_id.apply_sequence(
            self.line_ids.sorted("sequence").workorder_id.ids
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s work orders of %(workcenter)s re-planned in the "
                    "proposed order.",
                    count=len(self.line_ids),
                    workcenter=self.workcenter_id.display_name,
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }


class OptiwiseSequenceLine(models.TransientModel):
    _name = "optiwise.sequence.line"
    _description = "Changeover-Aware Sequencing Line"
    _order = "sequence"

    wizard_id = fields.Many2one(
        "optiwise.sequence.wizard", required=True, ondelete="cascade"
    )
    sequence = fields.Integer(string="#")
    current_position = fields.Integer(string="Now #")
    workorder_id = fields.Many2one("mrp.workorder", string="Work Order", required=True)
    production_id = fields.Many2one(related="workorder_id.production_id")
    product_id = fields.Many2one(related="workorder_id.product_id")
    family_id = fields.Many2one(
        related="workorder_id.product_id.optiwise_changeover_family_id"
    )
    duration_expected = fields.Float(
        string="Expected Duration (min)", related="workorder_id.duration_expected"
    )
    date_deadline = fields.Datetime(related="workorder_id.production_id.date_deadline")
    changeover_minutes = fields.Float(string="Changeover Before (min)")
    completion_minutes = fields.Float(
        string="Done After (min)",
        help="Working minutes from now until the order is done.",
    )
    late = fields.Boolean()
    lateness_minutes = fields.Float(
        string="Late By (min)",
        help="Working minutes the order would end after its deadline in the "
        "proposed sequence.",
    )
    current_lateness_minutes = fields.Float(
        string="Late By Now (min)",
        help="Working minutes the order ends after its deadline in the "
        "current sequence.",
    )
    made_late = fields.Boolean(
        compute="_compute_made_late",
        help="On time in the current sequence, late in this one.",
    )

    @api.depends("lateness_minutes", "current_lateness_minutes")
    def _compute_made_late(self):
        for line in self:
            line.made_late = line.lateness_minutes and not line.current_lateness_minutes
