# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, models
from odoo.exceptions import UserError


class ReportCertificateOfAnalysis(models.AbstractModel):
    """A certificate states that a lot met its specification: it is issued
    for released lots only, from their completed inspections, and says who
    released them."""

    _name = "report.optiwise_qc.report_certificate_of_analysis"
    _description = "Certificate of Analysis"

    @api.model
    def _get_report_values(self, docids, data=None):
        lots = self.env["stock.lot"].browse(docids)
        lots.check_access("read")
        return self._values(lots, [self._certificate(lot) for lot in lots])

    @api.model
    def _values(self, docs, certificates):
        """What the templates get: the documents and their certificates."""
        return {
            "doc_ids": docs.ids,
            "doc_model": docs._name,
            "docs": docs,
            "certificates": certificates,
        }

    @api.model
    def _certificate(self, lot, picking=None, quantity=None, uom=None):
        """What one certificate says, after checking that it may be issued.

        :raises UserError: if the lot is not released, has no completed
            inspection, or a completed test of it failed
        """
        _ = self.env._
        if lot.optiwise_quality_state != "released":
            raise UserError(
                _(
                    "No certificate for lot %(lot)s: it is %(state)s. A "
                    "certificate of analysis is issued for released lots only.",
                    lot=lot.name,
                    state=lot._optiwise_quality_label(),
                )
            )
        inspections = lot.optiwise_inspection_ids.filtered(
            lambda i: i.state in ("passed", "failed")
        ).sorted(lambda i: (i.date_done, i.id))
        if not inspections:
            raise UserError(
                _(
                    "No certificate for lot %(lot)s: no inspection of it is "
                    "complete, so there is nothing to certify.",
                    lot=lot.name,
                )
            )
        failed = inspections.line_ids.filtered(lambda line: line.result == "fail")
        if failed:
            raise UserError(
                _(
                    "No certificate for lot %(lot)s: test %(tests)s failed (it "
                    "was released as a concession). Issue a statement of the "
                    "concession instead.",
                    lot=lot.name,
                    tests=", ".join(failed.mapped("display_name")),
                )
            )
        released = inspections.filtered(lambda i: i.decision == "release")
        production = self.env["mrp.production"].search(
            [("lot_producing_ids", "in", lot.ids), ("state", "=", "done")],
            order="date_finished desc",
            limit=1,
        )
        return {
            "lot": lot,
            "inspections": inspections,
            "customer": picking.partner_id if picking else False,
            "picking": picking or False,
            "quantity": lot.product_qty if quantity is None else quantity,
            "uom": uom or lot.product_uom_id,
            "produced_on": production.date_finished or lot.create_date,
            "expiry": "expiration_date" in lot._fields and lot.expiration_date,
            "approved_by": released.decision_user_id,
            "approved_on": max(released.mapped("decision_date")) if released else False,
        }


class ReportCertificateOfAnalysisDelivery(models.AbstractModel):
    """The certificates of what a delivery ships: one per lot, with the
    customer and the quantity shipped of it."""

    _name = "report.optiwise_qc.report_certificate_of_analysis_delivery"
    _description = "Certificates of Analysis of a Delivery"

    @api.model
    def _get_report_values(self, docids, data=None):
        pickings = self.env["stock.picking"].browse(docids)
        pickings.check_access("read")
        Certificate = self.env["report.optiwise_qc.report_certificate_of_analysis"]
        certificates = []
        for picking in pickings:
            shipped = {}
            for line in picking.move_line_ids.filtered("lot_id"):
                key = (line.lot_id, line.product_uom_id)
                shipped[key] = shipped.get(key, 0.0) + line.quantity
            if not shipped:
                raise UserError(
                    self.env._(
                        "%(picking)s ships no lot yet: set its lots first.",
                        picking=picking.name,
                    )
                )
            certificates += [
                Certificate._certificate(lot, picking, quantity, uom)
                for (lot, uom), quantity in shipped.items()
            ]
        return Certificate._values(pickings, certificates)
