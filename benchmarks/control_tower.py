#!/usr/bin/env python3
# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Control tower: server time and queries of
``optiwise.control.tower.get_tower_data`` on the database as it is, then on
the same database grown to about a million stock moves.

    python benchmarks/control_tower.py --db optiwise [--moves 1000000]

Needs a database with the Optiwise addons and their demo data
(``setup/bootstrap --no-serve`` makes one). It works on a throw-away copy of
it (``odoo_bench.scratch_copy``), dropped at the end, so the database keeps
its rows and statistics: it measures the tower, then bulk-inserts with SQL copies of the
demo's own rows: ``--moves`` done stock moves, one done delivery per 10 moves,
one done batch order and one lot per 20 moves, one time log per 5 moves
(mostly in the past, a few today), one changeover and one cost sheet per 50
moves, and ``--open`` open deliveries (open delivery moves, dispatch lines,
half at risk, half late, and as many open batch orders, a tenth delayed),
runs ANALYZE and measures again. Each measure is the tower's data method as
the administrator (access rules apply), with cold record caches, after an
unmeasured first call that warms the registry's caches as on a live server.
It then times a full dispatch refresh over the open deliveries, for scale.
"""

import argparse
import sys
import time

from odoo_bench import add_db_arguments, measure, odoo_env, scratch_copy


def clone(cr, table, template_id, count, overrides):
    """Insert ``count`` copies of row ``template_id`` of ``table``.

    :param dict overrides: column -> SQL expression over ``g`` (1..count)
        replacing the template's value
    :return: the new ids
    """
    from psycopg2 import sql

    cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = %s AND column_name != 'id' ORDER BY ordinal_position",
        [table],
    )
    columns = [row[0] for row in cr.fetchall()]
    values = [
        sql.SQL(overrides[column]) if column in overrides else sql.Identifier(column)
        for column in columns
    ]
    query = sql.SQL(
        "INSERT INTO {table} ({columns}) SELECT {values} FROM {table} t, "
        "generate_series(1, %s) g WHERE t.id = %s RETURNING id"
    ).format(
        table=sql.Identifier(table),
        columns=sql.SQL(", ").join(map(sql.Identifier, columns)),
        values=sql.SQL(", ").join(values),
    )
    cr.execute(query, [count, template_id])
    return [row[0] for row in cr.fetchall()]


def one(cr, query, params=()):
    cr.execute(query, params)
    row = cr.fetchone()
    if not row:
        sys.exit(f"No template row for: {query} (is the demo data installed?)")
    return row[0]


def grow(env, moves, open_count):
    """Bulk-insert the large plant (see the module docstring)."""
    cr = env.cr._obj
    # a database whose dispatch never ran yet has no line to copy
    env["optiwise.dispatch.line"]._refresh()
    env.flush_all()
    move_done = one(cr, "SELECT id FROM stock_move WHERE state = 'done' LIMIT 1")
    picking_done = one(cr, "SELECT id FROM stock_picking ORDER BY id LIMIT 1")
    out_move = one(
        cr,
        "SELECT m.id FROM stock_move m JOIN stock_picking_type t "
        "ON t.id = m.picking_type_id WHERE t.code = 'outgoing' "
        "AND m.state NOT IN ('done', 'cancel') ORDER BY m.id LIMIT 1",
    )
    out_picking = one(cr, "SELECT picking_id FROM stock_move WHERE id = %s", [out_move])
    mo_done = one(cr, "SELECT id FROM mrp_production WHERE state = 'done' LIMIT 1")
    mo_open = one(cr, "SELECT id FROM mrp_production WHERE state = 'confirmed' LIMIT 1")
    lot = one(cr, "SELECT id FROM stock_lot ORDER BY id LIMIT 1")
    log = one(cr, "SELECT id FROM mrp_workcenter_productivity LIMIT 1")
    changeover = one(cr, "SELECT id FROM optiwise_changeover LIMIT 1")
    sheet = one(cr, "SELECT id FROM optiwise_batch_cost LIMIT 1")
    line = one(cr, "SELECT id FROM optiwise_dispatch_line LIMIT 1")
    past = "now() at time zone 'UTC' - mod(g, 700) * interval '1 day'"
    clone(cr, "stock_move", move_done, moves, {"date": past})
    clone(
        cr,
        "stock_picking",
        picking_done,
        moves // 10,
        {
            "name": "'BENCH/OUT/' || g",
            "state": "'done'",
            "date_done": past,
            "optiwise_dispatch_risk": "NULL",
        },
    )
    done_mos = clone(
        cr,
        "mrp_production",
        mo_done,
        moves // 20,
        {"name": "'BENCH/MO/' || g", "date_finished": past},
    )
    clone(cr, "stock_lot", lot, moves // 20, {"name": "'BENCH-LOT-' || g"})
    clone(
        cr,
        "mrp_workcenter_productivity",
        log,
        moves // 5,
        {
            "date_start": "now() at time zone 'UTC' - mod(g, 700) * interval '1 day' "
            "- interval '2 hours'",
            "date_end": "now() at time zone 'UTC' - mod(g, 700) * interval '1 day' "
            "- interval '1 hour'",
        },
    )
    clone(
        cr,
        "optiwise_changeover",
        changeover,
        moves // 50,
        {"date_start": past, "date_end": f"{past} + interval '30 minutes'"},
    )
    # one sheet per batch order: the first done orders, ids of one INSERT
    clone(
        cr,
        "optiwise_batch_cost",
        sheet,
        moves // 50,
        {"date": past, "production_id": f"{min(done_mos)} + g - 1"},
    )
    pickings = clone(
        cr,
        "stock_picking",
        out_picking,
        open_count,
        {
            "name": "'BENCH/OPEN/' || g",
            "optiwise_dispatch_risk": "CASE WHEN mod(g, 2) = 0 THEN 'late' "
            "ELSE 'at_risk' END",
        },
    )
    open_moves = clone(cr, "stock_move", out_move, open_count, {})
    cr.execute(
        "UPDATE stock_move m SET picking_id = p.picking_id FROM "
        "(SELECT unnest(%s::int[]) AS move_id, unnest(%s::int[]) AS picking_id) p "
        "WHERE m.id = p.move_id",
        [open_moves, pickings],
    )
    cr.execute("DELETE FROM optiwise_dispatch_line WHERE id != %s", [line])
    # ids of one INSERT are consecutive: line g is for move g of picking g
    clone(
        cr,
        "optiwise_dispatch_line",
        line,
        open_count,
        {
            "move_id": f"{min(open_moves)} + g - 1",
            "picking_id": f"{min(pickings)} + g - 1",
            "risk": "CASE WHEN mod(g, 2) = 0 THEN 'late' ELSE 'at_risk' END",
            "computed_at": "now() at time zone 'UTC'",
        },
    )
    cr.execute("DELETE FROM optiwise_dispatch_line WHERE id = %s", [line])
    clone(
        cr,
        "mrp_production",
        mo_open,
        open_count,
        {
            "name": "'BENCH/MO-OPEN/' || g",
            "date_finished": "now() at time zone 'UTC' + CASE WHEN mod(g, 10) = 0 "
            "THEN interval '-1 day' ELSE interval '3 days' END",
        },
    )
    cr.execute("ANALYZE")
    env.invalidate_all()


def counts(env):
    cr = env.cr
    figures = {}
    for table in ("stock_move", "mrp_production", "stock_picking", "stock_lot"):
        # table names are the constants above
        cr.execute(f"SELECT count(*) FROM {table}")
        figures[table] = cr.fetchone()[0]
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_db_arguments(parser)
    parser.add_argument("--moves", type=int, default=1_000_000)
    parser.add_argument("--open", type=int, default=2_000)
    args = parser.parse_args()
    odoo_env(args)
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry

    with scratch_copy(args):
        registry = Registry(args.db)
        header = (
            f"{'database':<14} {'stock moves':>12} {'MOs':>8} {'pickings':>9} "
            f"{'lots':>8} {'tower s':>8} {'tower q':>8}"
        )
        print(header)
        print("-" * len(header))
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            admin = api.Environment(cr, env.ref("base.user_admin").id, {})
            tower = admin["optiwise.control.tower"]
            rows = []
            for label in ("as installed", "grown"):
                if label == "grown":
                    began = time.perf_counter()
                    grow(env, args.moves, args.open)
                    grown_in = time.perf_counter() - began
                size = counts(env)
                data, seconds, queries = measure(admin, tower.get_tower_data)
                rows.append((seconds, queries))
                print(
                    f"{label:<14} {size['stock_move']:>12,} "
                    f"{size['mrp_production']:>8,} "
                    f"{size['stock_picking']:>9,} {size['stock_lot']:>8,} "
                    f"{seconds:>8.3f} {queries:>8}"
                )
            tiles = {
                tile["key"]: tile["value"]
                for section in data["sections"]
                for tile in section["tiles"]
            }
            print()
            print(
                f"generated in {grown_in:.1f} s; grown tower: deliveries late "
                f"{tiles.get('delivery_late')}, "
                f"at risk {tiles.get('delivery_at_risk')}, "
                f"batches delayed {tiles.get('mo_delayed')}"
            )
            print(
                f"time ratio grown / as installed: {rows[1][0] / rows[0][0]:.2f}; "
                f"same query count: {rows[0][1] == rows[1][1]}"
            )
            began = time.perf_counter()
            before = cr.sql_log_count
            lines = env["optiwise.dispatch.line"]._refresh()
            print(
                f"dispatch refresh of {len(lines):,} open delivery moves: "
                f"{time.perf_counter() - began:.2f} s, {cr.sql_log_count - before} "
                "queries"
            )
            cr.rollback()


if __name__ == "__main__":
    main()
