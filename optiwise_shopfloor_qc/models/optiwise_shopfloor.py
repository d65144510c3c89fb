# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, models

from odoo.addons.optiwise_batch.arguments import as_record
from odoo.addons.optiwise_qc.models.stock_lot import HELD_STATES


class OptiwiseShopfloor(models.AbstractModel):
    _inherit = "optiwise.shopfloor"

    @api.model
    def _shopfloor_lot_refusal(self, lot, purpose):
        """A lot on hold (pending, quarantined, rejected) is neither consumed
        nor shipped."""
        reason = super()._shopfloor_lot_refusal(lot, purpose)
        if reason or purpose not in ("consume", "ship"):
            return reason
        if lot.optiwise_quality_state in HELD_STATES:
            return self.env._(
                "Lot %(lot)s is %(state)s by quality control: do not use it.",
                lot=lot.name,
                state=lot._optiwise_quality_label(),
            )
        return ""

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
