#!/usr/bin/env python3
# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Lot genealogy: optiwise_qc's ``stock.lot.trace_genealogy`` against core's
downstream walk (``stock.lot._find_delivery_ids_by_lot_iterative``, behind the
lot's *Transfers* / ``delivery_ids``), on the same generated genealogy.

    python benchmarks/genealogy.py --db optiwise [--lots 1000 10000] [--levels 8]

Needs a database with optiwise_qc installed (``setup/bootstrap`` makes one).
For each size, one transaction generates, with bulk SQL, a genealogy below one
root lot: ``--levels`` levels of lots, each lot made from one to three lots of
the level above (diamonds everywhere), every link a consumed move line of the
parent and a produced move line of the child joined in core's
``stock_move_line_consume_rel``; a fifth of the last level is delivered to a
customer. Both methods then run on the root lot as the administrator (access
rules apply), each measured with cold record caches after an unmeasured first
call that warms the registry's caches as on a live server; the transaction is
rolled back, the database is left as it was.

Prints, per size: lots, time and queries of each method, and the time ratio.
"""

import argparse
import random

from odoo_bench import add_db_arguments, measure, odoo_env, scratch_copy


def level_sizes(total, levels):
    """Sizes of levels 1..levels growing geometrically to ``total`` lots."""
    ratio = 1.0
    while sum(round(ratio**k) for k in range(1, levels + 1)) < total:
        ratio += 0.01
    sizes = [max(1, round(ratio**k)) for k in range(1, levels + 1)]
    sizes[-1] += total - sum(sizes)
    return sizes


def generate(env, total, levels, seed):
    """Bulk-insert the genealogy; return the root lot."""
    from psycopg2.extras import execute_values

    rng = random.Random(seed)
    cr = env.cr._obj
    product = env["product.product"].create(
        {"name": f"Genealogy {total}", "is_storable": True, "tracking": "lot"}
    )
    company = env.company
    stock = env.ref("stock.warehouse0").lot_stock_id
    production = product.property_stock_production
    customer = env.ref("stock.stock_location_customers")
    delivery = env["stock.picking"].create(
        {
            "picking_type_id": env.ref("stock.warehouse0").out_type_id.id,
            "location_id": stock.id,
            "location_dest_id": customer.id,
        }
    )
    env.flush_all()
    uom = product.uom_id.id
    tag = f"G{total}-{seed}"

    def lots(names):
        return [
            row[0]
            for row in execute_values(
                cr,
                "INSERT INTO stock_lot (name, product_id, company_id) VALUES %s "
                "RETURNING id",
                [(name, product.id, company.id) for name in names],
                fetch=True,
            )
        ]

    def lines(rows):
        # rows: (lot_id, location_id, location_dest_id, picking_id)
        return [
            row[0]
            for row in execute_values(
                cr,
                "INSERT INTO stock_move_line (lot_id, product_id, company_id, "
                "product_uom_id, location_id, location_dest_id, picking_id, "
                "quantity, state, date) VALUES %s RETURNING id",
                [
                    (lot, product.id, company.id, uom, src, dst, pick, 1, "done")
                    for lot, src, dst, pick in rows
                ],
                template="(%s, %s, %s, %s, %s, %s, %s, %s, %s, now())",
                fetch=True,
            )
        ]

    root = lots([f"{tag}-ROOT"])
    previous = root
    for depth, size in enumerate(level_sizes(total - 1, levels), start=1):
        current = lots([f"{tag}-L{depth}-{i}" for i in range(size)])
        produced = lines([(lot, production.id, stock.id, None) for lot in current])
        links = []
        for child_line in produced:
            for parent in rng.sample(previous, min(len(previous), rng.randint(1, 3))):
                links.append((parent, child_line))
        consumed = lines(
            [(parent, stock.id, production.id, None) for parent, _c in links]
        )
        execute_values(
            cr,
            "INSERT INTO stock_move_line_consume_rel "
            "(produce_line_id, consume_line_id) VALUES %s",
            [(c, child) for c, (_p, child) in zip(consumed, links, strict=True)],
        )
        previous = current
    shipped = rng.sample(previous, max(1, len(previous) // 5))
    lines([(lot, stock.id, customer.id, delivery.id) for lot in shipped])
    # planner statistics as a live database has them (autovacuum's job)
    cr.execute("ANALYZE stock_lot, stock_move_line, stock_move_line_consume_rel")
    return env["stock.lot"].browse(root[0])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_db_arguments(parser)
    parser.add_argument("--lots", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--levels", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    odoo_env(args)
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry

    with scratch_copy(args):
        registry = Registry(args.db)
        header = (
            f"{'lots':>7} {'core s':>9} {'core q':>8} {'optiwise s':>11} "
            f"{'optiwise q':>11} {'speed-up':>9}  same deliveries"
        )
        print(header)
        print("-" * len(header))
        for total in args.lots:
            with registry.cursor() as cr:
                root = generate(
                    api.Environment(cr, SUPERUSER_ID, {}), total, args.levels, args.seed
                )
                # both run as the administrator: access rules apply, as for a user
                env = api.Environment(cr, root.env.ref("base.user_admin").id, {})
                root = root.with_env(env)
                core, core_s, core_q = measure(
                    env, lambda root=root: root._find_delivery_ids_by_lot_iterative()
                )
                ours, ours_s, ours_q = measure(
                    env,
                    lambda root=root: root.trace_genealogy(direction="downstream"),
                )
                same = set(core[root.id]) == {
                    d["picking_id"] for d in ours["deliveries"]
                }
                found = sum(len(level["lot_ids"]) for level in ours["downstream"])
                print(
                    f"{total:>7} {core_s:>9.3f} {core_q:>8} {ours_s:>11.3f} "
                    f"{ours_q:>11} {core_s / ours_s:>8.1f}x  {same} "
                    f"({found} lots downstream)"
                )
                cr.rollback()


if __name__ == "__main__":
    main()
