# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the database benchmarks share: Odoo's configuration from the command
line, and the measure of one call (time and queries)."""

import contextlib
import os
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def add_db_arguments(parser):
    """``--db``, ``--db-host`` and ``--addons-path``, with the project's defaults."""
    parser.add_argument("--db", default=os.environ.get("OPTIWISE_DB", "optiwise"))
    parser.add_argument("--db-host", default=os.environ.get("PGHOST", "127.0.0.1"))
    parser.add_argument(
        "--addons-path",
        default=f"{ROOT},{os.environ.get('ODOO_SRC', '/opt/odoo19')}/addons",
    )


def server_command(args, port, log_path, *options):
    """The command line of an Odoo server on the benchmark's database, on
    127.0.0.1:``port``, logging to ``log_path``, with ``options`` added. It
    starts Odoo through a launcher script, not ``-m odoo``: in prefork mode
    Odoo starts its websocket process from ``sys.argv[0]``."""
    launcher = Path(log_path).parent / "odoo-launcher.py"
    launcher.write_text("from odoo.cli.command import main\n\nmain()\n")
    return [
        args.python,
        str(launcher),
        "--addons-path",
        args.addons_path,
        "-d",
        args.db,
        "--db-filter",
        f"^{args.db}$",
        "--http-interface",
        "127.0.0.1",
        "--http-port",
        str(port),
        "--logfile",
        str(log_path),
        *options,
    ]


def odoo_env(args):
    try:
        import odoo.release  # noqa: F401  (Odoo 19's odoo is a namespace package)
    except ImportError:
        sys.exit(
            "Odoo is not importable: run this with the project's virtualenv "
            "(~/.local/share/optiwise/venv-19.0/bin/python, see setup/bootstrap)."
        )
    from odoo.tools import config

    options = ["--addons-path", args.addons_path, "-d", args.db]
    if args.db_host:
        options += ["--db_host", args.db_host]
    config.parse_config(options)


def measure(env, function, repeat=5):
    """Time and queries of ``function``: record caches cold, as for a new
    request; the registry's caches (access rules, groups) warm, as on a live
    server, by a first call that is not measured. The time is the best of
    ``repeat`` calls (each with cold record caches): the least disturbed by
    the rest of the machine.
    """
    function()
    best, queries, result = None, None, None
    for _run in range(repeat):
        env.invalidate_all()
        before = env.cr.sql_log_count
        began = time.perf_counter()
        result = function()
        seconds = time.perf_counter() - began
        queries = env.cr.sql_log_count - before
        best = seconds if best is None else min(best, seconds)
    return result, best, queries


@contextlib.contextmanager
def scratch_copy(args):
    """A throw-away copy of ``args.db`` for a benchmark that grows data, dropped
    at the end whatever happens: the database it was made from keeps its
    rows, its dead tuples and its statistics as they were. Sets ``args.db``
    to the copy while it lives.

    PostgreSQL copies a database only while nobody is connected to it: stop
    a server serving it first.
    """
    import psycopg2

    source, copy = args.db, f"{args.db}_bench_{uuid.uuid4().hex[:8]}"
    connection = psycopg2.connect(dbname="postgres", host=args.db_host or None)
    connection.autocommit = True
    try:
        with connection.cursor() as cr:
            try:
                cr.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{source}"')
            except psycopg2.errors.ObjectInUse:
                sys.exit(
                    f"Database {source} is in use (a running server?): stop it "
                    "so the benchmark can work on a copy of it."
                )
        args.db = copy
        yield copy
    finally:
        args.db = source
        from odoo.modules.registry import Registry

        Registry.delete(copy)
        with connection.cursor() as cr:
            cr.execute(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')
        connection.close()
