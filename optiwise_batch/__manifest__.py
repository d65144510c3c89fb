# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Optiwise Batch & Continuous Production",
    "summary": "Run modes, lot-numbered batches, continuous runs, changeovers, OEE "
    "and the production control tower on top of Odoo MRP",
    "version": "19.0.2.3.0",
    "category": "Manufacturing",
    "author": "Optiwise",
    "website": "https://github.com/optiwise/optiwise",
    "license": "LGPL-3",
    "maintainers": ["optiwise"],
    "development_status": "Alpha",
    "depends": ["mrp", "product_expiry"],
    "data": [
        "security/optiwise_batch_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/mrp_loss_data.xml",
        "data/ir_cron_data.xml",
        "views/menus.xml",
        "wizards/optiwise_run_wizard_views.xml",
        "wizards/optiwise_batch_plan_views.xml",
        "views/product_template_views.xml",
        "views/mrp_bom_views.xml",
        "views/mrp_production_views.xml",
        "views/optiwise_production_run_views.xml",
        "views/optiwise_changeover_rule_views.xml",
        "wizards/optiwise_sequence_wizard_views.xml",
        "wizards/optiwise_wheel_wizard_views.xml",
        "views/mrp_workcenter_views.xml",
        "views/optiwise_changeover_views.xml",
        "report/report_batch_record.xml",
        "wizards/optiwise_mode_advisor_views.xml",
        "wizards/optiwise_oee_analysis_views.xml",
        "views/optiwise_control_tower_views.xml",
        "views/optiwise_lot_size_views.xml",
    ],
    "demo": [
        "demo/optiwise_batch_demo.xml",
        "demo/optiwise_changeover_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "optiwise_batch/static/src/control_tower/*",
        ],
        "web.assets_tests": [
            "optiwise_batch/static/tests/tours/*.js",
        ],
    },
    "installable": True,
    "application": True,
}
