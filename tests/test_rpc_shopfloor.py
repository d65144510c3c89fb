# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The shop floor's calls over JSON-2, with the demo line operator's own API
key, as a scanner app would make them."""

import pytest
from conftest import Json2, make_api_key


@pytest.fixture(scope="module")
def operator_json2(server):
    return Json2(server, make_api_key(server, "operator", "operator", "scanner"))


def test_resolve_then_declare_as_operator(operator_json2):
    """The line's barcode resolves to the line, its job is the run under way,
    and a declaration with a reference posts once."""
    status, answer = operator_json2(
        "optiwise.shopfloor", "resolve_scan", code="WC-BOTTLING-1"
    )
    assert status == 200, answer
    assert (answer["status"], answer["kind"]) == ("ok", "workcenter")
    status, data = operator_json2(
        "optiwise.shopfloor", "get_workcenter_job", workcenter_id=answer["id"]
    )
    assert status == 200, data
    job = data["job"]
    assert job["type"] == "run" and job["uom"]
    payload = {
        "ids": [job["id"]],
        "qty_good": 6.0,
        "external_ref": "SUITE-SCANNER-1",
        "source": "barcode",
    }
    status, first = operator_json2(
        "optiwise.production.run", "record_output", **payload
    )
    assert status == 200, first
    status, again = operator_json2(
        "optiwise.production.run", "record_output", **payload
    )
    assert (status, again) == (200, first)
    status, data = operator_json2(
        "optiwise.shopfloor", "get_workcenter_job", workcenter_id=answer["id"]
    )
    assert data["job"]["done"] == job["done"] + 6


def test_unknown_and_bad_scans_over_json2(operator_json2):
    """A code naming nothing is an answer (not an error); a code that is not
    text is a 422 with a message."""
    status, answer = operator_json2(
        "optiwise.shopfloor", "resolve_scan", code="NOTHING-HERE"
    )
    assert (status, answer["status"]) == (200, "unknown")
    status, body = operator_json2("optiwise.shopfloor", "resolve_scan", code=["x"])
    assert 400 <= status < 500 and body["message"], body
