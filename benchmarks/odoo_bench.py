# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the database benchmarks share: Odoo's configuration from the command
line, and the measure of one call (time and queries)."""

import os
import sys
import time
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


def measure(env, function):
    """Time and queries of ``function``: record caches cold, as for a new
    request; the registry's caches (access rules, groups) warm, as on a live
    server, by a first call that is not measured."""
    function()
    env.invalidate_all()
    before = env.cr.sql_log_count
    began = time.perf_counter()
    result = function()
    return result, time.perf_counter() - began, env.cr.sql_log_count - before
