# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""19.0.2.0.0: dispatch moves to its own addons; fields on core models get
the ``optiwise_`` prefix.

Runs before optiwise_batch's new code is loaded, in the same transaction as
the upgrade:

1. the fields this addon adds to core models are renamed (column, field,
   external ids, foreign keys), so their data stays;
2. optiwise_dispatch is marked for installation, with the bridges whose
   other addon is installed (optiwise_dispatch_qc, optiwise_dispatch_costing);
3. the external ids of everything that moved (models, fields, views, actions,
   menus, rules, access, the cron, constraints) are given to the addon that
   now owns it, so the upgrade keeps the records, their ids and their data
   (dispatch lines, the margin setting, views that inherit the moved ones)
   instead of deleting them at the end of the upgrade. Demo records keep
   their external ids (see the addon's README, known issues).

Safe to re-run: every step looks for what it changes.
"""

import logging
import time

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# fields of optiwise_batch on core models, renamed to optiwise_<name>; those
# with a column in the database keep it, renamed
RENAMED_FIELDS = {
    "product.template": ("run_mode", "changeover_family_id", "lot_name_pattern"),
    "mrp.workcenter": (
        "default_run_mode",
        "batch_cycle_minutes",
        "batch_cycle_count",
        "sequencing_tardiness_weight",
        "changeover_rule_ids",
    ),
    "mrp.bom": (
        "run_mode",
        "batch_min_size",
        "batch_split_strategy",
        "batch_remainder_policy",
    ),
    "mrp.production": ("run_mode", "batch_family_id", "batch_ids", "batch_count"),
    "mrp.workcenter.productivity.loss": ("is_setup",),
}

# external ids of optiwise_batch that optiwise_dispatch owns now, besides
# every name with "dispatch" in it
MOVED_TO_DISPATCH = [
    "model_stock_picking",
    "model_res_company",
    "model_res_config_settings",
    "stock_picking_view_form",
    "stock_picking_view_list",
    "stock_picking_view_search",
    "res_config_settings_view_form",
]
MOVED_PREFIXES = (
    "field_stock_picking__",
    "field_res_company__",
    "field_res_config_settings__",
    "selection__stock_picking__",
)
# addon -> the bridge that owns its dispatch extension now
BRIDGES = {
    "optiwise_qc": "optiwise_dispatch_qc",
    "optiwise_costing": "optiwise_dispatch_costing",
}


def _column_exists(cr, table, column):
    cr.execute(
        SQL(
            "SELECT 1 FROM information_schema.columns"
            " WHERE table_name = %s AND column_name = %s",
            table,
            column,
        )
    )
    return bool(cr.fetchone())


def rename_fields(cr):
    renames = [
        (model, old, f"optiwise_{old}")
        for model, names in RENAMED_FIELDS.items()
        for old in names
    ]
    moved = 0
    for model, old, new in renames:
        table = model_xmlid = model.replace(".", "_")
        if _column_exists(cr, table, old):
            moved += 1
            if _column_exists(cr, table, new):
                # a half-run earlier upgrade: the new column is empty
                cr.execute(
                    SQL(
                        "ALTER TABLE %s DROP COLUMN %s",
                        SQL.identifier(table),
                        SQL.identifier(new),
                    )
                )
            cr.execute(
                SQL(
                    "ALTER TABLE %s RENAME COLUMN %s TO %s",
                    SQL.identifier(table),
                    SQL.identifier(old),
                    SQL.identifier(new),
                )
            )
            old_fk, new_fk = f"{table}_{old}_fkey", f"{table}_{new}_fkey"
            cr.execute(
                SQL(
                    "SELECT 1 FROM pg_constraint WHERE conname = %s",
                    old_fk,
                )
            )
            if cr.fetchone():
                cr.execute(
                    SQL(
                        "ALTER TABLE %s RENAME CONSTRAINT %s TO %s",
                        SQL.identifier(table),
                        SQL.identifier(old_fk),
                        SQL.identifier(new_fk),
                    )
                )
                cr.execute(
                    SQL(
                        "UPDATE ir_model_constraint SET name = %s WHERE name = %s",
                        new_fk,
                        old_fk,
                    )
                )
        cr.execute(
            SQL(
                "UPDATE ir_model_fields SET name = %s"
                " WHERE model = %s AND name = %s"
                " AND NOT EXISTS (SELECT 1 FROM ir_model_fields"
                "                  WHERE model = %s AND name = %s)",
                new,
                model,
                old,
                model,
                new,
            )
        )
        cr.execute(
            SQL(
                "UPDATE ir_model_fields SET relation_field = %s"
                " WHERE relation = %s AND relation_field = %s",
                new,
                model,
                old,
            )
        )
        cr.execute(
            SQL(
                "UPDATE ir_model_data SET name = %s"
                " WHERE module = 'optiwise_batch' AND name = %s",
                f"field_{model_xmlid}__{new}",
                f"field_{model_xmlid}__{old}",
            )
        )
        cr.execute(
            SQL(
                "UPDATE ir_model_data"
                " SET name = %s || substr(name, length(%s) + 1)"
                " WHERE module = 'optiwise_batch' AND name LIKE %s",
                f"selection__{model_xmlid}__{new}__",
                f"selection__{model_xmlid}__{old}__",
                f"selection\\_\\_{model_xmlid}\\_\\_{old}\\_\\_%",
            )
        )
    return moved


def install_new_addons(env):
    """optiwise_dispatch (its dependencies) and the bridges that apply."""
    Module = env["ir.module.module"]
    dispatch = Module.search([("name", "=", "optiwise_dispatch")])
    if not dispatch:
        _logger.warning("optiwise_dispatch is not in the addons path: not installed")
        return
    if dispatch.state == "uninstalled":
        # button_install also marks the auto-install bridges whose other
        # addon is installed or being upgraded
        dispatch.button_install()


def move_xmlids(cr):
    moved = [
        ("optiwise_batch", "optiwise_dispatch"),
        *BRIDGES.items(),
    ]
    for old, new in moved:
        extra = MOVED_TO_DISPATCH if new == "optiwise_dispatch" else []
        prefixes = MOVED_PREFIXES if new == "optiwise_dispatch" else ()
        like = SQL(" OR ").join(
            [SQL("name LIKE %s", "%dispatch%")]
            + [
                SQL("name LIKE %s", prefix.replace("_", "\\_") + "%")
                for prefix in prefixes
            ]
        )
        cr.execute(
            SQL(
                "UPDATE ir_model_data SET module = %s"
                " WHERE module = %s AND (%s OR name = ANY(%s))"
                # demo records stay: see the docstring
                " AND model NOT IN ('sale.order', 'stock.picking', 'mrp.production')"
                " AND NOT EXISTS (SELECT 1 FROM ir_model_data d"
                "   WHERE d.module = %s AND d.name = ir_model_data.name)",
                new,
                old,
                like,
                extra,
                new,
            )
        )
        _logger.info("%d external ids moved from %s to %s", cr.rowcount, old, new)
        cr.execute(
            SQL(
                "UPDATE ir_model_constraint SET module = new.id"
                "  FROM ir_module_module new, ir_module_module old"
                " WHERE new.name = %s AND old.name = %s"
                "   AND ir_model_constraint.module = old.id"
                "   AND ir_model_constraint.name LIKE %s",
                new,
                old,
                "%dispatch%",
            )
        )


def migrate(cr, version):
    if not version:
        return
    began = time.monotonic()
    moved = rename_fields(cr)
    env = api.Environment(cr, SUPERUSER_ID, {})
    install_new_addons(env)
    move_xmlids(cr)
    _logger.info(
        "optiwise_batch 19.0.2.0.0: %d columns renamed, dispatch split off in %.1f s",
        moved,
        time.monotonic() - began,
    )
