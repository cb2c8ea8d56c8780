"""Shared fixtures: seed paths, and a throwaway PostgreSQL 15 cluster for the store tests.

The cluster is started by the tests themselves (CI runs as root and PostgreSQL refuses
root, so it runs as the unprivileged ``postgres`` user), on a free loopback port, and is
removed afterwards.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "seeds"
SHARED = ROOT.parent / "shared"


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for d in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (d / name).exists():
            return str(d / name)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A URL to a fresh database on a throwaway PostgreSQL cluster."""
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.fail("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    as_root = os.geteuid() == 0
    tmp = Path(tempfile.mkdtemp(prefix="ew-pg-"))
    data = tmp / "data"
    port = _free_port()
    preexec = None
    if as_root:
        pw = pwd.getpwnam("postgres")
        os.chown(tmp, pw.pw_uid, pw.pw_gid)

        def preexec() -> None:  # run the server as the unprivileged postgres user
            os.setgid(pw.pw_gid)
            os.setuid(pw.pw_uid)

    env = {**os.environ, "LC_ALL": "C.UTF-8"}

    def call(*args: str) -> None:
        subprocess.run(
            args,
            check=True,
            preexec_fn=preexec,
            env=env,
            cwd=tmp,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    call(initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
    opts = f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={tmp} -c fsync=off"
    call(pg_ctl, "-D", str(data), "-o", opts, "-l", str(tmp / "log"), "-w", "start")
    try:
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), 1).close()
                break
            except OSError:
                time.sleep(0.2)
        import psycopg

        with psycopg.connect(
            f"postgresql://postgres@127.0.0.1:{port}/postgres", autocommit=True
        ) as c:
            c.execute("CREATE DATABASE eventwire_test")
        yield f"postgresql://postgres@127.0.0.1:{port}/eventwire_test"
    finally:
        subprocess.run(
            [pg_ctl, "-D", str(data), "-m", "immediate", "stop"],
            preexec_fn=preexec,
            env=env,
            cwd=tmp,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        shutil.rmtree(tmp, ignore_errors=True)


_pg_db_counter = iter(range(1, 10_000))


def fresh_pg_database(base: str) -> str:
    """A URL to a new, empty database on the cluster of ``base`` (a ``pg_url``)."""
    import psycopg

    name = f"ew_{next(_pg_db_counter)}"
    admin = base.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as c:
        c.execute(f"CREATE DATABASE {name}")
    return base.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Every store test runs against both backends."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ew.db'}"
    return fresh_pg_database(request.getfixturevalue("pg_url"))


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite store with the two seed articles run through the full default pipeline."""
    from eventwire import api
    from eventwire.store import open_store

    url = f"sqlite:///{tmp_path_factory.mktemp('seed') / 'seed.db'}"
    with open_store(url) as store:
        api.run(store, [str(SEEDS)])
    return url


@pytest.fixture
def switch() -> Iterator[Any]:
    """Set the facts statement-selection rules in force (``rules.using``) for one test; the
    default is in force again afterwards."""
    from contextlib import ExitStack

    from eventwire.corpus.facts import rules

    with ExitStack() as stack:

        def set_on(*names: str) -> None:
            stack.enter_context(rules.using(frozenset(names)))

        yield set_on
