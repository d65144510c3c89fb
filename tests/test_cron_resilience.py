# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A posting job killed midway loses nothing and posts nothing twice.

Declarations are acknowledged at once (``declare_output``) and posted by the
background job in batches, each committed (``ir.cron._commit_progress``).
Here the job runs in its own Odoo process against the live database and is
killed (SIGKILL, no clean-up) while it posts its second batch; the next run
posts the rest. Every declaration ends posted once: its quantity is produced
once, by the manufacturing order of its batch.
"""

import os
import signal
import subprocess

from _optiwise_env import ensure_postgres, odoo_addons_path
from conftest import Json2, make_api_key

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
    python = os.environ.get("OPTIWISE_PYTHON") or "python3"
    cmd = [
        python,
        "-m",
        "odoo",
        "shell",
        "--addons-path",
        odoo_addons_path(python),
        *ensure_postgres(python),
        "-d",
        server["db"],
        "--no-http",
        "--log-level",
        "warn",
    ]
    return subprocess.run(
        cmd, input=script, text=True, capture_output=True, timeout=600, check=False
    )


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
