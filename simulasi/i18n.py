"""The catalogue of everything the command line (and later the game) says to people.

Bahasa Indonesia is the default; English is complete (a test compares the key sets).
Scenario text is never put through this: it is shown exactly as written.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

LANGS = ("id", "en")

ID: dict[str, str] = {
    # command line: descriptions
    "cli.description": "simulasi — latihan komunikasi krisis untuk bimtek Diskominfo.",
    "cli.epilog": "Tanpa perintah, simulasi membuka permainan (sama dengan 'simulasi play'). "
    "Kode keluar: 0 berhasil, 1 skenario bermasalah, 2 salah pemakaian.",
    "cli.lang": "bahasa tampilan: id (Bahasa Indonesia, bawaan) atau en (English)",
    "cli.play": "buka permainan pada skenario bawaan atau berkas SCENARIO",
    "cli.play.scenario": "berkas skenario (.yaml); tanpa ini daftar skenario bawaan ditampilkan",
    "cli.play.scenarios": "folder tambahan berisi skenario *.yaml",
    "cli.check": "periksa berkas skenario dan laporkan semua masalah",
    "cli.check.paths": "berkas .yaml atau folder berisi skenario",
    "cli.check.json": "cetak hasil sebagai JSON",
    "cli.run": "mainkan skenario tanpa layar, dari berkas jawaban, dan cetak hasilnya",
    "cli.run.scenario": "berkas skenario (.yaml)",
    "cli.run.answers": "berkas jawaban (.yaml): daftar {at, event, choice}",
    "cli.run.json": "cetak ScoreCard sebagai JSON",
    "cli.run.practice": "mode latihan: tanpa batas waktu dan tanpa drift",
    "cli.schema": "cetak JSON Schema format simulasi/1 (untuk autocompletion di editor)",
    "cli.schema.output": "tulis ke berkas ini, bukan ke layar",
    # command line: errors
    "err.usage": "simulasi: {message} (lihat 'simulasi --help')",
    "err.not_found": "simulasi: berkas atau folder tidak ditemukan: {path}",
    "err.unreadable": "simulasi: tidak bisa membaca {path}: {reason}",
    "err.no_yaml": "simulasi: tidak ada berkas skenario .yaml di {path}",
    "err.write": "simulasi: tidak bisa menulis {path}: {reason}",
    "err.scenario_invalid": "simulasi: skenario {path} bermasalah; perbaiki dulu (lihat 'simulasi check').",
    "err.answers": "simulasi: {file}: {message}",
    "err.interrupted": "simulasi: dihentikan.",
    "err.internal": "simulasi: kesalahan internal ({error}). Ini bug simulasi, bukan kesalahan Anda; "
    "jalankan ulang dengan SIMULASI_DEBUG=1 untuk rinciannya dan laporkan.",
    # argparse messages, translated
    "arg.unrecognized": "argumen tidak dikenal: {args}",
    "arg.required": "argumen wajib belum diisi: {args}",
    "arg.invalid_choice": "pilihan tidak valid untuk {arg}: {value} (pilih dari {choices})",
    "arg.expected_one": "argumen {arg} butuh satu nilai",
    "arg.invalid_value": "nilai tidak valid untuk {arg}: {value}",
    # answers file problems
    "ans.malformed": "berkas jawaban tidak valid: {detail}",
    "ans.item": "jawaban #{n} (baris {line}): {detail}",
    "ans.not_pending": "keputusan '{event}' tidak sedang menunggu jawaban pada detik {at}",
    "ans.unknown_event": "tidak ada peristiwa '{event}' di skenario",
    "ans.unknown_choice": "keputusan '{event}' tidak punya pilihan '{choice}'",
    "ans.unavailable": "pilihan '{choice}' untuk '{event}' tidak tersedia pada detik {at}",
    "ans.backwards": "waktu {at} lebih awal dari jawaban sebelumnya",
    "ans.ended": "permainan sudah berakhir sebelum detik {at}",
    "ans.fields": "setiap jawaban butuh at (angka), event dan choice",
    # headless summary
    "run.title": "Hasil: {title}",
    "run.mode_practice": "mode latihan (tanpa penilaian kecepatan)",
    "run.col_event": "Keputusan",
    "run.col_outcome": "Hasil",
    "run.col_choice": "Pilihan",
    "run.col_time": "Waktu",
    "run.col_speed": "Kecepatan",
    "run.col_accuracy": "Ketepatan",
    "run.outcome.answered": "dijawab",
    "run.outcome.timed_out": "habis waktu",
    "run.outcome.expired": "kedaluwarsa",
    "run.critical": "GARIS MERAH",
    "run.speed": "Kecepatan",
    "run.accuracy": "Ketepatan",
    "run.impact": "Dampak",
    "run.total": "Total",
    "run.band": "Predikat",
    "run.passed": "LULUS",
    "run.failed": "BELUM LULUS",
    "run.ending": "Akhir cerita",
    "run.pass_mark": "batas lulus {mark}",
    "run.critical_note": "Ada pilihan garis merah: total dibatasi dan run tidak lulus.",
    # scenario list (until the game opens it)
    "list.header": "Skenario bawaan",
    "list.decisions": "{n} keputusan",
    "list.minutes": "sekitar {n} menit",
    "list.invalid": "skenario bermasalah ({n} galat): jalankan 'simulasi check {path}'",
    "list.none": "Tidak ada skenario ditemukan.",
    "list.hint": "Periksa skenario: simulasi check FILE   ·   Main tanpa layar: simulasi run FILE --answers JAWABAN.yaml",
    # check summary
    "check.summary": "{files} berkas diperiksa: {errors} galat, {warnings} peringatan.",
}

EN: dict[str, str] = {
    "cli.description": "simulasi — crisis-communication exercises for Diskominfo workshops.",
    "cli.epilog": "Without a command, simulasi opens the game (same as 'simulasi play'). "
    "Exit codes: 0 success, 1 scenario has errors, 2 usage error.",
    "cli.lang": "display language: id (Bahasa Indonesia, default) or en (English)",
    "cli.play": "open the game on the bundled scenarios or on the file SCENARIO",
    "cli.play.scenario": "scenario file (.yaml); without it the bundled scenarios are listed",
    "cli.play.scenarios": "an extra folder of *.yaml scenarios",
    "cli.check": "check scenario files and report every problem",
    "cli.check.paths": ".yaml files or folders holding scenarios",
    "cli.check.json": "print the result as JSON",
    "cli.run": "play a scenario without a screen, from an answers file, and print the result",
    "cli.run.scenario": "scenario file (.yaml)",
    "cli.run.answers": "answers file (.yaml): a list of {at, event, choice}",
    "cli.run.json": "print the ScoreCard as JSON",
    "cli.run.practice": "practice mode: no deadlines and no drift",
    "cli.schema": "print the JSON Schema of the simulasi/1 format (for editor autocompletion)",
    "cli.schema.output": "write to this file instead of the screen",
    "err.usage": "simulasi: {message} (see 'simulasi --help')",
    "err.not_found": "simulasi: no such file or folder: {path}",
    "err.unreadable": "simulasi: cannot read {path}: {reason}",
    "err.no_yaml": "simulasi: no .yaml scenario file in {path}",
    "err.write": "simulasi: cannot write {path}: {reason}",
    "err.scenario_invalid": "simulasi: scenario {path} has errors; fix them first (see 'simulasi check').",
    "err.answers": "simulasi: {file}: {message}",
    "err.interrupted": "simulasi: interrupted.",
    "err.internal": "simulasi: internal error ({error}). This is a bug in simulasi, not your mistake; "
    "run again with SIMULASI_DEBUG=1 for details and report it.",
    "arg.unrecognized": "unrecognized arguments: {args}",
    "arg.required": "the following arguments are required: {args}",
    "arg.invalid_choice": "invalid choice for {arg}: {value} (choose from {choices})",
    "arg.expected_one": "argument {arg} expects one value",
    "arg.invalid_value": "invalid value for {arg}: {value}",
    "ans.malformed": "invalid answers file: {detail}",
    "ans.item": "answer #{n} (line {line}): {detail}",
    "ans.not_pending": "decision '{event}' is not waiting for an answer at second {at}",
    "ans.unknown_event": "there is no event '{event}' in the scenario",
    "ans.unknown_choice": "decision '{event}' has no choice '{choice}'",
    "ans.unavailable": "choice '{choice}' of '{event}' is not available at second {at}",
    "ans.backwards": "time {at} is earlier than the previous answer",
    "ans.ended": "the run had already ended before second {at}",
    "ans.fields": "every answer needs at (a number), event and choice",
    "run.title": "Result: {title}",
    "run.mode_practice": "practice mode (speed not scored)",
    "run.col_event": "Decision",
    "run.col_outcome": "Outcome",
    "run.col_choice": "Choice",
    "run.col_time": "Time",
    "run.col_speed": "Speed",
    "run.col_accuracy": "Accuracy",
    "run.outcome.answered": "answered",
    "run.outcome.timed_out": "timed out",
    "run.outcome.expired": "expired",
    "run.critical": "RED LINE",
    "run.speed": "Speed",
    "run.accuracy": "Accuracy",
    "run.impact": "Impact",
    "run.total": "Total",
    "run.band": "Band",
    "run.passed": "PASSED",
    "run.failed": "NOT PASSED",
    "run.ending": "Ending",
    "run.pass_mark": "pass mark {mark}",
    "run.critical_note": "A red-line choice was taken: the total is capped and the run cannot pass.",
    "list.header": "Bundled scenarios",
    "list.decisions": "{n} decisions",
    "list.minutes": "about {n} minutes",
    "list.invalid": "scenario has errors ({n}): run 'simulasi check {path}'",
    "list.none": "No scenario found.",
    "list.hint": "Check a scenario: simulasi check FILE   ·   Play headless: simulasi run FILE --answers ANSWERS.yaml",
    "check.summary": "{files} file(s) checked: {errors} error(s), {warnings} warning(s).",
}

CATALOGUES = {"id": ID, "en": EN}


def t(key: str, lang: str = "id", **params: Any) -> str:
    """The text of `key` in `lang`, with its parameters filled."""
    text = CATALOGUES.get(lang, ID).get(key) or ID.get(key) or key
    return text.format(**params) if params else text


def detect_lang(argv: Sequence[str]) -> str:
    """`--lang en` / `--lang=en` on the command line, else $SIMULASI_LANG, else Indonesian."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGS:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGS:
            return arg[7:]
    env = os.environ.get("SIMULASI_LANG", "")
    return env if env in LANGS else "id"
