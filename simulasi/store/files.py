"""Small helpers of the result commands: atomic file writes and terminal-safe text."""

from __future__ import annotations

import os
import re
import stat
import tempfile
from pathlib import Path

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that a crash leaves the old file or the new one, never half of one.

    The file gets the permissions a plain `open(path, "w")` would give it (those of the file
    it replaces, else 0666 less the umask), not the private 0600 of a temporary file: an
    export is meant to be shared."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=".simulasi-", dir=folder)
    try:
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def plain(text: str, width: int | None = None) -> str:
    """User data for a terminal: control characters (escape sequences) shown as `?`."""
    text = _CONTROL.sub("?", text)
    if width is not None and len(text) > width:
        text = text[: width - 1] + "…"
    return text
