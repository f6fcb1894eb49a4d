"""The store tests run against both stores: a SQLite file in a temporary folder, and a fresh
database on a real PostgreSQL server that this suite starts itself (initdb + pg_ctl in a
temporary folder, on a free port of 127.0.0.1, stopped at the end).

Where PostgreSQL cannot be started the PostgreSQL tests FAIL (they never skip): `.ci/run`
installs the server. The server's binaries are found with `pg_config`, in PATH, or under
/usr/lib/postgresql/*/bin (Debian); as root, the server runs as the unprivileged `nobody`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from results_pg import PASSWORD, TIMEOUT, PgServer, bindir_of_postgres, free_port


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    bindir = bindir_of_postgres()
    if bindir is None:
        pytest.fail(
            "PostgreSQL is not installed (no pg_ctl): the PostgreSQL store tests cannot run. "
            "Install the server (Debian: apt-get install -y postgresql); .ci/run does.",
            pytrace=False,
        )
    folder = Path(tempfile.mkdtemp(prefix="simulasi-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # the server refuses to run as root
        shutil.chown(folder, "nobody")
        as_user = ["runuser", "-u", "nobody", "--"]
    (folder / "pw").write_text(PASSWORD + "\n", encoding="utf-8")
    if as_user:
        shutil.chown(folder / "pw", "nobody")
    init = subprocess.run(
        [
            *as_user,
            str(bindir / "initdb"),
            "-D",
            str(folder / "data"),
            "-U",
            "postgres",
            "--pwfile",
            str(folder / "pw"),
            "--auth-host=scram-sha-256",
            "--auth-local=trust",
            "-E",
            "UTF8",
            "--no-sync",
        ],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    if init.returncode != 0:
        pytest.fail(f"initdb failed: {init.stderr.strip()}", pytrace=False)
    port = free_port()
    server = PgServer(bindir, folder, port, as_user)
    options = (
        f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        " -c max_connections=200 -c shared_buffers=32MB"
    )
    started = server.ctl("-o", options, "-l", str(folder / "log"), "-w", "-t", "30", "start")
    if started.returncode != 0:
        log = (folder / "log").read_text(errors="replace") if (folder / "log").exists() else ""
        pytest.fail(f"pg_ctl start failed: {started.stderr.strip()} {log[-500:]}", pytrace=False)
    saved = os.environ.get("PGPASSWORD")
    os.environ["PGPASSWORD"] = PASSWORD  # also for the subprocesses the tests start
    try:
        yield server
    finally:
        if saved is None:
            os.environ.pop("PGPASSWORD", None)
        else:
            os.environ["PGPASSWORD"] = saved
        server.ctl("-m", "immediate", "-w", "-t", "30", "stop")
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgres"])
def data(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The address of a new, empty store of each kind: a folder, or a fresh database."""
    if request.param == "sqlite":
        return str(tmp_path / "store")
    server: PgServer = request.getfixturevalue("pg_server")
    return server.new_database()
