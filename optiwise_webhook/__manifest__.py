# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Optiwise Webhooks",
    "summary": "Tell an integration when a lot is released, quarantined or "
    "rejected, a batch closes with its cost, or a delivery turns late: "
    "Odoo automation rules with a webhook action, shipped disabled",
    "version": "19.0.1.0.1",
    "category": "Manufacturing",
    "author": "Optiwise",
    "website": "https://github.com/optiwise/optiwise",
    "license": "LGPL-3",
    "maintainers": ["optiwise"],
    "development_status": "Alpha",
    "depends": [
        "base_automation",
        "optiwise_qc",
        "optiwise_costing",
        "optiwise_dispatch",
    ],
    "data": [
        "data/optiwise_webhook_rules.xml",
    ],
    "installable": True,
}
