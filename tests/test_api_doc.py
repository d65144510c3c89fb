# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The API documents itself: Odoo's ``/doc`` (``api_doc``) shows every public
method an Optiwise addon adds, with each parameter typed and explained, what
it returns and what it raises, so that an integrator needs no source code."""

import json
import urllib.request

import pytest
from conftest import make_api_key

# the models whose public methods Optiwise adds or introduces
MODELS = (
    "mrp.production",
    "mrp.workcenter",
    "optiwise.batch.cost",
    "optiwise.changeover",
    "optiwise.changeover.rule",
    "optiwise.control.tower",
    "optiwise.dispatch.line",
    "optiwise.planning",
    "optiwise.planning.proposal",
    "optiwise.production.run",
    "optiwise.qc.inspection",
    "optiwise.qc.nonconformance",
    "optiwise.recall",
    "optiwise.run.output",
    "optiwise.shopfloor",
    "stock.lot",
    "stock.package",
    "stock.picking",
)
# methods only the web client's buttons call (they open a window): their
# docstring says what they do; they take no argument
BUTTONS_ONLY = "action_"


@pytest.fixture(scope="module")
def doc(server):
    key = make_api_key(server, server["login"], server["password"], name="api doc")

    def fetch(model):
        request = urllib.request.Request(
            f"{server['url']}/doc-bearer/{model}.json",
            headers={
                "Authorization": f"bearer {key}",
                "X-Odoo-Database": server["db"],
            },
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.load(response)

    return fetch


@pytest.mark.parametrize("model", MODELS)
def test_public_methods_documented(doc, model):
    methods = {
        name: method
        for name, method in doc(model)["methods"].items()
        if method["module"].startswith("optiwise")
    }
    assert methods, f"no Optiwise method on {model}"
    gaps = []
    for name, method in sorted(methods.items()):
        if not method.get("doc"):
            gaps.append(f"{name}: no description")
        for pname, param in method["parameters"].items():
            if pname == "ids":
                # JSON-2 names the records a method acts on ``ids``
                gaps.append(f"{name}({pname}): clashes with JSON-2's ids")
            if not param.get("annotation"):
                gaps.append(f"{name}({pname}): no type")
            if not param.get("doc"):
                gaps.append(f"{name}({pname}): not explained")
        if not name.startswith(BUTTONS_ONLY):
            if not method.get("return", {}).get("doc"):
                gaps.append(f"{name}: return not explained")
            # XML-RPC cannot carry None: every call answers something
            returned = method.get("return", {}).get("annotation") or ""
            if not returned or "None" in returned:
                gaps.append(f"{name}: returns {returned or 'an untyped value'}")
            if not method.get("raise"):
                gaps.append(f"{name}: errors not listed")
    assert not gaps, "\n".join(gaps)


def test_read_methods_marked_readonly(doc):
    """The calls that only read are marked so that Odoo may send them to a
    read replica (``--db_replica_host``)."""
    expected = {
        "optiwise.changeover.rule": ["get_changeover"],
        "stock.lot": ["trace_genealogy"],
        "optiwise.control.tower": ["get_tower_data"],
        "optiwise.planning": ["get_board_data", "preview_move"],
        "optiwise.batch.cost": ["get_sheet", "export_xlsx"],
        "mrp.production": ["get_batch_cost"],
        "mrp.workcenter": ["get_oee"],
        "optiwise.production.run": ["get_oee"],
        "optiwise.shopfloor": [
            "resolve_scan",
            "get_workcenter_job",
            "get_delivery",
            "get_lot_inspection",
        ],
        "stock.picking": ["get_dispatch_status"],
    }
    missing = []
    for model, names in expected.items():
        methods = doc(model)["methods"]
        for name in names:
            if "readonly" not in methods[name].get("api", []):
                missing.append(f"{model}.{name}")
    assert not missing, missing
