"""Load benchmark: our strict load + check of a large scenario against plain `yaml.load`.

Prints, one figure a line:
- the time of `simulasi.scenario.load_scenario` (strict tree, pydantic models, lint, compile)
  on a generated 2,000-event scenario, the time of `yaml.load(text, Loader=yaml.CSafeLoader)` on
  the same text, and their ratio (target <= 3);
- our load time on a 4,000-event scenario divided by that on the 2,000-event one
  (target <= 2.3: the load is linear, no quadratic pass).

Both generated files are larger than the loader's default 2 MiB limit, so both are loaded with
an explicit `Limits(max_bytes=...)` (the same for both sizes). Times are the best of N repeats
(`time.perf_counter`). The script reports; it never fails on a missed target.

Run from the repository root: `python benchmarks/bench_load.py`.
"""

from __future__ import annotations

import gc
import random
import sys
import time
from collections.abc import Callable

import yaml

from simulasi.scenario import Limits, load_scenario

SEED = 20240611
SMALL = 2_000
LARGE = 4_000
REPEATS = 5
CHAIN = 20  # events per chain: the head is scheduled with `at`, the rest are named by `next`
LIMITS = Limits(max_bytes=64 * 1024 * 1024)  # raised explicitly: the files exceed 2 MiB

WORDS = (
    *("warga", "kabar", "vaksin", "sekolah", "dinkes", "bupati", "media", "hoaks", "data"),
    *("klarifikasi", "rilis", "grup", "orang", "tua", "murid", "imunisasi", "rumor", "pesan"),
    *("resmi", "kanal", "verifikasi", "narasi", "tunggal", "tokoh", "agama"),
)
CHANNELS = ("whatsapp", "social", "news", "phone", "email", "meeting", "tv", "sms")

HEADER = """\
format: simulasi/1
id: bench-{n}
title: "Benchmark scenario with {n} events"
summary: >-
  A generated scenario for the load benchmark: every event is a decision with four choices.
language: id
role: "Kepala Bidang IKP"
briefing: |
  Generated for benchmarks. Every event is a decision; chains of {chain} events are linked
  by `next`, each chain starting at its own `at`.
objectives:
  - "Memverifikasi sebelum mengklarifikasi"
  - "Menjaga narasi tunggal"
world_clock: {{start: "07:00", zone: WIB, minutes_per_second: 1}}
feedback: debrief

stakeholders:
  - id: warga
    name: "Orang tua / warga"
    initial: 55
    power: 1
    interest: 3
  - id: media
    name: "Media lokal"
    initial: 50
    power: 2
    interest: 2
  - {{id: bupati, name: "Bupati", initial: 65, power: 3, interest: 3, key: true}}
  - {{id: dinkes, name: "Dinas Kesehatan", initial: 60, power: 3, interest: 3}}

criteria:
  - {{id: verifikasi, name: "Kebenaran & verifikasi", weight: 3}}
  - {{id: kewenangan, name: "Kewenangan & narasi tunggal", weight: 2}}
  - {{id: pesan, name: "Kualitas pesan", weight: 2}}

flags:
  - {{id: hoaks_viral, type: bool, initial: false}}
  - {{id: klarifikasi, type: bool}}
  - {{id: rilis, type: int, initial: 0, min: 0, max: 10}}

scoring:
  weights: {{speed: 0.25, accuracy: 0.45}}
  pass_mark: 70
  ratings: {{good: 75}}

events:
"""

ENDINGS = """\
endings:
  - id: terkendali
    title: "Isu terkendali"
    when: "warga >= 60 and not hoaks_viral and klarifikasi"
    text: "Kepercayaan pulih."
  - id: berlarut
    title: "Isu berlarut"
    when: "hoaks_viral or rilis >= 8"
    text: "Hoaks terus beredar."
  - id: default
    title: "Krisis berlanjut"
    text: "Belum selesai."
"""


def _words(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def _event(rng: random.Random, i: int, n: int) -> str:
    """One decision event in YAML, varied in style (block and flow mappings, durations...)."""
    eid = f"e{i:05d}"
    head = i % CHAIN == 0
    last_in_chain = i % CHAIN == CHAIN - 1 or i == n - 1
    nxt = f"e{i + 1:05d}"
    prev = f"e{i - 1:05d}"
    lines = [f"  - id: {eid}"]
    if head:
        lines.append(f"    at: {(i // CHAIN) * 45}")
    elif i % 4 == 0:
        lines.append(f'    delay: "{rng.randint(0, 2)}m{rng.randint(0, 59)}s"')
    elif i % 4 == 1:
        lines.append(f"    delay: {rng.randint(0, 90)}")
    if i % 7 == 3 and not head:
        lines.append(f'    when: "visited({prev}) or warga >= {rng.randint(10, 60)}"')
    lines += [
        f"    channel: {CHANNELS[i % len(CHANNELS)]}",
        f'    from: "Pengirim {i}"',
        f'    title: "{_words(rng, 2, 4).capitalize()} {i}"',
        "    body: |",
        f"      {_words(rng, 5, 9)}",
        f"      {_words(rng, 3, 6)}",
        f"    weight: {rng.choice((1, 2, 1.5))}",
        f"    deadline: {rng.choice((180, 240, '5m', '4m30s'))}",
        f"    golden: {rng.choice((60, 90, '1m'))}",
    ]
    if i % 3 == 0:
        lines.append(f"    half_life: {rng.choice((45, 60, 90))}")
    lines.append(f"    drift: {{warga: -{rng.randint(1, 3)}, media: -0.5}}")
    lines.append("    choices:")
    follow = "" if last_in_chain else f"        next: {nxt}"
    follow_list = "" if last_in_chain else f"        next: [{nxt}]"
    # Choice 1: the model answer (rubric, all ones).
    lines += [
        "      - id: verifikasi",
        f"        text: >-\n          {_words(rng, 3, 6)}\n          {_words(rng, 2, 4)}",
        "        rubric: {verifikasi: 1, kewenangan: 1, pesan: 1}",
        f"        effects: {{warga: {rng.randint(2, 8)}, dinkes: {rng.randint(1, 4)}}}",
        "        set: {klarifikasi: true, hoaks_viral: false}",
        follow,
        f'        feedback: "{_words(rng, 3, 6)}"',
    ]
    # Choice 2: a partial rubric, sometimes only offered under a condition.
    lines += [
        "      - id: tunda",
        f'        text: "{_words(rng, 3, 6)}"',
        "        rubric:",
        "          verifikasi: 0.33",
        "          kewenangan: 0.67",
        "          pesan: 0",
    ]
    if i % 2 == 0:
        lines.append('        when: "rilis < 5 and not hoaks_viral"')
    lines += [
        "        effects:",
        f"          media: {rng.randint(1, 3)}",
        f"          warga: -{rng.randint(1, 3)}",
        "        add: {rilis: 1}",
        follow_list,
        "        feedback: |",
        f"          {_words(rng, 3, 6)}",
    ]
    # Choice 3: a rating, conditional on an earlier choice now and then.
    lines += [
        "      - id: bantah",
        f"        text: '{_words(rng, 3, 6)}'",
        f"        rating: {rng.choice(('good', 'weak'))}",
    ]
    if i % 5 == 2 and not head:
        lines.append(f'        when: "chosen({prev}.verifikasi) or dinkes + 10 > media"')
    lines += [
        f"        effects: {{bupati: {rng.randint(1, 5)}, media: -{rng.randint(1, 4)}}}",
        "        add: {rilis: 2}",
        follow,
        f'        feedback: "{_words(rng, 3, 6)}"',
    ]
    # Choice 4: a harmful red line, which may end the run.
    lines += [
        "      - id: teruskan",
        f'        text: "{_words(rng, 3, 6)}"',
        "        rating: harmful",
        f"        critical: {'true' if i % 3 == 0 else 'false'}",
        f"        effects: {{warga: -{rng.randint(3, 9)}, bupati: -2}}",
        "        set: {hoaks_viral: true}",
    ]
    if i % 50 == 49:
        lines.append("        end: berlarut")
    else:
        lines.append(follow)
    lines += [
        f'        feedback: "{_words(rng, 3, 6)}"',
        "    on_timeout:",
        "      accuracy: 0",
        f"      effects: {{warga: -{rng.randint(2, 6)}, media: -{rng.randint(1, 3)}}}",
        "      set: {hoaks_viral: true}",
        follow.replace("        ", "      ", 1),
        f'      feedback: "{_words(rng, 3, 5)}"',
    ]
    return "\n".join(line for line in lines if line) + "\n"


def generate(n: int, seed: int = SEED) -> str:
    """A valid `simulasi/1` scenario with `n` decision events."""
    rng = random.Random(seed)
    parts = [HEADER.format(n=n, chain=CHAIN)]
    parts += [_event(rng, i, n) for i in range(n)]
    parts.append("\n" + ENDINGS)
    return "".join(parts)


def best_of(fn: Callable[[], object], repeats: int = REPEATS) -> float:
    """The best wall time of `repeats` calls of `fn`, with garbage collection settled first."""
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def check(text: str, n: int) -> int:
    """Load once, assert no error diagnostics, and return how many warnings there were."""
    result = load_scenario(text, limits=LIMITS)
    errors = [d.format("en") for d in result.errors]
    assert result.scenario is not None and not errors, errors[:5]
    assert len(result.scenario.doc.events) == n
    return len(result.warnings)


def main() -> int:
    small = generate(SMALL)
    large = generate(LARGE)
    size_small = len(small.encode("utf-8"))
    size_large = len(large.encode("utf-8"))
    warnings_small = check(small, SMALL)
    warnings_large = check(large, LARGE)

    t_ours = t_yaml = float("inf")
    for _ in range(REPEATS):  # in turn, so that a slower spell weighs on both alike
        t_ours = min(t_ours, best_of(lambda: load_scenario(small, limits=LIMITS), 1))
        t_yaml = min(t_yaml, best_of(lambda: yaml.load(small, Loader=yaml.CSafeLoader), 1))
    t_large = best_of(lambda: load_scenario(large, limits=LIMITS), repeats=3)

    print(f"python: {sys.version.split()[0]}, PyYAML {yaml.__version__}, best of {REPEATS}")
    print(
        f"limits: load_scenario(..., limits=Limits(max_bytes={LIMITS.max_bytes})) for both "
        f"files (the default is 2 MiB)"
    )
    print(
        f"scenario {SMALL} events: {size_small / 1024 / 1024:.2f} MiB, "
        f"{small.count(chr(10))} lines, 0 errors, {warnings_small} warnings"
    )
    print(
        f"scenario {LARGE} events: {size_large / 1024 / 1024:.2f} MiB, "
        f"{large.count(chr(10))} lines, 0 errors, {warnings_large} warnings"
    )
    print(f"load_scenario {SMALL} events: {t_ours * 1000:.1f} ms")
    print(f"yaml.load CSafeLoader {SMALL} events: {t_yaml * 1000:.1f} ms")
    print(f"load_scenario {LARGE} events: {t_large * 1000:.1f} ms")
    print(f"load ratio (ours / CSafeLoader): {t_ours / t_yaml:.2f}  [target <= 3]")
    print(
        f"scaling ratio ({LARGE} / {SMALL} events, ours): {t_large / t_ours:.2f}  [target <= 2.3]"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
