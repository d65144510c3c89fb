# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Optiwise Quality Control",
    "summary": "Per-lot inspections, lot hold/release enforced on reservation and "
    "delivery, non-conformances, certificates of analysis, recall",
    "version": "19.0.2.5.0",
    "category": "Manufacturing",
    "author": "Optiwise",
    "website": "https://github.com/optiwise/optiwise",
    "license": "LGPL-3",
    "maintainers": ["optiwise"],
    "development_status": "Alpha",
    "depends": ["optiwise_batch"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/optiwise_qc_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "views/menus.xml",
        "wizards/optiwise_qc_decision_views.xml",
        "wizards/optiwise_qc_correction_views.xml",
        "views/optiwise_qc_point_views.xml",
        "views/optiwise_qc_inspection_views.xml",
        "views/optiwise_qc_nonconformance_views.xml",
        "views/optiwise_recall_views.xml",
        "views/stock_views.xml",
        "report/report_certificate_of_analysis.xml",
    ],
    "demo": [
        "demo/optiwise_qc_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "optiwise_qc/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
