"""Diagnostic messages in Bahasa Indonesia (default) and English.

Each message says what is wrong and how to fix it, in words a facilitator who is not a
programmer understands. Keys are stable; parameters are filled with `str.format`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_TYPES = {
    "id": {
        "text": "teks",
        "number": "angka",
        "integer": "bilangan bulat",
        "bool": "true/false",
        "mapping": "pasangan kunci: nilai",
        "list": "daftar",
        "num": "angka",
        "bool_t": "true/false",
        "value": "sebuah nilai (angka, nama, true/false atau kurung buka)",
        "event_id": "id peristiwa",
        "choice_id": "id pilihan",
        "dot_choice": "titik, seperti chosen(peristiwa.pilihan)",
    },
    "en": {
        "text": "text",
        "number": "a number",
        "integer": "a whole number",
        "bool": "true/false",
        "mapping": "a mapping of key: value",
        "list": "a list",
        "num": "a number",
        "bool_t": "true/false",
        "value": "a value (a number, a name, true/false or an opening parenthesis)",
        "event_id": "an event id",
        "choice_id": "a choice id",
        "dot_choice": "a dot, as in chosen(event.choice)",
    },
}

MESSAGES: dict[str, dict[str, str]] = {
    # --- reading the file (SIM100, SIM101, SIM107, SIM108)
    "syntax": {
        "id": "YAML tidak valid: {problem}. Periksa indentasi, titik dua dan tanda kutip di sekitar baris ini.",
        "en": "invalid YAML: {problem}. Check indentation, colons and quotes around this line.",
    },
    "several_documents": {
        "id": "berkas berisi lebih dari satu dokumen YAML (---); satu berkas hanya untuk satu skenario.",
        "en": "the file holds more than one YAML document (---); one file is one scenario.",
    },
    "duplicate_key": {
        "id": "kunci '{key}' ditulis dua kali (pertama di baris {line}); hapus atau gabungkan salah satunya.",
        "en": "key '{key}' appears twice (first on line {line}); remove or merge one of them.",
    },
    "too_large": {
        "id": "berkas terlalu besar ({size} bita; batas {limit} bita). Pecah skenario atau hapus isi yang tidak perlu.",
        "en": "file too large ({size} bytes; limit {limit} bytes). Split the scenario or remove unneeded content.",
    },
    "too_deep": {
        "id": "struktur bersarang terlalu dalam (lebih dari {limit} tingkat).",
        "en": "nesting too deep (more than {limit} levels).",
    },
    "too_many_aliases": {
        "id": "alias YAML (*nama) dipakai terlalu banyak (lebih dari {limit} kali setelah diurai); tulis nilainya langsung.",
        "en": "YAML aliases (*name) expand too much (more than {limit} uses); write the values out.",
    },
    "recursive_alias": {
        "id": "alias *{anchor} merujuk jangkar yang belum didefinisikan atau memuat dirinya sendiri.",
        "en": "alias *{anchor} refers to an anchor that is not defined before it, or contains itself.",
    },
    "binary": {
        "id": "berkas ini bukan teks (berisi bita NUL); simpan skenario sebagai teks UTF-8.",
        "en": "this file is not text (it contains NUL bytes); save the scenario as UTF-8 text.",
    },
    "not_utf8": {
        "id": "berkas tidak tersimpan sebagai UTF-8; simpan ulang dengan pengodean UTF-8.",
        "en": "the file is not saved as UTF-8; save it again with UTF-8 encoding.",
    },
    "number_too_long": {
        "id": "angka terlalu panjang ({digits} digit; paling banyak {limit}). Jika ini teks, beri tanda kutip.",
        "en": "number too long ({digits} digits; at most {limit}). If it is text, put it in quotes.",
    },
    "not_printable": {
        "id": "berkas berisi karakter kendali yang tidak boleh ada dalam teks ({problem}).",
        "en": "the file contains a control character that text may not hold ({problem}).",
    },
    "tag": {
        "id": "tag YAML {tag} tidak diizinkan: skenario hanya berisi data biasa.",
        "en": "YAML tag {tag} is not allowed: a scenario holds plain data only.",
    },
    "tag_value": {
        "id": "nilai '{value}' tidak cocok dengan tag {tag}.",
        "en": "value '{value}' does not match tag {tag}.",
    },
    "complex_key": {
        "id": "kunci harus berupa teks sederhana, bukan daftar atau pemetaan.",
        "en": "keys must be plain text, not lists or mappings.",
    },
    # --- shape (SIM102-SIM106, SIM400)
    "empty_file": {
        "id": "berkas kosong; skenario butuh setidaknya format, id, title, summary, briefing, stakeholders, events dan endings.",
        "en": "empty file; a scenario needs at least format, id, title, summary, briefing, stakeholders, events and endings.",
    },
    "not_a_mapping": {
        "id": "tingkat teratas skenario harus berupa pasangan kunci: nilai (mis. 'format: simulasi/1').",
        "en": "the top level of a scenario must be key: value pairs (e.g. 'format: simulasi/1').",
    },
    "unknown_key": {
        "id": "kunci '{key}' tidak dikenal di sini. Kunci yang boleh: {allowed}.",
        "en": "unknown key '{key}' here. Allowed keys: {allowed}.",
    },
    "unknown_key_hint": {
        "id": "kunci '{key}' tidak dikenal di sini; maksudnya '{hint}'?",
        "en": "unknown key '{key}' here; did you mean '{hint}'?",
    },
    "missing_key": {
        "id": "kunci wajib '{key}' tidak ada di {where}; tambahkan.",
        "en": "required key '{key}' is missing in {where}; add it.",
    },
    "missing_top_key": {
        "id": "kunci wajib '{key}' tidak ada di tingkat teratas berkas; tambahkan.",
        "en": "required key '{key}' is missing at the top level of the file; add it.",
    },
    "quoted_bool": {
        "id": "'{value}' ditulis di antara tanda kutip, jadi dibaca sebagai teks, bukan true/false; hapus tanda kutipnya: {value}.",
        "en": "'{value}' is written in quotes, so it is text, not true/false; remove the quotes: {value}.",
    },
    "quoted_number": {
        "id": "'{value}' ditulis di antara tanda kutip, jadi dibaca sebagai teks, bukan {expected}; hapus tanda kutipnya: {value}.",
        "en": "'{value}' is written in quotes, so it is text, not {expected}; remove the quotes: {value}.",
    },
    "wrong_type": {
        "id": "nilai '{value}' bertipe salah: di sini harus {expected}.",
        "en": "value '{value}' has the wrong type: {expected} is expected here.",
    },
    "not_one_of": {
        "id": "nilai '{value}' tidak diizinkan; pilih salah satu dari: {expected}.",
        "en": "value '{value}' is not allowed; use one of: {expected}.",
    },
    "range_gt": {
        "id": "nilai {value} harus lebih dari {limit}.",
        "en": "value {value} must be greater than {limit}.",
    },
    "range_ge": {
        "id": "nilai {value} tidak boleh kurang dari {limit}.",
        "en": "value {value} must be at least {limit}.",
    },
    "range_lt": {
        "id": "nilai {value} harus kurang dari {limit}.",
        "en": "value {value} must be less than {limit}.",
    },
    "range_le": {
        "id": "nilai {value} tidak boleh lebih dari {limit}.",
        "en": "value {value} must be at most {limit}.",
    },
    "too_short": {
        "id": "daftar ini harus berisi sedikitnya {min} butir.",
        "en": "this list must hold at least {min} item(s).",
    },
    "bad_clock": {
        "id": 'jam \'{value}\' tidak valid; tulis sebagai "HH:MM", mis. "07:00".',
        "en": 'clock time \'{value}\' is invalid; write it as "HH:MM", e.g. "07:00".',
    },
    "invalid_value": {
        "id": "nilai '{value}' tidak valid di sini.",
        "en": "value '{value}' is not valid here.",
    },
    "invalid_id": {
        "id": "id '{value}' tidak valid: pakai huruf kecil, angka dan garis bawah, diawali huruf (mis. 'hoaks_viral'), dan bukan kata and/or/not/true/false/visited/chosen/timed_out.",
        "en": "id '{value}' is invalid: use lower-case letters, digits and underscores, starting with a letter (e.g. 'hoaks_viral'), and not one of and/or/not/true/false/visited/chosen/timed_out.",
    },
    "invalid_scenario_id": {
        "id": "id skenario '{value}' tidak valid: pakai huruf kecil, angka dan tanda hubung (mis. 'hoaks-vaksin-mr').",
        "en": "scenario id '{value}' is invalid: use lower-case letters, digits and hyphens (e.g. 'hoaks-vaksin-mr').",
    },
    "invalid_duration": {
        "id": 'durasi \'{value}\' tidak valid; tulis detik sebagai angka (90) atau teks "90s", "5m", "1m30s".',
        "en": 'invalid duration \'{value}\'; write seconds as a number (90) or as "90s", "5m", "1m30s".',
    },
    "duration_not_positive": {
        "id": "durasi {key} harus lebih dari 0 detik (sekarang {value}).",
        "en": "duration {key} must be more than 0 seconds (it is {value}).",
    },
    "duration_negative": {
        "id": "waktu {key} tidak boleh negatif (sekarang {value}).",
        "en": "time {key} cannot be negative (it is {value}).",
    },
    # --- ids and references (SIM105, SIM200)
    "duplicate_id": {
        "id": "id '{id}' sudah dipakai di baris {line}; id peristiwa, akhir, pemangku kepentingan, flag dan kriteria harus unik bersama.",
        "en": "id '{id}' is already used on line {line}; event, ending, stakeholder, flag and criterion ids must be unique together.",
    },
    "duplicate_choice": {
        "id": "pilihan '{id}' muncul dua kali di peristiwa '{event}' (pertama di baris {line}).",
        "en": "choice '{id}' appears twice in event '{event}' (first on line {line}).",
    },
    "unknown_stakeholder": {
        "id": "pemangku kepentingan '{name}' tidak ada di stakeholders; periksa ejaan atau tambahkan.",
        "en": "stakeholder '{name}' is not declared in stakeholders; check the spelling or add it.",
    },
    "unknown_flag": {
        "id": "flag '{name}' tidak ada di flags; periksa ejaan atau tambahkan.",
        "en": "flag '{name}' is not declared in flags; check the spelling or add it.",
    },
    "unknown_criterion": {
        "id": "kriteria '{name}' tidak ada di criteria; periksa ejaan atau tambahkan.",
        "en": "criterion '{name}' is not declared in criteria; check the spelling or add it.",
    },
    "unknown_event": {
        "id": "peristiwa '{name}' tidak ada di events; periksa ejaan.",
        "en": "event '{name}' does not exist in events; check the spelling.",
    },
    "unknown_ending": {
        "id": "akhir '{name}' tidak ada di endings; periksa ejaan.",
        "en": "ending '{name}' does not exist in endings; check the spelling.",
    },
    "unknown_stakeholder_hint": {
        "id": "pemangku kepentingan '{name}' tidak ada di stakeholders; maksudnya '{hint}'?",
        "en": "stakeholder '{name}' is not declared in stakeholders; did you mean '{hint}'?",
    },
    "unknown_flag_hint": {
        "id": "flag '{name}' tidak ada di flags; maksudnya '{hint}'?",
        "en": "flag '{name}' is not declared in flags; did you mean '{hint}'?",
    },
    "unknown_criterion_hint": {
        "id": "kriteria '{name}' tidak ada di criteria; maksudnya '{hint}'?",
        "en": "criterion '{name}' is not declared in criteria; did you mean '{hint}'?",
    },
    "unknown_event_hint": {
        "id": "peristiwa '{name}' tidak ada di events; maksudnya '{hint}'?",
        "en": "event '{name}' does not exist in events; did you mean '{hint}'?",
    },
    "unknown_ending_hint": {
        "id": "akhir '{name}' tidak ada di endings; maksudnya '{hint}'?",
        "en": "ending '{name}' does not exist in endings; did you mean '{hint}'?",
    },
    "next_is_ending": {
        "id": "'{name}' adalah akhir, bukan peristiwa: 'next' hanya memunculkan peristiwa. Untuk mengakhiri permainan di sini tulis 'end: {name}'.",
        "en": "'{name}' is an ending, not an event: 'next' only brings events. To end the run here write 'end: {name}'.",
    },
    "end_is_event": {
        "id": "'{name}' adalah peristiwa, bukan akhir: 'end' hanya menyebut akhir. Untuk memunculkan peristiwa ini tulis 'next: {name}'.",
        "en": "'{name}' is an event, not an ending: 'end' only names endings. To bring this event write 'next: {name}'.",
    },
    # --- events, choices, flags, scoring (SIM103, SIM104)
    "update_has_decision_key": {
        "id": "'{key_name}' hanya untuk keputusan (peristiwa dengan choices); '{event}' adalah pembaruan. Tambahkan choices atau hapus kunci ini.",
        "en": "'{key_name}' is only for decisions (events with choices); '{event}' is an update. Add choices or remove this key.",
    },
    "decision_has_update_key": {
        "id": "'{key_name}' di tingkat peristiwa hanya untuk pembaruan; pada keputusan '{event}' letakkan di sebuah pilihan atau di on_timeout.",
        "en": "'{key_name}' at event level is only for updates; in decision '{event}' put it on a choice or on on_timeout.",
    },
    "missing_deadline": {
        "id": "keputusan '{event}' butuh 'deadline' (batas waktu menjawab, mis. 300 atau \"5m\").",
        "en": "decision '{event}' needs a 'deadline' (time to answer, e.g. 300 or \"5m\").",
    },
    "missing_on_timeout": {
        "id": "keputusan '{event}' butuh 'on_timeout': apa yang terjadi bila tidak dijawab tepat waktu.",
        "en": "decision '{event}' needs 'on_timeout': what happens when it is not answered in time.",
    },
    "no_choices": {
        "id": "keputusan '{event}' tidak punya pilihan; tambahkan sedikitnya satu pilihan atau hapus 'choices' agar menjadi pembaruan.",
        "en": "decision '{event}' has no choices; add at least one, or remove 'choices' to make it an update.",
    },
    "choice_unrated": {
        "id": "pilihan '{choice}' butuh salah satu dari rating, accuracy atau rubric.",
        "en": "choice '{choice}' needs one of rating, accuracy or rubric.",
    },
    "choice_rated_twice": {
        "id": "pilihan '{choice}' memakai lebih dari satu penilaian ({kinds}); pakai satu saja.",
        "en": "choice '{choice}' uses more than one rating ({kinds}); keep only one.",
    },
    "unknown_rating": {
        "id": "rating '{rating}' tidak dikenal; pakai salah satu dari: {allowed}.",
        "en": "unknown rating '{rating}'; use one of: {allowed}.",
    },
    "empty_rubric": {
        "id": "rubric pilihan '{choice}' kosong; nilai sedikitnya satu kriteria.",
        "en": "the rubric of choice '{choice}' is empty; rate at least one criterion.",
    },
    "rubric_value": {
        "id": "nilai rubric {value} tidak diizinkan; pakai 0, 0.33, 0.67 atau 1.",
        "en": "rubric value {value} is not allowed; use 0, 0.33, 0.67 or 1.",
    },
    "bool_flag_bound": {
        "id": "flag '{flag}' bertipe bool tidak punya min/max; hapus kunci ini atau ubah type menjadi int.",
        "en": "bool flag '{flag}' has no min/max; remove this key or make the type int.",
    },
    "flag_value_type": {
        "id": "flag '{flag}' bertipe {type}, tetapi nilainya '{value}'.",
        "en": "flag '{flag}' is of type {type}, but the value is '{value}'.",
    },
    "flag_out_of_range": {
        "id": "nilai {value} di luar batas flag '{flag}' (min {min}, max {max}).",
        "en": "value {value} is outside the bounds of flag '{flag}' (min {min}, max {max}).",
    },
    "flag_min_max": {
        "id": "flag '{flag}': min lebih besar dari max.",
        "en": "flag '{flag}': min is greater than max.",
    },
    "add_to_bool": {
        "id": "'add' hanya untuk flag int; flag '{flag}' bertipe bool, pakai 'set'.",
        "en": "'add' is only for int flags; flag '{flag}' is bool, use 'set'.",
    },
    "last_band_min": {
        "id": "band terakhir harus punya 'min: 0' agar setiap nilai mendapat predikat.",
        "en": "the last band must have 'min: 0' so that every total gets a label.",
    },
    "weights_zero": {
        "id": "bobot accuracy dan impact tidak boleh keduanya 0.",
        "en": "the accuracy and impact weights cannot both be 0.",
    },
    # --- endings and reachability (SIM201-SIM205)
    "no_fallback": {
        "id": "setiap akhir punya 'when'; tambahkan satu akhir tanpa 'when' sebagai cadangan bila tidak ada syarat yang terpenuhi.",
        "en": "every ending has a 'when'; add one ending without 'when' as the fallback when no condition holds.",
    },
    "event_unreachable": {
        "id": "peristiwa '{event}' tidak akan pernah datang: tidak punya 'at' dan tidak disebut di 'next' mana pun.",
        "en": "event '{event}' can never arrive: it has no 'at' and no 'next' names it.",
    },
    "event_named_by_unreachable": {
        "id": "peristiwa '{event}' tidak akan pernah datang: tidak punya 'at', dan hanya disebut 'next' di {namers}, yang tidak pernah terjadi (peristiwa yang tidak datang, atau pilihan yang syaratnya tidak pernah terpenuhi).",
        "en": "event '{event}' can never arrive: it has no 'at', and only the 'next' of {namers} names it, which never happens (an event that never arrives, or a choice whose condition never holds).",
    },
    "event_condition_never_holds": {
        "id": "peristiwa '{event}' tidak akan pernah datang: syarat 'when'-nya tidak pernah terpenuhi.",
        "en": "event '{event}' can never arrive: its 'when' condition never holds.",
    },
    "ending_second_fallback": {
        "id": "akhir '{ending}' tidak akan pernah tercapai: hanya akhir pertama tanpa 'when' ('{fallback}') yang menjadi cadangan, dan tidak ada 'end' yang menyebut '{ending}'. Beri syarat 'when' atau hapus.",
        "en": "ending '{ending}' can never be reached: only the first ending without 'when' ('{fallback}') is the fallback, and no 'end' names '{ending}'. Give it a 'when' or remove it.",
    },
    "ending_condition_never_holds": {
        "id": "akhir '{ending}' tidak akan pernah tercapai: syarat 'when'-nya tidak pernah terpenuhi dan tidak ada 'end' yang menyebutnya.",
        "en": "ending '{ending}' can never be reached: its 'when' never holds and no 'end' names it.",
    },
    "ending_after_always": {
        "id": "akhir '{ending}' tidak akan pernah tercapai: syarat akhir '{other}' di atasnya selalu terpenuhi, jadi '{other}' selalu dipilih lebih dulu.",
        "en": "ending '{ending}' can never be reached: the condition of '{other}' above it always holds, so '{other}' is always chosen first.",
    },
    "ending_shadowed": {
        "id": "akhir '{ending}' tidak akan pernah tercapai: setiap kali syaratnya terpenuhi, syarat akhir {others} di atasnya juga terpenuhi, dan akhir dipilih menurut urutan berkas. Pindahkan '{ending}' ke atas atau perketat syarat di atasnya.",
        "en": "ending '{ending}' can never be reached: whenever its condition holds, the condition of {others} above it holds too, and endings are tried in file order. Move '{ending}' up or narrow the condition above it.",
    },
    "all_choices_conditional": {
        "id": "semua pilihan keputusan '{event}' punya 'when'; bila tak satu pun terpenuhi peserta hanya bisa menunggu batas waktu. Sediakan satu pilihan tanpa syarat.",
        "en": "every choice of decision '{event}' has a 'when'; if none holds the trainee can only wait for the timeout. Add one unconditional choice.",
    },
    # --- expressions (SIM300-SIM303, SIM200)
    "expr_empty": {"id": "syarat kosong.", "en": "empty condition."},
    "expr_bad_number": {
        "id": "'{text}' bukan angka yang valid; hanya bilangan bulat tak negatif.",
        "en": "'{text}' is not a valid number; only non-negative whole numbers.",
    },
    "expr_single_equals": {
        "id": "gunakan '==' untuk membandingkan, bukan '='.",
        "en": "use '==' to compare, not '='.",
    },
    "expr_c_operator": {
        "id": "'{text}' tidak dikenal; pakai 'and', 'or', 'not' atau '!='.",
        "en": "'{text}' is not known; use 'and', 'or', 'not' or '!='.",
    },
    "expr_bad_char": {
        "id": "karakter '{char}' tidak dikenal di sini.",
        "en": "character '{char}' is not known here.",
    },
    "expr_unexpected_end": {
        "id": "syarat berhenti terlalu cepat; di sini diharapkan {expected}.",
        "en": "the condition ends too early; {expected} was expected here.",
    },
    "expr_unexpected": {
        "id": "'{token}' tidak diharapkan di sini; diharapkan {expected}.",
        "en": "unexpected '{token}'; {expected} was expected here.",
    },
    "expr_chained": {
        "id": "perbandingan tidak bisa dirangkai (a < b < c); tulis 'a < b and b < c'.",
        "en": "comparisons do not chain (a < b < c); write 'a < b and b < c'.",
    },
    "expr_unknown_name": {
        "id": "nama '{name}' tidak dikenal; yang boleh: id pemangku kepentingan atau flag. Untuk peristiwa pakai visited({name}).",
        "en": "unknown name '{name}'; use a stakeholder or flag id. For events use visited({name}).",
    },
    "expr_unknown_event": {
        "id": "peristiwa '{name}' tidak ada di events.",
        "en": "event '{name}' does not exist in events.",
    },
    "expr_unknown_name_hint": {
        "id": "nama '{name}' tidak dikenal; maksudnya '{hint}'?",
        "en": "unknown name '{name}'; did you mean '{hint}'?",
    },
    "expr_name_is_event": {
        "id": "'{name}' adalah peristiwa, bukan angka atau true/false; tulis visited({name}) (sudah datang), chosen({name}.pilihan) atau timed_out({name}).",
        "en": "'{name}' is an event, not a number or true/false; write visited({name}) (it arrived), chosen({name}.choice) or timed_out({name}).",
    },
    "expr_name_is_ending": {
        "id": "'{name}' adalah akhir; syarat tidak bisa membaca akhir (akhir dipilih setelah permainan selesai). Pakai id pemangku kepentingan, flag, atau visited(...)/chosen(...).",
        "en": "'{name}' is an ending; conditions cannot read endings (the ending is chosen once the run is over). Use a stakeholder or flag id, or visited(...)/chosen(...).",
    },
    "expr_unknown_event_hint": {
        "id": "peristiwa '{name}' tidak ada di events; maksudnya '{hint}'?",
        "en": "event '{name}' does not exist in events; did you mean '{hint}'?",
    },
    "expr_unknown_choice_hint": {
        "id": "keputusan '{event}' tidak punya pilihan '{name}'; maksudnya '{hint}'?",
        "en": "decision '{event}' has no choice '{name}'; did you mean '{hint}'?",
    },
    "expr_not_decision": {
        "id": "{func}({name}) butuh keputusan (peristiwa dengan choices); '{name}' adalah pembaruan.",
        "en": "{func}({name}) needs a decision (an event with choices); '{name}' is an update.",
    },
    "expr_unknown_choice": {
        "id": "keputusan '{event}' tidak punya pilihan '{name}'.",
        "en": "decision '{event}' has no choice '{name}'.",
    },
    "expr_type_not": {
        "id": "'not' hanya untuk nilai true/false, bukan {got}; bandingkan dulu, mis. 'rilis == 0'.",
        "en": "'not' takes true/false only, not {got}; compare first, e.g. 'rilis == 0'.",
    },
    "expr_type_-": {
        "id": "tanda minus hanya untuk angka, bukan {got}.",
        "en": "minus takes a number, not {got}.",
    },
    "expr_type_logic": {
        "id": "'{op}' hanya menggabungkan nilai true/false; bandingkan angka lebih dulu (mis. 'warga >= 60').",
        "en": "'{op}' joins true/false values only; compare numbers first (e.g. 'warga >= 60').",
    },
    "expr_type_arith": {
        "id": "'{op}' hanya untuk angka.",
        "en": "'{op}' takes numbers only.",
    },
    "expr_type_compare": {
        "id": "'{op}' membandingkan {left} dengan {right}; kedua sisi harus bertipe sama.",
        "en": "'{op}' compares {left} with {right}; both sides must have the same type.",
    },
    "expr_type_order": {
        "id": "'{op}' tidak bisa dipakai untuk true/false; pakai '==' atau '!='.",
        "en": "'{op}' cannot order true/false values; use '==' or '!='.",
    },
    "expr_not_condition": {
        "id": "syarat harus bernilai true/false, bukan angka; tambahkan perbandingan (mis. 'warga >= 60').",
        "en": "a condition must be true/false, not a number; add a comparison (e.g. 'warga >= 60').",
    },
    "constant_condition": {
        "id": "syarat ini selalu {value}, apa pun yang terjadi; periksa angka atau namanya.",
        "en": "this condition is always {value}, whatever happens; check its numbers or names.",
    },
    "condition_never_holds": {
        "id": "syarat ini tidak pernah terpenuhi: '{first}' dan '{second}' tidak bisa benar bersamaan; periksa angka, nama, atau 'and' yang mungkin maksudnya 'or'.",
        "en": "this condition can never hold: '{first}' and '{second}' cannot both be true; check its numbers, names, or an 'and' that may be meant as 'or'.",
    },
    # --- timing (SIM401, SIM402)
    "golden_after_deadline": {
        "id": "golden ({golden} dt) lebih lama dari deadline ({deadline} dt) di '{event}'; golden harus <= deadline.",
        "en": "golden ({golden} s) is longer than the deadline ({deadline} s) in '{event}'; golden must be <= deadline.",
    },
    "deadline_too_short": {
        "id": "deadline '{event}' ({deadline} dt) lebih pendek dari waktu membaca {words} kata (~{needed} dt); perpanjang deadline atau ringkas teksnya.",
        "en": "the deadline of '{event}' ({deadline} s) is shorter than the time to read its {words} words (~{needed} s); lengthen it or shorten the text.",
    },
    # --- teaching quality (SIM500-SIM506)
    "choice_without_feedback": {
        "id": "pilihan '{choice}' di '{event}' tidak punya feedback; debrief perlu menjelaskan mengapa pilihan ini tepat atau keliru.",
        "en": "choice '{choice}' in '{event}' has no feedback; the debrief needs to say why it is right or wrong.",
    },
    "timeout_without_feedback": {
        "id": "on_timeout di '{event}' tidak punya feedback; jelaskan akibat diam di debrief.",
        "en": "on_timeout in '{event}' has no feedback; explain the cost of silence in the debrief.",
    },
    "no_best_choice": {
        "id": "keputusan '{event}' tidak punya pilihan terbaik (rating best, accuracy penuh, atau rubric bernilai 1 semua); debrief butuh jawaban teladan.",
        "en": "decision '{event}' has no best choice (rating best, full accuracy, or a rubric of all 1); the debrief needs a model answer.",
    },
    "best_choice_mostly_longest": {
        "id": "pilihan terbaik adalah pilihan terpanjang (jumlah kata) di {count} dari {total} keputusan; peserta bisa lulus hanya dengan memilih jawaban terpanjang. Ringkas jawaban terbaik yang sederhana, atau tulis pengecoh yang panjang dan meyakinkan.",
        "en": "the best choice is the longest (in words) in {count} of {total} decisions; a trainee could pass by always taking the longest answer. Shorten best answers where the right move is simple, or write long, convincing distractors.",
    },
    "best_choice_much_longer": {
        "id": "pilihan terbaik '{choice}' di '{event}' ({words} kata) lebih dari dua kali panjang pilihan lain mana pun (paling panjang {other} kata); panjangnya membocorkan jawaban. Ringkas atau panjangkan pengecohnya.",
        "en": "the best choice '{choice}' in '{event}' ({words} words) is more than twice as long as any other choice (at most {other} words); its length gives it away. Shorten it or lengthen the distractors.",
    },
    "flag_never_read": {
        "id": "flag '{flag}' tidak pernah dibaca di syarat 'when' mana pun.",
        "en": "flag '{flag}' is never read in any 'when' condition.",
    },
    "flag_never_set": {
        "id": "flag '{flag}' tidak pernah diubah oleh 'set' atau 'add'; syarat yang membacanya selalu sama.",
        "en": "flag '{flag}' is never changed by 'set' or 'add'; conditions reading it never change.",
    },
    "stakeholder_unaffected": {
        "id": "pemangku kepentingan '{stakeholder}' tidak pernah dipengaruhi oleh pilihan, pembaruan atau drift mana pun.",
        "en": "stakeholder '{stakeholder}' is never affected by any choice, update or drift.",
    },
    "rubric_sets_differ": {
        "id": "pilihan-pilihan di '{event}' menilai kriteria yang berbeda ({first} vs {other}); nilai kriteria yang sama agar adil.",
        "en": "the choices of '{event}' rate different criteria ({first} vs {other}); rate the same ones so the comparison is fair.",
    },
}


def render(key: str, params: Mapping[str, Any], lang: str = "id") -> str:
    """The message `key` in `lang` (falls back to Indonesian), with its parameters filled."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    template = entry.get(lang) or entry["id"]
    names = _TYPES.get(lang, _TYPES["id"])
    filled = {
        k: (
            names.get(v, v)
            if k in ("expected", "got", "left", "right") and isinstance(v, str)
            else _show(v)
        )
        for k, v in params.items()
    }
    try:
        return template.format(**filled)
    except (KeyError, IndexError, ValueError):
        return template


def _show(value: Any) -> Any:
    if value is None:
        return "-"
    if value is True or value is False:
        return "true" if value else "false"  # as the scenario writes it, not Python's True
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# --- the YAML parser's own phrases (libyaml speaks English): paraphrased by kind, so that an
# Indonesian message holds no English fragment. Matched by a piece of the parser's phrase.
YAML_PROBLEMS: tuple[tuple[str, dict[str, str]], ...] = (
    (
        "mapping values are not allowed",
        {
            "id": "titik dua ':' tidak boleh di sini (teks yang memuat ': ' perlu tanda kutip, atau indentasinya keliru)",
            "en": "a ':' is not allowed here (text holding ': ' needs quotes, or the indentation is off)",
        },
    ),
    (
        "did not find expected key",
        {
            "id": "kunci yang diharapkan tidak ditemukan (indentasi tidak rata?)",
            "en": "the expected key was not found (uneven indentation?)",
        },
    ),
    (
        "did not find expected '-' indicator",
        {
            "id": "tanda '-' butir daftar yang diharapkan tidak ditemukan",
            "en": "the expected '-' of a list item was not found",
        },
    ),
    (
        "did not find expected ',' or ']'",
        {
            "id": "',' atau penutup ']' yang diharapkan tidak ditemukan",
            "en": "the expected ',' or closing ']' was not found",
        },
    ),
    (
        "did not find expected ',' or '}'",
        {
            "id": "',' atau penutup '}' yang diharapkan tidak ditemukan",
            "en": "the expected ',' or closing '}' was not found",
        },
    ),
    (
        "could not find expected ':'",
        {
            "id": "tanda ':' yang diharapkan tidak ditemukan",
            "en": "the expected ':' was not found",
        },
    ),
    (
        "did not find expected node content",
        {"id": "nilai yang diharapkan tidak ditemukan", "en": "the expected value was not found"},
    ),
    (
        "found unexpected end of stream",
        {
            "id": "berkas berakhir sebelum waktunya (tanda kutip atau kurung belum ditutup?)",
            "en": "the file ends too early (a quote or bracket left open?)",
        },
    ),
    (
        "found character that cannot start any token",
        {
            "id": "ada karakter yang tidak boleh mengawali nilai (tab, '@' atau '`'); beri tanda kutip atau pakai spasi",
            "en": "a character that cannot start a value (a tab, '@' or '`'); add quotes or use spaces",
        },
    ),
    (
        "found unknown escape character",
        {
            "id": "escape '\\' tidak dikenal di dalam tanda kutip ganda",
            "en": "an unknown '\\' escape inside double quotes",
        },
    ),
    (
        "tab character",
        {
            "id": "karakter tab dipakai untuk indentasi; pakai spasi",
            "en": "a tab is used for indentation; use spaces",
        },
    ),
    (
        "found undefined",
        {
            "id": "alias atau tag yang belum didefinisikan",
            "en": "an alias or tag that is not defined",
        },
    ),
    (
        "special characters are not allowed",
        {
            "id": "karakter kendali tidak boleh ada dalam teks",
            "en": "control characters are not allowed in text",
        },
    ),
    (
        "block sequence entries are not allowed",
        {
            "id": "butir daftar '- ' tidak boleh di sini (indentasi keliru?)",
            "en": "a list item '- ' is not allowed here (indentation off?)",
        },
    ),
)
_YAML_OTHER = {
    "id": "struktur YAML tidak bisa dibaca di sini",
    "en": "the YAML structure cannot be read here",
}


def yaml_problem(problem: str, lang: str = "id") -> str:
    """The parser's phrase `problem` in `lang`, paraphrased by its kind."""
    for piece, texts in YAML_PROBLEMS:
        if piece in problem:
            return texts.get(lang) or texts["id"]
    return _YAML_OTHER.get(lang) or _YAML_OTHER["id"]
