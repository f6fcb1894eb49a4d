"""A PostgreSQL server for the store tests (not a test module): found, started and stopped
by the fixtures in conftest.py."""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import shutil
import socket
import subprocess
from pathlib import Path

#: The superuser's password: connections over TCP need it, and it reaches libpq the only way
#: simulasi allows, through PGPASSWORD.
PASSWORD = "simulasi-test"
TIMEOUT = 60
_numbers = itertools.count()


def bindir_of_postgres() -> Path | None:
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


def free_port() -> int:
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
