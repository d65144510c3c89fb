# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The live server answers as a user's browser and an integrator expect."""

import urllib.request
import xmlrpc.client

from conftest import ADDONS


def test_login_page(server):
    """/web/login answers 200 with the login form."""
    url = f"{server['url']}/web/login?db={server['db']}"
    with urllib.request.urlopen(url, timeout=30) as resp:
        assert resp.status == 200
        body = resp.read().decode()
    assert 'name="login"' in body and 'name="password"' in body


def test_xmlrpc_version_and_authenticate(server):
    """version() says 19.0; authenticate gives a uid, and refuses a bad password."""
    common = xmlrpc.client.ServerProxy(f"{server['url']}/xmlrpc/2/common")
    version = common.version()
    assert version["server_serie"] == "19.0"
    uid = common.authenticate(server["db"], server["login"], server["password"], {})
    assert isinstance(uid, int) and uid > 0
    assert not common.authenticate(server["db"], server["login"], "wrong", {})


def test_addons_installed(rpc):
    """The three addons are installed on the server under test."""
    rows = rpc(
        "ir.module.module",
        "search_read",
        [("name", "in", list(ADDONS))],
        fields=["name", "state"],
    )
    assert {r["name"]: r["state"] for r in rows} == dict.fromkeys(ADDONS, "installed")


def _optiwise_models(rpc):
    """ir.model records created by the Optiwise addons (not the ones they extend)."""
    data = rpc(
        "ir.model.data",
        "search_read",
        [("module", "in", list(ADDONS)), ("model", "=", "ir.model")],
        fields=["res_id"],
    )
    ids = [d["res_id"] for d in data]
    models = rpc(
        "ir.model",
        "read",
        ids,
        fields=["model", "abstract", "transient", "access_ids", "rule_ids", "field_id"],
    )
    # an addon extending a core model gets an xmlid on it too: keep its own
    return [m for m in models if m["model"].startswith("optiwise.")]


def test_every_model_has_access_rules(rpc):
    """Every concrete model of the addons grants access to some group."""
    missing = []
    for model in _optiwise_models(rpc):
        if model["abstract"]:
            continue
        access = rpc(
            "ir.model.access",
            "search_read",
            [("id", "in", model["access_ids"])],
            fields=["group_id", "perm_read"],
        )
        if not any(a["group_id"] and a["perm_read"] for a in access):
            missing.append(model["model"])
    assert not missing, f"models without group access rules: {missing}"


def test_company_models_have_multicompany_rule(rpc):
    """Every model carrying company_id has a record rule on it."""
    missing = []
    for model in _optiwise_models(rpc):
        if model["abstract"] or model["transient"]:
            continue
        has_company = rpc(
            "ir.model.fields",
            "search_count",
            [("model", "=", model["model"]), ("name", "=", "company_id")],
        )
        if not has_company:
            continue
        rules = rpc(
            "ir.rule",
            "search_read",
            [("id", "in", model["rule_ids"])],
            fields=["domain_force"],
        )
        if not any("company" in (r["domain_force"] or "") for r in rules):
            missing.append(model["model"])
    assert not missing, f"models without a multi-company rule: {missing}"


def test_demo_plant_present(rpc):
    """A user who logs in finds the demo plant: products, BoM, MOs, deliveries."""
    products = rpc(
        "product.product",
        "search_read",
        [("default_code", "in", ["TSB", "TS05"])],
        fields=["default_code", "tracking"],
    )
    assert {p["default_code"]: p["tracking"] for p in products} == {
        "TSB": "lot",
        "TS05": "lot",
    }
    boms = rpc(
        "mrp.bom",
        "search_read",
        [("product_id.default_code", "=", "TSB")],
        fields=["enable_batch_size", "batch_size"],
    )
    assert boms and boms[0]["enable_batch_size"] and boms[0]["batch_size"] == 500
    assert rpc(
        "stock.picking",
        "search_count",
        [
            ("picking_type_code", "=", "outgoing"),
            ("partner_id.name", "=", "Fresco Supermarkets"),
        ],
    )
    lots_in_stock = rpc(
        "stock.quant",
        "read_group",
        [
            ("lot_id.name", "=like", "TP-2611-%"),
            ("location_id.usage", "=", "internal"),
            ("quantity", ">", 0),
        ],
        ["quantity:sum"],
        ["lot_id"],
    )
    assert len(lots_in_stock) == 2, "both tomato paste lots are on hand"


def _demo(rpc, name):
    """The id of optiwise_batch's demo record ``name``."""
    [row] = rpc(
        "ir.model.data",
        "search_read",
        [("module", "=", "optiwise_batch"), ("name", "=", name)],
        fields=["res_id"],
    )
    return row["res_id"]


def test_demo_batches_and_run(rpc):
    """The demo shows batch MOs with their lots and a run under way with output."""
    [family] = rpc(
        "ir.model.data",
        "search_read",
        [
            ("module", "=", "optiwise_batch"),
            ("name", "=", "production_sauce_base_demo"),
        ],
        fields=["res_id"],
    )
    batches = rpc(
        "mrp.production",
        "search_read",
        [("optiwise_batch_family_id", "=", family["res_id"])],
        fields=["name", "lot_producing_ids", "state"],
    )
    assert len(batches) == 4
    assert all(len(b["lot_producing_ids"]) == 1 for b in batches)
    [demo_run] = rpc(
        "ir.model.data",
        "search_read",
        [
            ("module", "=", "optiwise_batch"),
            ("name", "=", "production_run_bottling_demo"),
        ],
        fields=["res_id"],
    )
    runs = rpc(
        "optiwise.production.run",
        "search_read",
        [("id", "=", demo_run["res_id"]), ("state", "=", "running")],
        fields=["productivity_ids"],
    )
    assert runs and runs[0]["productivity_ids"], "the demo run logged a stop"
    # the demo's three declarations of the line's PLC (other suite tests
    # declare on the same run)
    demo_outputs = rpc(
        "optiwise.run.output",
        "search_read",
        [("run_id", "=", demo_run["res_id"]), ("external_ref", "=like", "BL1-PLC-%")],
        fields=["qty_good"],
    )
    assert len(demo_outputs) == 3
    assert sum(o["qty_good"] for o in demo_outputs) == 900
