# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The documented deployment beyond one process: Odoo in prefork mode.

The README's way to serve a plant (``--workers``) starts HTTP workers, cron
workers and a gevent process for the websockets (the live updates of the
screens). This test starts Odoo once that way on the suite's database and
checks that a page, JSON-2 and the websocket endpoint answer, so a new
virtualenv missing what Odoo's own pins need (gevent 22.10 importing
``pkg_resources``, gone from setuptools 81) fails here, not in a plant.
"""

import base64
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from conftest import Json2, make_api_key


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(url, deadline):
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    return None


def _websocket_handshake(port, db):
    """The status line of a websocket upgrade on the gevent port."""
    key = base64.b64encode(os.urandom(16)).decode()
    request = (
        f"GET /websocket?version=saas-19.0 HTTP/1.1\r\n"
        f"Host: 127.0.0.1:{port}\r\n"
        "Upgrade: websocket\r\nConnection: Upgrade\r\n"
        f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
        f"Origin: http://127.0.0.1:{port}\r\n"
        f"Cookie: db={db}\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=15) as sock:
        sock.sendall(request.encode())
        return sock.recv(4096).decode(errors="replace").split("\r\n", 1)[0]


def test_prefork_serves_pages_json2_and_websockets(server):
    """Two HTTP workers, a cron worker and the gevent process: the login
    page, a JSON-2 call and a websocket upgrade answer; the log has no
    traceback (the gevent process crashing at start is one)."""
    from _optiwise_env import ensure_postgres, odoo_addons_path

    python = os.environ.get("OPTIWISE_PYTHON") or sys.executable
    port, gevent_port = _free_port(), _free_port()
    with tempfile.TemporaryDirectory() as workdir:
        log_path = Path(workdir) / "prefork.log"
        # prefork starts its websocket process from sys.argv[0]: a launcher
        launcher = Path(workdir) / "odoo-launcher.py"
        launcher.write_text("from odoo.cli.command import main\n\nmain()\n")
        cmd = [
            python,
            str(launcher),
            "--addons-path",
            odoo_addons_path(python),
            *ensure_postgres(python),
            "-d",
            server["db"],
            "--db-filter",
            f"^{server['db']}$",
            "--http-interface",
            "127.0.0.1",
            "--http-port",
            str(port),
            "--gevent-port",
            str(gevent_port),
            "--workers",
            "2",
            "--max-cron-threads",
            "1",
            "--logfile",
            str(log_path),
        ]
        process = subprocess.Popen(cmd, start_new_session=True)
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 120
            assert _wait(f"{url}/web/login?db={server['db']}", deadline) == 200
            prefork = dict(server, url=url)
            json2 = Json2(prefork, make_api_key(prefork, "admin", "admin", "prefork"))
            status, count = json2("mrp.workcenter", "search_count", domain=[])
            assert status == 200, count
            assert isinstance(count, int) and count > 0
            assert _wait(f"http://127.0.0.1:{gevent_port}/web/health", deadline)
            status = _websocket_handshake(gevent_port, server["db"])
            assert " 101 " in status, status
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        log = log_path.read_text(encoding="utf-8", errors="replace")
    assert "No module named 'pkg_resources'" not in log
    assert "Traceback" not in log, log[-3000:]
