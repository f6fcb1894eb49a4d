"""The store tests run against both stores: a SQLite file in a temporary folder, and a fresh
database on a real PostgreSQL server that this suite starts itself (initdb + pg_ctl in a
temporary folder, on a free port of 127.0.0.1, stopped at the end).

Where PostgreSQL cannot be started the PostgreSQL tests FAIL (they never skip): `.ci/run`
installs the server. The server's binaries are found with `pg_config`, in PATH, or under
/usr/lib/postgresql/*/bin (Debian); as root, the server runs as the unprivileged `nobody`.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

#: The superuser's password: connections over TCP need it, and it reaches libpq the only way
#: simulasi allows, through PGPASSWORD.
PASSWORD = "simulasi-test"
TIMEOUT = 60
_numbers = itertools.count()


def _bindir() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        out = subprocess.run(
            ["pg_config", "--bindir"], capture_output=True, text=True, timeout=TIMEOUT
        )
        if out.returncode == 0 and (Path(out.stdout.strip()) / "pg_ctl").exists():
            return Path(out.stdout.strip())
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(versions[-1]).parent if versions else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgServer:
    """A PostgreSQL server of the test session; `new_database()` gives a fresh address."""

    def __init__(self, bindir: Path, folder: Path, port: int, as_user: list[str]) -> None:
        self.bindir = bindir
        self.folder = folder
        self.port = port
        self.as_user = as_user

    def base(self, database: str, user: str = "postgres") -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.base(database), autocommit=True) as db:
            db.execute(sql.encode())

    def new_database(self) -> str:
        name = f"t{os.getpid()}_{next(_numbers)}"
        self.admin(f"CREATE DATABASE {name}")
        return self.base(name)

    def ctl(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*self.as_user, str(self.bindir / "pg_ctl"), "-D", str(self.folder / "data"), *args],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    bindir = _bindir()
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
    port = _free_port()
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
