"""Stored results that were damaged or tampered with: each bad run is reported with its
reason, the others still count; nothing is trusted that does not match its sha256; two
different copies of one run are refused, not resolved by the order of the arguments."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from results_helpers import fill, scenario

from simulasi.cli import main
from simulasi.engine import Run
from simulasi.store import DB_NAME, Recorder, Store, StoreError
from simulasi.store.opener import is_postgres, open_store


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Exports named without a folder land in the test's own folder."""
    monkeypatch.chdir(tmp_path)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def _raw(data: Path) -> sqlite3.Connection:
    """The store's file opened behind simulasi's back (as a hostile or clumsy hand would)."""
    return sqlite3.connect(data / DB_NAME, isolation_level=None)


def _tamper_text(data: str) -> None:
    """Edit the stored scenario text behind simulasi's back, in either store."""
    title = scenario().title
    if is_postgres(data):
        import psycopg

        with psycopg.connect(data, autocommit=True) as pg:
            [(sha, text)] = pg.execute("SELECT sha256, text FROM scenarios").fetchall()
            pg.execute(
                "UPDATE scenarios SET text = %s WHERE sha256 = %s", (text.replace(title, "X"), sha)
            )
        return
    db = _raw(Path(data))
    [(sha, text)] = db.execute("SELECT sha256, text FROM scenarios").fetchall()
    db.execute("UPDATE scenarios SET text = ? WHERE sha256 = ?", (text.replace(title, "X"), sha))
    db.close()


def test_debrief_refuses_a_scenario_text_that_no_longer_matches_its_hash(
    data: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(data) as store:
        [run_id] = fill(store, scenario(), 1)
    _tamper_text(data)
    code, _, err = _run(capsys, "debrief", run_id, "--data", data, "--export", "x.md")
    assert code == 2
    assert "sha256" in err and err.count("\n") == 1
    assert not Path("x.md").exists()


def test_resume_refuses_a_scenario_text_that_no_longer_matches_its_hash(data: str) -> None:
    run = Run(scenario())
    run.start(0.0)
    with open_store(data) as store:
        recorder = Recorder.start(store, run, trainee="Sari")
        recorder.release()
    _tamper_text(data)
    with open_store(data) as store:
        with pytest.raises(StoreError) as err:
            store.resume(recorder.run_id)
        assert err.value.key == "results.err.scenario_tampered"
        # The refusal let go of the run again: still offered, not held by a failed resume.
        assert [u.info.id for u in store.unfinished()] == [recorder.run_id]


def test_malformed_values_and_a_missing_scenario_spoil_only_their_own_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """at='abc' in one run, a BLOB trainee name in another, a third whose scenario row is
    missing: the scoreboard ranks the rest (exit 0) and names each of the three with its
    reason; exports carry them too; debrief of a bad run is one plain line."""
    data = tmp_path / "data"
    with Store.open(data) as store:
        ids = fill(store, scenario(), 6)
    db = _raw(data)
    db.execute("UPDATE records SET at = 'abc' WHERE run_id = ? AND seq = 3", (ids[0],))
    db.execute("UPDATE runs SET trainee = ? WHERE id = ?", (b"\xffblob", ids[1]))
    db.execute("UPDATE runs SET scenario_sha256 = ? WHERE id = ?", ("0" * 64, ids[2]))
    db.close()
    code, out, err = _run(capsys, "scoreboard", "--data", str(data), "--export", "r.json")
    assert code == 0, err
    assert "3 run dinilai" in out
    assert "at = 'abc'" in out
    assert "trainee = b'\\xffblob'" in out
    assert "teks skenarionya tidak ada" in out
    unscored = json.loads(Path("r.json").read_text(encoding="utf-8"))["unscored"]
    assert sorted(u["run"]["run_id"] for u in unscored) == sorted(ids[:3])
    code, out, _ = _run(capsys, "scoreboard", "--data", str(data), "--lang", "en")
    assert code == 0 and "malformed stored value: at = 'abc'" in out
    assert "its scenario text is missing" in out
    for bad in ids[:3]:
        code, _, err = _run(capsys, "debrief", bad, "--data", str(data), "--export", "d.md")
        assert code == 2 and err.count("\n") == 1, err
    # A bundle leaves the bad runs out and says so; the good ones go in.
    code, _, err = _run(capsys, "bundle", "--data", str(data), "-o", "b.json")
    assert code == 0 and err.count("Peringatan") == 3
    assert len(json.loads(Path("b.json").read_text(encoding="utf-8"))["runs"]) == 3


def test_conflicting_bundles_are_refused_for_that_run_whatever_the_order(
    tmp_path: Path, data: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two bundles with one run id and different content: that run is left out with a
    warning naming both files, in either order; the same bundle twice is no conflict."""
    with open_store(data) as store:
        ids = fill(store, scenario(), 4)
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    assert _run(capsys, "bundle", "--data", data, "-o", str(a))[0] == 0
    doc = json.loads(a.read_text(encoding="utf-8"))
    doc["runs"][0]["trainee"] = "Someone Else"
    b.write_text(json.dumps(doc), encoding="utf-8")
    empty = tmp_path / "none"
    outs = []
    for first, second in ((a, b), (b, a)):
        code, out, err = _run(
            capsys, "scoreboard", "--data", str(empty), "--merge", str(first), str(second)
        )
        assert code == 0
        assert ids[0][:12] in err and str(a) in err and str(b) in err
        assert "Someone Else" not in out and "Peserta 0" not in out
        assert "3 run dinilai" in out
        outs.append(out)
    assert outs[0] == outs[1]
    code, out, err = _run(capsys, "scoreboard", "--data", str(empty), "--merge", str(a), str(a))
    assert code == 0 and err == "" and "4 run dinilai" in out


def test_a_later_copy_of_a_run_is_no_conflict(data: str) -> None:
    """A bundle made while a run was still going, merged with the finished run: the finished
    copy is taken, in either order."""
    from simulasi.store.bundle import merge_sources

    run = Run(scenario())
    run.start(0.0)
    with open_store(data) as store:
        recorder = Recorder.start(store, run, trainee="Sari")
        early = list(store.stored_runs())
        run.advance(100.0, record=True)
        run.finish(120.0)
        recorder.commit()
        late = list(store.stored_runs())
    for groups in ([("early", early), ("late", late)], [("late", late), ("early", early)]):
        kept, conflicts = merge_sources(groups)
        assert conflicts == [] and kept == late
