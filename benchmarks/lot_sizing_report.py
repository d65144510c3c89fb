#!/usr/bin/env python3
# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Lot Sizing report for many products: seconds and queries of one
``optiwise.lot.size._optiwise_refresh`` over 50 and 500 bills of materials,
side by side, on a throw-away copy of the demo database.

    ~/.local/share/optiwise/venv-19.0/bin/python \
        benchmarks/lot_sizing_report.py [--db optiwise]

Each generated product is made on the demo's mixing vessel from one bill of
materials, with twelve weeks of deliveries (SQL copies of a demo delivery
move, one a week, 50-400 units) and its own cost; the vessel's changeover
rules price the mix. Time: the best of 3 calls with cold record caches;
queries: of that call.
"""

import argparse
import random
import sys
from datetime import timedelta

from odoo_bench import add_db_arguments, measure, odoo_env, scratch_copy


def plant(env, count, rng):
    """``count`` products with a bill of materials on the vessel and twelve
    weeks of deliveries; their bills of materials."""
    from odoo import Command, fields

    vessel = env.ref("optiwise_batch.workcenter_mixing_vessel_demo")
    paste = env.ref("optiwise_batch.product_tomato_paste_demo")
    products = env["product.product"].create(
        [
            {
                "name": f"Bench Sauce {index}",
                "is_storable": True,
                "standard_price": rng.uniform(1, 20),
            }
            for index in range(count)
        ]
    )
    boms = env["mrp.bom"].create(
        [
            {
                "product_tmpl_id": product.product_tmpl_id.id,
                "product_qty": 100,
                "bom_line_ids": [Command.create({"product_id": paste.id})],
                "operation_ids": [
                    Command.create(
                        {
                            "name": "Cook",
                            "workcenter_id": vessel.id,
                            "time_cycle_manual": 60,
                        }
                    )
                ],
            }
            for product in products
        ]
    )
    env.flush_all()
    cr = env.cr._obj
    cr.execute(
        "SELECT m.id FROM stock_move m JOIN stock_location l"
        " ON l.id = m.location_dest_id WHERE l.usage = 'customer' LIMIT 1"
    )
    row = cr.fetchone()
    if not row:
        sys.exit("No delivery move to copy: is the dispatch demo installed?")
    now = fields.Datetime.now()
    rows = [
        (product.id, now - timedelta(weeks=week, days=1), rng.randint(50, 400))
        for product in products
        for week in range(1, 13)
    ]
    cr.execute(
        "SELECT column_name FROM information_schema.columns"
        " WHERE table_name = 'stock_move' AND column_name NOT IN"
        " ('id', 'product_id', 'date', 'product_qty', 'product_uom_qty',"
        "  'quantity', 'state', 'picking_id', 'product_uom')"
    )
    columns = [r[0] for r in cr.fetchall()]
    listed = ", ".join(f'"{c}"' for c in columns)
    for product_id, date, qty in rows:
        cr.execute(
            f"INSERT INTO stock_move ({listed}, product_id, date, product_qty,"
            " product_uom_qty, quantity, state, product_uom)"
            f" SELECT {listed}, %s, %s, %s, %s, %s, 'done', %s"
            " FROM stock_move WHERE id = %s",
            [
                product_id,
                date,
                qty,
                qty,
                qty,
                env.ref("uom.product_uom_unit").id,
                row[0],
            ],
        )
    env.invalidate_all()
    return boms


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_db_arguments(parser)
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 500])
    args = parser.parse_args()
    args.python = sys.executable
    odoo_env(args)
    from odoo import api
    from odoo.modules.registry import Registry

    with scratch_copy(args):
        registry = Registry(args.db)
        with registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            manager = env.ref(
                "optiwise_batch.user_plant_manager_demo", raise_if_not_found=False
            )
            Lot = env["optiwise.lot.size"]
            if manager:
                Lot = Lot.with_user(manager)
            rng = random.Random(0)
            boms = plant(env, max(args.sizes), rng)
            print(
                f"{'bills of materials':>18}  {'seconds':>8}  "
                f"{'queries':>8}  {'capped':>7}"
            )
            for size in args.sizes:
                subset = boms[:size]
                records, seconds, queries = measure(
                    env, lambda s=subset: Lot._optiwise_refresh(s), repeat=3
                )
                capped = sum(1 for r in records if r.binding in ("vessel", "storage"))
                print(f"{size:>18}  {seconds:8.2f}  {queries:>8}  {capped:>7}")
            cr.rollback()


if __name__ == "__main__":
    main()
