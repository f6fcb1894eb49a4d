"""Exports are written safely: stale temporary files of killed writers are cleaned, and only
regular files (or new paths) are ever replaced."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from results_helpers import fill, scenario

from simulasi.cli import main
from simulasi.guard import BUNDLE_MAX_BYTES, NotRegularFile
from simulasi.store import Store, files
from simulasi.store.bundle import bundle_json
from simulasi.store.files import clean_stale, write_atomic


def _dead_pid() -> int:
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return int(child.stdout)


def _tmp_name(pid: int, host: str | None = None) -> str:
    return f".simulasi-{host or files._host()}-{pid}-0123456789abcdef.tmp"


def test_a_killed_writers_temporary_file_is_removed_by_the_next_write(tmp_path: Path) -> None:
    """A writer killed between creating its temporary file and renaming it leaves the file;
    the next write to that folder removes it (its writer is gone)."""
    left = tmp_path / _tmp_name(_dead_pid())
    left.write_bytes(b"half a bundle")
    write_atomic(tmp_path / "bundle.json", b"{}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bundle.json"]


def test_old_temporary_files_are_removed_whoever_wrote_them(tmp_path: Path) -> None:
    """Files of another machine or of the older naming are removed once they are stale."""
    old = [tmp_path / _tmp_name(1, host="ffffffff"), tmp_path / ".simulasi-0123abcd.tmp"]
    for path in old:
        path.write_bytes(b"x")
        stamp = time.time() - files.STALE_SECONDS - 60
        os.utime(path, (stamp, stamp))
    write_atomic(tmp_path / "out.md", b"# ok")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]


def test_a_live_writers_temporary_file_is_never_removed(tmp_path: Path) -> None:
    """A fresh file whose writer still runs (this process), one of another machine, and a
    file that only looks similar all stay."""
    kept = [
        tmp_path / _tmp_name(os.getpid()),
        tmp_path / _tmp_name(_dead_pid(), host="ffffffff"),
        tmp_path / ".simulasi-notes.txt",
    ]
    for path in kept:
        path.write_bytes(b"x")
    assert clean_stale(tmp_path) == []
    write_atomic(tmp_path / "out.md", b"# ok")
    assert all(path.exists() for path in kept)


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    with Store.open(data) as store:
        fill(store, scenario(), 2, workshop="W1")
    return data


def _targets(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    link = tmp_path / "link"
    link.symlink_to(folder, target_is_directory=True)
    return {"fifo": fifo, "dir-link": link, "folder": folder}


@pytest.mark.parametrize("kind", ["fifo", "dir-link"])
def test_an_export_never_replaces_a_fifo_or_a_symlinked_folder(
    kind: str, store_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`bundle -o TARGET` where TARGET is a fifo (as a device file would be) or a symlink to a
    folder: refused with one line, exit 2, and the target is what it was."""
    target = _targets(tmp_path)[kind]
    before = os.lstat(target)
    code = main(["bundle", "--data", str(store_dir), "-o", str(target), "--lang", "en"])
    _, err = capsys.readouterr()
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "not a regular file" in err
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert not list(tmp_path.glob(".simulasi-*"))


def test_write_atomic_refuses_anything_but_a_regular_file(tmp_path: Path) -> None:
    for target in _targets(tmp_path).values():
        with pytest.raises(NotRegularFile):
            write_atomic(target, b"x")
    regular = tmp_path / "plain.txt"
    regular.write_text("old", encoding="utf-8")
    write_atomic(regular, b"new")
    assert regular.read_bytes() == b"new"


# ------------------------------------------------------------------ reading bundles


def _merge(capsys: pytest.CaptureFixture[str], tmp_path: Path, path: Path) -> tuple[int, str]:
    code = main(["scoreboard", "--data", str(tmp_path / "d"), "--merge", str(path), "--lang", "en"])
    _, err = capsys.readouterr()
    assert "Traceback" not in err and "internal error" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return code, lines[0]


def test_a_bundle_over_its_limit_is_refused_unread(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as out:
        out.truncate(BUNDLE_MAX_BYTES + 1)
    code, err = _merge(capsys, tmp_path, path)
    assert code == 2 and f"limit {BUNDLE_MAX_BYTES} bytes" in err


def test_a_fifo_as_a_bundle_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    code, err = _merge(capsys, tmp_path, fifo)
    assert code == 2 and "not a regular file" in err


def _bundle_text(tmp_path: Path) -> str:
    with Store.open(tmp_path / "src") as store:
        fill(store, scenario(), 1, workshop="W")
        runs = list(store.stored_runs())
    return json.dumps(bundle_json(runs, created_at="2026-01-01T00:00:00Z"))


DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ('"at": 0.0', '"at": 1' + "0" * 400, "number is too long"),  # OverflowError
        ('"at": 0.0', '"at": 1' + "0" * 5000, "number is too long"),  # int digits limit
        ('"at": 0.0', '"at": 1e400', "number is too long"),
        ('"at": 0.0', '"at": NaN', "number is too long"),
        ('"runs": [', f'"x": {DEEP}, "runs": [', "nested too deeply"),  # RecursionError
    ],
)
def test_a_hostile_bundle_is_a_one_line_refusal(
    old: str, new: str, reason: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = _bundle_text(tmp_path)
    assert old in text
    path = tmp_path / "b.json"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    code, err = _merge(capsys, tmp_path, path)
    assert code == 2 and reason in err
