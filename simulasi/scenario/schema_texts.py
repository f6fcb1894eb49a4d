"""Hover help of the JSON Schema, in Bahasa Indonesia and English.

Keyed by the schema path of what they describe: `Model` for an object of the schema (the
`$defs` name, `ScenarioDoc` for the top level) and `Model.property` for one of its keys. A
test checks that every object and every property of the generated schema has an entry in
both languages, and that no entry describes something the schema no longer has.
"""

from __future__ import annotations

DESCRIPTIONS: dict[str, dict[str, str]] = {
    # --- the top level
    "ScenarioDoc": {
        "id": "Skenario latihan komunikasi krisis berformat simulasi/1.",
        "en": "A crisis-communication exercise scenario in the simulasi/1 format.",
    },
    "ScenarioDoc.format": {
        "id": "Wajib. Versi format berkas: selalu `simulasi/1`.",
        "en": "Required. The file format version: always `simulasi/1`.",
    },
    "ScenarioDoc.id": {
        "id": "Wajib. Id skenario: huruf kecil, angka dan tanda hubung, mis. `hoaks-vaksin-mr`. Dipakai di rekap hasil; jangan diubah setelah dipakai.",
        "en": "Required. The scenario id: lower-case letters, digits and hyphens, e.g. `hoaks-vaksin-mr`. Results are filed under it; do not change it once used.",
    },
    "ScenarioDoc.title": {
        "id": "Wajib. Judul skenario, tampil di daftar pilihan skenario dan di debrief.",
        "en": "Required. The scenario title, shown in the scenario picker and the debrief.",
    },
    "ScenarioDoc.summary": {
        "id": "Wajib. Ringkasan satu paragraf untuk daftar pilihan skenario.",
        "en": "Required. A one-paragraph summary for the scenario picker.",
    },
    "ScenarioDoc.language": {
        "id": "Bahasa teks skenario: `id` (bawaan) atau `en`.",
        "en": "Language of the scenario's text: `id` (default) or `en`.",
    },
    "ScenarioDoc.role": {
        "id": 'Peran yang dimainkan peserta, mis. "Kepala Bidang IKP, Diskominfo Kabupaten Sukamaju".',
        "en": 'The role the trainee plays, e.g. "Head of Public Communication, Sukamaju District".',
    },
    "ScenarioDoc.briefing": {
        "id": "Wajib. Pengarahan yang dibaca peserta sebelum waktu berjalan (Markdown).",
        "en": "Required. The briefing the trainee reads before the clock starts (Markdown).",
    },
    "ScenarioDoc.objectives": {
        "id": "Tujuan pembelajaran (opsional), tampil di pengarahan dan debrief.",
        "en": "Learning objectives (optional), shown in the briefing and the debrief.",
    },
    "ScenarioDoc.world_clock": {
        "id": "Jam cerita (opsional, hanya tampilan): jam di dunia cerita pada detik 0 skenario.",
        "en": "Story clock (optional, display only): the in-world time at scenario second 0.",
    },
    "ScenarioDoc.feedback": {
        "id": "Kapan umpan balik pilihan ditampilkan: `debrief` (bawaan, tanpa petunjuk selama bermain) atau `immediate` (langsung setelah menjawab).",
        "en": "When choice feedback is shown: `debrief` (default, no hints during play) or `immediate` (right after answering).",
    },
    "ScenarioDoc.stakeholders": {
        "id": "Wajib, sedikitnya satu. Pemangku kepentingan yang kepercayaannya (meter 0..100) harus dijaga peserta.",
        "en": "Required, at least one. The stakeholders whose trust (a 0..100 meter) the trainee must keep.",
    },
    "ScenarioDoc.criteria": {
        "id": "Kriteria rubrik ketepatan (opsional); pilihan dapat dinilai per kriteria dengan `rubric`.",
        "en": "Criteria of the accuracy rubric (optional); choices may rate themselves on them with `rubric`.",
    },
    "ScenarioDoc.flags": {
        "id": "Variabel keadaan (opsional) yang diubah oleh `set`/`add` dan dibaca oleh syarat `when`.",
        "en": "State variables (optional), changed by `set`/`add` and read by `when` conditions.",
    },
    "ScenarioDoc.scoring": {
        "id": "Aturan penilaian (opsional); kunci yang tidak ditulis memakai nilai bawaan.",
        "en": "Scoring rules (optional); keys left out take their defaults.",
    },
    "ScenarioDoc.events": {
        "id": "Wajib, sedikitnya satu. Inject: keputusan (dengan `choices`) atau pembaruan (tanpa `choices`).",
        "en": "Required, at least one. The injects: decisions (with `choices`) or updates (without).",
    },
    "ScenarioDoc.endings": {
        "id": "Wajib, sedikitnya satu. Akhir cerita; yang pertama (urutan berkas) dengan `when` terpenuhi dipilih, jika tidak ada: akhir pertama tanpa `when`.",
        "en": "Required, at least one. The endings; the first (file order) whose `when` holds is chosen, otherwise the first ending without `when`.",
    },
    # --- stakeholders
    "Stakeholder": {
        "id": "Pihak yang kepercayaannya harus dijaga; meternya bergerak dari 0 sampai 100.",
        "en": "A party whose trust the trainee must keep; its meter runs from 0 to 100.",
    },
    "Stakeholder.id": {
        "id": "Wajib. Id unik (huruf kecil, angka, _ ; diawali huruf). Di syarat `when` id ini adalah nilai meternya, mis. `warga >= 60`.",
        "en": "Required. A unique id (lower-case letters, digits, _; starting with a letter). In `when` conditions it is the meter's value, e.g. `warga >= 60`.",
    },
    "Stakeholder.name": {
        "id": "Nama yang tampil kepada peserta; bawaan: id-nya.",
        "en": "The name the trainee sees; default: the id.",
    },
    "Stakeholder.initial": {
        "id": "Nilai awal meter kepercayaan, 0..100; bawaan 50.",
        "en": "The trust meter's starting value, 0..100; default 50.",
    },
    "Stakeholder.power": {
        "id": "Kekuasaan (matriks Mendelow), 1..3; bawaan 1.",
        "en": "Power (Mendelow grid), 1..3; default 1.",
    },
    "Stakeholder.interest": {
        "id": "Kepentingan (matriks Mendelow), 1..3; bawaan 1.",
        "en": "Interest (Mendelow grid), 1..3; default 1.",
    },
    "Stakeholder.weight": {
        "id": "Bobot dalam skor dampak, > 0; bawaan power × interest.",
        "en": "Weight in the impact score, > 0; default power × interest.",
    },
    "Stakeholder.key": {
        "id": "Pemangku kepentingan kunci (berlaku batas bawah kepercayaan dalam penilaian); bawaan true bila bobot >= 6.",
        "en": "A key player (the trust floor of the scoring applies); default true when the weight is >= 6.",
    },
    "Stakeholder.description": {
        "id": "Keterangan untuk fasilitator (opsional).",
        "en": "A note for facilitators (optional).",
    },
    # --- criteria
    "Criterion": {
        "id": "Satu kriteria rubrik ketepatan.",
        "en": "One criterion of the accuracy rubric.",
    },
    "Criterion.id": {
        "id": "Wajib. Id unik kriteria, dipakai sebagai kunci `rubric` pada pilihan.",
        "en": "Required. The criterion's unique id, used as a key of a choice's `rubric`.",
    },
    "Criterion.name": {
        "id": "Nama kriteria yang tampil di debrief; bawaan: id-nya.",
        "en": "The criterion's name shown in the debrief; default: the id.",
    },
    "Criterion.weight": {
        "id": "Bobot kriteria dalam rata-rata rubrik, > 0; bawaan 1.",
        "en": "The criterion's weight in the rubric average, > 0; default 1.",
    },
    "Criterion.description": {
        "id": "Keterangan kriteria (opsional).",
        "en": "A description of the criterion (optional).",
    },
    # --- flags
    "Flag": {
        "id": "Variabel keadaan yang dibaca syarat: bool, atau int dengan batas opsional.",
        "en": "A state variable read by conditions: bool, or int with optional bounds.",
    },
    "Flag.id": {
        "id": "Wajib. Id unik flag; di syarat `when` bernilai isinya, mis. `not hoaks_viral` atau `rilis >= 2`.",
        "en": "Required. The flag's unique id; in `when` conditions it is its value, e.g. `not hoaks_viral` or `rilis >= 2`.",
    },
    "Flag.type": {
        "id": "Tipe flag: `bool` (bawaan, true/false) atau `int` (bilangan bulat).",
        "en": "The flag's type: `bool` (default, true/false) or `int` (a whole number).",
    },
    "Flag.initial": {
        "id": "Nilai awal: true/false untuk bool (bawaan false), bilangan bulat untuk int (bawaan 0).",
        "en": "The starting value: true/false for bool (default false), a whole number for int (default 0).",
    },
    "Flag.min": {
        "id": "Hanya flag int: batas bawah (opsional); `add` dijepit ke batas ini.",
        "en": "Int flags only: the lower bound (optional); `add` is clamped to it.",
    },
    "Flag.max": {
        "id": "Hanya flag int: batas atas (opsional); `add` dijepit ke batas ini.",
        "en": "Int flags only: the upper bound (optional); `add` is clamped to it.",
    },
    "Flag.description": {
        "id": "Keterangan flag untuk penulis skenario (opsional).",
        "en": "A note on the flag for scenario authors (optional).",
    },
    # --- scoring
    "Scoring": {
        "id": "Cara sebuah permainan dinilai; setiap kunci opsional.",
        "en": "How a run is scored; every key is optional.",
    },
    "Scoring.weights": {
        "id": "Bobot tiga subskor (kecepatan, ketepatan, dampak); dinormalkan agar berjumlah 1.",
        "en": "Weights of the three sub-scores (speed, accuracy, impact); normalised to sum 1.",
    },
    "Scoring.pass_mark": {
        "id": "Nilai lulus pada total 0..100; bawaan 70.",
        "en": "The pass mark on the 0..100 total; default 70.",
    },
    "Scoring.speed_floor": {
        "id": "Kredit kecepatan terkecil untuk jawaban sebelum deadline, 0..1; bawaan 0.2.",
        "en": "The least speed credit for an answer before the deadline, 0..1; default 0.2.",
    },
    "Scoring.critical_cap": {
        "id": "Total tertinggi untuk permainan yang memilih pilihan garis merah (`critical: true`); bawaan 54.",
        "en": "The highest total of a run that took a red-line choice (`critical: true`); default 54.",
    },
    "Scoring.ratings": {
        "id": "Nilai ketepatan (0..100) tiap rating: best, good, weak, harmful; bawaan 100, 70, 35, 0. Tulis hanya yang diubah.",
        "en": "The accuracy (0..100) of each rating: best, good, weak, harmful; defaults 100, 70, 35, 0. Give only those you change.",
    },
    "Scoring.bands": {
        "id": "Predikat per batas bawah total, dari yang tertinggi; band terakhir harus `min: 0`.",
        "en": "Labels by lower bound of the total, highest first; the last band must have `min: 0`.",
    },
    "Weights": {
        "id": "Bobot tiga subskor; kunci yang tidak ditulis memakai nilai bawaan.",
        "en": "Weights of the three sub-scores; keys left out take their defaults.",
    },
    "Weights.speed": {
        "id": "Bobot kecepatan, >= 0; bawaan 0.25.",
        "en": "Weight of speed, >= 0; default 0.25.",
    },
    "Weights.accuracy": {
        "id": "Bobot ketepatan, >= 0; bawaan 0.45 (accuracy dan impact tidak boleh keduanya 0).",
        "en": "Weight of accuracy, >= 0; default 0.45 (accuracy and impact cannot both be 0).",
    },
    "Weights.impact": {
        "id": "Bobot dampak pada pemangku kepentingan, >= 0; bawaan 0.30.",
        "en": "Weight of the impact on stakeholders, >= 0; default 0.30.",
    },
    "Band": {
        "id": "Satu predikat: total >= `min` mendapat `label`.",
        "en": "One label: a total >= `min` gets `label`.",
    },
    "Band.min": {
        "id": "Wajib. Batas bawah total untuk predikat ini, 0..100.",
        "en": "Required. The lowest total for this label, 0..100.",
    },
    "Band.label": {
        "id": 'Wajib. Predikat yang tampil, mis. "Baik".',
        "en": 'Required. The label shown, e.g. "Good".',
    },
    # --- events
    "Event": {
        "id": "Inject: keputusan bila punya `choices` (menunggu jawaban sampai deadline), selain itu pembaruan (tampil di linimasa, tanpa jawaban).",
        "en": "An inject: a decision when it has `choices` (it waits for an answer until its deadline), otherwise an update (shown in the feed, no answer).",
    },
    "Event.id": {
        "id": "Wajib. Id unik peristiwa, disebut oleh `next` dan oleh `visited(...)`, `chosen(...)`, `timed_out(...)`.",
        "en": "Required. The event's unique id, named by `next` and by `visited(...)`, `chosen(...)`, `timed_out(...)`.",
    },
    "Event.at": {
        "id": 'Waktu datang terjadwal, detik skenario sejak mulai (>= 0), mis. 0, 90, "5m". Tanpa `at`, peristiwa datang hanya bila disebut `next`.',
        "en": 'Scheduled arrival, in scenario seconds from the start (>= 0), e.g. 0, 90, "5m". Without `at` the event arrives only when a `next` names it.',
    },
    "Event.delay": {
        "id": "Jeda (>= 0) setelah `next` yang menyebutnya sebelum peristiwa datang; bawaan 0.",
        "en": "Delay (>= 0) after the `next` that names it before the event arrives; default 0.",
    },
    "Event.when": {
        "id": 'Syarat saat datang, mis. "warga < 40 and not rilis_terbit"; bila tidak terpenuhi peristiwa dilewati.',
        "en": 'A condition checked on arrival, e.g. "warga < 40 and not rilis_terbit"; when false the event is skipped.',
    },
    "Event.channel": {
        "id": "Saluran pesan: whatsapp, social, news, phone, email, meeting, tv, sms, letter atau radio.",
        "en": "The message's channel: whatsapp, social, news, phone, email, meeting, tv, sms, letter or radio.",
    },
    "Event.from": {
        "id": "Pengirim, mis. \"Grup WA 'Orang Tua Murid SDN 2'\".",
        "en": "The sender, e.g. \"WhatsApp group 'SDN 2 parents'\".",
    },
    "Event.title": {
        "id": "Judul pesan yang tampil di kotak masuk atau linimasa.",
        "en": "The message's title, shown in the inbox or the feed.",
    },
    "Event.body": {
        "id": "Isi pesan, tampil apa adanya (tanpa format).",
        "en": "The message's body, shown literally (no markup).",
    },
    "Event.world_time": {
        "id": 'Label jam cerita, mis. "07.05 WIB"; bila tidak ada, dihitung dari `world_clock`.',
        "en": 'A story-time label, e.g. "07.05 WIB"; otherwise derived from `world_clock`.',
    },
    "Event.weight": {
        "id": "Hanya keputusan: bobot keputusan ini dalam skor, > 0; bawaan 1.",
        "en": "Decisions only: this decision's weight in the score, > 0; default 1.",
    },
    "Event.order": {
        "id": "Hanya keputusan: urutan pilihan di layar. shuffled (bawaan): diacak per run dari benih yang dicatat di log; fixed: urutan berkas, untuk skala berurutan seperti sekarang / 1 jam lagi / besok.",
        "en": "Decisions only: the order the choices are shown in. shuffled (default): drawn per run from a seed kept in the log; fixed: file order, for ordinal scales such as now / in 1 hour / tomorrow.",
    },
    "Event.deadline": {
        "id": 'Wajib untuk keputusan: waktu menjawab dalam detik skenario (> 0), mis. 300 atau "5m".',
        "en": 'Required for decisions: the time to answer in scenario seconds (> 0), e.g. 300 or "5m".',
    },
    "Event.golden": {
        "id": "Hanya keputusan: jawaban sampai detik ini mendapat kredit kecepatan penuh (> 0, <= deadline); bawaan 0.3 × deadline.",
        "en": "Decisions only: answers up to this many seconds get full speed credit (> 0, <= deadline); default 0.3 × deadline.",
    },
    "Event.half_life": {
        "id": "Hanya keputusan: kredit kecepatan berkurang separuh setiap selang ini setelah golden (> 0); bawaan = golden.",
        "en": "Decisions only: speed credit halves every this many seconds after golden (> 0); default = golden.",
    },
    "Event.drift": {
        "id": "Hanya keputusan: perubahan meter per 30 detik penuh keputusan tertunda melewati golden, mis. {warga: -2}.",
        "en": "Decisions only: meter change per full 30 s the decision stays pending beyond golden, e.g. {warga: -2}.",
    },
    "Event.choices": {
        "id": "Pilihan jawaban; adanya kunci ini menjadikan peristiwa sebuah keputusan (sedikitnya satu pilihan).",
        "en": "The answers offered; this key makes the event a decision (at least one choice).",
    },
    "Event.on_timeout": {
        "id": "Wajib untuk keputusan: apa yang terjadi bila tidak dijawab sebelum deadline.",
        "en": "Required for decisions: what happens when it is not answered by the deadline.",
    },
    "Event.effects": {
        "id": "Hanya pembaruan: perubahan meter saat datang, mis. {warga: -3}.",
        "en": "Updates only: meter changes on arrival, e.g. {warga: -3}.",
    },
    "Event.set": {
        "id": "Hanya pembaruan: flag yang diisi saat datang, mis. {hoaks_viral: true}.",
        "en": "Updates only: flags set on arrival, e.g. {hoaks_viral: true}.",
    },
    "Event.add": {
        "id": "Hanya pembaruan: flag int yang ditambah saat datang (dijepit ke min..max), mis. {rilis: 1}.",
        "en": "Updates only: int flags increased on arrival (clamped to min..max), e.g. {rilis: 1}.",
    },
    "Event.next": {
        "id": "Hanya pembaruan: id peristiwa (satu atau daftar) yang datang setelah pembaruan ini, masing-masing setelah `delay`-nya.",
        "en": "Updates only: the event id(s) that arrive after this update, each after its own `delay`.",
    },
    "Event.end": {
        "id": "Hanya pembaruan: id akhir; permainan berakhir saat pembaruan ini datang.",
        "en": "Updates only: an ending id; the run ends when this update arrives.",
    },
    # --- choices
    "Choice": {
        "id": "Satu jawaban yang bisa dipilih peserta; dinilai dengan tepat satu dari `rating`, `accuracy` atau `rubric`.",
        "en": "One answer the trainee can pick; rated with exactly one of `rating`, `accuracy` or `rubric`.",
    },
    "Choice.id": {
        "id": "Wajib. Id pilihan, unik di dalam keputusannya; dibaca `chosen(peristiwa.pilihan)`.",
        "en": "Required. The choice's id, unique within its decision; read by `chosen(event.choice)`.",
    },
    "Choice.text": {
        "id": "Wajib. Teks pilihan yang dibaca peserta.",
        "en": "Required. The text of the choice the trainee reads.",
    },
    "Choice.rating": {
        "id": "Penilaian: best, good, weak atau harmful (nilainya di `scoring.ratings`). Pakai satu dari rating, accuracy, rubric.",
        "en": "Rating: best, good, weak or harmful (valued in `scoring.ratings`). Use one of rating, accuracy, rubric.",
    },
    "Choice.accuracy": {
        "id": "Ketepatan langsung 0..100, sebagai ganti rating atau rubric.",
        "en": "Accuracy as a number 0..100, instead of a rating or a rubric.",
    },
    "Choice.rubric": {
        "id": "Nilai per kriteria (id dari `criteria`): 0, 0.33, 0.67 atau 1, mis. {verifikasi: 1, kewenangan: 0.67}; sedikitnya satu.",
        "en": "A value per criterion (ids from `criteria`): 0, 0.33, 0.67 or 1, e.g. {verifikasi: 1, kewenangan: 0.67}; at least one.",
    },
    "Choice.critical": {
        "id": "true = garis merah: total permainan yang memilihnya dibatasi `scoring.critical_cap`; bawaan false.",
        "en": "true = a red line: a run that takes it totals at most `scoring.critical_cap`; default false.",
    },
    "Choice.when": {
        "id": 'Syarat agar pilihan ditawarkan, mis. "dinkes >= 40"; bila tidak terpenuhi pilihan disembunyikan.',
        "en": 'The condition for the choice to be offered, e.g. "dinkes >= 40"; when false it is hidden.',
    },
    "Choice.feedback": {
        "id": "Penjelasan mengapa pilihan ini tepat atau keliru, tampil di debrief.",
        "en": "Why this choice is (or is not) right, shown in the debrief.",
    },
    "Choice.effects": {
        "id": "Perubahan meter bila dipilih, mis. {warga: 8, dinkes: 3}; perubahan positif dikurangi bila jawaban lambat (0.5 + 0.5 × kecepatan/100).",
        "en": "Meter changes when chosen, e.g. {warga: 8, dinkes: 3}; positive changes shrink for a slow answer (0.5 + 0.5 × speed/100).",
    },
    "Choice.set": {
        "id": "Flag yang diisi bila dipilih, mis. {hoaks_viral: false}.",
        "en": "Flags set when chosen, e.g. {hoaks_viral: false}.",
    },
    "Choice.add": {
        "id": "Flag int yang ditambah bila dipilih (dijepit ke min..max), mis. {rilis: 1}.",
        "en": "Int flags increased when chosen (clamped to min..max), e.g. {rilis: 1}.",
    },
    "Choice.next": {
        "id": "Id peristiwa (satu atau daftar) yang datang setelah pilihan ini. Untuk mengakhiri permainan pakai `end`.",
        "en": "The event id(s) that arrive after this choice. To end the run use `end`.",
    },
    "Choice.end": {
        "id": "Id akhir: permainan berakhir tepat setelah pilihan ini.",
        "en": "An ending id: the run ends right after this choice.",
    },
    # --- on_timeout
    "OnTimeout": {
        "id": "Akibat bila keputusan tidak dijawab sebelum deadline.",
        "en": "What happens when a decision is not answered by its deadline.",
    },
    "OnTimeout.accuracy": {
        "id": "Ketepatan yang dicatat untuk diam, 0..100; bawaan 0.",
        "en": "The accuracy recorded for silence, 0..100; default 0.",
    },
    "OnTimeout.feedback": {
        "id": "Penjelasan akibat diam, tampil di debrief.",
        "en": "What silence cost, shown in the debrief.",
    },
    "OnTimeout.effects": {
        "id": "Perubahan meter saat waktu habis, mis. {warga: -12}.",
        "en": "Meter changes at the timeout, e.g. {warga: -12}.",
    },
    "OnTimeout.set": {
        "id": "Flag yang diisi saat waktu habis, mis. {hoaks_viral: true}.",
        "en": "Flags set at the timeout, e.g. {hoaks_viral: true}.",
    },
    "OnTimeout.add": {
        "id": "Flag int yang ditambah saat waktu habis (dijepit ke min..max).",
        "en": "Int flags increased at the timeout (clamped to min..max).",
    },
    "OnTimeout.next": {
        "id": "Id peristiwa (satu atau daftar) yang datang setelah waktu habis. Untuk mengakhiri permainan pakai `end`.",
        "en": "The event id(s) that arrive after the timeout. To end the run use `end`.",
    },
    "OnTimeout.end": {
        "id": "Id akhir: permainan berakhir saat waktu habis.",
        "en": "An ending id: the run ends at the timeout.",
    },
    # --- endings
    "Ending": {
        "id": "Satu akhir cerita. Tanpa `when` ia menjadi cadangan bila tidak ada syarat akhir yang terpenuhi.",
        "en": "One ending. Without `when` it is the fallback when no ending's condition holds.",
    },
    "Ending.id": {
        "id": "Wajib. Id unik akhir, disebut oleh `end`.",
        "en": "Required. The ending's unique id, named by `end`.",
    },
    "Ending.title": {
        "id": "Judul akhir yang tampil di debrief.",
        "en": "The ending's title, shown in the debrief.",
    },
    "Ending.when": {
        "id": 'Syarat akhir ini, mis. "warga >= 60 and not hoaks_viral"; akhir pertama (urutan berkas) yang terpenuhi dipilih.',
        "en": 'The condition of this ending, e.g. "warga >= 60 and not hoaks_viral"; the first (file order) that holds is chosen.',
    },
    "Ending.text": {
        "id": "Cerita penutup yang tampil di debrief.",
        "en": "The closing story shown in the debrief.",
    },
    # --- world clock
    "WorldClock": {
        "id": "Jam cerita untuk tampilan: jam di dunia cerita pada detik 0 skenario.",
        "en": "A story clock for display: the in-world time at scenario second 0.",
    },
    "WorldClock.start": {
        "id": 'Wajib. Jam mulai, "HH:MM", mis. "07:00".',
        "en": 'Required. The start time, "HH:MM", e.g. "07:00".',
    },
    "WorldClock.zone": {
        "id": "Zona waktu: WIB (bawaan), WITA atau WIT.",
        "en": "Time zone: WIB (default), WITA or WIT.",
    },
    "WorldClock.minutes_per_second": {
        "id": "Menit dunia cerita per detik skenario, > 0; bawaan 1.",
        "en": "In-world minutes per scenario second, > 0; default 1.",
    },
}
