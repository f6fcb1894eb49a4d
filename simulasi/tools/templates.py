"""The starting files `simulasi new NAME` writes: a small scenario and its golden test.

`__ID__` stands for the scenario id, `__FILE__` for the file name without `.yaml`. Both
templates are checked by the test suite: `check` reports nothing, `explore` reaches
everything, and the golden test passes.
"""

from __future__ import annotations

SCENARIO_ID = """\
# yaml-language-server: $schema=./simulasi-1.schema.json
# Skenario baru: ubah teks, pilihan dan angka sesuai krisis yang dilatihkan.
# Periksa setiap kali selesai mengedit:
#   simulasi check __FILE__.yaml         harus bersih: tanpa galat dan tanpa peringatan
#   simulasi explore __FILE__.yaml       semua jalur, akhir cerita, skor tertinggi dan terendah
#   simulasi simulate __FILE__.yaml      sebaran skor dan usulan batas lulus
#   simulasi test __FILE__.test.yaml     tes golden: jalur yang harus tetap sama
# Format lengkap: docs/format.md di simulasi. Waktu dalam detik skenario ("90", "1m30s").
format: simulasi/1
id: __ID__
title: "Hoaks pemadaman listrik (contoh)"
summary: >-
  Contoh kecil: pesan berantai tentang pemadaman listrik tiga hari beredar, lalu wartawan
  menelepon. Ganti dengan krisis yang ingin dilatihkan.
language: id
role: "Kepala Bidang IKP, Diskominfo Kabupaten Sukamaju"
briefing: |
  Anda Kepala Bidang IKP Diskominfo. Pesan berantai tentang pemadaman listrik tiga hari mulai
  beredar di grup WhatsApp warga. Setiap pesan punya batas waktu; yang tidak dijawab tetap
  berjalan tanpa Anda.

# Pemangku kepentingan: meter kepercayaan 0..100. Bobot = power x interest (1..3 masing-masing),
# pemangku dengan bobot >= 6 menjadi pemain kunci.
stakeholders:
  - {id: warga, name: "Warga", initial: 50, power: 1, interest: 3}
  - {id: media, name: "Media lokal", initial: 50, power: 2, interest: 2}

# Flag: keadaan cerita yang dibaca oleh syarat `when`.
flags:
  - {id: klarifikasi_terbit, type: bool, initial: false}

events:
  # Keputusan: punya `choices` dan menunggu jawaban sampai `deadline`.
  - id: pesan_berantai
    at: 0                       # tiba di detik 0
    channel: whatsapp
    from: "Tim pemantau media sosial"
    title: "Pesan berantai: listrik padam tiga hari"
    body: |
      "Besok listrik padam tiga hari di seluruh kabupaten. Segera beli genset!"
      Sudah masuk 20 grup warga. PLN belum memberi keterangan.
    deadline: 180               # detik untuk menjawab
    golden: 60                  # kecepatan penuh bila menjawab sebelum detik ini
    drift: {warga: -1}          # tiap 30 detik menunggu setelah golden
    choices:
      - id: verifikasi
        text: "Tanyakan ke PLN, lalu unggah pernyataan sementara: 'Kami sedang memeriksa.'"
        rating: best            # best | good | weak | harmful (atau accuracy / rubric)
        effects: {warga: 6}
        set: {klarifikasi_terbit: true}
        feedback: "Tepat: periksa ke sumber berwenang dan isi kekosongan informasi (CERC)."
      - id: teruskan
        text: "Teruskan pesan itu ke grup OPD sambil bertanya apakah benar."
        rating: harmful
        critical: true          # garis merah: total dibatasi dan tidak bisa lulus
        effects: {warga: -6, media: -4}
        feedback: "Garis merah: meneruskan hoaks untuk bertanya justru menyebarkannya."
    on_timeout:
      effects: {warga: -8}
      next: berita_viral        # kabar yang datang karena diam
      feedback: "Diam membiarkan hoaks mengisi kekosongan informasi (siklus hidup isu)."

  - id: telepon_wartawan
    at: 30                      # tiba saat pesan pertama mungkin masih menunggu
    channel: phone
    from: "Wartawan media lokal"
    title: "Wartawan: benarkah listrik padam tiga hari?"
    body: |
      "Kami naik berita sore ini. Apa keterangan resmi Pemkab?"
    deadline: 120
    choices:
      - id: jelaskan
        text: "'Kami sedang memastikan ke PLN; keterangan resmi paling lambat pukul 12.00.'"
        rating: best
        effects: {media: 6}
        feedback: "Tepat: katakan yang sudah dan belum diketahui, dan kapan kabar berikutnya."
      - id: tolak
        text: "'Itu urusan PLN, silakan tanya ke sana.'"
        rating: weak
        effects: {media: -4}
        next: berita_viral
        feedback: "Kurang: Diskominfo penghubung ke sumber resmi, bukan tembok."
    on_timeout:
      effects: {media: -5}
      next: berita_viral
      feedback: "Telepon tak terjawab: berita tayang tanpa keterangan Pemkab."

  # Kabar (update): tanpa `choices`, efeknya berlaku saat tiba. Tanpa `at`, ia datang hanya
  # bila disebut oleh `next`, setelah `delay`.
  - id: berita_viral
    delay: 30
    when: "not klarifikasi_terbit"   # diperiksa saat akan tiba
    channel: news
    from: "Portal berita lokal"
    title: "Berita: 'Warga Panik, Pemkab Belum Bersuara'"
    body: |
      Berita memuat isi pesan berantai tanpa keterangan resmi.
    effects: {warga: -6, media: -2}

# Akhir cerita: yang pertama (urut berkas) yang syaratnya benar; tanpa `when` = cadangan.
endings:
  - id: terkendali
    title: "Isu terkendali"
    when: "klarifikasi_terbit and warga >= 50"
    text: "Pernyataan sementara dan keterangan PLN meredakan kepanikan."
  - id: panik
    title: "Warga panik"
    when: "warga < 40"
    text: "Antrean genset dan BBM mengular; kepercayaan pada Pemkab turun."
  - id: berlarut
    title: "Isu berlarut"
    text: "Hoaks mereda perlahan, tetapi tanpa kabar resmi yang jelas."
"""

TEST_ID = """\
# Tes golden untuk __FILE__.yaml. Jalankan: simulasi test __FILE__.test.yaml
# Setiap kasus memainkan satu jalur dan memeriksa hasilnya. Langkah:
#   answer: {at: DETIK, event: ID, choice: ID}   menjawab pada detik skenario itu
#   advance: DETIK                               membiarkan waktu berjalan (end: sampai selesai)
#   expect: {ending, passed, band, critical, total: {min, max}, pending: [...],
#            meters: {id: {min, max}}, flags: {...}, event: {id, outcome, choice}}
scenario: __FILE__.yaml
cases:
  - name: "jalur terbaik lulus"
    steps:
      - answer: {at: 10, event: pesan_berantai, choice: verifikasi}
      - advance: 20
      - expect: {pending: [telepon_wartawan], flags: {klarifikasi_terbit: true}}
      - answer: {at: 40, event: telepon_wartawan, choice: jelaskan}
      - expect: {ending: terkendali, passed: true, critical: false, total: {min: 85}}

  - name: "garis merah tidak lulus"
    steps:
      - answer: {at: 5, event: pesan_berantai, choice: teruskan}
      - expect: {event: {id: pesan_berantai, outcome: answered, choice: teruskan}}
      - expect: {ending: panik, passed: false, critical: true, total: {max: 54}}

  - name: "semua habis waktu"
    steps:
      - advance: 31
      - expect: {pending: [pesan_berantai, telepon_wartawan]}
      - advance: end
      - expect: {ending: panik, passed: false, event: {id: telepon_wartawan, outcome: timed_out}}
"""

SCENARIO_EN = """\
# yaml-language-server: $schema=./simulasi-1.schema.json
# A new scenario: change the texts, choices and numbers to the crisis you want to train.
# Check it after every edit:
#   simulasi check __FILE__.yaml         must be clean: no errors and no warnings
#   simulasi explore __FILE__.yaml       every path, ending, highest and lowest score
#   simulasi simulate __FILE__.yaml      score distribution and a proposed pass mark
#   simulasi test __FILE__.test.yaml     golden tests: paths that must stay the same
# Full format: docs/format.md of simulasi. Times are scenario seconds ("90", "1m30s").
format: simulasi/1
id: __ID__
title: "Power cut hoax (example)"
summary: >-
  A small example: a chain message about a three-day power cut spreads, then a journalist
  calls. Replace it with the crisis you want to train.
language: en
role: "Head of Public Communication, Diskominfo of Sukamaju Regency"
briefing: |
  You head public communication at the Diskominfo. A chain message about a three-day power
  cut is spreading in residents' WhatsApp groups. Every message has a deadline; what you do
  not answer goes on without you.

# Stakeholders: trust meters 0..100. Weight = power x interest (1..3 each); a stakeholder of
# weight >= 6 is a key player.
stakeholders:
  - {id: residents, name: "Residents", initial: 50, power: 1, interest: 3}
  - {id: media, name: "Local media", initial: 50, power: 2, interest: 2}

# Flags: story state that conditions (`when`) read.
flags:
  - {id: clarified, type: bool, initial: false}

events:
  # A decision: it has `choices` and waits for an answer until its `deadline`.
  - id: chain_message
    at: 0                       # arrives at second 0
    channel: whatsapp
    from: "Social media monitoring team"
    title: "Chain message: three-day power cut"
    body: |
      "Tomorrow the whole regency loses power for three days. Buy a generator now!"
      Already in 20 residents' groups. The utility has said nothing yet.
    deadline: 180               # seconds to answer
    golden: 60                  # full speed credit up to this second
    drift: {residents: -1}      # every 30 seconds waiting after golden
    choices:
      - id: verify
        text: "Ask the utility, then post a holding statement: 'We are checking.'"
        rating: best            # best | good | weak | harmful (or accuracy / rubric)
        effects: {residents: 6}
        set: {clarified: true}
        feedback: "Right: check with the competent source and fill the information gap (CERC)."
      - id: forward
        text: "Forward the message to the officials' group asking whether it is true."
        rating: harmful
        critical: true          # a red line: the total is capped and cannot pass
        effects: {residents: -6, media: -4}
        feedback: "A red line: forwarding a hoax to ask about it spreads it."
    on_timeout:
      effects: {residents: -8}
      next: news_story          # an update that comes because of the silence
      feedback: "Silence lets the hoax fill the information gap (issue life cycle)."

  - id: journalist_call
    at: 30                      # arrives while the first message may still be waiting
    channel: phone
    from: "Local journalist"
    title: "Journalist: is the power really going off for three days?"
    body: |
      "We publish this afternoon. What is the regency's official word?"
    deadline: 120
    choices:
      - id: explain
        text: "'We are checking with the utility; an official statement by 12.00 at the latest.'"
        rating: best
        effects: {media: 6}
        feedback: "Right: say what is known and not yet known, and when the next update comes."
      - id: refuse
        text: "'That is the utility's business, not ours; please ask them directly.'"
        rating: weak
        effects: {media: -4}
        next: news_story
        feedback: "Weak: the Diskominfo connects to the official source; it is not a wall."
    on_timeout:
      effects: {media: -5}
      next: news_story
      feedback: "An unanswered call: the story runs without the regency's word."

  # An update: no `choices`, its effects apply when it arrives. Without `at` it comes only
  # when a `next` names it, after its `delay`.
  - id: news_story
    delay: 30
    when: "not clarified"       # checked when it is about to arrive
    channel: news
    from: "Local news site"
    title: "News: 'Residents Panic, Regency Silent'"
    body: |
      The story quotes the chain message with no official word.
    effects: {residents: -6, media: -2}

# Endings: the first (in file order) whose condition holds; one without `when` is the fallback.
endings:
  - id: contained
    title: "Issue contained"
    when: "clarified and residents >= 50"
    text: "The holding statement and the utility's word calm the panic."
  - id: panic
    title: "Residents panic"
    when: "residents < 40"
    text: "Queues for generators and fuel grow; trust in the regency falls."
  - id: lingering
    title: "The issue lingers"
    text: "The hoax fades slowly, with no clear official word."
"""

TEST_EN = """\
# Golden tests for __FILE__.yaml. Run: simulasi test __FILE__.test.yaml
# Each case plays one path and checks the result. Steps:
#   answer: {at: SECONDS, event: ID, choice: ID}   answer at that scenario second
#   advance: SECONDS                               let time pass (end: to the end)
#   expect: {ending, passed, band, critical, total: {min, max}, pending: [...],
#            meters: {id: {min, max}}, flags: {...}, event: {id, outcome, choice}}
scenario: __FILE__.yaml
cases:
  - name: "best path passes"
    steps:
      - answer: {at: 10, event: chain_message, choice: verify}
      - advance: 20
      - expect: {pending: [journalist_call], flags: {clarified: true}}
      - answer: {at: 40, event: journalist_call, choice: explain}
      - expect: {ending: contained, passed: true, critical: false, total: {min: 85}}

  - name: "a red line does not pass"
    steps:
      - answer: {at: 5, event: chain_message, choice: forward}
      - expect: {event: {id: chain_message, outcome: answered, choice: forward}}
      - expect: {ending: panic, passed: false, critical: true, total: {max: 54}}

  - name: "everything times out"
    steps:
      - advance: 31
      - expect: {pending: [chain_message, journalist_call]}
      - advance: end
      - expect: {ending: panic, passed: false, event: {id: journalist_call, outcome: timed_out}}
"""

TEMPLATES = {"id": (SCENARIO_ID, TEST_ID), "en": (SCENARIO_EN, TEST_EN)}


def scenario_files(scenario_id: str, file_stem: str, lang: str) -> tuple[str, str]:
    """The scenario text and its golden test text, for `scenario_id` in `file_stem`.yaml."""
    scenario, test = TEMPLATES.get(lang, TEMPLATES["id"])

    def fill(text: str) -> str:
        return text.replace("__FILE__", file_stem).replace("__ID__", scenario_id)

    return fill(scenario), fill(test)
