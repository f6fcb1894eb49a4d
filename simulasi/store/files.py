"""Small helpers of the result commands: atomic file writes and terminal-safe text."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import socket
import stat
import time
from pathlib import Path

from simulasi.guard import NotRegularFile, os_reason, shown

#: A temporary file older than this is a leftover of a killed writer, whoever wrote it.
STALE_SECONDS = 15 * 60
#: `.simulasi-<host>-<pid>-<random>.tmp`; older versions wrote `.simulasi-<random>.tmp`.
_TMP = re.compile(r"\.simulasi-(?:(?P<host>[0-9a-f]{8})-(?P<pid>[0-9]+)-)?[0-9a-f]+\.tmp\Z")


def write_reason(exc: OSError, lang: str) -> str:
    """Why a write failed, for the one line the user reads. (`NotRegularFile`: the target
    exists and is not a regular file, and an export never replaces such a thing.)"""
    from simulasi.i18n import t

    if isinstance(exc, NotRegularFile):
        return t("guard.not_regular_target", lang)
    return os_reason(exc, lang)


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that a crash leaves the old file or the new one, never half of one.

    Only a regular file or a new path is replaced: a device (`/dev/null`), a fifo, a folder or
    a symlink is refused with `NotRegularFile` (replacing it would swap the device or the link
    for a plain file). Temporary files that a killed writer left in the folder are removed
    first (`clean_stale`).

    The file gets the permissions a plain `open(path, "w")` would give it (those of the file
    it replaces, else 0666 less the umask, applied by the system as it creates the file), not
    the private 0600 of `tempfile.mkstemp`: an export is meant to be shared. The umask is never
    changed, not even for a moment (the game writes its scenario cache from a thread)."""
    folder = path.parent if str(path.parent) else Path(".")
    _check_target(path)
    clean_stale(folder)
    fd, tmp = _create_beside(folder)
    try:
        with contextlib.suppress(OSError):  # a new file keeps what the umask gave it
            os.chmod(tmp, stat.S_IMODE(path.stat().st_mode))
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        _check_target(path)  # nothing put a device or a link there meanwhile
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _check_target(path: Path) -> None:
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        raise NotRegularFile(path)


def _host() -> str:
    return hashlib.sha256(socket.gethostname().encode()).hexdigest()[:8]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # someone else's process (or a pid we cannot ask about): keep its file
    return True


def clean_stale(folder: Path, *, now: float | None = None) -> list[Path]:
    """Remove the temporary files of killed writers from `folder`: those whose writer (a
    process of this machine) is gone, and any older than STALE_SECONDS. A live writer's file
    is never touched. Returns what was removed; a folder that cannot be listed is left."""
    now = time.time() if now is None else now
    removed: list[Path] = []
    host = _host()
    try:
        names = [entry.name for entry in os.scandir(folder) if entry.name.startswith(".simulasi-")]
    except OSError:
        return removed
    for name in names:
        match = _TMP.match(name)
        if match is None:
            continue
        path = folder / name
        try:
            info = os.lstat(path)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        pid = match.group("pid")
        dead = match.group("host") == host and pid is not None and not _alive(int(pid))
        if dead or now - info.st_mtime > STALE_SECONDS:
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


def _create_beside(folder: Path) -> tuple[int, Path]:
    """A new, uniquely named hidden file in `folder`, open for writing, mode 0666 less the
    umask. Its name says which process of which machine writes it (see `clean_stale`)."""
    prefix = f".simulasi-{_host()}-{os.getpid()}-"
    while True:
        tmp = folder / f"{prefix}{secrets.token_hex(8)}.tmp"
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp
        except FileExistsError:
            continue


def plain(text: str, width: int | None = None) -> str:
    """User data for a terminal: control characters (escape sequences) made visible (`\\x1b`,
    as everywhere on the command line), cut to `width`."""
    text = shown(text)
    if width is not None and len(text) > width:
        text = text[: width - 1] + "…"
    return text
