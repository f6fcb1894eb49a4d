"""docs/ stays in step with the code: the reference covers the schema, the cited rules exist,
links resolve, and the worked example's numbers are what the engine and the scorer compute.

The documentation is the contract a facilitator writes against (docs/format.md), and the code
cites it (`rule 6`, `docs/scoring.md`); these tests fail when either side drifts.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from scoring import score_run
from simulasi.headless import parse_answers, play
from simulasi.scenario import load_scenario
from simulasi.scenario.diagnostics import CODES
from simulasi.scenario.models import DEFAULT_BANDS, Scoring
from simulasi.scenario.schema import json_schema

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
FORMAT = DOCS / "format.md"
RUN_RULES = DOCS / "run-rules.md"
SCORING = DOCS / "scoring.md"

# Files that may cite documentation: sources, tests, the README, templates, scenarios, docs.
_TEXT_SUFFIXES = {".py", ".md", ".yaml", ".yml", ".toml", ".txt", ".json", ".tcss", ".cfg"}
_SKIP_DIRS = {"__pycache__", "node_modules", "build", "dist", "__snapshots__"}


def _project_files() -> list[Path]:
    """Every text file of the project (hidden folders such as .venv and .git left out)."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".") and d not in _SKIP_DIRS and not d.endswith(".egg-info")
        )
        found += [Path(folder, f) for f in sorted(files) if Path(f).suffix in _TEXT_SUFFIXES]
    return found


# ------------------------------------------------------------------ markdown helpers


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = heading.strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def _headings(text: str) -> list[tuple[int, str, int]]:
    """(level, title, line index) of every heading outside code blocks."""
    out: list[tuple[int, str, int]] = []
    fenced = False
    for i, line in enumerate(text.splitlines()):
        if line.startswith("```"):
            fenced = not fenced
            continue
        match = re.match(r"(#{1,6}) (.+)$", line)
        if match and not fenced:
            out.append((len(match.group(1)), match.group(2), i))
    return out


def _anchors(text: str) -> set[str]:
    seen: dict[str, int] = {}
    anchors: set[str] = set()
    for _, title, _ in _headings(text):
        slug = _slug(title)
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        anchors.add(slug if count == 0 else f"{slug}-{count}")
    return anchors


def _sections(text: str) -> Iterator[tuple[str, list[str]]]:
    """(heading line, lines up to the next heading) for every heading."""
    lines = text.splitlines()
    heads = _headings(text)
    for k, (_, title, i) in enumerate(heads):
        end = heads[k + 1][2] if k + 1 < len(heads) else len(lines)
        yield title, lines[i:end]


# ------------------------------------------------------------------ the format reference


def _schema_properties() -> dict[str, set[str]]:
    """Property names of the JSON Schema by the model that holds them ("(root)" for the top
    level), found by walking every "properties" anywhere in the schema. Constraint-only
    subschemas (`contains`, `not`, `if`/`then`/`else`) name keys that their model declares
    elsewhere, so they are not walked."""
    found: dict[str, set[str]] = {}
    constraints = {"contains", "not", "if", "then", "else"}

    def walk(node: Any, owner: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in constraints:
                    continue
                if key == "properties" and isinstance(value, dict):
                    found.setdefault(owner, set()).update(value)
                    for sub in value.values():
                        walk(sub, owner)
                elif key == "$defs" and isinstance(value, dict):
                    for name, sub in value.items():
                        walk(sub, name)
                else:
                    walk(value, owner)
        elif isinstance(node, list):
            for item in node:
                walk(item, owner)

    walk(json_schema(), "(root)")
    return found


def _documented_by_model() -> dict[str, set[str]]:
    """Keys documented per schema model: each section of docs/format.md that carries a
    `<!-- schema: Model -->` marker documents the keys of its table rows and headings."""
    documented: dict[str, set[str]] = {}
    for title, lines in _sections(FORMAT.read_text(encoding="utf-8")):
        body = "\n".join(lines)
        for model in re.findall(r"<!-- schema: (\S+) -->", body):
            keys = set(re.findall(r"^\| `([^`]+)` \|", body, flags=re.M))
            keys |= set(re.findall(r"`([^`]+)`", title))
            documented.setdefault(model, set()).update(keys)
    return documented


def test_every_schema_property_is_documented_in_format_md() -> None:
    """Every property of `simulasi schema`, under every "properties" of every model, has a row
    (or heading) in the section of docs/format.md that documents that model."""
    documented = _documented_by_model()
    missing = []
    for model, keys in sorted(_schema_properties().items()):
        if model not in documented:
            missing.append(f"{model}: no section marked <!-- schema: {model} -->")
            continue
        missing += [f"{model}.{key}" for key in sorted(keys - documented[model])]
    assert not missing, f"undocumented in docs/format.md: {missing}"


def test_the_coverage_check_sees_every_model() -> None:
    """The walk finds the nested models (a walk that saw only the top level would pass
    vacuously), and the doc's markers name only models that exist."""
    props = _schema_properties()
    assert {"(root)", "Stakeholder", "Event", "Choice", "OnTimeout", "Band"} <= set(props)
    assert {"deadline", "half_life", "drift", "world_time"} <= props["Event"]
    assert set(_documented_by_model()) <= set(props)


def test_every_diagnostic_code_is_in_format_md() -> None:
    """The table of codes in docs/format.md lists every code the checker can report."""
    text = FORMAT.read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| (SIM\d{3}) \|", text, flags=re.M))
    assert listed == set(CODES)


def test_format_md_scoring_example_is_the_defaults() -> None:
    """The `scoring:` block that docs/format.md presents as the defaults is the defaults."""
    text = FORMAT.read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(scoring:\n.*?)```", text, flags=re.S)
    assert block is not None
    written = Scoring.model_validate(yaml.safe_load(block.group(1))["scoring"])
    assert written == Scoring()
    assert written.bands == DEFAULT_BANDS


# ------------------------------------------------------------------ citations and links


_DOC_LINK = re.compile(r"docs/([\w.-]+\.md)")
_MD_LINK = re.compile(r"\]\(([^)\s]+)\)")


def test_every_docs_link_in_the_project_exists() -> None:
    """Every `docs/<page>.md` named anywhere in the project is a file of docs/."""
    broken = []
    for path in _project_files():
        for name in _DOC_LINK.findall(path.read_text(encoding="utf-8", errors="replace")):
            if not (DOCS / name).is_file():
                broken.append(f"{path.relative_to(ROOT)}: docs/{name}")
    assert not broken, broken


def test_links_between_docs_resolve_with_their_anchors() -> None:
    """Relative links in docs/*.md and the README point to files that exist, and a link
    with `#anchor` to a heading of that file."""
    broken = []
    for page in [*sorted(DOCS.glob("*.md")), ROOT / "README.md"]:
        for target in _MD_LINK.findall(page.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target):
                continue  # an external URL
            file_part, _, anchor = target.partition("#")
            dest = (page.parent / file_part).resolve() if file_part else page
            if not dest.exists():
                broken.append(f"{page.name}: {target}")
            elif (
                anchor
                and dest.suffix == ".md"
                and anchor not in _anchors(dest.read_text(encoding="utf-8"))
            ):
                broken.append(f"{page.name}: {target} (no such heading)")
    assert not broken, broken


# The internal notes the project was first written from; built from parts so that this file
# does not match its own check.
_OLD_DOCS = ("SCENARIO" + "_FORMAT", "DES" + "IGN", "DOM" + "AIN", "STY" + "LE")
_OLD_CITATION = re.compile(
    r"\b(?:" + "|".join(_OLD_DOCS) + r")\.md\b"
    r"|\b" + _OLD_DOCS[0] + r"\b"
    r"|\b" + _OLD_DOCS[1] + r"(?:'s\b| \\?\")"
    r"|\b" + _OLD_DOCS[3] + r" habit\b"
)


def test_no_file_cites_documents_outside_the_project() -> None:
    """Nothing cites design notes a clone of the repository does not have."""
    citing = []
    for path in _project_files():
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines()):
            if _OLD_CITATION.search(line):
                citing.append(f"{path.relative_to(ROOT)}:{n + 1}: {line.strip()}")
    assert not citing, citing


def test_the_citation_check_catches_each_form() -> None:
    """The pattern above recognises each way the old notes were cited, and not ordinary text."""
    for cited in (
        _OLD_DOCS[0] + ".md",
        _OLD_DOCS[0] + " rule 9",
        _OLD_DOCS[1] + ' "Scoring"',
        _OLD_DOCS[1] + "'s fields",
        _OLD_DOCS[1] + ' \\"Scoring\\"',  # inside a JSON string
        _OLD_DOCS[2] + ".md",
        _OLD_DOCS[3] + " habit 1",
    ):
        assert _OLD_CITATION.search(cited), cited
    for fine in ("STYLES / 'base.tcss'", "the design of the game", "docs/format.md"):
        assert not _OLD_CITATION.search(fine), fine


_RULE = re.compile(r"\b[Rr]ules? (\d+(?:\s*(?:-|–|/|,|and|or)\s*\d+)*)")


def _cited_rules(text: str) -> set[int]:
    """The rule numbers `text` cites: `rule 6`, `Rule 5/10`, `rules 1-11`, `rules 8 and 9`."""
    numbers: set[int] = set()
    for group in _RULE.findall(text):
        for part in re.split(r"\s*(?:/|,|and|or)\s*", group):
            bounds = [int(n) for n in re.split(r"\s*[-–]\s*", part)]
            numbers.update(range(bounds[0], bounds[-1] + 1))
    return numbers


def test_cited_rule_numbers_parse() -> None:
    """`rule 6`, `Rule 5/10`, `rules 1-11`, `rules 8 and 9` are all read."""
    assert _cited_rules("(rule 6)") == {6}
    assert _cited_rules("Rule 5/10: x") == {5, 10}
    assert _cited_rules("rules 1-11 of") == set(range(1, 12))
    assert _cited_rules("rules 8 and 9") == {8, 9}


def test_every_cited_rule_exists_in_run_rules_md() -> None:
    """Every "rule N" the code, the tests and the README cite is a numbered rule of
    docs/run-rules.md, and the rules there are numbered 1, 2, ... without a gap."""
    text = RUN_RULES.read_text(encoding="utf-8")
    defined = [int(n) for n in re.findall(r"^### Rule (\d+):", text, flags=re.M)]
    assert defined == list(range(1, len(defined) + 1))
    cited: dict[int, str] = {}
    sources = [*(ROOT / "simulasi").rglob("*.py"), *(ROOT / "tests").rglob("*.py")]
    for path in [*sources, ROOT / "README.md"]:
        for number in _cited_rules(path.read_text(encoding="utf-8")):
            cited.setdefault(number, str(path.relative_to(ROOT)))
    assert cited, "no rule citation found: the pattern is wrong"
    unknown = {n: where for n, where in cited.items() if n not in defined}
    assert not unknown, f"cited but not in docs/run-rules.md: {unknown}"


# ------------------------------------------------------------------ the worked example


def _block(text: str, marker: str, lang: str) -> str:
    match = re.search(
        rf"<!-- worked-example: {re.escape(marker)} -->\n```{lang}\n(.*?)```", text, flags=re.S
    )
    assert match is not None, f"no {lang} block after <!-- worked-example: {marker} -->"
    return match.group(1)


def _same(expected: Any, got: Any, where: str) -> None:
    """`expected` as printed in the doc (4 decimals) against the code's full floats."""
    if isinstance(expected, dict):
        assert isinstance(got, dict), where
        for key, value in expected.items():
            assert key in got, f"{where}.{key}"
            _same(value, got[key], f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(got, list) and len(got) == len(expected), where
        for i, (a, b) in enumerate(zip(expected, got, strict=True)):
            _same(a, b, f"{where}[{i}]")
    elif isinstance(expected, float) or (
        isinstance(expected, int) and not isinstance(expected, bool)
    ):
        assert isinstance(got, (int, float)) and not isinstance(got, bool), where
        assert math.isclose(got, expected, abs_tol=5e-5), f"{where}: doc {expected}, code {got}"
    else:
        assert got == expected, f"{where}: doc {expected!r}, code {got!r}"


@pytest.mark.parametrize("script", ["A", "B"])
def test_worked_example_numbers_are_what_the_code_computes(script: str) -> None:
    """The scenario and answers of docs/scoring.md, played by the engine and scored, give the
    result printed there (every number to the 4 decimals shown)."""
    text = SCORING.read_text(encoding="utf-8")
    loaded = load_scenario(_block(text, "scenario", "yaml"), file="docs/scoring.md")
    assert loaded.scenario is not None, [d.format("en") for d in loaded.diagnostics]
    assert loaded.diagnostics == [], [d.format("en") for d in loaded.diagnostics]
    answers = parse_answers(_block(text, f"answers {script}", "yaml"))
    card = score_run(play(loaded.scenario, answers))
    expected = json.loads(_block(text, f"result {script}", "json"))
    _same(expected, card.headless_json(), "result")


def test_every_yaml_and_json_example_in_docs_parses() -> None:
    """A facilitator copies the examples: each ```yaml and ```json block of docs/ is valid."""
    count = 0
    for page in sorted(DOCS.glob("*.md")):
        text = page.read_text(encoding="utf-8")
        for lang, body in re.findall(r"```(yaml|json)\n(.*?)```", text, flags=re.S):
            count += 1
            try:
                yaml.safe_load(body) if lang == "yaml" else json.loads(body)
            except (yaml.YAMLError, json.JSONDecodeError) as exc:
                pytest.fail(f"{page.name}: a {lang} example does not parse: {exc}")
    assert count >= 10
