# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Optiwise Quality Control",
    "summary": "Per-lot inspections, lot hold/release enforced on reservation and "
    "delivery, non-conformances, certificates of analysis, recall",
    "version": "19.0.1.0.0",
    "category": "Manufacturing",
    "author": "Optiwise",
    "website": "https://github.com/optiwise/optiwise",
    "license": "LGPL-3",
    "maintainers": ["optiwise"],
    "development_status": "Alpha",
    "depends": ["optiwise_batch"],
    "data": [
        "security/optiwise_qc_security.xml",
        "security/ir.model.access.csv",
        "views/menus.xml",
    ],
    "demo": [
        "demo/optiwise_qc_demo.xml",
    ],
    "installable": True,
}
