# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The shop floor under load: 20 scanners at once, each scanning its line and
declaring output over JSON-2, against an Odoo server on a throw-away copy of
the database (with optiwise_shopfloor): a line of its own with a run under
way, set up by the benchmark.

Prints, per call type, latency p50/p95 as the scanner sees it and the
server's own time and queries (from its request log), then the posting lag
(from the last declaration until the background job has posted them all)
and checks that nothing was lost: every declaration posted once, the posted
quantity equal to what was declared. Side by side: the declarations
acknowledged at once (``declare_output``) and posted by the job, and the
same calls posted before they answer (``record_output``).

    ~/.local/share/optiwise/venv-19.0/bin/python benchmarks/shopfloor.py --db optiwise
"""

import argparse
import json
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from odoo_bench import ROOT, add_db_arguments, scratch_copy, server_command

SCANNERS = 20
DECLARATIONS = 1000
LINE_BARCODE = "WC-BENCH-1"
# werkzeug's request log line: "POST /json/2/model/method ..." status, then
# Odoo's figures: query count, query time, remaining time
REQUEST = re.compile(
    r'"POST /json/2/(?P<model>[\w.]+)/(?P<method>\w+) HTTP/[\d.]+" (?P<status>\d+) - '
    r"(?P<queries>\d+) (?P<sql>[\d.]+) (?P<other>[\d.]+)"
)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def post(url, path, payload, headers):
    request = urllib.request.Request(
        url + path, data=json.dumps(payload).encode(), headers=headers
    )
    try:
        with urllib.request.urlopen(request, timeout=300) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def bench_line(url, db):
    """A line of its own, with a run under way of a lot-tracked product made
    from an untracked syrup (no quality hold can stop it), as the admin
    sets it up over XML-RPC; return the run's id."""
    import xmlrpc.client

    common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
    uid = common.authenticate(db, "admin", "admin", {})
    models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)

    def call(model, method, *args, **kwargs):
        return models.execute_kw(db, uid, "admin", model, method, list(args), kwargs)

    line = call(
        "mrp.workcenter",
        "create",
        {"name": "Bench Line", "optiwise_barcode": LINE_BARCODE},
    )
    syrup = call(
        "product.product", "create", {"name": "Bench Syrup", "is_storable": True}
    )
    bottle = call(
        "product.product",
        "create",
        {"name": "Bench Bottle", "is_storable": True, "tracking": "lot"},
    )
    template = call("product.product", "read", [bottle], ["product_tmpl_id"])[0][
        "product_tmpl_id"
    ][0]
    call(
        "mrp.bom",
        "create",
        {
            "product_tmpl_id": template,
            "bom_line_ids": [(0, 0, {"product_id": syrup, "product_qty": 1})],
            "operation_ids": [(0, 0, {"name": "Fill", "workcenter_id": line})],
        },
    )
    run = call(
        "optiwise.production.run",
        "create",
        {"product_id": bottle, "planned_qty": 100000, "standard_rate": 6000},
    )
    call("optiwise.production.run", "action_start", [run])
    return run


def api_key(url, db, login, password):
    """A key made as a user makes one (see tests/conftest.py)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import make_api_key

    return make_api_key({"url": url, "db": db}, login, password, "benchmark")


def scanner(url, headers, run_id, count, method, prefix, results):
    """One scanner: scan the line, then declare; ``count`` times."""
    for index in range(count):
        began = time.perf_counter()
        status, _answer = post(
            url,
            "/json/2/optiwise.shopfloor/resolve_scan",
            {"code": LINE_BARCODE},
            headers,
        )
        results["scan"].append((time.perf_counter() - began, status))
        qty = 1.0 + index % 3
        began = time.perf_counter()
        status, _answer = post(
            url,
            f"/json/2/optiwise.production.run/{method}",
            {"ids": [run_id], "qty_good": qty, "external_ref": f"{prefix}-{index}"},
            headers,
        )
        results["declare"].append((time.perf_counter() - began, status))
        if status == 200:
            results["declared"].append(qty)


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, int(share * len(values)))] if values else 0.0


def server_figures(log_path, method, start=0):
    """Median server time (ms) and queries of the JSON-2 calls of ``method``
    logged after byte ``start`` of the log."""
    times, queries = [], []
    with open(log_path, errors="replace") as log:
        log.seek(start)
        lines = log.read().splitlines()
    for line in lines:
        match = REQUEST.search(line)
        if match and match["method"] == method:
            times.append((float(match["sql"]) + float(match["other"])) * 1000)
            queries.append(int(match["queries"]))
    if not times:
        return "-", "-"
    return f"{statistics.median(times):.0f}", f"{statistics.median(queries):.0f}"


def run_mode(url, db, headers, run_id, method, log_path, scanners, declarations):
    """Declare ``declarations`` with ``scanners`` scanners through ``method``;
    wait until everything is posted; return the figures."""
    prefix = f"BENCH-{method}-{uuid.uuid4().hex[:6]}"
    log_start = Path(log_path).stat().st_size
    results = {"scan": [], "declare": [], "declared": []}
    per_scanner = declarations // scanners
    threads = [
        threading.Thread(
            target=scanner,
            args=(url, headers, run_id, per_scanner, method, f"{prefix}-{n}", results),
        )
        for n in range(scanners)
    ]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    declared_at = time.perf_counter()
    domain = [["external_ref", "=like", f"{prefix}-%"]]
    while True:
        status, waiting = post(
            url,
            "/json/2/optiwise.run.output/search_count",
            {"domain": [*domain, ["state", "=", "accepted"]]},
            headers,
        )
        if status == 200 and waiting == 0:
            break
        if time.perf_counter() - declared_at > 900:
            break
        time.sleep(0.5)
    lag = time.perf_counter() - declared_at
    status, rows = post(
        url,
        "/json/2/optiwise.run.output/search_read",
        {"domain": domain, "fields": ["qty_good", "state", "production_id"]},
        headers,
    )
    posted = [r for r in rows if r["state"] == "posted"]
    return {
        "label": f"{method}, {scanners} scanner{'s' if scanners > 1 else ''}",
        "method": method,
        "scan": results["scan"],
        "declare": results["declare"],
        "declared": len(results["declared"]),
        "declared_qty": sum(results["declared"]),
        "stored": len(rows),
        "posted": len(posted),
        "posted_qty": sum(r["qty_good"] for r in posted),
        "orders": len({r["production_id"][0] for r in posted if r["production_id"]}),
        "failed": sum(1 for r in rows if r["state"] == "failed"),
        "errors": sum(1 for _t, s in results["declare"] + results["scan"] if s != 200),
        "wall": declared_at - began,
        "lag": lag,
        "server": server_figures(log_path, method, log_start),
        "scan_server": server_figures(log_path, "resolve_scan", log_start),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_db_arguments(parser)
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args()
    with scratch_copy(args):
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        log_path = Path(tempfile.mkdtemp(prefix="optiwise-bench-")) / "server.log"
        server = subprocess.Popen(
            server_command(
                args,
                port,
                log_path,
                "--max-cron-threads",
                "1",
                "--db_maxconn",
                "64",
                "--log-level",
                "info",
            ),
            cwd=ROOT,
        )
        try:
            for _attempt in range(120):
                try:
                    urllib.request.urlopen(f"{url}/web/login", timeout=5)
                    break
                except OSError:
                    time.sleep(1)
            key = api_key(url, args.db, "operator", "operator")
            headers = {
                "Content-Type": "application/json; charset=utf-8",
                "Authorization": f"bearer {key}",
                "X-Odoo-Database": args.db,
            }
            run_id = bench_line(url, args.db)
            figures = [
                run_mode(url, args.db, headers, run_id, method, log_path, 1, 50)
                for method in ("declare_output", "record_output")
            ] + [
                run_mode(
                    url,
                    args.db,
                    headers,
                    run_id,
                    method,
                    log_path,
                    SCANNERS,
                    DECLARATIONS,
                )
                for method in ("declare_output", "record_output")
            ]
        finally:
            server.terminate()
            server.wait(timeout=60)
    print(
        f"50 declarations from one scanner, then {DECLARATIONS} from {SCANNERS} "
        "concurrent scanners; each a scan and a declaration, JSON-2 on 127.0.0.1 "
        "(threaded server, 1 cron worker)\n"
    )
    head = (
        f"{'declaration path':<28} {'scan p50/p95 ms':>16} {'scan srv ms/q':>14} "
        f"{'decl p50/p95 ms':>16} {'decl srv ms/q':>14} {'thru/s':>7} "
        f"{'posting lag s':>14} {'orders':>7}"
    )
    print(head)
    for f in figures:
        scan = [t * 1000 for t, _s in f["scan"]]
        declare = [t * 1000 for t, _s in f["declare"]]
        print(
            f"{f['label']:<28} "
            f"{percentile(scan, 0.5):>7.0f}/{percentile(scan, 0.95):<8.0f} "
            f"{f['scan_server'][0]:>8}/{f['scan_server'][1]:<5} "
            f"{percentile(declare, 0.5):>7.0f}/{percentile(declare, 0.95):<8.0f} "
            f"{f['server'][0]:>8}/{f['server'][1]:<5} "
            f"{f['declared'] / f['wall']:>7.1f} {f['lag']:>14.1f} {f['orders']:>7}"
        )
    print()
    for f in figures:
        lost = (
            f["declared"] != f["posted"]
            or abs(f["declared_qty"] - f["posted_qty"]) > 1e-6
        )
        print(
            f"{f['label']}: declared {f['declared']} ({f['declared_qty']:g} units), "
            f"stored {f['stored']}, posted {f['posted']} ({f['posted_qty']:g} units), "
            f"failed {f['failed']}, HTTP errors {f['errors']}: "
            + ("LOST OR DOUBLED" if lost else "nothing lost")
        )


if __name__ == "__main__":
    main()
