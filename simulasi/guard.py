"""Guards against hostile or broken input, shared by every layer (standard library only).

- `shown(text)`: text that came from a file (an id, a key, a title, an answers event, a
  trainee name), made safe to print: control characters (escape sequences, BEL, CR, LF) are
  written out as `\\x1b`, so nothing read from a file can retitle or clear the terminal or forge
  a second line of output.
- `read_bounded(path, limit)`: a file's bytes, refusing what is not a regular file (a fifo,
  a device such as /dev/zero) and stopping at `limit` bytes instead of reading without end.
- `file_problem`, `os_reason`: why something failed, in the user's language (the system speaks
  English).
"""

from __future__ import annotations

import errno
import os
import re
import stat

#: Control characters: C0 (tab, newline and carriage return included), DEL, C1, and the
#: Unicode line and paragraph separators (which some terminals treat as a newline).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
#: The same, newline and tab excepted: for text shown as a block of lines.
_CONTROL_IN_BLOCK = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")

#: Size limits of the files simulasi reads (documented in the README).
SCENARIO_MAX_BYTES = 2 * 1024 * 1024
ANSWERS_MAX_BYTES = 1024 * 1024
BUNDLE_MAX_BYTES = 32 * 1024 * 1024


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def shown(text: object, *, block: bool = False) -> str:
    """`text` for a terminal: every control character written out (`\\x1b`, `\\n`, as
    `\\x0a`). With `block`, newlines and tabs stay (a summary shown as lines)."""
    return (_CONTROL_IN_BLOCK if block else _CONTROL).sub(_escape, str(text))


class NotRegularFile(OSError):
    """A path to read that is not a regular file: a fifo, a device, a socket, a folder."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__(errno.EINVAL, "not a regular file", str(path))


class TooLarge(Exception):
    """A file larger than its limit; `size` is its size as far as it is known."""

    def __init__(self, path: str | os.PathLike[str], size: int, limit: int) -> None:
        super().__init__(f"{path}: {size} > {limit} bytes")
        self.path = str(path)
        self.size = size
        self.limit = limit


def read_bounded(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the regular file `path`, at most `limit` of them.

    Raises NotRegularFile for anything else (opened without blocking, so a fifo with no
    writer does not hang), TooLarge once more than `limit` bytes are there (read no further
    than one byte past the limit), and OSError as reading raises it."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(path)
        if info.st_size > limit:
            raise TooLarge(path, info.st_size, limit)
        chunks: list[bytes] = []
        got = 0
        while got <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        if got > limit:  # grew while being read
            raise TooLarge(path, max(got, os.fstat(fd).st_size), limit)
        return b"".join(chunks)
    finally:
        os.close(fd)


def file_problem(exc: OSError | TooLarge, lang: str) -> str:
    """Why a file could not be read, in the user's language (one short phrase)."""
    from simulasi.i18n import t

    if isinstance(exc, TooLarge):
        return t("guard.too_large", lang, size=exc.size, limit=exc.limit)
    if isinstance(exc, NotRegularFile):
        return t("guard.not_regular_source", lang)
    return os_reason(exc, lang)


#: The system's reasons a person meets most, said in the user's language (the system's own
#: text is English whatever the language chosen).
_ERRNO_KEYS = {
    errno.EACCES: "guard.os.denied",
    errno.EPERM: "guard.os.denied",
    errno.ENOENT: "guard.os.missing",
    errno.EISDIR: "guard.os.folder",
    errno.ENOTDIR: "guard.os.not_folder",
    errno.ENOSPC: "guard.os.full",
    errno.EROFS: "guard.os.read_only",
    errno.EIO: "guard.os.io",
}


def os_reason(exc: OSError, lang: str) -> str:
    """Why the system refused, in `lang` where the reason is a common one."""
    from simulasi.i18n import t

    key = _ERRNO_KEYS.get(exc.errno or 0)
    if key is not None:
        return t(key, lang)
    return shown(exc.strerror or type(exc).__name__)


__all__ = [
    "ANSWERS_MAX_BYTES",
    "BUNDLE_MAX_BYTES",
    "SCENARIO_MAX_BYTES",
    "NotRegularFile",
    "TooLarge",
    "file_problem",
    "read_bounded",
    "shown",
]
