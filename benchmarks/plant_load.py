# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A plant's load on several workers: Odoo in prefork mode (4 HTTP workers,
2 cron workers) on a throw-away copy of the database grown to a year of a
plant's stock moves, 127.0.0.1 only, for a bounded time:

- 20 scanners, each scanning its line (``resolve_scan``) and declaring a case
  (``declare_output``, its own ``external_ref``), again and again;
- 5 managers polling the control tower and the dispatch status of deliveries;
- 2 inspectors deciding inspections (complete, release);
- 1 integrator tracing lots.

Printed per call type: calls, errors, latency p50/p95 and throughput; then the
checks that nothing was lost: every acknowledged declaration posted by the
cron workers, once (one declaration per reference, the posted quantity equal
to what was acknowledged), every decision kept. With ``--replica-port``, the
same load runs again with Odoo reading from a PostgreSQL streaming replica
(``--db_replica_host/--db_replica_port``), and both are printed side by side.

    python benchmarks/plant_load.py --db optiwise --replica-port 5433

The replica is a second cluster on this machine fed by the first (see
benchmarks/README.md). The source database must not be served while the
copy is made.
"""

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from control_tower import grow
from odoo_bench import ROOT, add_db_arguments, odoo_env, scratch_copy, server_command
from shopfloor import LINE_BARCODE, api_key, bench_line, free_port, percentile

SCANNERS, MANAGERS, INSPECTORS, INTEGRATORS = 20, 5, 2, 1


class Client:
    """JSON-2 with a user's API key; records every call's latency."""

    def __init__(self, url, db, key, stats):
        self.url, self.stats = url, stats
        self.headers = {
            "Content-Type": "application/json; charset=utf-8",
            "Authorization": f"bearer {key}",
            "X-Odoo-Database": db,
        }

    def __call__(self, label, model, method, **kwargs):
        request = urllib.request.Request(
            f"{self.url}/json/2/{model}/{method}",
            data=json.dumps(kwargs).encode(),
            headers=self.headers,
        )
        began = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=300) as response:
                body = json.load(response)
                ok = True
        except urllib.error.HTTPError as error:
            body, ok = error.read().decode("utf-8", "replace"), False
        except OSError as error:
            body, ok = str(error), False
        self.stats.setdefault(label, []).append((time.perf_counter() - began, ok))
        return ok, body


def admin_call(url, db):
    import xmlrpc.client

    uid = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common").authenticate(
        db, "admin", "admin", {}
    )
    models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)
    return lambda model, method, *a, **k: models.execute_kw(
        db, uid, "admin", model, method, list(a), k
    )


def prepare(url, db, inspections):
    """The bench line and its run; lots with an inspection each for the
    inspectors; the demo deliveries and lots the others read."""
    rpc = admin_call(url, db)
    run = bench_line(url, db)
    [bottle] = rpc("optiwise.production.run", "read", [run], ["product_id"])
    lots = rpc(
        "stock.lot",
        "create",
        [
            {
                "name": f"LOAD-{uuid.uuid4().hex[:8]}",
                "product_id": bottle["product_id"][0],
            }
            for _i in range(inspections)
        ],
    )
    queue = rpc("optiwise.qc.inspection", "create", [{"lot_id": lot} for lot in lots])
    pickings = rpc(
        "stock.picking", "search", [("picking_type_code", "=", "outgoing")], limit=10
    )
    traced = rpc("stock.lot", "search", [], limit=20)
    return run, queue, pickings, traced


def load(url, db, keys, seconds, run, queue, pickings, traced, prefix):
    stats, acknowledged, decided = {}, [], []
    deadline = time.monotonic() + seconds
    lock = threading.Lock()

    def scanner(number):
        call = Client(url, db, keys["operator"], stats)
        index = 0
        while time.monotonic() < deadline:
            call(
                "scan (resolve_scan)",
                "optiwise.shopfloor",
                "resolve_scan",
                code=LINE_BARCODE,
            )
            ref = f"{prefix}-{number:02d}-{index:06d}"
            ok, _body = call(
                "declare (declare_output)",
                "optiwise.production.run",
                "declare_output",
                ids=[run],
                qty_good=1,
                external_ref=ref,
            )
            if ok:
                with lock:
                    acknowledged.append(ref)
            index += 1

    def manager():
        call = Client(url, db, keys["manager"], stats)
        while time.monotonic() < deadline:
            call("tower (get_tower_data)", "optiwise.control.tower", "get_tower_data")
            call(
                "dispatch (get_dispatch_status)",
                "stock.picking",
                "get_dispatch_status",
                ids=pickings,
            )

    def inspector():
        call = Client(url, db, keys["inspector"], stats)
        while time.monotonic() < deadline:
            with lock:
                if not queue:
                    return
                inspection = queue.pop()
            call(
                "inspect (action_complete)",
                "optiwise.qc.inspection",
                "action_complete",
                ids=[inspection],
            )
            ok, _body = call(
                "decide (action_release)",
                "optiwise.qc.inspection",
                "action_release",
                ids=[inspection],
                note="load test",
            )
            if ok:
                with lock:
                    decided.append(inspection)

    def integrator():
        call = Client(url, db, keys["admin"], stats)
        index = 0
        while time.monotonic() < deadline:
            call(
                "trace (trace_genealogy)",
                "stock.lot",
                "trace_genealogy",
                ids=[traced[index % len(traced)]],
                direction="both",
            )
            index += 1

    threads = (
        [threading.Thread(target=scanner, args=(n,)) for n in range(SCANNERS)]
        + [threading.Thread(target=manager) for _n in range(MANAGERS)]
        + [threading.Thread(target=inspector) for _n in range(INSPECTORS)]
        + [threading.Thread(target=integrator) for _n in range(INTEGRATORS)]
    )
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return stats, acknowledged, decided, time.monotonic() - began


def produced(url, db, run):
    [figures] = admin_call(url, db)(
        "optiwise.production.run", "read", [run], ["produced_qty"]
    )
    return figures["produced_qty"]


def checks(url, db, run, acknowledged, decided, prefix, before, wait=300):
    """Wait for the cron workers to post; then count what was lost."""
    rpc = admin_call(url, db)
    began = time.monotonic()
    while time.monotonic() - began < wait:
        if not rpc(
            "optiwise.run.output",
            "search_count",
            [("run_id", "=", run), ("state", "=", "accepted")],
        ):
            break
        time.sleep(1)
    lag = time.monotonic() - began
    outputs = rpc(
        "optiwise.run.output",
        "search_read",
        [("run_id", "=", run), ("external_ref", "=like", f"{prefix}-%")],
        ["external_ref", "state", "qty_good"],
    )
    refs = [o["external_ref"] for o in outputs]
    posted = [o for o in outputs if o["state"] == "posted"]
    decisions = rpc(
        "optiwise.qc.inspection",
        "search_count",
        [("id", "in", decided), ("decision", "=", "release")],
    )
    return {
        "acknowledged": len(acknowledged),
        "stored": len(outputs),
        "unique refs": len(set(refs)) == len(refs),
        "missing": len(set(acknowledged) - set(refs)),
        "posted": len(posted),
        "failed": sum(o["state"] == "failed" for o in outputs),
        "produced": produced(url, db, run) - before,
        "posting lag s": round(lag, 1),
        "decided": len(decided),
        "decisions kept": decisions,
    }


def serve(args, port, replica_port, log_path):
    cmd = server_command(
        args,
        port,
        log_path,
        "--workers",
        "4",
        "--max-cron-threads",
        "2",
        "--limit-time-real",
        "600",
        "--limit-time-cpu",
        "600",
        "--db_maxconn",
        "16",
        "--log-level",
        "warn",
    )
    if args.db_host:
        cmd += ["--db_host", args.db_host]
    if replica_port:
        cmd += [
            "--db_replica_host",
            args.db_host or "127.0.0.1",
            "--db_replica_port",
            str(replica_port),
        ]
    server = subprocess.Popen(cmd, cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    for _attempt in range(180):
        try:
            urllib.request.urlopen(f"{url}/web/login", timeout=5)
            return server, url
        except OSError:
            time.sleep(1)
    server.terminate()
    sys.exit("the server did not answer")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_db_arguments(parser)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument(
        "--moves",
        type=int,
        default=300_000,
        help="stock moves of the grown plant (a year)",
    )
    parser.add_argument("--inspections", type=int, default=800)
    parser.add_argument("--replica-port", type=int)
    args = parser.parse_args()
    odoo_env(args)
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry

    results = []
    with scratch_copy(args):
        with Registry(args.db).cursor() as cr:
            grow(api.Environment(cr, SUPERUSER_ID, {}), args.moves, 2_000)
        Registry.delete(args.db)
        prepared = None
        passes = [None] + ([args.replica_port] if args.replica_port else [])
        for number, replica in enumerate(passes, start=1):
            log_path = Path(tempfile.mkdtemp(prefix="optiwise-load-")) / "server.log"
            server, url = serve(args, free_port(), replica, log_path)
            try:
                keys = {
                    login: api_key(url, args.db, login, login)
                    for login in ("operator", "manager", "inspector", "admin")
                }
                # one line, run and queue of inspections for both passes
                prepared = prepared or prepare(url, args.db, args.inspections)
                run = prepared[0]
                prefix, before = f"LOAD{number}", produced(url, args.db, run)
                stats, acknowledged, decided, wall = load(
                    url, args.db, keys, args.seconds, *prepared, prefix
                )
                found = checks(url, args.db, run, acknowledged, decided, prefix, before)
            finally:
                server.terminate()
                server.wait(timeout=120)
            label = f"replica :{replica}" if replica else "primary only"
            results.append((label, stats, found, wall, log_path))
    report(results, args)


def report(results, args):
    print(
        f"{SCANNERS} scanners, {MANAGERS} managers, {INSPECTORS} inspectors, "
        f"{INTEGRATORS} integrator for {args.seconds} s over JSON-2 on 127.0.0.1; "
        f"Odoo prefork, 4 HTTP workers and 2 cron workers; the demo database "
        f"grown by {args.moves:,} stock moves\n"
    )
    labels = sorted({label for _l, stats, *_r in results for label in stats})
    head = f"{'call':<32}" + "".join(f"{label:>36}" for label, *_rest in results)
    print(head)
    print(
        f"{'':<32}"
        + "".join(f"{'calls  err  p50 ms  p95 ms   /s':>36}" for _r in results)
    )
    for call in labels:
        row = f"{call:<32}"
        for _label, stats, _found, wall, _log in results:
            samples = stats.get(call, [])
            times = [t * 1000 for t, ok in samples if ok]
            errors = sum(not ok for _t, ok in samples)
            row += (
                f"{len(samples):>11} {errors:>4} {percentile(times, 0.5):>7.0f} "
                f"{percentile(times, 0.95):>7.0f} {len(samples) / wall:>5.1f}"
            )
        print(row)
    print()
    for label, _stats, found, _wall, log_path in results:
        lost = (
            found["missing"]
            or not found["unique refs"]
            or found["posted"] != found["acknowledged"]
            or abs(found["produced"] - found["acknowledged"]) > 1e-6
            or found["decisions kept"] != found["decided"]
        )
        print(
            f"{label}: "
            + ", ".join(f"{k} {v}" for k, v in found.items())
            + (": LOST OR DOUBLED" if lost else ": nothing lost")
            + f" (server log {log_path})"
        )


if __name__ == "__main__":
    main()
