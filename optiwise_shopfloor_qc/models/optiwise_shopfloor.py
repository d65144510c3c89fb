# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, models

from odoo.addons.optiwise_batch.arguments import as_record
from odoo.addons.optiwise_qc import holds


class OptiwiseShopfloor(models.AbstractModel):
    _inherit = "optiwise.shopfloor"

    @api.model
    def _shopfloor_lot_refusal(self, lot, purpose):
        """A lot on hold (pending, quarantined, rejected) is neither consumed
        nor shipped (the hold table)."""
        reason = super()._shopfloor_lot_refusal(lot, purpose)
        operation = {"consume": "consume", "ship": "deliver"}.get(purpose)
        if reason or not operation:
            return reason
        if not holds.allowed(lot.optiwise_quality_state, operation):
            return self.env._(
                "Lot %(lot)s is %(state)s by quality control: do not use it.",
                lot=lot.name,
                state=lot._optiwise_quality_label(),
            )
        return ""

    @api.model
    def _shopfloor_lot_answer(self, lot, expiry):
        """A scanned lot says its quality first: a lot on hold in red, with
        why (pending inspection, quarantined, rejected, made from lots on
        hold) and what may still be done with it (the hold table)."""
        answer = super()._shopfloor_lot_answer(lot, expiry)
        if answer.get("kind") != "lot" or answer.get("status") != "ok":
            return answer
        answer["quality"] = quality = self._shopfloor_lot_quality(lot)
        if quality["held"]:
            answer["tone"] = "danger"
            answer["message"] = " ".join(
                part
                for part in (quality["why"], quality["may"], answer["message"])
                if part
            )
        return answer

    @api.model
    def _shopfloor_lot_quality(self, lot):
        """``state`` (key), ``label``, ``held``, ``why`` and ``may`` (what may
        still be done) of a lot, as the phone shows them."""
        _ = self.env._
        state = lot.optiwise_quality_state
        held = state in holds.HELD_STATES
        why = ""
        if held:
            # the decision's note, for those who may read inspections (a
            # shipping clerk sees the state and what to do, not the file)
            decided = self.env["optiwise.qc.inspection"]
            if decided.has_access("read"):
                decided = decided.search(
                    [("lot_id", "=", lot.id), ("decision", "!=", False)],
                    order="decision_date desc, id desc",
                    limit=1,
                )
            if state == "pending":
                why = _("On hold: pending inspection, not released yet.")
            else:
                why = _(
                    "On hold: %(state)s by quality control%(note)s.",
                    state=lot._optiwise_quality_label(),
                    note=f" ({decided.decision_note})" if decided.decision_note else "",
                )
            if lot.optiwise_held_input_ids:
                why += " " + _(
                    "Made from lots on hold: %(lots)s.",
                    lots=lot.optiwise_held_input_note,
                )
        labels = dict(holds.OPERATION_LABELS)
        may = ""
        if held:
            may = _(
                "Do not consume or ship it; still allowed: %(operations)s.",
                operations=", ".join(
                    labels[operation].lower()
                    for operation in holds.still_allowed(state)
                ),
            )
        return {
            "state": state,
            "label": lot._optiwise_quality_label(),
            "held": held,
            "why": why,
            "may": may,
        }

    @api.model
    @api.readonly
    def get_lot_inspection(self, lot_id: int) -> dict:
        """The lot's open inspection, as the inspector's screen shows it.

        :param int lot_id: ``stock.lot`` id
        :return: dict ``lot`` (``id``, ``name``, ``product``, ``state``: the
            quality state's label, ``held_inputs``) and ``inspection``: False,
            or ``id``, ``name``, ``state``, ``lines`` (``id``, ``name``,
            ``test_type``, ``mandatory``, ``specification``, ``unit``,
            ``result``, ``value``, ``measured_value``, ``pass_fail``,
            ``choices``: ``id``, ``name``)
        :raises UserError: if the lot does not exist
        """
        lot = as_record(self.env, "stock.lot", lot_id, self.env._("The lot"))
        inspection = self.env["optiwise.qc.inspection"].search(
            [("lot_id", "=", lot.id), ("decision", "=", False)], order="id", limit=1
        )
        return {
            "lot": {
                "id": lot.id,
                "name": lot.name,
                "product": lot.product_id.display_name,
                "state": lot._optiwise_quality_label(),
                "held_inputs": lot.optiwise_held_input_note or "",
            },
            "inspection": bool(inspection)
            and {
                "id": inspection.id,
                "name": inspection.name,
                "state": inspection.state,
                "lines": [
                    {
                        "id": line.id,
                        "name": line.display_name,
                        "test_type": line.test_type,
                        "mandatory": line.mandatory,
                        "specification": line.specification or "",
                        "unit": line.unit or "",
                        "result": line.result,
                        "value": line.value_display or "",
                        "measured_value": line.measured_value
                        if line.has_value
                        else False,
                        "pass_fail": line.pass_fail or False,
                        "choices": [
                            {"id": choice.id, "name": choice.name}
                            for choice in line.point_id.choice_ids
                        ],
                    }
                    for line in inspection.line_ids
                ],
            },
        }
