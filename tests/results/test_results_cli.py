"""The result commands end to end: `run --data`, `scoreboard`, `bundle`, `debrief`.

Called in-process through `simulasi.cli.main`; errors must be one plain line, never a
traceback.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from results_helpers import SCENARIO_FILE, fill, scenario

from simulasi.cli import main
from simulasi.store import DB_NAME, Store

ANSWERS = """\
answers:
  - {at: 30, event: vn_viral, choice: verifikasi}
  - {at: 70, event: telepon_wartawan, choice: jelaskan_proses}
"""


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    with Store.open(data) as store:
        fill(store, scenario(), 6, workshop="W1")
        fill(store, scenario(), 3, seed=9, workshop="W2")
    return data


def test_run_with_data_stores_the_headless_run_like_a_played_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`simulasi run --data --name --team --agency --workshop` keeps the run and its log;
    `--json` output stays exactly the ScoreCard."""
    answers = tmp_path / "a.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    data = tmp_path / "d"
    code, out, err = _run(
        capsys,
        "run",
        str(SCENARIO_FILE),
        "--answers",
        str(answers),
        "--json",
        "--data",
        str(data),
        "--name",
        "Sari",
        "--team",
        "T1",
        "--agency",
        "Diskominfo",
        "--workshop",
        "W",
    )
    assert code == 0
    card = json.loads(out)
    with Store.open(data) as store:
        (info,) = store.runs()
        assert (info.trainee, info.team, info.agency, info.workshop) == (
            "Sari",
            "T1",
            "Diskominfo",
            "W",
        )
        assert info.status == "finished" and info.source == "headless"
    assert info.id in err
    code, out, _ = _run(
        capsys, "scoreboard", "--data", str(data), "--export", str(tmp_path / "s.json")
    )
    assert code == 0 and "Sari" in out
    exported = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert exported["ranking"][0]["card"]["total"] == card["total"]


def test_scoreboard_prints_the_table_and_exports_by_extension(
    store_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One table with ranking and aggregates; --workshop filters; every format is written."""
    files = [tmp_path / f"out.{ext}" for ext in ("xlsx", "csv", "json", "html", "md")]
    argv = ["scoreboard", "--data", str(store_dir), "--workshop", "W1"]
    for f in files:
        argv += ["--export", str(f)]
    code, out, _ = _run(capsys, *argv, "--xapi", str(tmp_path / "x.json"))
    assert code == 0
    assert "Peserta 5" in out and "Tim" in out and "Instansi" in out
    assert all(f.stat().st_size > 0 for f in files)
    book = openpyxl.load_workbook(files[0])
    assert book["Peringkat"].max_row == 7
    assert len(json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))) > 6


def test_exports_are_shareable_files_not_private_temporaries(
    store_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A new export gets 0666 less the umask (like any file the organiser saves), a replaced
    one keeps its permissions; the atomic write must not leave them at the temporary's 0600."""
    import os

    fresh, kept = tmp_path / "fresh.csv", tmp_path / "kept.csv"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o640)
    old_mask = os.umask(0o022)
    try:
        for target in (fresh, kept):
            code, _, _ = _run(
                capsys, "scoreboard", "--data", str(store_dir), "--export", str(target)
            )
            assert code == 0
    finally:
        os.umask(old_mask)
    assert fresh.stat().st_mode & 0o777 == 0o644
    assert kept.stat().st_mode & 0o777 == 0o640
    assert kept.read_text(encoding="utf-8-sig") != "old"
    assert not list(tmp_path.glob(".simulasi-*"))


def test_an_atomic_write_never_changes_the_umask(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The game writes its scenario cache from a thread while the rest of it may create
    files: the umask, shared by the whole process, is never set, not even for a moment."""
    import os

    from simulasi.store.files import write_atomic

    def refuse(mask: int) -> int:
        raise AssertionError("os.umask called")

    monkeypatch.setattr(os, "umask", refuse)
    target = tmp_path / "cache.json"
    write_atomic(target, b"{}")
    write_atomic(target, b"[]")
    assert target.read_bytes() == b"[]"
    assert [p.name for p in tmp_path.iterdir()] == ["cache.json"]


def test_an_unknown_export_extension_is_a_usage_error(
    store_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--export out.pdf`: exit 2 with one line."""
    code, _, err = _run(capsys, "scoreboard", "--data", str(store_dir), "--export", "out.pdf")
    assert code == 2 and len(err.strip().splitlines()) == 1 and ".pdf" in err


def test_tampering_changes_nothing_or_is_reported(
    store_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No score is stored (nothing to edit); editing the scenario file on disk changes nothing;
    a log edited in the database is reported as not scorable instead of scored."""
    copy = tmp_path / "copy.yaml"
    shutil.copy(SCENARIO_FILE, copy)
    answers = tmp_path / "a.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    argv = ["run", str(copy), "--answers", str(answers), "--data", str(store_dir)]
    assert _run(capsys, *argv, "--name", "Dari salinan")[0] == 0
    before = _run(capsys, "scoreboard", "--data", str(store_dir))[1]
    assert "Dari salinan" in before
    db = sqlite3.connect(store_dir / DB_NAME)
    columns = {row[1] for row in db.execute("PRAGMA table_info(runs)")}
    assert not columns & {"score", "total", "passed", "band", "accuracy"}
    db.close()
    # The scenario file the run was played from is edited on disk: the run keeps its text.
    text = copy.read_text(encoding="utf-8")
    copy.write_text(
        text.replace("weight: 2", "weight: 9").replace("initial: 55", "initial: 5"),
        encoding="utf-8",
    )
    assert copy.read_text(encoding="utf-8") != text
    assert _run(capsys, "scoreboard", "--data", str(store_dir))[1] == before
    db = sqlite3.connect(store_dir / DB_NAME)
    run_id, seq = db.execute(
        "SELECT run_id, seq FROM records WHERE kind = 'answer' ORDER BY run_id LIMIT 1"
    ).fetchone()
    db.execute("UPDATE records SET at = at + 1000 WHERE run_id = ? AND seq = ?", (run_id, seq))
    db.commit()
    db.close()
    code, after, _ = _run(capsys, "scoreboard", "--data", str(store_dir))
    assert code == 0 and after != before
    assert run_id[:12] in after


def test_bundles_merge_and_the_same_bundle_twice_counts_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two laptops' bundles merge into one ranking; merging one bundle twice adds nothing."""
    laptops = [tmp_path / "l1", tmp_path / "l2"]
    for i, data in enumerate(laptops):
        with Store.open(data) as store:
            fill(store, scenario(), 4, seed=i, names=(f"Laptop{i}-A", f"Laptop{i}-B"))
    bundles = [tmp_path / "b1.json", tmp_path / "b2.json"]
    for data, bundle in zip(laptops, bundles, strict=True):
        assert _run(capsys, "bundle", "--data", str(data), "-o", str(bundle))[0] == 0
    empty = tmp_path / "none"
    for merge, expected in (
        ([bundles[0]], 4),
        ([bundles[0], bundles[0]], 4),
        ([*bundles, bundles[1]], 8),
    ):
        out_json = tmp_path / "m.json"
        code, _, _ = _run(
            capsys,
            "scoreboard",
            "--data",
            str(empty),
            "--merge",
            *map(str, merge),
            "--export",
            str(out_json),
        )
        assert code == 0
        assert json.loads(out_json.read_text(encoding="utf-8"))["summary"]["ranked"] == expected
    assert not (empty / DB_NAME).exists()  # reading bundles creates no store
    # the local store and its own bundle: still each run once
    code, _, _ = _run(
        capsys,
        "scoreboard",
        "--data",
        str(laptops[0]),
        "--merge",
        str(bundles[0]),
        "--export",
        str(tmp_path / "m.json"),
    )
    assert json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))["summary"]["ranked"] == 4


def test_a_broken_bundle_or_store_is_one_clear_line_and_nothing_is_lost(
    tmp_path: Path, store_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A truncated bundle, a bundle whose scenario text was edited, a corrupt database:
    exit 2, one line, and the files are left as they were."""
    bundle = tmp_path / "b.json"
    _run(capsys, "bundle", "--data", str(store_dir), "-o", str(bundle))
    text = bundle.read_text(encoding="utf-8")
    (tmp_path / "cut.json").write_text(text[: len(text) // 2], encoding="utf-8")
    data = json.loads(text)
    sha = next(iter(data["scenarios"]))
    data["scenarios"][sha] = data["scenarios"][sha].replace("weight: 2", "weight: 9")
    (tmp_path / "edited.json").write_text(json.dumps(data), encoding="utf-8")
    for name in ("cut.json", "edited.json", "missing.json"):
        code, _, err = _run(
            capsys, "scoreboard", "--data", str(tmp_path / "x"), "--merge", str(tmp_path / name)
        )
        assert code == 2 and len(err.strip().splitlines()) == 1, err
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / DB_NAME).write_bytes(b"\x00garbage" * 512)
    for argv in (["scoreboard"], ["bundle", "-o", str(tmp_path / "o.json")]):
        code, _, err = _run(capsys, *argv, "--data", str(broken))
        assert code == 2 and len(err.strip().splitlines()) == 1
    assert (broken / DB_NAME).read_bytes() == b"\x00garbage" * 512


def test_debrief_export_writes_html_md_json_and_names_files_safely(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`simulasi debrief RUN --export` for each format; a folder gets a sanitised file name."""
    data = tmp_path / "d"
    with Store.open(data) as store:
        (run_id,) = fill(store, scenario(), 1, names=("../<b>Sari</b>",))
    for ext in ("html", "md", "json"):
        target = tmp_path / f"debrief.{ext}"
        code, _, err = _run(
            capsys, "debrief", run_id[:8], "--data", str(data), "--export", str(target)
        )
        assert code == 0, err
    assert "<b>Sari" not in (tmp_path / "debrief.html").read_text(encoding="utf-8")
    assert (
        json.loads((tmp_path / "debrief.json").read_text(encoding="utf-8"))["run"]["id"] == run_id
    )
    folder = tmp_path / "out"
    folder.mkdir()
    assert _run(capsys, "debrief", run_id, "--data", str(data), "--export", str(folder))[0] == 0
    (made,) = folder.iterdir()
    assert made.name.startswith("debrief-b_Sari_b-") and made.suffix == ".html"
    code, _, err = _run(
        capsys, "debrief", "ffff", "--data", str(data), "--export", str(tmp_path / "x.html")
    )
    assert code == 2 and "ffff" in err
