# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Optiwise Shop Floor",
    "summary": "The operator's and inspector's phone and scanner screen: GS1 "
    "and plain codes resolved server-side to the work center, job, lot or "
    "delivery they name, with what to do next",
    "version": "19.0.1.3.0",
    "category": "Manufacturing",
    "author": "Optiwise",
    "website": "https://github.com/optiwise/optiwise",
    "license": "LGPL-3",
    "maintainers": ["optiwise"],
    "development_status": "Alpha",
    "depends": [
        "optiwise_batch",
        "barcodes",
        "barcodes_gs1_nomenclature",
        "stock",
    ],
    "data": [
        "security/ir.model.access.csv",
        "data/optiwise_sscc_sequence.xml",
        "views/mrp_workcenter_views.xml",
        "views/stock_package_views.xml",
        "views/optiwise_shopfloor_views.xml",
        "report/optiwise_lot_label.xml",
        "report/optiwise_pallet_label.xml",
    ],
    "demo": [
        "demo/optiwise_shopfloor_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "optiwise_shopfloor/static/src/client_action/*",
            "optiwise_shopfloor/static/src/user_menu/*",
        ],
        "web.assets_tests": [
            "optiwise_shopfloor/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
