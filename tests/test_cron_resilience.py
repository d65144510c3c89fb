# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Background jobs killed midway lose nothing and do nothing twice.

Declarations are acknowledged at once (``declare_output``) and posted by the
background job in batches, each committed (``ir.cron._commit_progress``).
Here the job runs in its own Odoo process against the live database and is
killed (SIGKILL, no clean-up) while it posts its second batch; the next run
posts the rest. Every declaration ends posted once: its quantity is produced
once, by the manufacturing order of its batch.
"""

import signal

from conftest import Json2, make_api_key, odoo_shell

DECLARED = 120  # three batches of at most 50

KILLED_JOB = """
import os, signal
Output = env["optiwise.run.output"]
post = type(Output)._post_accepted
calls = []

def _post_accepted(self, outputs):
    calls.append(len(outputs))
    if len(calls) == 2:
        os.kill(os.getpid(), signal.SIGKILL)  # mid-batch, nothing committed
    return post(self, outputs)

type(Output)._post_accepted = _post_accepted
Output._cron_post_accepted(batch_size=50)
"""
FULL_JOB = 'env["optiwise.run.output"]._cron_post_accepted(batch_size=50)\n'


def _job(server, script):
    return odoo_shell(server, script)


def _states(rpc, run):
    rows = rpc(
        "optiwise.run.output",
        "read_group",
        [("run_id", "=", run)],
        ["qty_good:sum"],
        ["state"],
        lazy=False,
    )
    return {row["state"]: row["__count"] for row in rows}


def test_killed_posting_job_resumes_without_double_posting(server, rpc):
    kg = rpc("uom.uom", "search", [("name", "=", "kg")], limit=1)[0]
    [stock] = rpc("stock.warehouse", "search_read", [], ["lot_stock_id"], limit=1)
    pulp = rpc(
        "product.product",
        "create",
        [{"name": "Cron Test Pulp", "is_storable": True, "uom_id": kg}],
    )[0]
    quant = rpc(
        "stock.quant",
        "create",
        [
            {
                "product_id": pulp,
                "inventory_quantity": 100000,
                "location_id": stock["lot_stock_id"][0],
            }
        ],
        context={"inventory_mode": True},
    )
    # core's inventory action answers nothing, which XML-RPC cannot carry
    json2 = Json2(server, make_api_key(server, server["login"], server["password"]))
    status, _body = json2("stock.quant", "action_apply_inventory", ids=quant)
    assert status == 200
    bottle = rpc(
        "product.product",
        "create",
        [
            {
                "name": "Cron Test Bottle",
                "is_storable": True,
                "tracking": "lot",
                "optiwise_run_mode": "continuous",
            }
        ],
    )[0]
    [template] = rpc("product.product", "read", [bottle], ["product_tmpl_id"])
    line = rpc("mrp.workcenter", "create", [{"name": "Cron Test Line"}])[0]
    rpc(
        "mrp.bom",
        "create",
        [
            {
                "product_tmpl_id": template["product_tmpl_id"][0],
                "product_qty": 1,
                "bom_line_ids": [
                    (
                        0,
                        0,
                        {"product_id": pulp, "product_qty": 0.5, "product_uom_id": kg},
                    )
                ],
                "operation_ids": [(0, 0, {"name": "Fill", "workcenter_id": line})],
            }
        ],
    )
    run = rpc(
        "optiwise.production.run",
        "create",
        [
            {
                "product_id": bottle,
                "workcenter_id": line,
                "planned_qty": 10000,
                "standard_rate": 1000,
            }
        ],
    )[0]
    rpc("optiwise.production.run", "action_start", [run])
    # what other tests left accepted is posted first: the batches below are
    # this run's alone
    assert _job(server, FULL_JOB).returncode == 0
    for index in range(DECLARED):
        rpc(
            "optiwise.production.run",
            "declare_output",
            [run],
            qty_good=10,
            external_ref=f"CRON-TEST-{index:04d}",
        )
    assert _states(rpc, run) == {"accepted": DECLARED}

    killed = _job(server, KILLED_JOB)
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    # the first batch was committed before the kill, the second rolled back
    assert _states(rpc, run) == {"posted": 50, "accepted": DECLARED - 50}

    finished = _job(server, FULL_JOB)
    assert finished.returncode == 0, finished.stderr[-2000:]
    assert _states(rpc, run) == {"posted": DECLARED}
    [figures] = rpc("optiwise.production.run", "read", [run], ["produced_qty"])
    assert figures["produced_qty"] == 10 * DECLARED
    outputs = rpc(
        "optiwise.run.output",
        "search_read",
        [("run_id", "=", run)],
        ["production_id"],
    )
    productions = {o["production_id"][0] for o in outputs}
    made = rpc("mrp.production", "read", list(productions), ["qty_produced", "state"])
    assert all(mo["state"] == "done" for mo in made)
    # each declaration produced once: the orders made exactly what was declared
    assert sum(mo["qty_produced"] for mo in made) == 10 * DECLARED


DISPATCH_KILLED = """
import os, signal
Line = env["optiwise.dispatch.line"]
refresh = type(Line)._refresh
calls = []

def _refresh(self, company_ids=None, product_ids=None):
    calls.append(product_ids)
    if len(calls) == 2:
        os.kill(os.getpid(), signal.SIGKILL)  # mid-chunk, nothing committed
    return refresh(self, company_ids=company_ids, product_ids=product_ids)

type(Line)._refresh = _refresh
Line._cron_refresh(chunk=1)
"""
DISPATCH_FULL = 'env["optiwise.dispatch.line"]._cron_refresh(chunk=1)\n'


def _dispatch(rpc):
    rows = rpc(
        "optiwise.dispatch.line",
        "search_read",
        [],
        ["move_id", "risk", "expected_date", "shortage_qty", "computed_at"],
    )
    # the risk and the shortage of each delivery move (a line supplied from
    # stock is expected "now", which moves on between runs)
    return {row["move_id"][0]: (row["risk"], row["shortage_qty"]) for row in rows}, {
        row["move_id"][0]: row["computed_at"] for row in rows
    }


def test_killed_dispatch_refresh_resumes(server, rpc):
    """The dispatch refresh commits a product at a time: killed on its second
    product, it kept the first one rebuilt and the others as they were; the
    next run rebuilds them all, to the same lines."""
    assert _job(server, DISPATCH_FULL).returncode == 0
    baseline, stamped = _dispatch(rpc)
    assert len(baseline) >= 5, "the demo has open deliveries"
    killed = _job(server, DISPATCH_KILLED)
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    after_kill, stamped_after = _dispatch(rpc)
    assert after_kill == baseline  # nothing lost
    renewed = [m for m in stamped if stamped_after.get(m) != stamped[m]]
    assert renewed and len(renewed) < len(stamped)  # the first product only
    assert _job(server, DISPATCH_FULL).returncode == 0
    assert _dispatch(rpc)[0] == baseline
