# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Counters under parallel callers, on the live server (threaded, one
database connection per request, REPEATABLE READ as Odoo runs it): the batch
lot names a pattern numbers and the n-th lot sampling of a quality point."""

import uuid
import xmlrpc.client

from conftest import at_once, attack_report


def test_parallel_planners_never_share_a_lot_name(server, rpc):
    """Six orders of the demo's pattern product (SAUCE-{date:%y%m}-{seq:03d})
    planned into batches at the same moment: twelve lots, twelve names, the
    numbers consecutive."""
    [template] = rpc(
        "product.template",
        "search_read",
        [("optiwise_lot_name_pattern", "!=", False)],
        ["product_variant_id", "optiwise_lot_name_pattern"],
        limit=1,
    )
    product_id = template["product_variant_id"][0]
    [bom] = rpc(
        "mrp.bom",
        "search_read",
        [("product_tmpl_id", "=", template["id"])],
        ["batch_size"],
        limit=1,
    )
    orders = [
        rpc(
            "mrp.production",
            "create",
            {"product_id": product_id, "product_qty": 2 * bom["batch_size"]},
        )
        for _index in range(6)
    ]
    rpc("mrp.production", "action_confirm", orders)
    results = at_once(
        server,
        [
            (
                lambda client, o=order: client(
                    "mrp.production", "action_plan_batches", [o]
                )
            )
            for order in orders
        ],
    )
    faults = [r for r in results if isinstance(r, xmlrpc.client.Fault)]
    assert not faults, faults
    # each call answers its batch orders' ids
    batch_ids = [batch for result in results for batch in result]
    batches = rpc("mrp.production", "read", batch_ids, ["lot_producing_ids"])
    lot_ids = [lot for batch in batches for lot in batch["lot_producing_ids"]]
    names = [lot["name"] for lot in rpc("stock.lot", "read", lot_ids, ["name"])]
    # 6 orders x 2 batches, one lot each
    assert len(names) == 12, names
    assert len(set(names)) == 12, sorted(names)
    numbers = sorted(int(name.rsplit("-", 1)[1]) for name in names)
    assert numbers == list(range(numbers[0], numbers[0] + 12)), numbers
    attack_report(
        "concurrency",
        "6 planners at once, one lot pattern",
        f"{len(set(names))} names for {len(names)} lots, consecutive",
    )


def test_parallel_declarations_keep_the_sampling_count(server, rpc):
    """Six declarations into six new lots of the running run at the same
    moment: the fill-level point (every 3rd lot) counts each lot once and
    inspects exactly the lots whose number falls on its step."""
    [run] = rpc(
        "optiwise.production.run",
        "search_read",
        [("state", "=", "running")],
        ["product_id"],
        limit=1,
    )
    [point] = rpc(
        "optiwise.qc.point",
        "search_read",
        [
            ("product_id", "=", run["product_id"][0]),
            ("trigger", "=", "run_output"),
            ("sampling", "=", "nth_lot"),
        ],
        ["lot_counter", "sampling_n"],
        limit=1,
    )
    before = point["lot_counter"]
    # new lots, whatever ran before on this database
    stamp = uuid.uuid4().hex[:6].upper()
    names = [f"SMP-{stamp}-{index}" for index in range(6)]
    results = at_once(
        server,
        [
            (
                lambda client, name=name: client(
                    "optiwise.production.run",
                    "record_output",
                    [run["id"]],
                    2.0,
                    lot_name=name,
                    external_ref=f"SUITE-{name}",
                )
            )
            for name in names
        ],
    )
    faults = [r for r in results if isinstance(r, xmlrpc.client.Fault)]
    assert not faults, faults
    after = rpc("optiwise.qc.point", "read", [point["id"]], ["lot_counter"])[0]
    assert after["lot_counter"] == before + 6
    inspected = rpc(
        "optiwise.qc.inspection",
        "search_count",
        [("lot_id.name", "in", names), ("trigger", "=", "run_output")],
    )
    # the lots numbered before .. before + 5 by the counter, whatever their
    # order: one inspection (per point) for each number on the point's step
    step = point["sampling_n"]
    expected = sum(1 for index in range(before, before + 6) if index % step == 0)
    fill_inspections = rpc(
        "optiwise.qc.inspection.line",
        "search_count",
        [
            ("inspection_id.lot_id.name", "in", names),
            ("point_id", "=", point["id"]),
        ],
    )
    assert fill_inspections == expected, (fill_inspections, expected, before)
    assert inspected >= expected
    attack_report(
        "concurrency",
        "6 declarations at once, every 3rd lot inspected",
        f"counter +{after['lot_counter'] - before} (6 lots), "
        f"{fill_inspections} sampled ({expected} expected)",
    )
