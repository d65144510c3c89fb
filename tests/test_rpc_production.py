# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Production flows over XML-RPC, as a line's PLC or an MES would drive them."""

import xmlrpc.client

import pytest
from conftest import Rpc, at_once, attack_report


def _running_run(rpc):
    ids = rpc("optiwise.production.run", "search", [("state", "=", "running")])
    assert ids, "the demo plant has a run under way"
    return ids[0]


def test_record_output_is_idempotent_over_rpc(rpc):
    """A retried declaration (same external_ref) returns the same id, posts once."""
    run_id = _running_run(rpc)
    before = rpc("optiwise.production.run", "read", [run_id], ["produced_qty"])[0]
    first = rpc(
        "optiwise.production.run",
        "record_output",
        [run_id],
        12.0,
        external_ref="SUITE-PLC-1",
    )
    again = rpc(
        "optiwise.production.run",
        "record_output",
        [run_id],
        12.0,
        external_ref="SUITE-PLC-1",
    )
    assert isinstance(first, int) and first == again
    after = rpc("optiwise.production.run", "read", [run_id], ["produced_qty"])[0]
    assert after["produced_qty"] == before["produced_qty"] + 12
    output = rpc(
        "optiwise.run.output", "read", [first], ["source", "production_id", "lot_id"]
    )[0]
    assert output["source"] == "rpc" and output["production_id"] and output["lot_id"]


def test_bad_declaration_refused_over_rpc(rpc):
    """A negative quantity comes back as a fault that says what is wrong."""
    run_id = _running_run(rpc)
    with pytest.raises(xmlrpc.client.Fault) as info:
        rpc("optiwise.production.run", "record_output", [run_id], -5.0)
    assert "may not be negative" in info.value.faultString


def test_operator_declares_but_cannot_plan_batches(server):
    """The demo line operator may declare output, not plan batches."""
    operator = Rpc(server, login="operator", password="operator")
    run_id = _running_run(operator)
    assert operator("optiwise.production.run", "record_output", [run_id], 3.0)
    mo_ids = operator(
        "mrp.production",
        "search",
        [("state", "=", "confirmed"), ("optiwise_batch_family_id", "=", False)],
    )
    with pytest.raises(xmlrpc.client.Fault) as info:
        operator("mrp.production", "action_plan_batches", mo_ids[:1] or [0])
    assert "production manager" in info.value.faultString.lower()


def _declare_at_once(server, run_id, refs, qty):
    """Declare ``qty`` once per reference, all calls at the same moment, each
    from its own connection; return what each call returned (id or Fault)."""
    return at_once(
        server,
        [
            (
                lambda client, ref=ref: client(
                    "optiwise.production.run",
                    "record_output",
                    [run_id],
                    qty,
                    external_ref=ref,
                )
            )
            for ref in refs
        ],
    )


def test_concurrent_repeats_post_once(server, rpc):
    """Eight calls at once with one external_ref: eight times the same id, one
    declaration, the quantity posted once."""
    run_id = _running_run(rpc)
    # the lot of the current slot exists before the calls race
    rpc("optiwise.production.run", "record_output", [run_id], 1.0)
    before = rpc("optiwise.production.run", "read", [run_id], ["produced_qty"])[0]
    results = _declare_at_once(server, run_id, ["SUITE-CONCURRENT-1"] * 8, 4.0)
    assert all(isinstance(r, int) for r in results), results
    assert len(set(results)) == 1, results
    assert (
        rpc(
            "optiwise.run.output",
            "search_count",
            [("external_ref", "=", "SUITE-CONCURRENT-1")],
        )
        == 1
    )
    after = rpc("optiwise.production.run", "read", [run_id], ["produced_qty"])[0]
    assert after["produced_qty"] == before["produced_qty"] + 4
    attack_report(
        "concurrency",
        "8 calls, one external_ref",
        f"{len(set(results))} id for {len(results)} calls, "
        f"{after['produced_qty'] - before['produced_qty']:g} posted (4 sent)",
    )


def test_concurrent_declarations_all_posted(server, rpc):
    """Eight calls at once with eight references: eight declarations, the sum
    of their quantities posted exactly (Odoo retries the calls that lose a
    race on the stock quants)."""
    run_id = _running_run(rpc)
    rpc("optiwise.production.run", "record_output", [run_id], 1.0)
    before = rpc("optiwise.production.run", "read", [run_id], ["produced_qty"])[0]
    refs = [f"SUITE-PARALLEL-{index}" for index in range(8)]
    results = _declare_at_once(server, run_id, refs, 2.0)
    assert all(isinstance(r, int) for r in results), results
    assert len(set(results)) == 8, results
    after = rpc("optiwise.production.run", "read", [run_id], ["produced_qty"])[0]
    # 8 x 2 units
    assert after["produced_qty"] == before["produced_qty"] + 16
    attack_report(
        "concurrency",
        "8 calls, 8 external_refs",
        f"{len(set(results))} declarations, "
        f"{after['produced_qty'] - before['produced_qty']:g} posted (16 sent)",
    )
