"""Someone else's SQLite file in the data folder is identified before anything in it is
changed: refused with "not changed", and really left byte for byte as it was (its journal mode
included)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from simulasi.store import DB_NAME, Store, StoreError


def _foreign(folder: Path, *, version: int = 0, app: int = 0, tables: bool = True) -> bytes:
    folder.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(folder / DB_NAME)
    if tables:
        db.execute("CREATE TABLE precious (x)")
        db.execute("INSERT INTO precious VALUES ('keep me')")
    db.execute(f"PRAGMA user_version = {version}")
    db.execute(f"PRAGMA application_id = {app}")
    db.commit()
    db.close()
    return (folder / DB_NAME).read_bytes()


@pytest.mark.parametrize(
    ("version", "app", "tables"),
    [
        (0, 0, True),  # tables, no version
        (1, 0, True),  # a version like ours, but not our tables
        (7, 0, True),  # a version higher than ours: still not a newer simulasi
        (0, 0x12345678, False),  # another application's id, empty
    ],
)
def test_another_applications_database_is_refused_and_not_changed(
    tmp_path: Path, version: int, app: int, tables: bool
) -> None:
    before = _foreign(tmp_path, version=version, app=app, tables=tables)
    with pytest.raises(StoreError) as err:
        Store.open(tmp_path)
    assert err.value.key == "results.err.store_foreign"
    assert "tidak diubah" in err.value.message("id")
    assert (tmp_path / DB_NAME).read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [DB_NAME]
    db = sqlite3.connect(tmp_path / DB_NAME)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    db.close()
    # The read-only opening of the result commands refuses it just the same.
    with pytest.raises(StoreError) as err:
        Store.open(tmp_path, read_only=True)
    assert err.value.key == "results.err.store_foreign"
    assert (tmp_path / DB_NAME).read_bytes() == before


def test_our_store_carries_its_application_id(tmp_path: Path) -> None:
    from simulasi.store.schema import APPLICATION_ID

    Store.open(tmp_path).close()
    db = sqlite3.connect(tmp_path / DB_NAME)
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    db.close()
