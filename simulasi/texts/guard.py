"""Texts of the guards against hostile or broken input: limits, refused targets, the game's
exit contract, and paraphrases of the YAML parser's own (English) phrases."""

from __future__ import annotations

ID: dict[str, str] = {
    "guard.not_regular_target": "bukan berkas biasa (perangkat, fifo, folder atau symlink); "
    "tidak akan diganti",
    "guard.not_regular_source": "bukan berkas biasa (perangkat, fifo atau folder)",
    "guard.too_large": "berkas terlalu besar ({size} bita; batas {limit} bita)",
    "guard.not_utf8": "berkas tidak tersimpan sebagai teks UTF-8",
    "guard.os.denied": "akses ditolak",
    "guard.os.missing": "tidak ditemukan",
    "guard.os.folder": "ini folder, bukan berkas",
    "guard.os.not_folder": "bagian jalurnya bukan folder",
    "guard.os.full": "disk penuh",
    "guard.os.read_only": "media hanya-baca",
    "guard.os.io": "kesalahan baca/tulis pada disk",
    # answers files: details of a malformed one
    "ans.at": "baris {line}, kolom {col}: {detail}",
    "ans.d.unknown_keys": "kunci tidak dikenal: {keys} (yang boleh: answers, practice)",
    "ans.d.practice": "practice harus true atau false",
    "ans.d.top": "isinya harus pasangan kunci dengan 'answers:' (atau daftar jawaban)",
    "ans.d.list": "'answers' harus berupa daftar",
    # bundles that cannot be read (nothing is changed)
    "guard.bundle.too_large": "simulasi: bundel {path} terlalu besar ({size} bita; batas {limit} "
    "bita); tidak ada yang diubah.",
    "guard.bundle.not_regular": "simulasi: {path} bukan berkas biasa (perangkat, fifo atau "
    "folder), jadi bukan bundel; tidak ada yang diubah.",
    "guard.bundle.not_utf8": "simulasi: {path} bukan bundel simulasi yang valid (bukan teks "
    "UTF-8); tidak ada yang diubah.",
    "guard.bundle.not_json": "simulasi: {path} bukan bundel simulasi yang valid (JSON rusak di "
    "baris {line}, kolom {col}); tidak ada yang diubah.",
    "guard.bundle.number": "simulasi: {path} bukan bundel simulasi yang valid (ada angka yang "
    "terlalu panjang atau tidak terhingga); tidak ada yang diubah.",
    "guard.bundle.too_deep": "simulasi: {path} bukan bundel simulasi yang valid (bersarang "
    "terlalu dalam); tidak ada yang diubah.",
    # the engine's refusals, when a stored log is replayed (by code)
    "guard.engine.no_start": "log tidak diawali catatan mulai",
    "guard.engine.mismatch": "log tidak cocok dengan skenarionya (diubah, terpotong, atau dari skenario lain)",
    "guard.engine.time_backwards": "waktunya mundur",
    "guard.engine.ended": "run sudah berakhir",
    "guard.engine.not_started": "run belum dimulai",
    "guard.engine.already_started": "run sudah dimulai",
    "guard.engine.bad_time": "waktunya bukan angka",
    "guard.engine.unknown_event": "ada peristiwa yang tidak dikenal skenario",
    "guard.engine.not_pending": "ada jawaban untuk keputusan yang tidak sedang menunggu",
    "guard.engine.unknown_choice": "ada pilihan yang tidak dikenal skenario",
    "guard.engine.choice_unavailable": "ada pilihan yang saat itu tidak tersedia",
    "guard.engine.other": "log tidak bisa diputar ulang",
}

EN: dict[str, str] = {
    "guard.not_regular_target": "not a regular file (a device, fifo, folder or symlink); "
    "it is not replaced",
    "guard.not_regular_source": "not a regular file (a device, fifo or folder)",
    "guard.too_large": "file too large ({size} bytes; limit {limit} bytes)",
    "guard.not_utf8": "the file is not saved as UTF-8 text",
    "guard.os.denied": "permission denied",
    "guard.os.missing": "not found",
    "guard.os.folder": "this is a folder, not a file",
    "guard.os.not_folder": "part of the path is not a folder",
    "guard.os.full": "the disk is full",
    "guard.os.read_only": "read-only medium",
    "guard.os.io": "a read/write error of the disk",
    "ans.at": "line {line}, column {col}: {detail}",
    "ans.d.unknown_keys": "unknown key(s): {keys} (allowed: answers, practice)",
    "ans.d.practice": "practice must be true or false",
    "ans.d.top": "expected a mapping with 'answers:' (or a list of answers)",
    "ans.d.list": "'answers' must be a list",
    "guard.bundle.too_large": "simulasi: bundle {path} is too large ({size} bytes; limit "
    "{limit} bytes); nothing was changed.",
    "guard.bundle.not_regular": "simulasi: {path} is not a regular file (a device, fifo or "
    "folder), so not a bundle; nothing was changed.",
    "guard.bundle.not_utf8": "simulasi: {path} is not a valid simulasi bundle (not UTF-8 "
    "text); nothing was changed.",
    "guard.bundle.not_json": "simulasi: {path} is not a valid simulasi bundle (broken JSON at "
    "line {line}, column {col}); nothing was changed.",
    "guard.bundle.number": "simulasi: {path} is not a valid simulasi bundle (a number is too "
    "long or not finite); nothing was changed.",
    "guard.bundle.too_deep": "simulasi: {path} is not a valid simulasi bundle (nested too "
    "deeply); nothing was changed.",
    "guard.engine.no_start": "the log does not begin with a start record",
    "guard.engine.mismatch": "the log does not match its scenario (edited, truncated, or of another scenario)",
    "guard.engine.time_backwards": "its time goes backwards",
    "guard.engine.ended": "the run had already ended",
    "guard.engine.not_started": "the run had not started",
    "guard.engine.already_started": "the run had already started",
    "guard.engine.bad_time": "a time is not a number",
    "guard.engine.unknown_event": "an event the scenario does not know",
    "guard.engine.not_pending": "an answer to a decision that was not waiting",
    "guard.engine.unknown_choice": "a choice the scenario does not know",
    "guard.engine.choice_unavailable": "a choice that was not available then",
    "guard.engine.other": "the log does not replay",
}
