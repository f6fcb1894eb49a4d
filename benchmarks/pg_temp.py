"""A throwaway PostgreSQL server for the benchmarks (not a benchmark itself).

`temporary_server()` runs `initdb` and `pg_ctl` (found in PATH, with `pg_config`, or under
/usr/lib/postgresql/*/bin) in a temporary folder on a free port of 127.0.0.1, as `nobody`
when run as root, with fsync off (a benchmark measures simulasi and the server, not the disk),
and stops it afterwards. Or pass the address of a server you run (`--postgres ADDRESS`, its
password in PGPASSWORD or ~/.pgpass): the benchmark then creates and drops its own databases
there.
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

TIMEOUT = 60
_numbers = itertools.count()


class Server:
    def __init__(self, admin: str) -> None:
        self.admin_address = admin  # e.g. postgresql://postgres@127.0.0.1:5433/postgres

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.admin_address, autocommit=True) as db:
            db.execute(sql.encode())

    @contextlib.contextmanager
    def database(self) -> Iterator[str]:
        """A new, empty database (dropped afterwards); its address."""
        name = f"simulasi_bench_{os.getpid()}_{next(_numbers)}"
        self._admin(f"CREATE DATABASE {name}")
        try:
            yield self.admin_address.rsplit("/", 1)[0] + "/" + name
        finally:
            self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _bindir() -> Path:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if not versions:
        raise SystemExit("PostgreSQL is not installed (no pg_ctl); or pass --postgres ADDRESS")
    return Path(versions[-1]).parent


@contextlib.contextmanager
def temporary_server(address: str | None = None, *, fsync: bool = False) -> Iterator[Server]:
    """A server for the benchmark: the one at `address`, or a throwaway one (`fsync`: whether
    its commits reach the disk, as a production server's do)."""
    if address:
        yield Server(address)
        return
    bindir = _bindir()
    folder = Path(tempfile.mkdtemp(prefix="simulasi-bench-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(folder, "nobody")
        as_user = ["runuser", "-u", "nobody", "--"]
    data = str(folder / "data")
    subprocess.run(
        [
            *as_user,
            str(bindir / "initdb"),
            "-D",
            data,
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-sync",
        ],
        check=True,
        capture_output=True,
        timeout=TIMEOUT,
    )
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    options = (
        f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
    )
    ctl = [*as_user, str(bindir / "pg_ctl"), "-D", data]
    subprocess.run(
        [*ctl, "-o", options, "-l", str(folder / "log"), "-w", "-t", "30", "start"],
        check=True,
        capture_output=True,
        timeout=TIMEOUT,
    )
    try:
        yield Server(f"postgresql://postgres@127.0.0.1:{port}/postgres")
    finally:
        subprocess.run(
            [*ctl, "-m", "immediate", "-w", "stop"], capture_output=True, timeout=TIMEOUT
        )
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def new_store(server: Server | None) -> Iterator[str]:
    """The address of a new, empty store: a temporary folder, or a new database."""
    if server is None:
        with tempfile.TemporaryDirectory() as folder:
            yield folder
    else:
        with server.database() as address:
            yield address
