# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Optiwise Shop Floor - Quality",
    "summary": "The shop floor screen knows quality: a component lot on hold is "
    "refused when scanned onto a batch, with its state",
    "version": "19.0.1.1.0",
    "category": "Manufacturing",
    "author": "Optiwise",
    "website": "https://github.com/optiwise/optiwise",
    "license": "LGPL-3",
    "maintainers": ["optiwise"],
    "development_status": "Alpha",
    "depends": ["optiwise_shopfloor", "optiwise_qc"],
    "data": [
        "security/ir.model.access.csv",
    ],
    "assets": {
        "web.assets_backend": [
            "optiwise_shopfloor_qc/static/src/*",
        ],
        "web.assets_tests": [
            "optiwise_shopfloor_qc/static/tests/tours/*.js",
        ],
    },
    "installable": True,
    "auto_install": True,
}
