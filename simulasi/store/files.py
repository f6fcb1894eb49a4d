"""Small helpers of the result commands: atomic file writes and terminal-safe text."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
from pathlib import Path

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that a crash leaves the old file or the new one, never half of one.

    The file gets the permissions a plain `open(path, "w")` would give it (those of the file
    it replaces, else 0666 less the umask, applied by the system as it creates the file), not
    the private 0600 of `tempfile.mkstemp`: an export is meant to be shared. The umask is never
    changed, not even for a moment (the game writes its scenario cache from a thread)."""
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = _create_beside(folder)
    try:
        with contextlib.suppress(OSError):  # a new file keeps what the umask gave it
            os.chmod(tmp, stat.S_IMODE(path.stat().st_mode))
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _create_beside(folder: Path) -> tuple[int, Path]:
    """A new, uniquely named hidden file in `folder`, open for writing, mode 0666 less the
    umask."""
    while True:
        tmp = folder / f".simulasi-{secrets.token_hex(8)}.tmp"
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp
        except FileExistsError:
            continue


def plain(text: str, width: int | None = None) -> str:
    """User data for a terminal: control characters (escape sequences) shown as `?`."""
    text = _CONTROL.sub("?", text)
    if width is not None and len(text) > width:
        text = text[: width - 1] + "…"
    return text
