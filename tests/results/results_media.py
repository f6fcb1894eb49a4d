"""Run simulasi commands on a real read-only medium or a real full disk (not a test module).

As a program, `python results_media.py SETUP FOLDER JSON_ARGVS` runs inside a private mount
namespace (see `prefix`): SETUP `fill` first fills FOLDER (a small tmpfs) but for a few pages;
then every argv of JSON_ARGVS goes through `simulasi.cli.main` in this one interpreter, and the
results (exit code, stdout, stderr) and the files left in FOLDER come back as one JSON line.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from pathlib import Path


def _fill(folder: Path, leave_pages: int) -> None:
    filler = folder / "filler"
    with filler.open("wb", buffering=0) as out, contextlib.suppress(OSError):
        while True:
            out.write(b"x" * 4096)
    os.truncate(filler, max(0, filler.stat().st_size - leave_pages * 4096))


def main() -> None:
    setup, folder, argvs = sys.argv[1], Path(sys.argv[2]), json.loads(sys.argv[3])
    if setup == "fill":
        _fill(folder, 2)
    from simulasi.cli import main as simulasi

    results = []
    for argv in argvs:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = simulasi(argv)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
        results.append([code, out.getvalue(), err.getvalue()])
    files = sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))
    print(json.dumps({"results": results, "files": files}))


if __name__ == "__main__":
    main()
