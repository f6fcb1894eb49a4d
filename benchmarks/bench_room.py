"""Room benchmark: N browsers playing through `simulasi serve` at once, against N browsers
typing into a one-widget Textual app served by plain textual-serve, in the same run.

For each N (default 10 30 60):
- starts `simulasi serve tests/web/room.yaml --host 127.0.0.1` (a fresh store, time scale
  0.05: twenty times as fast) and N scripted browsers: websocket clients speaking
  textual-serve's messages (resize, stdin keys; the client of the room's tests,
  tests/web/room_player.py). Each joins with its own seat, types a name letter by letter,
  opens the scenario, answers each decision after a random think time (0-1.5 s, seeded) and
  waits for the debrief;
- latency: from a key sent to the arrival of the screen update that shows it (each letter of
  the name: the update that completes the name typed so far), p50 and p95 over all clients;
- memory and CPU: the server and every game process (read from /proc), total RSS sampled
  every 0.5 s (the peak is reported) and CPU seconds used during the run;
- runs stored: finished runs of the workshop in the store against the N started;
- baseline: the same N clients typing the same number of letters into a one-widget Textual
  app (a Static showing what was typed) served by textual-serve's own `Server`.

Targets: p95 latency <= 2x the baseline's at N = 60; every run stored; RSS per session
<= 70 MB. It prints the figures and the ratio, and never fails on a target (exit 0).

Run from the repository root: `python benchmarks/bench_room.py [N ...]`.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import socket
import sys
import tempfile
import textwrap
import time
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "web"))

import aiohttp  # noqa: E402
from room_player import ENTER, LISTED, TAB, Player  # noqa: E402

from simulasi.store import Store  # noqa: E402

SCENARIO = ROOT / "tests" / "web" / "room.yaml"
WORKSHOP = "Bench Ruangan"
CODE = "2468"
NAME = "Peserta"  # typed letter by letter: 7 latency samples per client
SEED = 20261207
PAGE_SIZE = (100, 30)

BASELINE_APP = textwrap.dedent(
    """
    from textual.app import App
    from textual.widgets import Static

    class Echo(App[None]):
        def compose(self):
            self.typed = ""
            yield Static("ketik:", id="echo")

        def on_key(self, event):
            if event.character and event.character.isprintable():
                self.typed += event.character
                self.query_one("#echo", Static).update("ketik: " + self.typed)

    Echo().run()
    """
)

BASELINE_SERVER = textwrap.dedent(
    """
    import sys
    from textual_serve.server import Server

    Server(sys.argv[1], host="127.0.0.1", port=int(sys.argv[2])).serve()
    """
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# ---------------------------------------------------------------------- /proc readings


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry))
    return found


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        todo.extend(_children(current))
    return pids


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _cpu_s(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    tick = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / tick  # utime + stime


class Meter:
    """Peak total RSS of a process tree, and the CPU seconds its processes used (each
    process's last reading before it ended)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_mb = 0.0
        self.peak_sessions_mb = 0.0
        self.peak_sessions = 0
        self.cpu: dict[int, float] = {}
        self.server_mb = 0.0

    def sample(self) -> None:
        pids = _tree(self.pid)
        rss = {p: _rss_mb(p) for p in pids}
        total = sum(rss.values())
        self.server_mb = max(self.server_mb, rss.get(self.pid, 0.0))
        if total > self.peak_mb:
            self.peak_mb = total
            self.peak_sessions = len(_children(self.pid))  # one per browser (a shell's
            # child, under plain textual-serve, counts with it)
            self.peak_sessions_mb = total - rss.get(self.pid, 0.0)
        for p in pids:
            self.cpu[p] = max(self.cpu.get(p, 0.0), _cpu_s(p))

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            self.sample()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 0.5)
        self.sample()


# ---------------------------------------------------------------------- clients


async def _type_measured(player: Player, prefix: str, text: str, samples: list[float]) -> None:
    """Type `text` letter by letter after `prefix`; each letter: from the key sent to the
    screen update that shows everything typed so far."""
    typed = prefix
    for letter in text:
        typed += letter
        mark = player.mark()
        sent = time.perf_counter()
        await player.keys(letter)
        index = await player.wait_for(typed, since=mark, timeout=120)
        samples.append(player.arrivals[index] - sent)


async def room_client(
    base: str, index: int, samples: list[float], rng: random.Random, failures: list[str]
) -> None:
    """One trainee; a failure is counted (and its reason kept), not raised."""
    think = [rng.uniform(0, 1.5) for _ in range(2)]
    try:
        await _play(base, index, samples, think)
    except (AssertionError, OSError, aiohttp.ClientError, TimeoutError) as exc:
        failures.append(f"{type(exc).__name__}: {str(exc)[:200]}")


async def _play(base: str, index: int, samples: list[float], think: list[float]) -> None:
    async with Player(base, code=CODE, width=PAGE_SIZE[0], height=PAGE_SIZE[1]) as player:
        await player.connect()
        await player.wait_for(LISTED, timeout=180)
        await player.keys(TAB)
        await _type_measured(player, "", NAME, samples)
        await player.keys(*f"{index:02d}")
        await player.wait_for(f"{NAME}{index:02d}", timeout=120)
        await player.keys(ENTER)
        await player.wait_for("Jawab dua pesan", timeout=120)
        playing = player.mark()
        await player.keys(ENTER)
        for title, pause in zip(("Pesan pertama", "Pesan kedua"), think, strict=True):
            await player.wait_for(title, since=playing, timeout=120)
            await asyncio.sleep(pause)  # the trainee reads and thinks
            await player.keys("1")  # (a decision that timed out meanwhile ignores it)
        await player.wait_for("Debrief", since=playing, timeout=180)


async def baseline_client(base: str, samples: list[float], failures: list[str]) -> None:
    try:
        async with Player(base, code="", width=PAGE_SIZE[0], height=PAGE_SIZE[1]) as player:
            await player.connect()
            await player.wait_for("ketik:", timeout=180)
            await _type_measured(player, "ketik: ", NAME, samples)
    except (AssertionError, OSError, aiohttp.ClientError, TimeoutError) as exc:
        failures.append(f"{type(exc).__name__}: {str(exc)[:200]}")


# ---------------------------------------------------------------------- one side


_DRAINS: set[asyncio.Task[None]] = set()
#: What the server printed besides its live line: a game that failed says why there.
SERVER_SAID: list[str] = []


async def _start(argv: list[str], ready: Callable[[str], bool]) -> asyncio.subprocess.Process:
    process = await asyncio.create_subprocess_exec(
        *argv,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        env={**os.environ, "COLUMNS": "120"},
    )
    assert process.stdout is not None
    seen = ""
    while not ready(seen):
        line = await asyncio.wait_for(process.stdout.readline(), 60)
        if not line:
            raise RuntimeError(f"server ended: {seen}")
        seen += line.decode("utf-8", "replace")

    async def drain() -> None:
        assert process.stdout is not None
        while line := await process.stdout.readline():
            text = line.decode("utf-8", "replace").strip()
            if text and "terhubung" not in text:  # what the games said (errors)
                SERVER_SAID.append(text)

    _DRAINS.add(asyncio.create_task(drain()))
    port = int(argv[argv.index("--port") + 1]) if "--port" in argv else int(argv[-1])
    deadline = time.monotonic() + 60
    while True:  # listening yet? (textual-serve prints before its socket is open)
        try:
            _reader, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.05)
            continue
        writer.close()
        return process


async def _stop(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        process.terminate()
        try:
            await asyncio.wait_for(process.wait(), 30)
        except TimeoutError:
            process.kill()
            await process.wait()


async def measure(
    n: int, argv: list[str], ready: Callable[[str], bool], clients: Sequence[Awaitable[None]]
) -> tuple[float, Meter]:
    process = await _start(argv, ready)
    meter = Meter(process.pid)
    stop = asyncio.Event()
    metering = asyncio.create_task(meter.run(stop))
    started = time.perf_counter()
    try:
        await asyncio.wait_for(asyncio.gather(*clients), 600)
    finally:
        wall = time.perf_counter() - started
        stop.set()
        await metering
        await _stop(process)
    return wall, meter


def _pct(samples: list[float], q: float) -> float:
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


async def bench(n: int) -> None:
    rng = random.Random(SEED + n)
    with tempfile.TemporaryDirectory() as data:
        port = free_port()
        argv = [sys.executable, "-m", "simulasi", "serve", str(SCENARIO)]
        argv += ["--workshop", WORKSHOP, "--data", data, "--host", "127.0.0.1"]
        argv += ["--port", str(port), "--code", CODE, "--max-players", str(n)]
        argv += ["--time-scale", "0.05"]
        base = f"http://127.0.0.1:{port}"
        room_samples: list[float] = []
        failures: list[str] = []
        SERVER_SAID.clear()
        clients = [room_client(base, i, room_samples, rng, failures) for i in range(n)]
        wall, meter = await measure(n, argv, lambda s: "terhubung" in s, clients)
        said = [line for line in SERVER_SAID if "Ruangan ditutup" not in line]
        with Store.open(data) as store:
            stored = len(store.runs(workshop=WORKSHOP, status="finished"))

    with tempfile.TemporaryDirectory() as folder:
        app = Path(folder) / "echo.py"
        app.write_text(BASELINE_APP, encoding="utf-8")
        server = Path(folder) / "serve_echo.py"
        server.write_text(BASELINE_SERVER, encoding="utf-8")
        port = free_port()
        argv = [sys.executable, str(server), f"{sys.executable} {app}", str(port)]
        base_samples: list[float] = []
        base_failures: list[str] = []
        clients = [
            baseline_client(f"http://127.0.0.1:{port}", base_samples, base_failures)
            for _ in range(n)
        ]
        base_wall, base_meter = await measure(n, argv, lambda s: "Ctrl+C" in s, clients)

    cpu = sum(meter.cpu.values())
    base_cpu = sum(base_meter.cpu.values())
    per_session = meter.peak_sessions_mb / max(1, meter.peak_sessions)
    room_p95, base_p95 = _pct(room_samples, 0.95), _pct(base_samples, 0.95)
    print(f"N = {n}")
    print(
        f"  room      key->screen p50 {_pct(room_samples, 0.5):7.0f} ms  p95 {room_p95:7.0f} ms"
        f"  ({len(room_samples)} keys)"
    )
    print(
        f"  baseline  key->screen p50 {_pct(base_samples, 0.5):7.0f} ms  p95 {base_p95:7.0f} ms"
        f"  ({len(base_samples)} keys)"
    )
    print(f"  p95 ratio (room / baseline)           {room_p95 / base_p95:6.2f}  [<= 2 at N = 60]")
    print(
        f"  room peak RSS {meter.peak_mb:7.0f} MB (server {meter.server_mb:.0f} MB,"
        f" {meter.peak_sessions} sessions {per_session:.0f} MB each)  [<= 70 MB per session]"
    )
    print(
        f"  baseline peak RSS {base_meter.peak_mb:7.0f} MB"
        f" ({base_meter.peak_sessions_mb / max(1, base_meter.peak_sessions):.0f} MB per session)"
    )
    print(
        f"  room CPU {cpu:6.1f} s in {wall:5.1f} s wall ({100 * cpu / wall:.0f}% of one core);"
        f" baseline CPU {base_cpu:6.1f} s in {base_wall:5.1f} s"
    )
    print(f"  runs stored / started                  {stored} / {n}  [all]")
    if failures:
        print(f"  clients that did not reach the debrief: {len(failures)}; first: {failures[0]}")
    if base_failures:
        print(f"  baseline clients that failed: {len(base_failures)}; first: {base_failures[0]}")
    for line in said[:5]:
        print(f"  server: {line}")


def main() -> int:
    sizes = [int(a) for a in sys.argv[1:]] or [10, 30, 60]
    print(f"bench_room: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    for n in sizes:
        asyncio.run(bench(n))
    return 0


if __name__ == "__main__":
    sys.exit(main())
