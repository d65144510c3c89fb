# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The integrators' guide (``docs/integrators.md``) is run, block by block,
against the live server: its Python blocks in one namespace, in order, as the
administrator's API key (an inspector's key where the guide says so), and its
curl blocks in a shell. A guide that no longer works fails here."""

import json
import os
import re
import subprocess
from pathlib import Path

from conftest import make_api_key

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "integrators.md"
BLOCK = re.compile(r"^```(python|bash)\n(.*?)^```", re.DOTALL | re.MULTILINE)


def test_the_guide_runs(server, monkeypatch):
    blocks = BLOCK.findall(GUIDE.read_text())
    assert [kind for kind, _code in blocks].count("python") >= 8
    env = {
        "ODOO_URL": server["url"],
        "ODOO_DB": server["db"],
        "ODOO_LOGIN": server["login"],
        "ODOO_KEY": make_api_key(
            server, server["login"], server["password"], name="guide"
        ),
        "INSPECTOR_KEY": make_api_key(server, "inspector", "inspector", name="guide"),
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    namespace = {"__name__": "guide"}
    for index, (kind, code) in enumerate(blocks):
        if kind == "python":
            # the guide is this repository's own text, run on purpose
            exec(compile(code, f"{GUIDE.name} block {index}", "exec"), namespace)  # noqa: S102
        else:
            result = subprocess.run(
                ["bash", "-euo", "pipefail", "-c", code],
                env={**os.environ, **env},
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
            assert result.returncode == 0, (index, result.stderr)
            json.loads(result.stdout)
