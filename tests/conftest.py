# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fixtures of the suite-level tests.

``setup/test`` starts an Odoo server on a throw-away database and runs these
tests against it, as an integrator would: over XML-RPC and JSON-2, with no
access to the server's Python objects. It passes the server through
``OPTIWISE_URL``, ``OPTIWISE_DB``, ``OPTIWISE_LOGIN`` and ``OPTIWISE_PASSWORD``.
"""

import os
import sys
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
