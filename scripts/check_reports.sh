#!/usr/bin/env bash
# Print the organiser's report as an organiser would, and check it.
#
# Generates a 40-run workshop on two "laptops" (two scenarios, bundles merged), exports it to
# XLSX, HTML and Markdown, converts the XLSX to PDF with LibreOffice headless and prints the
# HTML with headless Chromium, then fails unless
#   - every column header of every sheet appears in the XLSX's PDF text,
#   - the Ringkasan, Tim and Instansi sheets print on one page each and Peringkat (40 runs)
#     on at most 2,
#   - every ranking column header and every trainee appears in the HTML's PDF text, the
#     ranking rows span at most 2 pages, and the page is no wider than 1280 px at 1280 px,
#   - a trainee's debrief (`simulasi debrief RUN --merge` from the bundles) prints its result
#     (total, verdict, sub-scores) on the first page, before the decisions.
# LibreOffice, Chromium and poppler come from Debian packages, installed if missing
# (apt-get; needs root). Not part of the pytest suite: run it by hand before a release.
#
# Usage: scripts/check_reports.sh [OUTPUT_DIR]     (default: a new temporary folder)
# Run it with the Python environment that has simulasi installed (or set PYTHON).
set -euo pipefail

OUT="${1:-$(mktemp -d -t simulasi-report.XXXXXX)}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
PYTHON="${PYTHON:-python3}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fail() { echo "check_reports: FAIL: $*" >&2; exit 1; }

# -- tools --------------------------------------------------------------------------------
need=()
command -v soffice >/dev/null || need+=(libreoffice-calc-nogui)
command -v chromium >/dev/null || need+=(chromium)
{ command -v pdftotext >/dev/null && command -v pdfinfo >/dev/null \
  && command -v pdftoppm >/dev/null; } || need+=(poppler-utils)
# Calibri (the workbook's font) is measured by a metric-compatible stand-in, as on Windows.
{ command -v fc-match >/dev/null && fc-match Calibri | grep -q Carlito; } \
  || need+=(fonts-crosextra-carlito)
if ((${#need[@]})); then
  echo "check_reports: installing ${need[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  timeout 1200 $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive timeout 2400 $SUDO apt-get install -y -q \
    "${need[@]}"
fi

# -- a 40-run workshop on two laptops -------------------------------------------------------
rm -rf "$OUT/laptop1" "$OUT/laptop2" "$OUT/facilitator"
timeout 600 "$PYTHON" - "$HERE" "$OUT" <<'PY'
import random
import sys
from pathlib import Path

from simulasi.engine import Run
from simulasi.scenario import load_scenario_or_raise
from simulasi.store import Store

here, out = Path(sys.argv[1]), Path(sys.argv[2])
scenarios = [
    load_scenario_or_raise(here / "scenarios" / "hoaks-vaksin-mr.yaml"),
    load_scenario_or_raise(here / "scenarios" / "pasien-ditolak-rsud.yaml"),
]
first = ("Sri", "Agus", "Dewi", "Budi", "Siti", "Eko", "Rina", "Andi", "Fitri", "Yusuf")
last = ("Wahyuni", "Setiawan", "Lestari", "Santoso", "Rahmawati", "Prasetyo", "Kurniawan",
        "Hidayat")
agencies = (
    "Diskominfo Kabupaten Sukamaju",
    "Diskominfo Kota Sukamakmur",
    "Diskominfo Provinsi Jawa Barat",
    "Dinas Kesehatan Kabupaten Sukamaju",
)
rng = random.Random(2026)


def play(scenario, skill):
    """A playthrough: a careful trainee mostly picks the best choice, quickly."""
    run = Run(scenario)
    run.start(0.0)
    now = 0.0
    while not run.ended and now < 3000:
        now += rng.uniform(5.0, 40.0)
        run.advance(now)
        if run.ended:
            break
        if run.pending and rng.random() < 0.85:
            event = rng.choice(run.pending).event
            choices = run.available_choices(event)
            if choices:
                best = scenario.best_choice(scenario.events[event])
                ids = [getattr(c, "id", c) for c in choices]
                pick = choices[rng.randrange(len(choices))]
                if best is not None and best.id in ids and rng.random() < skill:
                    pick = choices[ids.index(best.id)]
                run.choose(event, pick, now)
    if not run.ended:
        run.finish(now)
    return run


for laptop in (1, 2):
    with Store.open(out / f"laptop{laptop}") as store:
        for i in range(20):
            n = (laptop - 1) * 20 + i
            scenario = scenarios[0] if n % 3 else scenarios[1]
            run = play(scenario, rng.uniform(0.3, 0.95))
            store.start_run(
                scenario,
                trainee=f"{first[n % 10]} {last[(n * 3 + n // 10) % 8]}",
                team=f"Tim {'ABCDE'[n % 5]}",
                agency=agencies[n % 4],
                workshop="Bimtek Komunikasi Krisis Bandung 2026",
                records=run.log,
            )
PY
for laptop in 1 2; do
  timeout 300 "$PYTHON" -m simulasi bundle -o "$OUT/laptop$laptop.json" --data "$OUT/laptop$laptop"
done
timeout 300 "$PYTHON" -m simulasi scoreboard --data "$OUT/facilitator" \
  --merge "$OUT/laptop1.json" "$OUT/laptop2.json" \
  --export "$OUT/report.xlsx" --export "$OUT/report.html" --export "$OUT/report.md" >/dev/null

# A trainee's debrief from the bundles (the run ranked last: a red line, if any).
RUN_ID="$("$PYTHON" -c 'import openpyxl, sys
sheet = openpyxl.load_workbook(sys.argv[1])["Peringkat"]
head = [c.value for c in sheet[1]]
print(list(sheet.iter_rows(values_only=True))[-1][head.index("ID run")])' "$OUT/report.xlsx")"
timeout 300 "$PYTHON" -m simulasi debrief "$RUN_ID" --data "$OUT/facilitator" \
  --merge "$OUT/laptop1.json" "$OUT/laptop2.json" --export "$OUT/debrief.html" 2>/dev/null

# -- print -----------------------------------------------------------------------------------
rm -f "$OUT/report.pdf" "$OUT/report-html.pdf" "$OUT/debrief.pdf"
LO_PROFILE="$(mktemp -d)"
timeout 300 soffice -env:UserInstallation="file://$LO_PROFILE" --headless --norestore \
  --convert-to pdf --outdir "$OUT" "$OUT/report.xlsx" >/dev/null 2>&1 \
  || fail "LibreOffice could not convert report.xlsx"
CHROME_PROFILE="$(mktemp -d)"
chrome=(chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --user-data-dir="$CHROME_PROFILE")
timeout 300 "${chrome[@]}" --no-pdf-header-footer --print-to-pdf="$OUT/report-html.pdf" \
  "file://$OUT/report.html" >/dev/null 2>&1 || fail "Chromium could not print report.html"
timeout 300 "${chrome[@]}" --no-pdf-header-footer --print-to-pdf="$OUT/debrief.pdf" \
  "file://$OUT/debrief.html" >/dev/null 2>&1 || fail "Chromium could not print debrief.html"
[ -s "$OUT/report.pdf" ] || fail "no report.pdf"
[ -s "$OUT/report-html.pdf" ] || fail "no report-html.pdf"

# The page's width at a 1280 px window: a copy of the report with a script that writes it
# into the title (the report itself has no script).
sed 's#</body>#<script>document.title="scrollWidth="+document.documentElement.scrollWidth</script></body>#' \
  "$OUT/report.html" >"$OUT/width-probe.html"
timeout 300 "${chrome[@]}" --window-size=1280,900 --dump-dom "file://$OUT/width-probe.html" \
  2>/dev/null >"$OUT/width-probe.dom" || fail "Chromium could not load the width probe"
rm -rf "$LO_PROFILE" "$CHROME_PROFILE"

# -- check -----------------------------------------------------------------------------------
timeout 300 "$PYTHON" - "$OUT" <<'PY'
import html
import re
import subprocess
import sys
from pathlib import Path

import openpyxl

out = Path(sys.argv[1])
problems = []


def pages(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, timeout=60).stdout
    count = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    texts = []
    for page in range(1, count + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), pdf, "-"],
            capture_output=True, text=True, timeout=60,
        ).stdout
        texts.append(" ".join(text.split()))
    return texts


# XLSX -> PDF: every header of every sheet; page counts per sheet (the page header names it).
book = openpyxl.load_workbook(out / "report.xlsx")
xlsx_pages = pages(out / "report.pdf")
by_sheet = {}
for number, text in enumerate(xlsx_pages, start=1):
    # Each page's footer reads "<sheet> · <page> / <pages>".
    found = re.findall(r"(\w+) · (\d+) / (\d+)", text)
    sheet = found[-1][0] if found else None
    by_sheet.setdefault(sheet, []).append(number)
for name in book.sheetnames:
    sheet = book[name]
    text = " ".join(xlsx_pages[p - 1] for p in by_sheet.get(name, []))
    for cell in sheet[1]:
        header = " ".join(str(cell.value).split())
        if header not in text:
            problems.append(f"XLSX PDF: sheet {name}: header {header!r} not printed")
limits = {"Ringkasan": 1, "Peringkat": 2, "Tim": 1, "Instansi": 1}
for name, limit in limits.items():
    count = len(by_sheet.get(name, []))
    if not 1 <= count <= limit:
        problems.append(f"XLSX PDF: sheet {name} prints on {count} pages (at most {limit})")
ranked = book["Peringkat"].max_row - 1
if ranked != 40:
    problems.append(f"Peringkat has {ranked} runs, expected 40")
print(f"XLSX: {len(xlsx_pages)} pages: " + ", ".join(
    f"{n} {len(by_sheet.get(n, []))}" for n in book.sheetnames))

# HTML -> PDF: every ranking header, every trainee; the ranking rows on at most 2 pages.
source = (out / "report.html").read_text(encoding="utf-8")
html_pages = pages(out / "report-html.pdf")
text = " ".join(html_pages)
tables = re.findall(r'<table class="wide">(.*?)</table>', source, re.S)
heads = {html.unescape(h) for table in tables for h in re.findall(r"<th>(.*?)</th>", table)}
for header in sorted(heads):
    if header not in text:
        problems.append(f"HTML PDF: ranking header {header!r} not printed")
# The trainees' names: the second column of each ranking (after the rank).
names = {
    html.unescape(re.findall(r"<td[^>]*>(.*?)</td>", row)[1])
    for table in tables
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
}
ranking_pages = {
    i for i, page in enumerate(html_pages, start=1) if any(n in page for n in names)
}
missing = [n for n in names if n not in text]
if missing:
    problems.append(f"HTML PDF: trainees not printed: {missing}")
if len(ranking_pages) > 2:
    problems.append(f"HTML PDF: the ranking spans pages {sorted(ranking_pages)} (at most 2)")
dom = (out / "width-probe.dom").read_text(encoding="utf-8")
width = int(re.search(r"scrollWidth=(\d+)", dom).group(1))
if width > 1280:
    problems.append(f"HTML at 1280 px is {width} px wide: it scrolls sideways")
print(f"HTML: {len(html_pages)} pages, ranking on pages {sorted(ranking_pages)}, "
      f"{width} px wide at 1280 px")

# The debrief: the result (total, verdict, the three sub-scores) on its first page, before
# the decisions.
debrief = pages(out / "debrief.pdf")
first = debrief[0]
for word in ("Total", "Kecepatan", "Ketepatan", "Dampak", "Keputusan Anda"):
    if word not in first:
        problems.append(f"debrief PDF: {word!r} is not on the first page")
if "Total" in first and "Keputusan Anda" in first and first.index("Total") > first.index(
    "Keputusan Anda"
):
    problems.append("debrief PDF: the result comes after the decisions")
print(f"debrief: {len(debrief)} pages")

for p in problems:
    print("check_reports: FAIL:", p, file=sys.stderr)
sys.exit(1 if problems else 0)
PY

# Pictures to look at: pdftoppm -png -r 60.
timeout 300 pdftoppm -png -r 60 "$OUT/report.pdf" "$OUT/xlsx-page"
timeout 300 pdftoppm -png -r 60 "$OUT/report-html.pdf" "$OUT/html-page"
timeout 300 pdftoppm -png -r 60 "$OUT/debrief.pdf" "$OUT/debrief-page"
echo "check_reports: OK ($OUT)"
