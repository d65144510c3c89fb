# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every Optiwise view renders for every role, on the demo database.

For each list, form, kanban, pivot, graph and search view an Optiwise addon
ships or extends, and each demo role that may read its model, the test does
what the web client does: ``get_views`` (the arch as that user gets it, groups
applied), then reads what the view shows: the fields of a list or kanban over
the first records, of a form on one record, the groups and measures of a
pivot or graph. A view that fails to load, or shows a field the role cannot
read, fails here.
"""

import re
import xml.etree.ElementTree as ET
import xmlrpc.client

import pytest
from conftest import WebSession

# the demo's users, one per role (password = login)
ROLES = ("manager", "operator", "inspector", "controller", "demo")
TYPES = ("list", "form", "kanban", "pivot", "graph", "search")


def _root_views(rpc):
    """(model, type, id, xml id) of the views Optiwise ships or extends: an
    extension is rendered through the primary view it extends."""
    data = rpc(
        "ir.model.data",
        "search_read",
        [("model", "=", "ir.ui.view"), ("module", "=like", "optiwise%")],
        fields=["res_id", "module", "name"],
    )
    xmlids = {row["res_id"]: f"{row['module']}.{row['name']}" for row in data}
    views = rpc(
        "ir.ui.view",
        "read",
        list(xmlids),
        fields=["model", "type", "inherit_id", "mode"],
    )
    by_id = {view["id"]: view for view in views}
    roots = {}
    for view in views:
        if view["type"] not in TYPES or not view["model"]:
            continue
        root = view
        while root["mode"] == "extension" and root["inherit_id"]:
            parent_id = root["inherit_id"][0]
            if parent_id not in by_id:
                by_id.update(
                    {
                        parent["id"]: parent
                        for parent in rpc(
                            "ir.ui.view",
                            "read",
                            [parent_id],
                            fields=["model", "type", "inherit_id", "mode"],
                        )
                    }
                )
            root = by_id[parent_id]
        roots[(root["model"], root["type"], root["id"])] = xmlids[view["id"]]
    return sorted(
        (model, kind, vid, xmlid) for (model, kind, vid), xmlid in roots.items()
    )


def _shown_fields(arch):
    """The fields a view shows at its top level (not those of a sub-view),
    with the date interval a pivot or graph groups them by."""
    names = {}

    def walk(node, inside_subview):
        for child in node:
            if child.tag == "field" and not inside_subview:
                names.setdefault(child.get("name"), child.get("interval") or "month")
                walk(child, True)
            else:
                walk(child, inside_subview)

    walk(ET.fromstring(arch), False)
    return names


def _spec(names, fields):
    spec = {}
    for name in names:
        info = fields.get(name)
        if not info or info["type"] in ("properties", "properties_definition"):
            continue
        if info["type"] in ("many2one", "one2many", "many2many", "reference"):
            spec[name] = (
                {} if info["type"] == "reference" else {"fields": {"display_name": {}}}
            )
        else:
            spec[name] = {}
    return spec


@pytest.fixture(scope="module")
def sessions(server):
    return {login: WebSession(server, login, login) for login in ROLES}


@pytest.fixture(scope="module")
def views(rpc):
    return _root_views(rpc)


def test_optiwise_views_found(views):
    """The check covers the suite's own screens (a sanity floor)."""
    models = {model for model, *_rest in views}
    assert len(views) >= 60, len(views)
    for model in (
        "optiwise.production.run",
        "optiwise.changeover",
        "optiwise.qc.inspection",
        "optiwise.batch.cost",
        "optiwise.dispatch.line",
        "mrp.production",
    ):
        assert model in models


@pytest.mark.parametrize("login", ROLES)
def test_every_view_renders_for_the_role(sessions, views, login):
    web = sessions[login]
    rendered, failures = 0, []
    for model, kind, view_id, xmlid in views:
        if not web.call(model, "has_access", [[], "read"]):
            continue
        try:
            result = web.call(
                model, "get_views", [], {"views": [[view_id, kind]], "options": {}}
            )
            arch = result["views"][kind]["arch"]
            fields = result["models"][model]["fields"]
            spec = _spec(_shown_fields(arch), fields)
            if kind in ("list", "kanban"):
                web.call(
                    model,
                    "web_search_read",
                    [],
                    {"domain": [], "specification": spec, "limit": 5},
                )
            elif kind == "form":
                found = web.call(model, "search", [[]], {"limit": 1})
                if found:
                    web.call(model, "web_read", [found], {"specification": spec})
            elif kind in ("pivot", "graph"):
                shown = _shown_fields(arch)
                groupable = [
                    f"{name}:{shown[name]}"
                    if fields[name]["type"] in ("date", "datetime")
                    else name
                    for name in spec
                    if fields[name].get("groupable", True)
                    and fields[name]["type"]
                    not in ("one2many", "many2many", "text", "html")
                ]
                web.call(
                    model,
                    "formatted_read_group",
                    [],
                    {"domain": [], "groupby": groupable[:1], "aggregates": ["__count"]},
                )
            rendered += 1
        except AssertionError as error:
            message = str(error)
            start = message.find("'message': ")
            failures.append(
                f"{login}: {xmlid} ({model}, {kind}): {message[start : start + 260]}"
            )
    assert not failures, "\n".join(failures)
    assert rendered > 0


def test_no_minutes_shown_as_a_clock(rpc, views):
    """No Optiwise screen draws minutes as HH:MM ("450:00" for 450 minutes):
    durations read as minutes or hours, with the unit in their label."""
    # Optiwise's own views (an extension of a core view keeps core's
    # widgets for core's fields)
    own_ids = {
        row["res_id"]
        for row in rpc(
            "ir.model.data",
            "search_read",
            [("model", "=", "ir.ui.view"), ("module", "=like", "optiwise%")],
            fields=["res_id"],
        )
    }
    own = [view for view in views if view[2] in own_ids]
    assert len(own) >= 40, len(own)
    clocks = []
    for model, kind, view_id, xmlid in own:
        arch = rpc(model, "get_views", [[view_id, kind]])["views"][kind]["arch"]
        if 'widget="float_time"' in arch:
            clocks.append(xmlid)
    assert not clocks, clocks


@pytest.mark.parametrize("login", ("manager", "controller", "inspector"))
def test_tower_tiles_count_their_lists(sessions, login):
    """On the demo data, as each role: every counting tile of the control
    tower says what the list it opens holds."""
    web = sessions[login]
    data = web.call("optiwise.control.tower", "get_tower_data", [])
    checked = 0
    for section in data["sections"]:
        for tile in section["tiles"]:
            action = tile["action"]
            if tile["key"].startswith("oee_") or tile["key"] == "changeover_week":
                continue  # a rate and a sum of hours, not counts
            count = web.call(action["res_model"], "search_count", [action["domain"]])
            assert count == tile["value"], (login, tile["key"], tile["value"], count)
            checked += 1
    assert checked >= 3


# the field of a domain's condition: ('field.path', 'operator', ...)
DOMAIN_FIELD = re.compile(
    r"\(\s*'([a-z_][a-z0-9_]*)(?:\.[a-z0-9_.]+)?'\s*,\s*"
    r"'(?:=|!=|<|>|<=|>=|in|not in|like|ilike|not ilike|=like|=ilike|child_of|any)'"
)


def test_search_views_offer_searchable_fields(rpc, views):
    """Every field a search view offers (a field to search on, or one its
    filters' domains test) can be searched: the search answers, never a 500
    (a computed field without a search method offered in a search view was
    one: "Inputs on Hold")."""
    checked, failures = 0, []
    for model, kind, view_id, xmlid in views:
        if kind != "search":
            continue
        arch = rpc(model, "get_views", [[view_id, kind]])["views"][kind]["arch"]
        root = ET.fromstring(arch)
        names = {node.get("name") for node in root.iter("field")}
        for node in root.iter("filter"):
            domain = node.get("domain") or ""
            names |= set(DOMAIN_FIELD.findall(domain))
        # Optiwise's own: its models' fields, and its fields on core models
        names = {
            name
            for name in names
            if model.startswith("optiwise.") or name.startswith("optiwise_")
        }
        fields = rpc(model, "fields_get", list(names), attributes=["searchable"])
        for name in sorted(names):
            info = fields.get(name)
            if not info:
                failures.append(f"{xmlid}: {name} is no field of {model}")
                continue
            if not info["searchable"]:
                failures.append(f"{xmlid}: {model}.{name} is not searchable")
                continue
            try:
                rpc(model, "search_count", [(name, "!=", False)])
            except xmlrpc.client.Fault as fault:
                failures.append(f"{xmlid}: {model}.{name}: {fault.faultString[-200:]}")
            checked += 1
    assert not failures, "\n".join(failures)
    assert checked >= 30, checked
