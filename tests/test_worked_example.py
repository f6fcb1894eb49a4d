"""A full run of scenarios/hoaks-vaksin-mr.yaml, every number worked by hand from the file.

The answer script (scenario seconds):

    60   vn_viral          verifikasi           on time
    210  telepon_wartawan  arahkan_dinkes       at its deadline (S = 50): positive effects x 0.75
    240  rilis_klarifikasi klarifikasi_bersama  on time; the news story it pre-empts is skipped
    300  absen_bias        dialog_ortu          on time
    450  ortu_kipi         hubungi_empati       on time
    500  isu_haram         gandeng_mui          on time
    620  rdp_dprd          semua_beres          on time, rubric with 0.67 / 0.33: gated speed
    pesan_bupati is never answered: it times out at 570 after nine drift ticks.

Stakeholders (initial, effective weight v = weight or power x interest, key):
    warga 55 (1x3 = 3), influencer 45 (2x2 = 4), media 50 (2x2 = 4), bupati 65 (3x3 = 9, key),
    dinkes 60 (3x3 = 9, key), sekolah 60 (1x3 = 3), mui 55 (2x3 = 6, key), dprd 50 (2x2 = 4).
    sum v = 42.
Criteria weights: verifikasi 3, kewenangan 2, strategi 2, pesan 2, hukum 2, sasaran 1.
Scoring: speed floor 0.2, weights 0.25 / 0.45 / 0.30 (defaults); pass mark 81 (the file);
bands 85/70/55/0 (defaults).

Timeline (rule 10 order at each instant: arrivals, drift, answers, timeouts):

t=0    vn_viral arrives (w 2, D 300, G 90, H 210; deadline 300;
       drift {warga -2, sekolah -1, influencer -1} would start at 0 + 90 + 30 = 120).
t=30   telepon_wartawan arrives (w 1, D 180, G 60, H 120; deadline 210;
       drift {media -1} at 30 + 60 + 30j = 120, 150, 180, 210).
t=60   answer vn_viral.verifikasi: L = 60 <= G 90 -> S = 100, t_e = 1.
       A = 100 * (3*1 + 2*1 + 2*1 + 1*1) / (3+2+2+1) = 100. g = 1, S' = 100. No drift yet.
       effects: warga 55+6 = 61, sekolah 60+4 = 64, bupati 65+4 = 69, dinkes 60+4 = 64.
       next data_dinkes (delay 120) -> scheduled at 180 (its own `at` 330 comes later).
t=120  drift telepon_wartawan: media 50-1 = 49.
t=150  pesan_bupati arrives (w 2, D 420, G 150, H 270; deadline 570;
       drift {bupati -1} at 150 + 150 + 30j = 330, 360, ..., 570).
       drift telepon_wartawan: media 49-1 = 48.
t=180  data_dinkes arrives (earliest of 180 and 330): dinkes 64+2 = 66;
       its next rilis_klarifikasi (delay 0) arrives at once (w 2, D 300, G 120, H 180;
       deadline 480; drift would start at 180 + 120 + 30 = 330).
       drift telepon_wartawan (after the arrivals): media 48-1 = 47.
t=210  drift telepon_wartawan (210 is its deadline and its resolution time, ticks come
       before answers): media 47-1 = 46.
       answer telepon_wartawan.arahkan_dinkes at its deadline (answers are accepted while
       now <= deadline): L = 210 - 30 = 180 > G 60:
       S = 100 * max(0.2, 2^(-(180-60)/120)) = 100 * 2^-1 = 50, t_e = 0.5 + 0.5 * 0.5 = 0.75.
       A = 100 * (3*1 + 2*1 + 2*0.33 + 2*0.33 + 2*1) / (3+2+2+2+2)
         = 100 * (3 + 2 + 0.66 + 0.66 + 2) / 11 = 832/11 = 75.6363... >= 70: g = 1, S' = 50.
       effects x 0.75: media 46 + 2*0.75 = 47.5. next berita_bungkam (delay 60) at 270.
t=240  answer rilis_klarifikasi.klarifikasi_bersama: L = 60 <= G 120 -> S = 100, t_e = 1.
       A = 100 * (3 + 2 + 2 + 2 + 1) / 10 = 100; S' = 100.
       effects: warga 61+10 = 71, dinkes 66+8 = 74, media 47.5+6 = 53.5, sekolah 64+5 = 69,
       bupati 69+4 = 73. set klarifikasi_terbit = true.
t=270  berita_bungkam's time comes first (file order) but its `when: not klarifikasi_terbit`
       is false: skipped, its effects never apply.
       absen_bias arrives (w 1, D 360, G 150, H 210; deadline 630; drift would start at 450).
t=300  answer absen_bias.dialog_ortu: L = 30 -> S = 100, t_e = 1.
       A = 100 * (2*1 + 2*1 + 2*1 + 1*1) / (2+2+2+1) = 100; S' = 100.
       effects: sekolah 69+10 = 79, warga 71+6 = 77, dinkes 74+4 = 78. jalur_tokoh 0+1 = 1.
t=330  data_dinkes's own `at`: it already arrived, nothing happens.
       drift pesan_bupati: bupati 73-1 = 72.
t=360  bupati 71.   t=390  bupati 70.
t=420  ortu_kipi arrives (w 1, D 300, G 90, H 210; deadline 720). drift bupati 69.
t=450  drift bupati 68. answer ortu_kipi.hubungi_empati: L = 30 -> S = 100, t_e = 1.
       A = 100 * (3 + 2 + 2 + 1) / 8 = 100; S' = 100.
       effects: warga 77+8 = 85, media 53.5+4 = 57.5, dinkes 78+4 = 82, influencer 45+4 = 49.
t=480  isu_haram arrives (w 1, D 300, G 90, H 210; deadline 780). drift bupati 67.
t=500  answer isu_haram.gandeng_mui: L = 20 -> S = 100. A = 100 * (3+2+2+1)/8 = 100.
       effects: mui 55+12 = 67, warga 85+6 = 91, dinkes 82+3 = 85, influencer 49+4 = 53.
       jalur_tokoh 1+1 = 2.
t=510  drift bupati 66.   t=540  drift bupati 65.
t=570  drift bupati 64 (ninth tick: 330, 360, ..., 570; 570 is the deadline, included).
       pesan_bupati times out at its deadline: S = 0, A = on_timeout.accuracy = 0, S' = 0.
       on_timeout effects (not scaled): bupati 64-6 = 58, dinkes 85-2 = 83;
       set klaim_berlebihan = true.
t=600  rdp_dprd arrives (w 1, D 480, G 180, H 300; deadline 1080).
t=620  answer rdp_dprd.semua_beres: L = 20 -> S = 100, t_e = 1.
       A = 100 * (3*0.67 + 2*0.67 + 2*0.33 + 2*1) / (3+2+2+2)
         = 100 * (2.01 + 1.34 + 0.66 + 2) / 9 = 601/9 = 66.777...
       (with thirds instead of 0.33/0.67 it would be 600/9: the rubric is read as written)
       g = (601/9 - 40) / 30 = 241/270; S' = 100 * 241/270 = 2410/27 = 89.259...
       effects: bupati 58+3 = 61, dprd 50+2 = 52.
t=640  klaim_dipatahkan arrives (`klaim_berlebihan` holds):
       warga 91-10 = 81, media 57.5-6 = 51.5, bupati 61-8 = 53, influencer 53-6 = 47,
       dprd 52-4 = 48.
       Inbox empty, nothing scheduled: the run ends at 640.

Final meters: warga 81, influencer 47, media 51.5, bupati 53, dinkes 83, sekolah 79,
mui 67, dprd 48.

Ending (rule 9, first `when` that holds): data_anak_terbuka no (no rinci_kasus/data_lengkap);
imunisasi_berlanjut no (klaim_berlebihan); polemik_agama no (mui 67 >= 30, no lapor_ite);
krisis_kepercayaan no (klarifikasi_terbit, warga 81 >= 35); kredibilitas_retak yes.

Impact, g per stakeholder:
    warga      55 -> 81:    50 + 50*26/45 = 710/9   = 78.889   x v 3 = 710/3
    influencer 45 -> 47:    50 + 50*2/55  = 570/11  = 51.818   x v 4 = 2280/11
    media      50 -> 51.5:  50 + 50*1.5/50 = 51.5             x v 4 = 206
    bupati     65 -> 53:    50*53/65      = 530/13  = 40.769   x v 9 = 4770/13
    dinkes     60 -> 83:    50 + 50*23/40 = 78.75             x v 9 = 708.75
    sekolah    60 -> 79:    50 + 50*19/40 = 73.75             x v 3 = 221.25
    mui        55 -> 67:    50 + 50*12/45 = 190/3   = 63.333   x v 6 = 380
    dprd       50 -> 48:    50*48/50      = 48                x v 4 = 192
    sum = 1708 + 710/3 + 2280/11 + 4770/13 = 1708 + 347860/429 = 1080592/429;
    I = 1080592/429/42 = 540296/9009 = 59.97291...
    No key stakeholder (bupati 53, dinkes 83, mui 67) is below 25: no cap.

Decisions (w, S', A), sum w = 11:
    vn_viral 2, 100, 100; telepon_wartawan 1, 50, 832/11; pesan_bupati 2, 0, 0;
    rilis_klarifikasi 2, 100, 100; absen_bias 1, 100, 100; ortu_kipi 1, 100, 100;
    isu_haram 1, 100, 100; rdp_dprd 1, 2410/27, 601/9.
Speed    = (200 + 50 + 0 + 200 + 100 + 100 + 100 + 2410/27) / 11
         = (750 + 2410/27) / 11 = 22660/297 = 2060/27 = 76.2963...
Accuracy = (200 + 832/11 + 0 + 200 + 100 + 100 + 100 + 601/9) / 11
         = (700 + 75.6364 + 66.7778) / 11 = 83399/1089 = 76.5831...
Total    = 0.25 * 76.2963 + 0.45 * 76.5831 + 0.30 * 59.9729 = 19.0741 + 34.4624 + 17.9919
         = 71.5283 -> band Baik (70 <= total < 85), yet not passed: 71.53 < pass mark 81;
         no critical choice.

Criterion profile (answered decisions, w_e * r_k / sum w_e):
    verifikasi: vn 2*1, tel 1, rilis 2*1, ortu 1, isu 1, rdp 0.67 -> 100 * 7.67 / 8 = 95.875
    kewenangan: vn 2*1, tel 1, rilis 2*1, absen 1, isu 1, rdp 0.67 -> 100 * 7.67 / 8 = 95.875
    strategi:   tel 0.33, absen 1, ortu 1, isu 1, rdp 0.33 -> 100 * 3.66 / 5 = 73.2
    pesan:      vn 2*1, tel 0.33, rilis 2*1, absen 1, ortu 1 -> 100 * 6.33 / 7 = 90.428...
    hukum:      tel 1, rilis 2*1, rdp 1 -> 100 * 4 / 4 = 100
    sasaran:    vn 2*1, rilis 2*1, absen 1, ortu 1, isu 1 -> 100 * 7 / 7 = 100
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
    (210.0, "telepon_wartawan", "arahkan_dinkes"),
    (240.0, "rilis_klarifikasi", "klarifikasi_bersama"),
    (300.0, "absen_bias", "dialog_ortu"),
    (450.0, "ortu_kipi", "hubungi_empati"),
    (500.0, "isu_haram", "gandeng_mui"),
    (620.0, "rdp_dprd", "semua_beres"),
]

# Hand-derived values (see the module docstring).
A_TEL = 832 / 11
A_RDP = 601 / 9
GS_RDP = 2410 / 27
SPEED = (750 + 2410 / 27) / 11
ACCURACY = (700 + 832 / 11 + 601 / 9) / 11
IMPACT = 540296 / 9009
TOTAL = 0.25 * SPEED + 0.45 * ACCURACY + 0.30 * IMPACT

METERS = {
    "warga": 81.0,
    "influencer": 47.0,
    "media": 51.5,
    "bupati": 53.0,
    "dinkes": 83.0,
    "sekolah": 79.0,
    "mui": 67.0,
    "dprd": 48.0,
}

# (event, outcome, choice, arrived, resolved, latency, speed, gated_speed, accuracy)
EVENTS = [
    ("vn_viral", "answered", "verifikasi", 0.0, 60.0, 60.0, 100.0, 100.0, 100.0),
    ("telepon_wartawan", "answered", "arahkan_dinkes", 30.0, 210.0, 180.0, 50.0, 50.0, A_TEL),
    ("pesan_bupati", "timed_out", None, 150.0, 570.0, 420.0, 0.0, 0.0, 0.0),
    (
        "rilis_klarifikasi",
        "answered",
        "klarifikasi_bersama",
        180.0,
        240.0,
        60.0,
        100.0,
        100.0,
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
        (270.0, "absen_bias"),
        (420.0, "ortu_kipi"),
        (480.0, "isu_haram"),
        (600.0, "rdp_dprd"),
        (640.0, "klaim_dipatahkan"),
    ]
    # berita_bungkam was named for 270, but the clarification (240) came first
    assert [(at, e) for kind, at, e in log if kind == "skip"] == [(270.0, "berita_bungkam")]
    drift = [(at, e) for kind, at, e in log if kind == "drift"]
    assert drift == [
        *[(t, "telepon_wartawan") for t in (120.0, 150.0, 180.0, 210.0)],
        *[(330.0 + 30.0 * j, "pesan_bupati") for j in range(9)],
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
    assert card.total == pytest.approx(71.5283, abs=1e-4)
    assert card.band == "Baik"
    # Baik, yet not passed: the file's pass mark is 81
    scoring_doc = _scenario().doc.scoring
    assert scoring_doc is not None and scoring_doc.pass_mark == 81
    assert card.passed is False and card.critical is False
    assert card.criteria == {
        "verifikasi": pytest.approx(95.875, rel=1e-12),
        "kewenangan": pytest.approx(95.875, rel=1e-12),
        "strategi": pytest.approx(73.2, rel=1e-12),
        "pesan": pytest.approx(633 / 7, rel=1e-12),
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
    assert data["ending"] == "kredibilitas_retak" and data["band"] == "Baik"
    assert data["total"] == pytest.approx(TOTAL, rel=1e-12)
    assert data["meters"] == {k: pytest.approx(v, rel=1e-12) for k, v in METERS.items()}
