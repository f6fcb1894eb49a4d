"""A full run of scenarios/hoaks-vaksin-mr.yaml, every number worked by hand from the file.

The answer script (scenario seconds):

    60   vn_viral          verifikasi           on time
    150  telepon_wartawan  arahkan_dinkes       late (S = 50), rubric with 0.67 / 0.33
    300  absen_bias        dialog_ortu          on time
    360  rilis_klarifikasi klarifikasi_bersama  late (S = 50): positive effects x 0.75
    450  ortu_kipi         hubungi_empati       on time
    500  isu_haram         gandeng_mui          on time
    620  rdp_dprd          semua_beres          on time, rubric with 0.67 / 0.33
    pesan_bupati is never answered: it times out at 570 after nine drift ticks.

Stakeholders (initial, effective weight v = weight or power x interest, key):
    warga 55 (1x3 = 3), influencer 45 (2x2 = 4), media 50 (2x2 = 4), bupati 65 (3x3 = 9, key),
    dinkes 60 (3x3 = 9, key), sekolah 60 (1x3 = 3), mui 55 (2x3 = 6, key), dprd 50 (2x2 = 4).
    sum v = 42.
Criteria weights: verifikasi 3, kewenangan 2, strategi 2, pesan 2, hukum 2, sasaran 1.
Defaults: speed floor 0.2, weights 0.25 / 0.45 / 0.30, pass mark 70, bands 85/70/55/0.

Timeline (rule 10 order at each instant: arrivals, drift, answers, timeouts):

t=0    vn_viral arrives (w 2, D 300, G 90, H = G = 90; deadline 300).
t=30   telepon_wartawan arrives (w 1, D 180, G 60, H 60; deadline 210;
       drift {media -2} at 30 + 60 + 30j = 120, 150, 180, 210).
t=60   answer vn_viral.verifikasi: L = 60 <= G 90 -> S = 100, t_e = 1.
       A = 100 * (3*1 + 2*1 + 2*1 + 1*1) / (3+2+2+1) = 100. g = 1, S' = 100.
       No drift (first tick would be 0 + 90 + 30 = 120).
       effects: warga 55+5 = 60, sekolah 60+3 = 63, bupati 65+3 = 68, dinkes 60+2 = 62.
       next data_dinkes (delay 120) -> scheduled at 180 (its own `at` 330 comes later).
t=120  drift telepon_wartawan: media 50-2 = 48.
t=150  pesan_bupati arrives (w 2, D 420, G 150, H 150; deadline 570;
       drift {bupati -1} at 150 + 150 + 30j = 330, 360, ..., 570).
       drift telepon_wartawan (150 is its resolution time, ticks come before answers):
       media 48-2 = 46.
       answer telepon_wartawan.arahkan_dinkes: L = 150 - 30 = 120 > G 60:
       S = 100 * max(0.2, 2^(-(120-60)/60)) = 100 * 2^-1 = 50, t_e = 0.75.
       A = 100 * (3*0.67 + 2*0.67 + 2*0.33 + 2*0 + 2*1) / (3+2+2+2+2)
         = 100 * (2.01 + 1.34 + 0.66 + 0 + 2) / 11 = 601/11 = 54.6363...
       g = (601/11 - 40) / 30 = 161/330 = 0.48787...; S' = 50 * 161/330 = 805/33 = 24.3939...
       effects (negative, not scaled): media 46-3 = 43. next berita_bungkam (delay 60) at 210.
t=180  data_dinkes arrives (earliest of 180 and 330): dinkes 62+2 = 64;
       its next rilis_klarifikasi (delay 0) arrives at once (w 2, D 300, G 90, H 90;
       deadline 480; drift {warga -2, dinkes -1, media -1} at 300, 330, 360, ...).
t=210  berita_bungkam arrives (`not klarifikasi_terbit` holds):
       warga 60-5 = 55, sekolah 63-3 = 60, bupati 68-3 = 65.
t=270  absen_bias arrives (w 1, D 360, G 120; deadline 630; first tick would be 420).
t=300  drift rilis_klarifikasi: warga 55-2 = 53, dinkes 64-1 = 63, media 43-1 = 42.
       answer absen_bias.dialog_ortu: L = 30 -> S = 100, t_e = 1.
       A = 100 * (2*1 + 2*1 + 2*1 + 1*1) / (2+2+2+1) = 100; S' = 100.
       effects: sekolah 60+8 = 68, warga 53+5 = 58, dinkes 63+3 = 66. jalur_tokoh 0+1 = 1.
t=330  data_dinkes's own `at`: it already arrived, nothing happens.
       drift (file order: pesan_bupati before rilis_klarifikasi): bupati 65-1 = 64;
       warga 58-2 = 56, dinkes 66-1 = 65, media 42-1 = 41.
t=360  drift: bupati 64-1 = 63; warga 56-2 = 54, dinkes 65-1 = 64, media 41-1 = 40.
       answer rilis_klarifikasi.klarifikasi_bersama: L = 360 - 180 = 180 > G 90:
       S = 100 * max(0.2, 2^(-(180-90)/90)) = 50, t_e = 0.5 + 0.5 * 0.5 = 0.75.
       A = 100 * (3 + 2 + 2 + 2 + 1) / 10 = 100; S' = 50.
       effects x 0.75: warga 54 + 8*0.75 = 60, dinkes 64 + 6*0.75 = 68.5,
       media 40 + 5*0.75 = 43.75, sekolah 68 + 4*0.75 = 71, bupati 63 + 3*0.75 = 65.25.
       set klarifikasi_terbit = true.
t=390  drift bupati 65.25-1 = 64.25.
t=420  ortu_kipi arrives (D 300, G 90; deadline 720). drift bupati 63.25.
t=450  drift bupati 62.25. answer ortu_kipi.hubungi_empati: L = 30 -> S = 100, t_e = 1.
       A = 100 * (3 + 2 + 2 + 1) / 8 = 100; S' = 100.
       effects: warga 60+6 = 66, media 43.75+3 = 46.75, dinkes 68.5+3 = 71.5,
       influencer 45+2 = 47.
t=480  isu_haram arrives (D 300, G 90; deadline 780). drift bupati 61.25.
t=500  answer isu_haram.gandeng_mui: L = 20 -> S = 100. A = 100 * (3+2+2+1)/8 = 100.
       effects: mui 55+10 = 65, warga 66+5 = 71, dinkes 71.5+2 = 73.5, influencer 47+2 = 49.
       jalur_tokoh 1+1 = 2.
t=510  drift bupati 60.25.   t=540  drift bupati 59.25.
t=570  drift bupati 58.25 (ninth tick: 330, 360, ..., 570; 570 is the deadline, included).
       pesan_bupati times out at its deadline: S = 0, A = on_timeout.accuracy = 0, S' = 0.
       on_timeout effects: bupati 58.25-8 = 50.25, dinkes 73.5-2 = 71.5;
       set klaim_berlebihan = true.
t=600  rdp_dprd arrives (D 480, G 150; deadline 1080).
t=620  answer rdp_dprd.semua_beres: L = 20 -> S = 100.
       A = 100 * (3*0.33 + 2*0.67 + 2*0.33 + 2*1) / (3+2+2+2)
         = 100 * (0.99 + 1.34 + 0.66 + 2) / 9 = 499/9 = 55.444...
       (with thirds instead of 0.33/0.67 it would be 500/9: the rubric is read as written)
       g = (499/9 - 40) / 30 = 139/270; S' = 100 * 139/270 = 1390/27 = 51.4814...
       effects: dprd 50-4 = 46, media 46.75-2 = 44.75.
t=640  klaim_dipatahkan arrives (`klaim_berlebihan` holds):
       warga 71-10 = 61, media 44.75-6 = 38.75, bupati 50.25-8 = 42.25,
       influencer 49-6 = 43, dprd 46-4 = 42.
       Inbox empty, nothing scheduled: the run ends at 640.

Final meters: warga 61, influencer 43, media 38.75, bupati 42.25, dinkes 71.5, sekolah 71,
mui 65, dprd 42.

Ending (rule 9, first `when` that holds): data_anak_terbuka no (no rinci_kasus/data_lengkap);
imunisasi_berlanjut no (klaim_berlebihan); polemik_agama no (mui 65 >= 30, no lapor_ite);
krisis_kepercayaan no (klarifikasi_terbit, warga 61 >= 35); kredibilitas_retak yes.

Impact, g per stakeholder:
    warga      55 -> 61:    50 + 50*6/45    = 170/3    = 56.667   x v 3 = 170
    influencer 45 -> 43:    50*43/45        = 430/9    = 47.778   x v 4 = 1720/9
    media      50 -> 38.75: 50*38.75/50     = 38.75               x v 4 = 155
    bupati     65 -> 42.25: 50*42.25/65     = 32.5                x v 9 = 292.5
    dinkes     60 -> 71.5:  50 + 50*11.5/40 = 64.375              x v 9 = 579.375
    sekolah    60 -> 71:    50 + 50*11/40   = 63.75               x v 3 = 191.25
    mui        55 -> 65:    50 + 50*10/45   = 550/9    = 61.111   x v 6 = 3300/9
    dprd       50 -> 42:    50*42/50        = 42                  x v 4 = 168
    sum = 1556.125 + 5020/9 = 152201/72; I = 152201/72/42 = 152201/3024 = 50.33101...
    No key stakeholder (bupati 42.25, dinkes 71.5, mui 65) is below 25: no cap.

Decisions (w, S', A), sum w = 11:
    vn_viral 2, 100, 100; telepon_wartawan 1, 805/33, 601/11; pesan_bupati 2, 0, 0;
    rilis_klarifikasi 2, 50, 100; absen_bias 1, 100, 100; ortu_kipi 1, 100, 100;
    isu_haram 1, 100, 100; rdp_dprd 1, 1390/27, 499/9.
Speed    = (200 + 805/33 + 0 + 100 + 100 + 100 + 100 + 1390/27) / 11
         = (600 + 24.3939 + 51.4815) / 11 = 61.4432...
Accuracy = (200 + 601/11 + 0 + 200 + 100 + 100 + 100 + 499/9) / 11
         = (700 + 54.6364 + 55.4444) / 11 = 73.6437...
Total    = 0.25 * 61.4432 + 0.45 * 73.6437 + 0.30 * 50.3310 = 15.3608 + 33.1397 + 15.0993
         = 63.5998 -> band Cukup (55 <= total < 70), not passed, no critical choice.

Criterion profile (answered decisions, w_e * r_k / sum w_e):
    verifikasi: vn 2*1, tel 0.67, rilis 2*1, ortu 1, isu 1, rdp 0.33 -> 100 * 7 / 8 = 87.5
    kewenangan: vn 2, tel 0.67, rilis 2, absen 1, isu 1, rdp 0.67 -> 100 * 7.34 / 8 = 91.75
    strategi:   tel 0.33, absen 1, ortu 1, isu 1, rdp 0.33 -> 100 * 3.66 / 5 = 73.2
    pesan:      vn 2, tel 0, rilis 2, absen 1, ortu 1 -> 100 * 6 / 7 = 85.714...
    hukum:      tel 1, rilis 2, rdp 1 -> 100 * 4 / 4 = 100
    sasaran:    vn 2, rilis 2, absen 1, ortu 1, isu 1 -> 100 * 7 / 7 = 100
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import scoring
from scoring import ScoreCard
from simulasi.cli import main
from simulasi.engine import Run
from simulasi.scenario import Scenario, load_scenario

SCENARIO = Path(__file__).resolve().parent.parent / "scenarios" / "hoaks-vaksin-mr.yaml"

ANSWERS = [
    (60.0, "vn_viral", "verifikasi"),
    (150.0, "telepon_wartawan", "arahkan_dinkes"),
    (300.0, "absen_bias", "dialog_ortu"),
    (360.0, "rilis_klarifikasi", "klarifikasi_bersama"),
    (450.0, "ortu_kipi", "hubungi_empati"),
    (500.0, "isu_haram", "gandeng_mui"),
    (620.0, "rdp_dprd", "semua_beres"),
]

# Hand-derived values (see the module docstring).
S_TEL = 50.0
A_TEL = 601 / 11
GS_TEL = 805 / 33
A_RDP = 499 / 9
GS_RDP = 1390 / 27
SPEED = (600 + 805 / 33 + 1390 / 27) / 11
ACCURACY = (700 + 601 / 11 + 499 / 9) / 11
IMPACT = 152201 / 3024
TOTAL = 0.25 * SPEED + 0.45 * ACCURACY + 0.30 * IMPACT

METERS = {
    "warga": 61.0,
    "influencer": 43.0,
    "media": 38.75,
    "bupati": 42.25,
    "dinkes": 71.5,
    "sekolah": 71.0,
    "mui": 65.0,
    "dprd": 42.0,
}

# (event, outcome, choice, arrived, resolved, latency, speed, gated_speed, accuracy)
EVENTS = [
    ("vn_viral", "answered", "verifikasi", 0.0, 60.0, 60.0, 100.0, 100.0, 100.0),
    ("telepon_wartawan", "answered", "arahkan_dinkes", 30.0, 150.0, 120.0, S_TEL, GS_TEL, A_TEL),
    ("pesan_bupati", "timed_out", None, 150.0, 570.0, 420.0, 0.0, 0.0, 0.0),
    (
        "rilis_klarifikasi",
        "answered",
        "klarifikasi_bersama",
        180.0,
        360.0,
        180.0,
        50.0,
        50.0,
        100.0,
    ),
    ("absen_bias", "answered", "dialog_ortu", 270.0, 300.0, 30.0, 100.0, 100.0, 100.0),
    ("ortu_kipi", "answered", "hubungi_empati", 420.0, 450.0, 30.0, 100.0, 100.0, 100.0),
    ("isu_haram", "answered", "gandeng_mui", 480.0, 500.0, 20.0, 100.0, 100.0, 100.0),
    ("rdp_dprd", "answered", "semua_beres", 600.0, 620.0, 20.0, 100.0, GS_RDP, A_RDP),
]


def _scenario() -> Scenario:
    loaded = load_scenario(SCENARIO)
    assert loaded.scenario is not None, [d.format("en") for d in loaded.errors]
    return loaded.scenario


def _play() -> tuple[Run, ScoreCard]:
    scenario = _scenario()
    run = Run(scenario)
    run.start(0.0)
    for at, event, cid in ANSWERS:
        run.advance(at)
        run.choose(event, cid, at)
    run.finish(ANSWERS[-1][0])
    return run, scoring.score(scenario, run.log)


def test_worked_example_timeline() -> None:
    """The run unfolds as worked out by hand: arrivals, drift ticks, the timeout and the end."""
    run, _ = _play()
    log = [(r.kind, r.at, r.event) for r in run.log]
    arrivals = [(at, e) for kind, at, e in log if kind == "arrive"]
    assert arrivals == [
        (0.0, "vn_viral"),
        (30.0, "telepon_wartawan"),
        (150.0, "pesan_bupati"),
        (180.0, "data_dinkes"),
        (180.0, "rilis_klarifikasi"),
        (210.0, "berita_bungkam"),
        (270.0, "absen_bias"),
        (420.0, "ortu_kipi"),
        (480.0, "isu_haram"),
        (600.0, "rdp_dprd"),
        (640.0, "klaim_dipatahkan"),
    ]
    drift = [(at, e) for kind, at, e in log if kind == "drift"]
    assert drift == [
        (120.0, "telepon_wartawan"),
        (150.0, "telepon_wartawan"),
        (300.0, "rilis_klarifikasi"),
        (330.0, "pesan_bupati"),
        (330.0, "rilis_klarifikasi"),
        (360.0, "pesan_bupati"),
        (360.0, "rilis_klarifikasi"),
        *[(t, "pesan_bupati") for t in (390.0, 420.0, 450.0, 480.0, 510.0, 540.0, 570.0)],
    ]
    assert [(at, e) for kind, at, e in log if kind == "timeout"] == [(570.0, "pesan_bupati")]
    assert log[-1] == ("end", 640.0, None)
    assert run.ending == "kredibilitas_retak"
    assert dict(run.flags) == {
        "klaim_berlebihan": True,
        "klarifikasi_terbit": True,
        "jalur_tokoh": 2,
    }


def test_worked_example_scorecard() -> None:
    """The ScoreCard equals the hand-computed numbers of the module docstring."""
    _, card = _play()
    assert card.scenario == "hoaks-vaksin-mr"
    assert card.ending == "kredibilitas_retak"
    assert card.practice is False
    assert card.meters == {k: pytest.approx(v, rel=1e-12) for k, v in METERS.items()}
    assert list(card.meters) == list(METERS)
    got = [
        (
            e.event,
            e.outcome,
            e.choice,
            e.arrived,
            e.resolved,
            e.latency,
            e.speed,
            e.gated_speed,
            e.accuracy,
        )
        for e in card.events
    ]
    assert [g[:6] for g in got] == [x[:6] for x in EVENTS]
    for g, x in zip(got, EVENTS, strict=True):
        assert g[6:] == pytest.approx(x[6:], rel=1e-12), g[0]
    assert not any(e.critical for e in card.events)
    assert card.speed == pytest.approx(SPEED, rel=1e-12)
    assert card.accuracy == pytest.approx(ACCURACY, rel=1e-12)
    assert card.impact == pytest.approx(IMPACT, rel=1e-12)
    assert card.impact_capped is False
    assert card.total == pytest.approx(TOTAL, rel=1e-12)
    assert card.total == pytest.approx(63.5998, abs=1e-4)
    assert card.band == "Cukup"
    assert card.passed is False and card.critical is False
    assert card.criteria == {
        "verifikasi": pytest.approx(87.5, rel=1e-12),
        "kewenangan": pytest.approx(91.75, rel=1e-12),
        "strategi": pytest.approx(73.2, rel=1e-12),
        "pesan": pytest.approx(600 / 7, rel=1e-12),
        "hukum": pytest.approx(100.0, rel=1e-12),
        "sasaran": pytest.approx(100.0, rel=1e-12),
    }
    assert list(card.criteria) == [
        "verifikasi",
        "kewenangan",
        "strategi",
        "pesan",
        "hukum",
        "sasaran",
    ]


def test_worked_example_through_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`simulasi run --answers --json` on the same script prints the same numbers."""
    answers = tmp_path / "jawaban.yaml"
    answers.write_text(
        "answers:\n"
        + "".join(f"  - {{at: {at:g}, event: {e}, choice: {c}}}\n" for at, e, c in ANSWERS),
        encoding="utf-8",
    )
    assert main(["run", str(SCENARIO), "--answers", str(answers), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ending"] == "kredibilitas_retak" and data["band"] == "Cukup"
    assert data["total"] == pytest.approx(TOTAL, rel=1e-12)
    assert data["meters"] == {k: pytest.approx(v, rel=1e-12) for k, v in METERS.items()}
