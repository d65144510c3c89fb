# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The webhook rules fire on the events an integrator is told about, with
the fields it is promised, and on nothing else. The rules and their server
actions run for real; only the HTTP POST at commit is caught, as core's own
webhook test does (``base/tests/test_ir_actions.py``)."""

import json
from contextlib import contextmanager
from datetime import timedelta
from unittest.mock import patch

import requests

from odoo.tests import tagged

from odoo.addons.optiwise_costing.tests.common import OptiwiseCostCase
from odoo.addons.optiwise_dispatch.tests.common import OptiwiseDispatchCase
from odoo.addons.optiwise_qc.tests.common import OptiwiseQcCase

RULES = {
    "lot-quality": ("rule_lot_quality_decided", "action_lot_quality_decided"),
    "batch-cost": ("rule_batch_cost_closed", "action_batch_cost_closed"),
    "delivery-late": ("rule_delivery_late", "action_delivery_late"),
}
URL = "https://receiver.test/optiwise"


class WebhookMixin:
    def _enable(self, key):
        """The rule of ``key`` enabled, its action pointed at the receiver."""
        rule, action = RULES[key]
        self.env.ref(f"optiwise_webhook.{action}").webhook_url = f"{URL}/{key}"
        self.env.ref(f"optiwise_webhook.{rule}").active = True

    @contextmanager
    def _posted(self):
        """Collect what the webhooks post when the transaction commits."""
        sent = []

        def post(url, data=None, headers=None, timeout=None):
            sent.append((url.removeprefix(URL + "/"), json.loads(data)))
            response = requests.Response()
            response.status_code = 200
            return response

        with patch.object(requests, "post", post):
            yield sent
            # what the commit would do: recompute what is pending (a lot's
            # quality state follows its inspection at flush), then send the
            # webhooks waiting for the commit
            self.env.flush_all()
            self.env.cr.postcommit.run()


@tagged("post_install", "-at_install")
class TestWebhookRulesShipped(OptiwiseQcCase):
    def test_rules_ship_disabled_with_a_placeholder(self):
        """Nothing is posted until a plant sets its URL and enables a rule."""
        for rule, action in RULES.values():
            rule = self.env.ref(f"optiwise_webhook.{rule}")
            action = self.env.ref(f"optiwise_webhook.{action}")
            self.assertFalse(rule.active, rule.name)
            self.assertEqual(action.state, "webhook")
            self.assertEqual(action.base_automation_id, rule)
            self.assertIn("integration.example.com", action.webhook_url)
            self.assertTrue(action.webhook_field_ids, action.name)


@tagged("post_install", "-at_install")
class TestLotDecisionWebhook(WebhookMixin, OptiwiseQcCase):
    def test_release_posted_once_with_the_promised_fields(self):
        """A lot released posts its name, product and quality state; the
        results recorded before the decision post nothing."""
        self._enable("lot-quality")
        lot = self._produce()
        with self._posted() as before:
            inspection = self._pass_production(lot)
        self.assertEqual(lot.optiwise_quality_state, "pending")
        self.assertEqual(before, [])
        with self._posted() as sent:
            inspection.with_user(self.inspector_two).action_release()
        self.assertEqual(len(sent), 1, sent)
        key, body = sent[0]
        self.assertEqual(key, "lot-quality")
        self.assertEqual((body["_model"], body["_id"]), ("stock.lot", lot.id))
        self.assertEqual(body["name"], lot.name)
        self.assertEqual(body["product_id"], self.base.id)
        self.assertEqual(body["optiwise_quality_state"], "released")

    def test_quarantine_posted(self):
        self._enable("lot-quality")
        lot = self._produce()
        inspection = self._pass_production(lot)
        with self._posted() as sent:
            inspection.with_user(self.inspector_two).action_quarantine(
                note="Label check"
            )
        [(_key, body)] = sent
        self.assertEqual(body["optiwise_quality_state"], "quarantined")


@tagged("post_install", "-at_install")
class TestBatchCostWebhook(WebhookMixin, OptiwiseCostCase):
    def test_closed_batch_posts_its_cost(self):
        """A batch closed posts its cost sheet with the figures promised."""
        self._enable("batch-cost")
        with self._posted() as sent:
            production = self._batch(qty=100)
        sheet = self._sheet(production)
        self.assertTrue(sheet)
        bodies = [body for key, body in sent if key == "batch-cost"]
        self.assertEqual(len(bodies), 1, sent)
        body = bodies[0]
        self.assertEqual(
            (body["_model"], body["_id"]), ("optiwise.batch.cost", sheet.id)
        )
        self.assertEqual(body["production_id"], production.id)
        self.assertAlmostEqual(body["qty_good"], 100)
        self.assertAlmostEqual(body["actual_cost"], sheet.actual_cost)
        self.assertEqual(body["band_status"], sheet.band_status)


@tagged("post_install", "-at_install")
class TestDeliveryLateWebhook(WebhookMixin, OptiwiseDispatchCase):
    def test_turning_late_posts_once(self):
        """A delivery posts when its risk turns late, not while it stays late,
        and not when it is on time."""
        self._enable("delivery-late")
        promised = self.now + timedelta(days=5)
        delivery = self._ship(100, promised)
        production = self._confirmed_mo(500)
        self._plan(production, promised - timedelta(days=4))
        with self._posted() as on_time:
            self._refresh()
        self.assertEqual(delivery.optiwise_dispatch_risk, "on_time")
        self.assertEqual(on_time, [])
        self._plan(production, promised + timedelta(days=1))
        with self._posted() as sent:
            self._refresh()
        self.assertEqual(delivery.optiwise_dispatch_risk, "late")
        self.assertEqual(len(sent), 1, sent)
        key, body = sent[0]
        self.assertEqual(key, "delivery-late")
        self.assertEqual((body["_model"], body["_id"]), ("stock.picking", delivery.id))
        self.assertEqual(body["optiwise_dispatch_risk"], "late")
        # still late at the next refresh: nothing new
        self._plan(production, promised + timedelta(days=2))
        with self._posted() as again:
            self._refresh()
        self.assertEqual(again, [])
