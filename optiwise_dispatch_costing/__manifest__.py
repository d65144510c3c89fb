# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Optiwise Dispatch - Costing",
    "summary": "Dispatch knows cost: deliveries of lots from batches above their "
    "cost band are flagged, with a control tower tile",
    "version": "19.0.2.0.0",
    "category": "Manufacturing",
    "author": "Optiwise",
    "website": "https://github.com/optiwise/optiwise",
    "license": "LGPL-3",
    "maintainers": ["optiwise"],
    "development_status": "Alpha",
    "depends": ["optiwise_dispatch", "optiwise_costing"],
    "data": [
        "views/optiwise_dispatch_views.xml",
    ],
    "demo": [
        "demo/optiwise_dispatch_costing_demo.xml",
    ],
    "installable": True,
    "auto_install": True,
}
