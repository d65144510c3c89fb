# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import json
from datetime import datetime, timedelta

from odoo import Command
from odoo.tests import HttpCase, get_db_name, new_test_user, tagged
from odoo.tools import mute_logger


class Json2Case(HttpCase):
    """Calls over JSON-2 with the API key in ``self.key``."""

    def _use_key_of(self, user, name):
        """Call as ``user``, with an RPC API key valid for a day."""
        self.key = (
            self.env["res.users.apikeys"]
            .with_user(user)
            ._generate(
                scope="rpc",
                name=name,
                expiration_date=datetime.now() + timedelta(days=1),
            )
        )

    def _post(self, model, method, payload):
        return self.url_open(
            f"/json/2/{model}/{method}",
            data=json.dumps(payload),
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Authorization": f"Bearer {self.key}",
                "X-Odoo-Database": get_db_name(),
            },
        )


@tagged("post_install", "-at_install")
class TestJson2(Json2Case):
    """record_output over JSON-2 with an operator's API key, as a PLC would."""

    def test_record_output_json2(self):
        """Declared twice with one external_ref: one id, one posting; bad qty: 422."""
        operator = new_test_user(
            self.env, login="json2_operator", groups="optiwise_batch.group_user"
        )
        self._use_key_of(operator, "line PLC")
        product = self.env["product.product"].create(
            {"name": "JSON Bottle", "is_storable": True, "tracking": "lot"}
        )
        line = self.env["mrp.workcenter"].create({"name": "JSON Line"})
        self.env["mrp.bom"].create(
            {
                "product_tmpl_id": product.product_tmpl_id.id,
                "operation_ids": [
                    Command.create({"name": "Fill", "workcenter_id": line.id})
                ],
            }
        )
        run = self.env["optiwise.production.run"].create(
            {"product_id": product.id, "planned_qty": 100, "standard_rate": 60}
        )
        run.action_start()
        payload = {"ids": [run.id], "qty_good": 7.0, "external_ref": "PLC-7"}
        first = self._post("optiwise.production.run", "record_output", payload)
        again = self._post("optiwise.production.run", "record_output", payload)
        self.assertEqual(first.status_code, 200, first.text)
        self.assertEqual(first.json(), again.json())
        self.assertEqual(run.produced_qty, 7)
        with mute_logger("odoo.http"):  # the refusal is logged as a warning
            bad = self._post(
                "optiwise.production.run",
                "record_output",
                {"ids": [run.id], "qty_good": -1.0},
            )
        self.assertEqual(bad.status_code, 422, bad.text)
        self.assertIn("may not be negative", bad.json()["message"])
