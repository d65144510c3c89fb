# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Optiwise Dispatch - Quality",
    "summary": "Dispatch knows quality: QC lead time of lots awaiting a decision, "
    "lots on hold block their deliveries and are pegged last",
    "version": "19.0.2.1.0",
    "category": "Manufacturing",
    "author": "Optiwise",
    "website": "https://github.com/optiwise/optiwise",
    "license": "LGPL-3",
    "maintainers": ["optiwise"],
    "development_status": "Alpha",
    "depends": ["optiwise_dispatch", "optiwise_qc"],
    "data": [
        "views/optiwise_dispatch_views.xml",
    ],
    "demo": [
        "demo/optiwise_dispatch_qc_demo.xml",
    ],
    "installable": True,
    "auto_install": True,
}
