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
    """batch stands on mrp alone (no sale); qc, costing and dispatch stand on
    batch; dispatch brings sale_mrp; the bridges install with their two addons."""
    assert manifest("optiwise_batch")["depends"] == ["mrp"]
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
