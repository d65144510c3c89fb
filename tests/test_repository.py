# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Checks of the repository itself: manifests, packaging, layout."""

import ast
import re
import subprocess
import sys
import zipfile

import docutils.core
import pytest
from conftest import ADDONS, REPO

REQUIRED_KEYS = {
    "name",
    "summary",
    "version",
    "category",
    "author",
    "website",
    "license",
    "maintainers",
    "development_status",
    "depends",
    "data",
    "installable",
}
HEADER = (
    "# Copyright 2026 Optiwise\n"
    "# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).\n"
)


def manifest(addon):
    return ast.literal_eval((REPO / addon / "__manifest__.py").read_text())


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest_complete(addon):
    """Each manifest carries every key the conventions ask for, none empty."""
    data = manifest(addon)
    assert REQUIRED_KEYS <= set(data), REQUIRED_KEYS - set(data)
    empty = [key for key, value in data.items() if value in ("", [], {}, None)]
    assert not empty, f"{addon}: empty manifest keys {empty}"
    assert re.fullmatch(r"19\.0\.\d+\.\d+\.\d+", data["version"]), data["version"]
    assert data["license"] == "LGPL-3"
    assert data["category"] == "Manufacturing"
    assert data["author"] == "Optiwise"
    assert data["installable"] is True
    assert data["development_status"] in {"Alpha", "Beta", "Production/Stable"}
    for path in data["data"] + data.get("demo", []):
        assert (REPO / addon / path).is_file(), f"{addon}: {path} is listed, absent"


def test_dependencies():
    """batch stands on mrp and product_expiry (shelf life bounds a batch; no
    sale); qc, costing and dispatch stand on batch; dispatch brings sale_mrp;
    the bridges install with their two addons."""
    assert manifest("optiwise_batch")["depends"] == ["mrp", "product_expiry"]
    assert manifest("optiwise_qc")["depends"] == ["optiwise_batch"]
    assert set(manifest("optiwise_costing")["depends"]) == {
        "optiwise_batch",
        "mrp_account",
    }
    assert set(manifest("optiwise_dispatch")["depends"]) == {
        "optiwise_batch",
        "sale_mrp",
    }
    for bridge, other in (
        ("optiwise_dispatch_qc", "optiwise_qc"),
        ("optiwise_dispatch_costing", "optiwise_costing"),
    ):
        data = manifest(bridge)
        assert set(data["depends"]) == {"optiwise_dispatch", other}
        assert data.get("auto_install") is True, bridge
    apps = [a for a in ADDONS if manifest(a).get("application")]
    assert apps == ["optiwise_batch"], "only the entry addon is an application"


def test_addons_discovered_from_manifests():
    """One list of the addons: every folder with a manifest, dependencies first."""
    found = {path.parent.name for path in REPO.glob("*/__manifest__.py")}
    assert set(ADDONS) == found
    for index, addon in enumerate(ADDONS):
        for dep in manifest(addon)["depends"]:
            if dep in found:
                assert ADDONS.index(dep) < index, (addon, dep)


def test_no_tracked_symlink():
    """Nothing in git is a symlink (the venv lives outside the checkout)."""
    res = subprocess.run(
        ["git", "ls-files", "-s"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    links = [
        line.split("\t")[-1]
        for line in res.stdout.splitlines()
        if line.startswith("120000")
    ]
    assert res.returncode == 0 and not links, links


@pytest.mark.parametrize("addon", ADDONS)
def test_layout_and_headers(addon):
    """Readme fragments, README, i18n template and license headers are present."""
    root = REPO / addon
    for rel in (
        "README.rst",
        "readme/DESCRIPTION.md",
        "readme/USAGE.md",
        "readme/CONFIGURE.md",
        # every version's changes, API changes first (OCA's changelog)
        "readme/HISTORY.md",
        f"i18n/{addon}.pot",
        "pyproject.toml",
        "static/description/index.html",
    ):
        assert (root / rel).is_file(), f"{addon}: {rel} is missing"
    defines_models = any(
        "\n    _name = " in path.read_text() for path in root.glob("*/*.py")
    )
    if defines_models:
        assert (root / "security/ir.model.access.csv").is_file(), addon
    for path in root.rglob("*.py"):
        assert path.read_text().startswith(HEADER), f"{path}: license header"


@pytest.mark.parametrize("addon", ADDONS)
def test_wheel_builds(addon, tmp_path):
    """`pip wheel --no-deps ./<addon>` builds odoo_addon_<addon>-19.0...whl."""
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            f"./{addon}",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert res.returncode == 0, res.stderr[-2000:]
    wheels = list(tmp_path.glob(f"odoo_addon_{addon}-19.0.*.whl"))
    assert len(wheels) == 1, list(tmp_path.iterdir())
    names = zipfile.ZipFile(wheels[0]).namelist()
    assert f"odoo/addons/{addon}/__manifest__.py" in names
    metadata = next(n for n in names if n.endswith("METADATA"))
    text = zipfile.ZipFile(wheels[0]).read(metadata).decode()
    assert "Requires-Dist: odoo==19.0.*" in text or "odoo>=19.0" in text, text[:800]


def test_readmes_up_to_date():
    """Each README.rst and index.html is what setup/gen_readme builds from readme/."""
    res = subprocess.run(
        [sys.executable, str(REPO / "setup" / "gen_readme"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert res.returncode == 0, res.stdout + res.stderr


@pytest.mark.parametrize("readme", ["README.rst", *(f"{a}/README.rst" for a in ADDONS)])
def test_readme_is_valid_rst(readme):
    """Every README.rst renders without a docutils warning or error."""
    docutils.core.publish_string(
        (REPO / readme).read_text(),
        writer_name="null",
        settings_overrides={"report_level": 2, "halt_level": 2},
    )


def test_no_t_esc():
    """QWeb templates write ``t-out`` (Odoo 19 escapes it); ``t-esc`` is gone."""
    found = [
        str(path.relative_to(REPO))
        for addon in ADDONS
        for path in (REPO / addon).rglob("*.xml")
        if "t-esc=" in path.read_text(encoding="utf-8")
    ]
    assert not found, found


def test_metapackage_lists_every_addon():
    """The suite's metapackage installs every addon of the repository."""
    text = (REPO / "setup" / "_metapackage" / "pyproject.toml").read_text()
    listed = set(re.findall(r'"odoo-addon-(optiwise_\w+)==', text))
    assert listed == set(ADDONS), sorted(set(ADDONS) ^ listed)


def test_scheduled_jobs_log_one_line():
    """Every scheduled action's method logs one line with its counts and
    duration, on every way out (no return before it)."""
    checked = 0
    for addon in ADDONS:
        for data in (REPO / addon).glob("data/*.xml"):
            for method in re.findall(
                r"<field name=\"code\">model\.(\w+)\(", data.read_text()
            ):
                sources = [
                    path.read_text()
                    for path in (REPO / addon).glob("models/*.py")
                    if f"def {method}(" in path.read_text()
                ]
                assert len(sources) == 1, (addon, method)
                body = sources[0].split(f"def {method}(", 1)[1]
                body = re.split(r"\n    (?:def |@)", body, maxsplit=1)[0]
                assert "_logger.info(" in body, (addon, method)
                assert "return" not in body.split("_logger.info(", 1)[0], (
                    addon,
                    method,
                    "returns before its log line",
                )
                checked += 1
    assert checked >= 3


def test_install_checks_cover_every_addon():
    """Each addon is installed by a combination of setup/test's install check,
    or comes along as a bridge whose conditions are checked."""
    sys.path.insert(0, str(REPO / "setup"))
    from _optiwise_checks import BRIDGES, COMBINATIONS

    covered = {addon for combo in COMBINATIONS for addon in combo} | set(BRIDGES)
    assert covered == set(ADDONS), sorted(set(ADDONS) - covered)


def test_pre_commit_runs_pylint_odoo():
    """`pre-commit run` alone checks what setup/test's lint checks: ruff and
    pylint-odoo's mandatory checks among its hooks."""
    config = (REPO / ".pre-commit-config.yaml").read_text()
    assert "entry: pylint --rcfile .pylintrc-mandatory" in config
    assert "entry: ruff check" in config and "entry: ruff format --check" in config
    lint = (REPO / "setup" / "test").read_text().split("def lint(", 1)[1]
    lint = lint.split("\ndef ", 1)[0]
    assert '"pre-commit", "run", "--all-files"' in lint


def _tracked(*patterns):
    res = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", *patterns],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return [REPO / name for name in res.stdout.split() if (REPO / name).is_file()]


# the files split by responsibility: each part keeps to one idea
SPLIT = (
    "optiwise_shopfloor/models/optiwise_shopfloor*.py",
    "optiwise_batch/models/mrp_workcenter*.py",
    "optiwise_batch/sequencing/engine/*.py",
)


def test_files_have_one_job():
    """No source file over 800 lines (one model per file, as core); the parts
    of the shop floor's façade, the work center and the sequencing engine at
    most 400 each; the shop floor's stock logic lives on the stock models."""
    sources = _tracked("*.py", "*.js", "*.xml", "*.scss")
    long = {
        str(path.relative_to(REPO)): lines
        for path in sources
        if (lines := path.read_text(encoding="utf-8").count("\n")) > 800
    }
    assert not long, long
    for pattern in SPLIT:
        parts = _tracked(pattern)
        assert len(parts) >= 3, pattern
        big = {
            str(path.relative_to(REPO)): lines
            for path in parts
            if (lines := path.read_text().count("\n")) > 400
        }
        assert not big, big
    assert not (REPO / "optiwise_batch/sequencing/engine.py").exists()
    facade = (REPO / "optiwise_shopfloor/models/optiwise_shopfloor.py").read_text()
    assert "stock.move.line" not in facade, "the façade writes no move line"
    for model, method in (
        ("stock_move", "_optiwise_put_scanned_lot"),
        ("stock_picking", "_optiwise_check_scan"),
    ):
        text = (REPO / f"optiwise_shopfloor/models/{model}.py").read_text()
        assert f"def {method}(" in text, (model, method)


def _const(node):
    return node.value if isinstance(node, ast.Constant) else None


def _stored_fields(sources):
    """{(model, field): (type, transient)} of the stored fields the Python
    sources (``{path: text}``) declare: not One2many, not computed or related
    unless ``store=True``."""
    found = {}
    for text in sources.values():
        for node in ast.walk(ast.parse(text)):
            if not isinstance(node, ast.ClassDef):
                continue
            attrs = {
                stmt.targets[0].id: stmt.value
                for stmt in node.body
                if isinstance(stmt, ast.Assign)
                and len(stmt.targets) == 1
                and isinstance(stmt.targets[0], ast.Name)
            }
            inherit = attrs.get("_inherit")
            model = _const(attrs.get("_name")) or _const(inherit)
            if model is None and isinstance(inherit, ast.List) and inherit.elts:
                model = _const(inherit.elts[0])
            if model is None:
                continue
            transient = any(
                isinstance(base, ast.Attribute) and base.attr == "TransientModel"
                for base in node.bases
            )
            for name, value in attrs.items():
                func = getattr(value, "func", None)
                if not (
                    isinstance(func, ast.Attribute)
                    and isinstance(func.value, ast.Name)
                    and func.value.id == "fields"
                    and func.attr != "One2many"
                ):
                    continue
                keywords = {k.arg: k.value for k in value.keywords}
                if "store" in keywords:
                    stored = bool(_const(keywords["store"]))
                else:
                    stored = "compute" not in keywords and "related" not in keywords
                if stored:
                    found[(model, name)] = (func.attr, transient)
    return found


def _git(*args):
    return subprocess.run(
        ["git", *args], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout


def _version_at(addon, commit):
    text = _git("show", f"{commit}:{addon}/__manifest__.py")
    return ast.literal_eval(text)["version"]


def _fields_at(addon, commit=None):
    if commit is None:
        paths = _tracked(f"{addon}/**.py")
        sources = {str(p): p.read_text() for p in paths}
    else:
        names = _git("ls-tree", "-r", "--name-only", commit, "--", addon).split()
        sources = {
            name: _git("show", f"{commit}:{name}")
            for name in names
            if name.endswith(".py") and "/tests/" not in name
        }
    return _stored_fields(
        {path: text for path, text in sources.items() if "/tests/" not in path}
    )


@pytest.mark.parametrize("addon", ADDONS)
def test_stored_field_changes_bump_the_version(addon):
    """A stored field added, renamed, removed or retyped since the addon's
    version was set comes with a new version (so that ``-u`` of a plant's
    database makes its columns), and with a migration under
    ``migrations/<version>/`` when a field of a model that keeps its records
    went away (its data moves or is dropped knowingly)."""
    current = manifest(addon)["version"]
    history = _git("log", "--format=%H", "--", f"{addon}/__manifest__.py").split()
    assert history, f"{addon}: no history (CI runs on a full clone)"
    # the commit that set today's version, and the one that set the previous
    bumped = previous = None
    for commit in history:
        version = _version_at(addon, commit)
        if version == current:
            bumped = commit
        else:
            previous = commit
            break
    now = _fields_at(addon)
    if bumped:
        changed = set(now.items()) ^ set(_fields_at(addon, bumped).items())
        assert not changed, (
            f"{addon}: stored fields changed since {current} was set "
            f"({sorted(k for k, _v in changed)}): bump the version"
        )
        base = _fields_at(addon, bumped)
    else:
        base = now  # bumped in this working tree
    if previous:
        before = _fields_at(addon, previous)
        gone = sorted(
            key
            for key, (_type, transient) in before.items()
            if key not in base and not transient
        )
        if gone:
            migrations = REPO / addon / "migrations" / current
            assert any(migrations.glob("*-migrate.py")), (
                f"{addon} {current}: {gone} went away without a migration"
            )


def test_long_jobs_log_one_line():
    """Sequencing and migrations that rebuild records log one line with their
    counts and duration, as the crons do."""
    for path, method in (
        ("optiwise_batch/models/mrp_workcenter_sequencing.py", "compute_sequence"),
        ("optiwise_batch/models/mrp_workcenter_wheel.py", "compute_product_wheel"),
    ):
        body = (REPO / path).read_text().split(f"def {method}(", 1)[1]
        body = re.split(r"\n    (?:def |@)", body, maxsplit=1)[0]
        assert "_logger.info(" in body, method
        assert "time.monotonic()" in body or '["seconds"]' in body, method
    scripts = list(REPO.glob("optiwise_*/migrations/*/*-migrate.py"))
    assert scripts
    for script in scripts:
        text = script.read_text()
        if ".search(" in text:  # it rebuilds records
            assert "_logger.info(" in text and "time.monotonic()" in text, script


@pytest.mark.parametrize("addon", ADDONS)
def test_every_addon_has_tests(addon):
    """Every addon tests itself through Odoo's runner (not only through the
    suite's live server)."""
    tests = REPO / addon / "tests"
    modules = [p for p in tests.glob("test_*.py") if "def test_" in p.read_text()]
    assert modules, f"{addon}: no tests/test_*.py"
    init = (tests / "__init__.py").read_text()
    for module in modules:
        assert f"import {module.stem}" in init, (addon, module.name)


def test_query_budgets_run_at_install():
    """An addon's query budgets run ``at_install``, before the addons that
    depend on it are installed, so they count its own queries alone."""
    checked = 0
    for path in REPO.glob("optiwise_*/tests/test_*.py"):
        tree = ast.parse(path.read_text())
        for node in tree.body:
            if not isinstance(node, ast.ClassDef):
                continue
            source = ast.get_source_segment(path.read_text(), node)
            if "assertQueryCount" not in source:
                continue
            tags = [
                _const(arg)
                for deco in node.decorator_list
                if isinstance(deco, ast.Call)
                and getattr(deco.func, "id", "") == "tagged"
                for arg in deco.args
            ]
            assert "post_install" not in tags and "-at_install" not in tags, (
                f"{path.name}: {node.name} counts queries post_install"
            )
            checked += 1
    assert checked >= 5
