# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Optiwise Batch Costing",
    "summary": "Per-batch yield and cost sheets, variances by category, trends "
    "and XLSX export",
    "version": "19.0.2.2.1",
    "category": "Manufacturing",
    "author": "Optiwise",
    "website": "https://github.com/optiwise/optiwise",
    "license": "LGPL-3",
    "maintainers": ["optiwise"],
    "development_status": "Alpha",
    "depends": ["optiwise_batch", "mrp_account"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/optiwise_costing_security.xml",
        "security/ir.model.access.csv",
        "views/menus.xml",
        "wizards/optiwise_cost_recompute_views.xml",
        "wizards/optiwise_overhead_set_views.xml",
        "wizards/optiwise_standard_correct_views.xml",
        "views/optiwise_batch_cost_views.xml",
    ],
    "demo": [
        "demo/optiwise_costing_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "optiwise_costing/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
