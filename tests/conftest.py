# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fixtures of the suite-level tests.

``setup/test`` starts an Odoo server on a throw-away database and runs these
tests against it, as an integrator would: over XML-RPC and JSON-2, with no
access to the server's Python objects. It passes the server through
``OPTIWISE_URL``, ``OPTIWISE_DB``, ``OPTIWISE_LOGIN`` and ``OPTIWISE_PASSWORD``.
"""

import http.cookiejar
import importlib.util
import json
import os
import subprocess
import sys
import threading
import urllib.error
import urllib.request
import xmlrpc.client
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "setup"))

from _optiwise_env import ADDONS  # noqa: F401  (the one list, for the tests)


def _env(name):
    value = os.environ.get(name)
    if not value:
        pytest.fail(
            f"{name} is not set: run these tests through setup/test, which starts "
            "a live Odoo server for them."
        )
    return value


@pytest.fixture(scope="session")
def server():
    """Connection facts of the live server under test."""
    return {
        "url": _env("OPTIWISE_URL"),
        "db": _env("OPTIWISE_DB"),
        "login": _env("OPTIWISE_LOGIN"),
        "password": _env("OPTIWISE_PASSWORD"),
    }


class Rpc:
    """A minimal XML-RPC client, as an integrator writes one."""

    def __init__(self, server, login=None, password=None):
        self.url = server["url"]
        self.db = server["db"]
        self.password = password or server["password"]
        common = xmlrpc.client.ServerProxy(f"{self.url}/xmlrpc/2/common")
        self.uid = common.authenticate(
            self.db, login or server["login"], self.password, {}
        )
        if not self.uid:
            raise AssertionError(f"cannot authenticate {login or server['login']}")
        self.models = xmlrpc.client.ServerProxy(
            f"{self.url}/xmlrpc/2/object", allow_none=True
        )

    def __call__(self, model, method, *args, **kwargs):
        return self.models.execute_kw(
            self.db, self.uid, self.password, model, method, list(args), kwargs
        )


@pytest.fixture(scope="session")
def rpc(server):
    """XML-RPC as the administrator."""
    return Rpc(server)


class WebSession:
    """The web client's session (JSON-RPC), as a user at a browser."""

    def __init__(self, server, login, password):
        self.url = server["url"]
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self._post(
            "/web/session/authenticate",
            {"db": server["db"], "login": login, "password": password},
        )

    def _post(self, path, params):
        request = urllib.request.Request(
            self.url + path,
            data=json.dumps(
                {"jsonrpc": "2.0", "method": "call", "params": params}
            ).encode(),
            headers={"Content-Type": "application/json"},
        )
        with self.opener.open(request, timeout=60) as response:
            body = json.load(response)
        if body.get("error"):
            raise AssertionError(body["error"])
        return body["result"]

    def call(self, model, method, args, kwargs=None):
        return self._post(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )


def make_api_key(server, login, password, name="suite"):
    """An API key made the way a user makes one (Preferences > Account
    Security > New API Key): describe it, confirm the password, read it."""
    web = WebSession(server, login, password)
    description = web.call(
        "res.users.apikeys.description", "create", [{"name": name, "duration": "1"}]
    )
    check = web.call("res.users.apikeys.description", "make_key", [[description]])
    shown = web.call(
        "res.users.identitycheck",
        "run_check",
        [[check["res_id"]]],
        {"context": {"password": password}},
    )
    return shown["context"]["default_key"]


class Json2:
    """A JSON-2 client: ``POST /json/2/<model>/<method>`` with named
    arguments, the API key as bearer token and the database in a header."""

    def __init__(self, server, key):
        self.url = server["url"]
        self.headers = {
            "Content-Type": "application/json; charset=utf-8",
            "Authorization": f"bearer {key}",
            "X-Odoo-Database": server["db"],
        }

    def __call__(self, model, method, **kwargs):
        """Return (HTTP status, decoded body)."""
        request = urllib.request.Request(
            f"{self.url}/json/2/{model}/{method}",
            data=json.dumps(kwargs).encode(),
            headers=self.headers,
        )
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return response.status, json.load(response)
        except urllib.error.HTTPError as error:
            body = error.read().decode("utf-8", "replace")
            try:
                return error.code, json.loads(body)
            except ValueError:
                return error.code, body


@pytest.fixture(scope="session")
def json2(server):
    """JSON-2 as the administrator, with an API key of his."""
    return Json2(server, make_api_key(server, server["login"], server["password"]))


def attack_report(section, name, figures):
    """Add the figures of an attack test to ``OPTIWISE_ATTACK_REPORT`` (set by
    ``setup/test``, which prints them): ``report[section][name] = figures``."""
    path = os.environ.get("OPTIWISE_ATTACK_REPORT")
    if not path:
        return
    data = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    data.setdefault(section, {})[name] = figures
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle)


def odoo_shell(server, script, timeout=600):
    """Run ``script`` in an Odoo shell of its own on the live database (a
    worker of its own, as a cron worker is): the completed process."""
    from _optiwise_env import ensure_postgres, odoo_addons_path

    python = os.environ.get("OPTIWISE_PYTHON") or sys.executable
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
        cmd, input=script, text=True, capture_output=True, timeout=timeout, check=False
    )


def at_once(server, calls):
    """Run ``calls`` (functions of an Rpc client) at the same moment, each
    from its own connection; return what each returned (or its Fault)."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index):
        client = Rpc(server)
        barrier.wait()
        try:
            results[index] = calls[index](client)
        except xmlrpc.client.Fault as fault:
            results[index] = fault

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    return results


def load_engine(name, relative):
    """An ORM-free engine of the addons (a module file, or a package folder),
    loaded from its files without Odoo."""
    path = REPO / relative
    if path.is_dir():  # a package: its __init__, its modules beside it
        spec = importlib.util.spec_from_file_location(
            name, path / "__init__.py", submodule_search_locations=[str(path)]
        )
    else:
        spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
