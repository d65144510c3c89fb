# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import OptiwiseQcCase


@tagged("post_install", "-at_install")
class TestQualityCompaniesApart(OptiwiseQcCase):
    """An inspector of another company cannot inspect this company's lots:
    an inspection is checked against its company (``_check_company_auto``),
    so it cannot move a lot of company A from released to pending."""

    def test_inspection_of_another_companys_lot_refused(self):
        """An inspection of company B on company A's lot is refused."""
        other, other_inspector = self._user_of_other_company(
            "ow_other_inspector", "optiwise_qc.group_inspector"
        )
        lot = self.env["stock.lot"].create(
            {
                "name": "QC-A-1",
                "product_id": self.base.id,
                "company_id": self.company.id,
            }
        )
        Inspection = self.env["optiwise.qc.inspection"]
        count = Inspection.search_count([])
        state = lot.optiwise_quality_state
        with (
            self.assertRaisesRegex(UserError, "compan"),
            self.env.cr.savepoint(),
        ):
            Inspection.with_user(other_inspector).create(
                {"lot_id": lot.id, "company_id": other.id}
            )
        self.assertEqual(Inspection.search_count([]), count)
        lot.invalidate_recordset()
        self.assertEqual(lot.optiwise_quality_state, state)
