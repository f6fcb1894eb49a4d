"""`simulasi serve`: one command for the facilitator; its mistakes are one line, exit 2."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from pathlib import Path

import aiohttp
import pytest

from simulasi.cli import main
from simulasi.commands.serve import game_command, join_url, lan_addresses

SCENARIO = Path(__file__).parent / "room.yaml"


async def test_serve_prints_the_address_code_and_qr_and_closes_on_a_signal(
    tmp_path: Path,
) -> None:
    process = await asyncio.create_subprocess_exec(
        *[sys.executable, "-m", "simulasi", "serve", str(SCENARIO), "--workshop", "Uji"],
        *["--data", str(tmp_path), "--host", "127.0.0.1", "--port", "0", "--code", "5150"],
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env={**os.environ, "SIMULASI_LANG": "id"},
    )
    assert process.stdout is not None
    lines: list[str] = []
    try:
        while not any("terhubung" in line for line in lines):
            raw = await asyncio.wait_for(process.stdout.readline(), 60)
            assert raw, f"serve ended early: {lines}"
            lines.append(raw.decode())
        text = "".join(lines)
        assert "Kode gabung: 5150" in text
        assert "0 terhubung · 0 sedang bermain · 0 selesai" in text
        assert "▀" in text or "▄" in text  # the QR code
        url = re.search(r"http://127\.0\.0\.1:\d+/\?code=5150", text)
        assert url is not None
        async with aiohttp.ClientSession() as session, session.get(url.group()) as response:
            assert response.status == 200 and "textual.js" in await response.text()
        process.send_signal(signal.SIGTERM)
        out, _err = await asyncio.wait_for(process.communicate(), 60)
        assert process.returncode == 0
        assert "Ruangan ditutup." in out.decode()
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--code", "12"], "kode gabung"),
        (["--code", "12 34"], "kode gabung"),
        (["--max-players", "0"], "--max-players"),
        (["--max-players", "banyak"], "--max-players"),
        (["--time-scale", "-1"], "-1"),
        (["--scenarios", "tidak-ada"], "tidak-ada"),
    ],
)
def test_bad_options_are_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], says: str
) -> None:
    code = main(["serve", "--workshop", "Uji", "--data", str(tmp_path), *args])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1 and says in err


def test_the_workshop_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve"]) == 2
    assert "--workshop" in capsys.readouterr().err


def test_the_game_command_is_an_argument_list_fixed_by_the_facilitator(tmp_path: Path) -> None:
    argv = game_command(
        scenario=SCENARIO,
        scenarios=tmp_path,
        workshop="Bimtek; rm -rf /",
        data=tmp_path,
        time_scale="0.5",
        lang="en",
    )
    assert argv[:4] == [sys.executable, "-m", "simulasi", "play"]
    # A workshop label with shell characters stays one argument (no shell is involved).
    assert argv[argv.index("--workshop") + 1] == "Bimtek; rm -rf /"
    assert argv[argv.index("--data") + 1] == str(tmp_path)
    assert argv[argv.index("--time-scale") + 1] == "0.5"
    assert argv[-2:] == ["--lang", "en"]
    assert str(SCENARIO.resolve()) in argv


def test_join_addresses() -> None:
    assert join_url("192.168.1.20", 8000, "1234") == "http://192.168.1.20:8000/?code=1234"
    assert join_url("192.168.1.20", 80, "1234") == "http://192.168.1.20/?code=1234"
    assert lan_addresses("10.0.0.5") == ["10.0.0.5"]
    found = lan_addresses("0.0.0.0")
    assert (found and all(not a.startswith("127.") for a in found)) or found == ["127.0.0.1"]


def test_the_live_line_counts_connected_seats_playing_and_finished_runs(tmp_path: Path) -> None:
    from simulasi.commands.serve import _counts
    from simulasi.engine import Run
    from simulasi.scenario import load_scenario
    from simulasi.store import Store

    loaded = load_scenario(SCENARIO.read_text(encoding="utf-8"))
    assert loaded.scenario is not None
    with Store.open(tmp_path) as store:
        for seat, end in (("a" * 32, False), ("b" * 32, True), ("c" * 32, False)):
            run = Run(loaded.scenario)
            run.start(0.0)
            run_id = store.start_run(run.scenario, workshop="Uji", records=run.log, seat=seat)
            if end:
                stored = len(run.log)
                run.finish(1.0)
                store.append(run_id, run.log[stored:])
    # Seats a and b are connected: a is playing, b has finished; c is not connected.
    assert _counts(tmp_path, "Uji", ["a" * 32, "b" * 32]) == (1, 1)
    assert _counts(tmp_path, "Lain", []) == (0, 0)


def test_a_port_in_use_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        args = ["--data", str(tmp_path), "--host", "127.0.0.1", "--port", port]
        code = main(["serve", "--workshop", "Uji", *args])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1 and port in err
