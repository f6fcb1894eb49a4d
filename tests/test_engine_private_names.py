"""No module outside simulasi/engine reads the engine's private names.

The tools, the UI, the store, the commands and scoring read a run through `Run`'s public
methods (docs/architecture.md). This test reads every module of `simulasi/` outside
`simulasi/engine/`, and `scoring/`, and fails naming file:line:col for:

- an attribute whose name is one of the engine's private names (`run._state`, `run._log`, ...)
  on anything but `self`/`cls`, or the same name given to `getattr`/`setattr`/`hasattr`;
- an import of a `_`-name from `simulasi.engine` or one of its modules;
- an import of the engine-internal modules (`simulasi.engine.state`, `simulasi.engine.tables`).

The engine's private names are read from its own source (every `_name` it defines or uses),
together with the names it had before its state became one object.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENGINE = ROOT / "simulasi" / "engine"
SCANNED = (ROOT / "simulasi", ROOT / "scoring")
INTERNAL_MODULES = frozenset({"simulasi.engine.state", "simulasi.engine.tables"})
# Names the engine used for its internals before they moved into `RunState` and the tables
# module: code written against the old engine must not come back.
FORMER_NAMES = frozenset(
    {
        "_entries",
        "_Entry",
        "_facts",
        "_flags",
        "_floor",
        "_fresh",
        "_history",
        "_last_arrival",
        "_live",
        "_live_total",
        "_log",
        "_meters",
        "_new_tuple",
        "_out",
        "_Plan",
        "_queue",
        "_seq",
        "_SHARED_STATE",
        "_Slot",
        "_slots",
        "_state",
        "_tables",
        "_TABLES",
        "_Tables",
        "_track",
        "_wake",
    }
)
ACCESSORS = frozenset({"getattr", "setattr", "hasattr", "delattr"})


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def engine_private_names() -> frozenset[str]:
    """Every `_name` the engine's source defines or uses, and its former ones."""
    names: set[str] = set(FORMER_NAMES)
    for path in sorted(ENGINE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute):
                candidate = node.attr
            elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                candidate = node.name
            elif isinstance(node, ast.Name):
                candidate = node.id
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                candidate = node.value  # `__slots__` entries
            else:
                continue
            if _private(candidate) and candidate.isidentifier():
                names.add(candidate)
    return frozenset(names)


def _engine_module(module: str | None) -> bool:
    return module is not None and (
        module == "simulasi.engine" or module.startswith("simulasi.engine.")
    )


def violations(path: str, source: str, private: frozenset[str]) -> list[str]:
    """`path:line:col: what` for every read of the engine's private names in `source`, in
    the order they come in the file."""
    found = sorted(_found(source, private))
    return [f"{path}:{line}:{col}: {what}" for line, col, what in found]


def _found(source: str, private: frozenset[str]) -> Iterator[tuple[int, int, str]]:
    for node in ast.walk(ast.parse(source)):
        where = (getattr(node, "lineno", 0), getattr(node, "col_offset", -1) + 1)
        if isinstance(node, ast.ImportFrom) and _engine_module(node.module):
            if node.module in INTERNAL_MODULES:
                yield (*where, f"imports the engine-internal module {node.module}")
            for alias in node.names:
                if _private(alias.name):
                    yield (*where, f"imports the private engine name {alias.name}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in INTERNAL_MODULES:
                    yield (*where, f"imports the engine-internal module {alias.name}")
        elif isinstance(node, ast.Attribute) and node.attr in private:
            owner = node.value
            if not (isinstance(owner, ast.Name) and owner.id in ("self", "cls")):
                yield (*where, f"reads the private engine attribute .{node.attr}")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ACCESSORS
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and node.args[1].value in private
        ):
            yield (*where, f"reads the private engine attribute {node.args[1].value!r}")


def scanned_modules() -> list[Path]:
    paths = [path for root in SCANNED for path in sorted(root.rglob("*.py"))]
    return [path for path in paths if ENGINE not in path.parents]


def test_no_module_outside_the_engine_reads_its_private_names() -> None:
    private = engine_private_names()
    found: list[str] = []
    for path in scanned_modules():
        relative = path.relative_to(ROOT).as_posix()
        found += violations(relative, path.read_text(encoding="utf-8"), private)
    assert not found, "outside simulasi/engine, read through `Run`'s public methods:\n" + "\n".join(
        found
    )


def test_the_scan_covers_the_tools_the_ui_and_scoring() -> None:
    scanned = {path.relative_to(ROOT).as_posix() for path in scanned_modules()}
    for expected in (
        "simulasi/tools/forking.py",
        "simulasi/tools/explore.py",
        "simulasi/ui/app.py",
        "simulasi/headless.py",
        "scoring/__init__.py",
    ):
        assert expected in scanned
    assert not any(name.startswith("simulasi/engine/") for name in scanned)
    private = engine_private_names()
    # Read from the engine itself: its state, its tables, its private methods.
    assert {"_state", "_tables", "_process", "_by_rank", "_mismatch"} <= private


def test_the_scan_names_each_kind_of_access() -> None:
    """What the tools once did (forking.py read the queue, the log and the slots) is caught,
    with its line and column; the same names on `self` (another class's own) are not."""
    source = "\n".join(
        [
            "from simulasi.engine import Run",
            "from simulasi.engine.run import _new_tuple",
            "from simulasi.engine.state import RunState",
            "import simulasi.engine.tables",
            "def scheduled(run: Run) -> object:",
            "    return sorted(at for at, _, _ in run._queue)",
            "def log_length(run: Run) -> int:",
            "    return len(run._log) + len(getattr(run, '_slots'))",
            "class Screen:",
            "    def wake(self) -> None:",
            "        self._wake = 1",
        ]
    )
    found = violations("tools/old.py", source, engine_private_names())
    assert found == [
        "tools/old.py:2:1: imports the private engine name _new_tuple",
        "tools/old.py:3:1: imports the engine-internal module simulasi.engine.state",
        "tools/old.py:4:1: imports the engine-internal module simulasi.engine.tables",
        "tools/old.py:6:38: reads the private engine attribute ._queue",
        "tools/old.py:8:16: reads the private engine attribute ._log",
        "tools/old.py:8:32: reads the private engine attribute '_slots'",
    ]
