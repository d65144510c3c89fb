# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Shared machinery of ``setup/bootstrap`` and ``setup/test``.

Standard library only: it runs on the machine's own ``python3`` before any
virtualenv exists. It finds (or builds) the virtualenv that holds Odoo 19.0,
finds a PostgreSQL server and role Odoo may use, and builds the Odoo command
line for this checkout.
"""

import hashlib
import os
import pwd
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def discover_addons(repo=REPO):
    """The suite's addons: the folders at the root that hold a manifest, in
    dependency order (an addon after those it depends on), then by name."""
    import ast

    depends = {
        path.parent.name: ast.literal_eval(path.read_text(encoding="utf-8")).get(
            "depends", []
        )
        for path in sorted(Path(repo).glob("*/__manifest__.py"))
    }
    ordered = []

    def visit(name):
        if name in ordered or name not in depends:
            return
        for dep in depends[name]:
            visit(dep)
        ordered.append(name)

    for name in sorted(depends):
        visit(name)
    return tuple(ordered)


ADDONS = discover_addons()
ODOO_SERIES = "19.0"
OFFICIAL_ODOO_GIT = "https://github.com/odoo/odoo.git"
REQUIREMENT_FILES = (
    "requirements.txt",
    "test-requirements.txt",
    # what Odoo's own pins need and do not declare (setuptools for gevent)
    "setup/odoo-requirements.txt",
)
STAMP = "optiwise-requirements.sha256"


class SetupError(Exception):
    """A precondition is missing; the message says what to provide."""


def say(msg):
    print(f"[optiwise] {msg}", flush=True)


def home():
    return Path(os.environ.get("HOME") or pwd.getpwuid(os.getuid()).pw_dir)


def data_home():
    xdg = os.environ.get("XDG_DATA_HOME")
    return Path(xdg) if xdg else home() / ".local" / "share"


def venv_dir():
    env = os.environ.get("OPTIWISE_VENV")
    if env:
        return Path(env).expanduser().absolute()
    return data_home() / "optiwise" / f"venv-{ODOO_SERIES}"


def venv_python(venv=None):
    return (venv or venv_dir()) / "bin" / "python"


def clean_env():
    """Environment for child processes: the caller's, minus a stray PYTHONPATH."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    env.setdefault("PATH", "/usr/local/bin:/usr/bin:/bin")
    env.setdefault("HOME", str(home()))
    return env


def run(cmd, check=True, quiet=False, **kw):
    if not quiet:
        say("$ " + " ".join(str(c) for c in cmd))
    kw.setdefault("env", clean_env())
    res = subprocess.run([str(c) for c in cmd], check=False, **kw)
    if check and res.returncode:
        raise SetupError(f"command failed (exit {res.returncode}): {cmd[0]} ...")
    return res


def run_python(python, code, *args):
    """Run ``code`` with the venv's ``python``; capture its output as text."""
    return subprocess.run(
        [str(python), "-c", code, *args],
        capture_output=True,
        text=True,
        check=False,
        env=clean_env(),
        cwd="/",
    )


def probe_odoo(python):
    """Return Odoo's series importable by ``python``, or None."""
    if not Path(python).exists():
        return None
    res = run_python(python, "import odoo.release as r; print(r.serie)")
    return res.stdout.strip() if res.returncode == 0 else None


def check_odoo_src(src):
    """Validate a local Odoo source tree; return its resolved path."""
    path = Path(src).expanduser().resolve()
    release = path / "odoo" / "release.py"
    if not release.is_file() or not (path / "requirements.txt").is_file():
        raise SetupError(
            f"ODOO_SRC={src} is not an Odoo source tree: it needs odoo/release.py "
            "and requirements.txt (the root of an Odoo 19.0 checkout)."
        )
    text = release.read_text(encoding="utf-8")
    if f"version_info = ({ODOO_SERIES.split('.')[0]}, " not in text:
        raise SetupError(
            f"ODOO_SRC={src} is not Odoo {ODOO_SERIES} (see odoo/release.py)."
        )
    if not (path / "addons" / "mrp" / "__manifest__.py").is_file():
        raise SetupError(
            f"ODOO_SRC={src} has no addons/mrp: a full Community tree is needed."
        )
    return path


def official_source_reachable():
    if not shutil.which("git"):
        return False
    try:
        res = subprocess.run(
            ["git", "ls-remote", "--heads", OFFICIAL_ODOO_GIT, ODOO_SERIES],
            capture_output=True,
            timeout=20,
            check=False,
            env=dict(clean_env(), GIT_TERMINAL_PROMPT="0"),
        )
    except subprocess.TimeoutExpired:
        return False
    return res.returncode == 0 and bool(res.stdout.strip())


def missing_odoo_message(venv):
    return (
        f"Odoo {ODOO_SERIES} is not importable in the virtualenv {venv}, ODOO_SRC is "
        "not set, and Odoo's official source (github.com/odoo/odoo, branch "
        f"{ODOO_SERIES}) cannot be reached from this machine.\n"
        "Provide one of:\n"
        f"  * ODOO_SRC=/path/to/odoo-{ODOO_SERIES}  a local Odoo {ODOO_SERIES} "
        "Community source tree (with odoo/, addons/, requirements.txt, setup.py),\n"
        "    then re-run;\n"
        "  * OPTIWISE_VENV=/path/to/venv  a virtualenv in which `import odoo` gives "
        f"Odoo {ODOO_SERIES};\n"
        "  * network access to github.com so the official source can be cloned.\n"
        "Nothing was created."
    )


def requirements_digest():
    h = hashlib.sha256()
    for name in REQUIREMENT_FILES:
        h.update((REPO / name).read_bytes())
    return h.hexdigest()


def ensure_venv():
    """Make sure the virtualenv exists with Odoo 19.0 and the project's requirements.

    Idempotent: a venv whose Odoo and requirements are already in place is left
    untouched. If the venv has to be built and something fails, what this call
    created is removed again.
    """
    venv = venv_dir()
    python = venv_python(venv)
    series = probe_odoo(python)
    if series and series != ODOO_SERIES:
        raise SetupError(
            f"{venv} holds Odoo {series}, not {ODOO_SERIES}; "
            "point OPTIWISE_VENV elsewhere."
        )
    src = None
    if not series:
        if os.environ.get("ODOO_SRC"):
            src = check_odoo_src(os.environ["ODOO_SRC"])
        else:
            say(
                "Odoo is not in the venv and ODOO_SRC is not set; "
                "trying the official source ..."
            )
            if not official_source_reachable():
                raise SetupError(missing_odoo_message(venv))
            src = data_home() / "optiwise" / f"odoo-{ODOO_SERIES}"
    if venv.exists() and not python.exists() and any(venv.iterdir()):
        raise SetupError(
            f"OPTIWISE_VENV={venv} exists, is not empty and is not a virtualenv."
        )

    created = not python.exists()
    existed_empty = venv.exists() and created
    fetched_src = (
        src is not None and not os.environ.get("ODOO_SRC") and not src.exists()
    )
    pip = [python, "-m", "pip", "install", "-q"]
    try:
        if created:
            say(f"creating the virtualenv {venv}")
            run([sys.executable, "-m", "venv", venv])
            # setuptools below 81: Odoo's gevent needs pkg_resources (see
            # setup/odoo-requirements.txt)
            run([*pip, "-U", "pip", "setuptools<81", "wheel"])
        if src is not None:
            if fetched_src:
                clone = ["git", "clone", "--depth", "1", "-b", ODOO_SERIES]
                run([*clone, OFFICIAL_ODOO_GIT, src])
            say(f"installing Odoo {ODOO_SERIES} from {src}")
            run([*pip, "-r", src / "requirements.txt"])
            editable = ["--config-settings", "editable_mode=compat", "-e", src]
            run([*pip, "--no-deps", "--no-build-isolation", *editable])
            if probe_odoo(python) != ODOO_SERIES:
                raise SetupError(f"Odoo from {src} was installed but does not import.")
        stamp = venv / STAMP
        digest = requirements_digest()
        if not stamp.exists() or stamp.read_text().strip() != digest:
            args = [*pip]
            for name in REQUIREMENT_FILES:
                args += ["-r", REPO / name]
            run(args)
            stamp.write_text(digest + "\n")
    except BaseException:
        if created and venv.exists():
            say(f"removing the half-built virtualenv {venv}")
            shutil.rmtree(venv, ignore_errors=True)
            if existed_empty:
                venv.mkdir(parents=True, exist_ok=True)
        if fetched_src and src.exists():
            shutil.rmtree(src, ignore_errors=True)
        raise
    return python


# ---------------------------------------------------------------- PostgreSQL

_PG_PROBE = r"""
import json, sys, psycopg2
host = sys.argv[1] or None
try:
    cn = psycopg2.connect(dbname="postgres", host=host, connect_timeout=5)
except psycopg2.OperationalError as e:
    print(json.dumps({"ok": False, "error": str(e).strip()}))
    sys.exit(0)
cr = cn.cursor()
cr.execute(
    "SELECT current_user, rolsuper OR rolcreatedb FROM pg_roles"
    " WHERE rolname = current_user"
)
user, can_create = cr.fetchone()
print(json.dumps({"ok": True, "user": user, "createdb": can_create}))
"""


def _pg_probe(python, host):
    res = run_python(python, _PG_PROBE, host or "")
    import json

    try:
        return json.loads(res.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        return {"ok": False, "error": (res.stderr or res.stdout).strip()[-400:]}


def _start_local_cluster():
    ctl = shutil.which("pg_ctlcluster") or (
        "/usr/bin/pg_ctlcluster" if Path("/usr/bin/pg_ctlcluster").exists() else None
    )
    conf = Path("/etc/postgresql")
    if not ctl or not conf.is_dir():
        return False
    started = False
    for version in sorted(p.name for p in conf.iterdir() if (p / "main").is_dir()):
        say(f"starting the local PostgreSQL cluster {version}/main")
        res = run(
            [ctl, "--skip-systemctl-redirect", version, "main", "start"], check=False
        )
        started = started or res.returncode == 0
    return started


def ensure_postgres(python):
    """Find a PostgreSQL server and a role Odoo may use.

    Returns the list of Odoo ``--db_*`` options to reach it. Tries libpq's
    defaults (``PG*`` variables, the local socket), then 127.0.0.1; starts the
    machine's own Debian cluster if none answers.
    """
    candidates = [os.environ.get("PGHOST", "")] + (
        ["127.0.0.1"] if not os.environ.get("PGHOST") else []
    )
    errors = []
    for attempt in range(2):
        for host in candidates:
            info = _pg_probe(python, host)
            if info["ok"]:
                if info["user"] == "postgres":
                    raise SetupError(
                        "PostgreSQL answers, but as the role `postgres`, which Odoo "
                        "refuses to use. Create a role of your own and use it: "
                        "`sudo -u postgres createuser --createdb $USER` "
                        "(or set PGUSER)."
                    )
                if not info["createdb"]:
                    raise SetupError(
                        f"PostgreSQL role `{info['user']}` may not create databases. "
                        "Grant it: `sudo -u postgres psql -c "
                        f"'ALTER ROLE \"{info['user']}\" CREATEDB'`."
                    )
                opts = ["--db_host", host] if host else []
                if os.environ.get("PGPORT"):
                    opts += ["--db_port", os.environ["PGPORT"]]
                if os.environ.get("PGUSER"):
                    opts += ["--db_user", os.environ["PGUSER"]]
                return opts
            errors.append(f"{host or 'local socket'}: {info['error']}")
        role_missing = any("role" in e and "does not exist" in e for e in errors)
        if attempt or role_missing or not _start_local_cluster():
            break
    raise SetupError(
        "No PostgreSQL server Odoo can use answered:\n  "
        + "\n  ".join(errors)
        + "\nStart one (Debian: `pg_ctlcluster <version> main start`; elsewhere: "
        "your service manager), or install it (`apt install postgresql`), and make "
        "sure a role named like your user exists with CREATEDB "
        "(`sudo -u postgres createuser --createdb $USER`). "
        "PGHOST/PGPORT/PGUSER/PGPASSWORD are honoured."
    )


# ---------------------------------------------------------------- Odoo

_ADDONS_PROBE = r"""
import os
from odoo.tools import config
for d in (config.addons_community_dir, config.addons_base_dir):
    if os.path.isdir(os.path.join(d, "mrp")):
        print(d)
        break
"""


def odoo_addons_path(python, repo=REPO):
    res = run_python(python, _ADDONS_PROBE)
    core = res.stdout.strip()
    if not core:
        raise SetupError(
            f"the Odoo importable by {python} has no `mrp` addon: "
            "a full Community install is needed."
        )
    return f"{repo},{core}"


def odoo_cmd(python, db_opts, *args, repo=REPO):
    """The Odoo command line with the addons of ``repo`` (default: this
    checkout) before Odoo's own."""
    return [
        str(python),
        "-m",
        "odoo",
        "--addons-path",
        odoo_addons_path(python, repo),
        "--http-interface",
        "127.0.0.1",
        *db_opts,
        *args,
    ]


def psql_query(python, db_opts, dbname, sql, params=()):
    """Run one SQL statement through psycopg2 in the venv; return rows as lists."""
    import json

    host = port = user = None
    it = iter(db_opts)
    for opt in it:
        val = next(it)
        host = val if opt == "--db_host" else host
        port = val if opt == "--db_port" else port
        user = val if opt == "--db_user" else user
    code = (
        "import json, sys, psycopg2\n"
        "a = json.loads(sys.argv[1])\n"
        "cn = psycopg2.connect(\n"
        "    dbname=a['db'], host=a['host'], port=a['port'], user=a['user']\n"
        ")\n"
        "cn.autocommit = True\n"
        "cr = cn.cursor()\n"
        "cr.execute(a['sql'], a['params'])\n"
        "print(json.dumps(cr.fetchall() if cr.description else []))\n"
    )
    payload = json.dumps(
        {
            "db": dbname,
            "host": host,
            "port": port,
            "user": user,
            "sql": sql,
            "params": list(params),
        }
    )
    res = run_python(python, code, payload)
    if res.returncode:
        raise SetupError(f"SQL on {dbname} failed: {res.stderr.strip()[-400:]}")
    return json.loads(res.stdout)


def addons_tree_digest():
    """Digest of the addons' files: what an installed database was built from."""
    h = hashlib.sha256()
    for addon in ADDONS:
        for path in sorted((REPO / addon).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(str(path.relative_to(REPO)).encode())
                h.update(path.read_bytes())
    return h.hexdigest()
