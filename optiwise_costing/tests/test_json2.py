# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import base64

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.optiwise_batch.tests.test_json2 import Json2Case

from .common import OptiwiseCostCase


@tagged("post_install", "-at_install")
class TestCostJson2(Json2Case, OptiwiseCostCase):
    """A finance system downloads cost workbooks over JSON-2."""

    def test_export_xlsx_json2(self):
        """export_xlsx(sheet_ids) works over JSON-2; a bad argument is a 422."""
        sheets = self._sheet(self._batch()) | self._sheet(self._batch(paste=220))
        self._use_key_of(self.controller, "finance")
        response = self._post(
            "optiwise.batch.cost", "export_xlsx", {"sheet_ids": sheets.ids}
        )
        self.assertEqual(response.status_code, 200, response.text)
        export = response.json()
        self.assertTrue(export["filename"].endswith(".xlsx"))
        # an XLSX file is a zip archive
        self.assertEqual(base64.b64decode(export["content"])[:2], b"PK")
        with mute_logger("odoo.http"):  # the refusal is logged as a warning
            bad = self._post("optiwise.batch.cost", "export_xlsx", {"sheet_ids": "12"})
        self.assertEqual(bad.status_code, 422, bad.text)
        self.assertIn("Give the ids", bad.json()["message"])
