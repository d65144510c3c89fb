# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Optiwise Dispatch",
    "summary": "Which customer deliveries wait on which batches and runs, when "
    "they are expected ready, and their risk with the reasons",
    "version": "19.0.2.2.0",
    "category": "Manufacturing",
    "author": "Optiwise",
    "website": "https://github.com/optiwise/optiwise",
    "license": "LGPL-3",
    "maintainers": ["optiwise"],
    "development_status": "Alpha",
    "depends": ["optiwise_batch", "sale_mrp"],
    "data": [
        "security/optiwise_dispatch_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "views/optiwise_dispatch_line_views.xml",
        "views/stock_picking_views.xml",
    ],
    "demo": [
        "demo/optiwise_dispatch_demo.xml",
    ],
    "assets": {
        # the graph view is loaded lazily: its extension goes with it
        "web.assets_backend_lazy": [
            "optiwise_dispatch/static/src/risk_graph/*",
        ],
        "web.assets_tests": [
            "optiwise_dispatch/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
