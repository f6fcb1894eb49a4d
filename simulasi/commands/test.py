"""`simulasi test [PATH...]`: run golden tests (`*.test.yaml`), exit 1 when one fails."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from simulasi.errors import EXIT_INVALID, EXIT_OK, UsageError
from simulasi.guard import shown
from simulasi.i18n import t

ORDER = 70


def register(sub: Any, parents: list[argparse.ArgumentParser], lang: str) -> None:
    parser = sub.add_parser(
        "test",
        parents=parents,
        help=t("tools.cli.test", lang),
        description=t("tools.cli.test.description", lang),
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help=t("tools.cli.test.paths", lang)
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, lang: str) -> int:
    """Run every case of every file; print each result and the failures in full."""
    from simulasi.bundled import bundled_dir
    from simulasi.tools.golden import SUFFIX, format_failure, golden_files, run_file

    paths: list[Path] = args.paths or [bundled_dir()]
    for path in paths:
        if not path.exists():
            raise UsageError(t("err.not_found", lang, path=path))
        if path.is_file() and _is_scenario(path):
            tests = path.with_name(path.name.removesuffix(path.suffix) + SUFFIX)
            if tests.is_file():
                raise UsageError(t("tools.test.scenario_given", lang, path=path, tests=tests))
            raise UsageError(t("tools.test.scenario_given_none", lang, path=path))
    files = golden_files(paths)
    if not files:
        raise UsageError(t("tools.test.none", lang, paths=", ".join(map(str, paths))))
    passed = failed = 0
    for found in files:
        file = _shown(found)
        result = run_file(file, lang)
        if result.error is not None:
            failed += 1
            print(shown(f"{t('tools.test.error_tag', lang)} {result.error}"))
            continue
        for case_result in result.results:
            if case_result.ok:
                passed += 1
                print(shown(f"{t('tools.test.ok_tag', lang)} {file}: {case_result.case.name}"))
            else:
                failed += 1
                for failure in case_result.failures:
                    lines = format_failure(file, case_result.case, failure, lang)
                    print(shown(f"{t('tools.test.fail_tag', lang)} {lines[0]}"))
                    for line in lines[1:]:
                        print(shown(line))
    print(t("tools.test.summary", lang, files=len(files), passed=passed, failed=failed))
    return EXIT_INVALID if failed else EXIT_OK


def _shown(path: Path) -> Path:
    """The path relative to the current folder when it is inside it (shorter to read)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def _is_scenario(path: Path) -> bool:
    """A file that is not named *.test.yaml and declares a scenario's `format:` at its top."""
    from simulasi.scenario.yamltree import TreeError, YMap, read_tree
    from simulasi.tools.golden import SUFFIX

    if path.name.endswith(SUFFIX):
        return False
    try:
        root = read_tree(path.read_text(encoding="utf-8"), str(path))
    except (OSError, UnicodeDecodeError, TreeError):
        return False  # not readable as YAML: the golden runner reports it
    return isinstance(root, YMap) and "format" in root
