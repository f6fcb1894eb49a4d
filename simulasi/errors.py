"""Exit codes and the usage error, shared by the command line, its commands and the tools.

Every error is one plain line and a non-zero exit, never a traceback. Exit codes:
0 success, 1 a scenario has errors, 2 usage error (bad flag, missing file, bad answers),
70 an internal error (a bug: set SIMULASI_DEBUG=1 to see its traceback).

Standard library only, and nothing else of simulasi: every layer above the core may import it.
"""

from __future__ import annotations

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug of ours, not the user's mistake


class UsageError(Exception):
    """A mistake in how the command was called: printed as one line, exit 2."""
