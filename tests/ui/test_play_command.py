"""`simulasi play`: its options reach the app's session; bad values are usage errors."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from simulasi.bundled import bundled_scenarios
from simulasi.cli import main
from simulasi.commands import play
from simulasi.store import Store
from simulasi.ui.app import SimulasiApp
from simulasi.ui.session import load_entries

BUNDLED = Path(__file__).resolve().parents[2] / "scenarios" / "hoaks-vaksin-mr.yaml"


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[SimulasiApp]]:
    """The apps `simulasi play` would have run in a terminal (run() is replaced: tests have
    no terminal). `play` freezes the collector's view of what is loaded before it runs the
    app; the test process gets it back afterwards."""
    apps: list[SimulasiApp] = []
    monkeypatch.setattr(play, "interactive", lambda: True)

    def fake_run(self: SimulasiApp, *args: Any, **kwargs: Any) -> None:
        apps.append(self)

    monkeypatch.setattr(SimulasiApp, "run", fake_run)
    yield apps
    gc.unfreeze()


def test_play_passes_the_trainee_and_options_to_the_app(opened: list[SimulasiApp]) -> None:
    """Name, team, agency, workshop, language, time scale and practice reach the session;
    a given scenario is listed first, before the bundled ones (each once)."""
    code = main(
        [
            "play",
            str(BUNDLED),
            "--name",
            "Ani",
            "--team",
            "T1",
            "--agency",
            "Diskominfo",
            "--workshop",
            "Bimtek",
            "--lang",
            "en",
            "--time-scale",
            "1.5",
            "--practice",
        ]
    )
    assert code == 0 and len(opened) == 1
    session = opened[0].session
    assert (session.trainee.name, session.trainee.team) == ("Ani", "T1")
    assert (session.trainee.agency, session.trainee.workshop) == ("Diskominfo", "Bimtek")
    assert session.lang == "en" and session.time_scale == 1.5 and session.practice
    # Home loads the files after its first frame: none is loaded before the app runs.
    assert session.entries == [] and session.to_load is not None
    names = [e.path.name for e in load_entries(session.to_load)]
    assert names[0] == "hoaks-vaksin-mr.yaml" and names.count("hoaks-vaksin-mr.yaml") == 1
    assert len(names) == 5


def test_simulasi_alone_opens_the_game_on_the_bundled_scenarios(
    opened: list[SimulasiApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`simulasi` with no command opens the app on the bundled scenarios, in Indonesian."""
    monkeypatch.delenv("SIMULASI_LANG", raising=False)
    assert main([]) == 0
    session = opened[0].session
    assert session.to_load == bundled_scenarios()
    entries = load_entries(session.to_load)
    assert entries and entries[0].scenario is not None
    assert session.lang == "id" and session.time_scale == 1.0 and not session.practice


@pytest.mark.parametrize("scale", ["0", "-1", "abc", "nan", "inf"])
def test_a_bad_time_scale_is_a_usage_error(
    opened: list[SimulasiApp], scale: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """--time-scale must be a finite number > 0: otherwise exit 2 with one line."""
    assert main(["play", "--time-scale", scale]) == 2
    assert "--time-scale" in capsys.readouterr().err and not opened


def test_a_missing_scenario_file_is_a_usage_error(
    opened: list[SimulasiApp], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A scenario path that does not exist: exit 2, one line naming it."""
    assert main(["play", str(tmp_path / "tidak-ada.yaml")]) == 2
    assert "tidak-ada.yaml" in capsys.readouterr().err and not opened


def test_without_a_terminal_the_scenarios_are_listed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Piped or scripted (no terminal), `simulasi play` prints the scenario list instead of
    opening the game."""
    monkeypatch.setattr(play, "interactive", lambda: False)
    monkeypatch.setattr(SimulasiApp, "run", lambda self: pytest.fail("the app was opened"))
    assert main(["play", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Hoaks Vaksin MR di Kabupaten Sukamaju" in out and "8 decisions" in out


def test_play_opens_the_store_in_the_data_dir(opened: list[SimulasiApp], tmp_path: Path) -> None:
    """`--data DIR` is where the game stores its runs; `--resume` reaches the session."""
    assert main(["play", "--data", str(tmp_path / "data"), "--resume"]) == 0
    session = opened[0].session
    assert isinstance(session.store, Store) and session.resume_latest
    assert session.store.path == tmp_path / "data" / "simulasi.db"


def test_play_uses_simulasi_data_without_data(
    opened: list[SimulasiApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without `--data` the store is in $SIMULASI_DATA, as for `simulasi run --data`."""
    monkeypatch.setenv("SIMULASI_DATA", str(tmp_path / "env"))
    assert main(["play"]) == 0
    store = opened[0].session.store
    assert isinstance(store, Store) and store.path == tmp_path / "env" / "simulasi.db"


@pytest.mark.parametrize("broken", ["not-a-dir", "corrupt"])
def test_a_store_that_cannot_be_opened_stops_before_the_game(
    opened: list[SimulasiApp], tmp_path: Path, capsys: pytest.CaptureFixture[str], broken: str
) -> None:
    """A data dir that is a file, or a database that is not one: exit 2 with one line, and
    no game is opened (a trainee must not play a run that would not be kept)."""
    data = tmp_path / "data"
    if broken == "not-a-dir":
        data.write_text("x", encoding="utf-8")
    else:
        data.mkdir()
        (data / "simulasi.db").write_bytes(b"this is not sqlite" * 100)
    assert main(["play", "--data", str(data)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err and not opened


def test_without_a_terminal_a_broken_scenario_is_listed_and_exits_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Piped, `simulasi play BROKEN.yaml` loads the files before printing (nothing is
    deferred without a terminal): the broken file is named with its error count, exit 1."""
    broken = tmp_path / "rusak.yaml"
    broken.write_text("format: simulasi/1\nid: rusak\ntitle: x\n", encoding="utf-8")
    monkeypatch.setattr(play, "interactive", lambda: False)
    monkeypatch.setattr(SimulasiApp, "run", lambda self: pytest.fail("the app was opened"))
    assert main(["play", str(broken)]) == 1
    out = capsys.readouterr().out
    assert "✗ rusak.yaml" in out and "Hoaks Vaksin MR" in out


def test_play_takes_the_workshop_time_zone() -> None:
    """`simulasi play --tz WITA` is accepted (WIB by default), as the scoreboard's."""
    import argparse

    from simulasi.commands import play

    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    play.register(sub, [], "id")
    assert parser.parse_args(["play"]).tz == "WIB"
    assert parser.parse_args(["play", "--tz", "WITA"]).tz == "WITA"
