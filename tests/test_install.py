"""A lean default install: the optional extras (PostgreSQL, Parquet) are neither runtime
dependencies nor imported by the runtime, and their absence gives a coded hint."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_install_extras_are_declared_and_not_runtime_dependencies() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    deps = " ".join(project["dependencies"])
    assert "pyarrow" not in deps and "psycopg" not in deps and "pytest" not in deps
    extras = project["optional-dependencies"]
    assert {"postgres", "parquet", "serve", "dask", "dev"} <= set(extras)
    assert any(x.startswith("psycopg") for x in extras["postgres"])
    assert any(x.startswith("pyarrow") for x in extras["parquet"])
    lock = (ROOT / "requirements.lock").read_text()
    assert "pyarrow==" not in lock and "pytest==" not in lock and "psycopg==" not in lock
    assert "pyarrow==" in (ROOT / "requirements-dev.lock").read_text()


def test_install_runtime_imports_no_optional_extra(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "import eventwire, eventwire.cli, eventwire.export\n"
        "from eventwire import api\n"
        f"s = eventwire.open_store('sqlite:///{tmp_path / 'x.db'}')\n"
        f"api.ingest(s, ['{ROOT / 'examples' / 'seeds'}'])\n"
        "eventwire.export(s, 'articles', 'jsonl', __import__('pathlib').Path('/dev/null'))\n"
        "print(sorted(m for m in ('pyarrow', 'psycopg', 'pytest') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stderr[-2000:]


def test_install_missing_extra_is_a_coded_error(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "sys.modules['pyarrow'] = None; sys.modules['psycopg'] = None\n"
        "import eventwire\n"
        "from eventwire.errors import EventwireError\n"
        "for f in (lambda: eventwire.open_store('postgresql://u@127.0.0.1:1/x'),\n"
        f"          lambda: eventwire.export(eventwire.open_store('sqlite:///{tmp_path / 'y.db'}'),\n"
        f"                                   'articles', 'parquet', __import__('pathlib').Path('{tmp_path / 'a.pq'}'))):\n"
        "    try:\n"
        "        f()\n"
        "    except EventwireError as e:\n"
        "        print(e.code, e.message)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    lines = out.stdout.splitlines()
    assert lines[0].startswith("E204") and "eventwire[postgres]" in lines[0]
    assert lines[1].startswith("E005") and "eventwire[parquet]" in lines[1]
