"""The house's shape: layers from the command line down to the record, no import cycles,
each library inside the modules that own it, rooms of one purpose, thin commands."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "toolkit"
MODULES = sorted(PACKAGE.rglob("*.py"))

# Layers, top first. A module may import from its own layer or any layer below it, never
# from a layer above. Paths are relative to toolkit/; the longest matching prefix decides.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("command line", ("cli/", "__main__.py")),
    (
        "jobs",
        (
            "jobs.py",
            "records.py",
            "workspace.py",
            "monthly.py",
            "housekeeping.py",
            "plans.py",
            "samples/",
        ),
    ),
    (
        "outputs",
        (
            "render.py",
            "writing/",
        ),
    ),
    ("aggregation", ("aggregate/",)),
    (
        "pipeline and ledger",
        (
            "check.py",
            "discover.py",
            "isolation.py",
            "confine.py",
            "winjob.py",
            "receipts.py",
            "ledger/",
        ),
    ),
    ("rules", ("rules/",)),
    ("workbook reading", ("reading/",)),
    ("workbook files (formats, guards, the template contract)", ("excel/",)),
    ("record and registry", ("parse/", "registry/")),
    ("normalisation", ("normalize/",)),
    (
        "vocabulary",
        (
            "__init__.py",
            "model.py",
            "cells.py",
            "raw.py",
            "results.py",
            "findings.py",
            "catalogue/",
            "fiscal.py",
            "clock.py",
            "era.py",
            "settings.py",
            "config.py",
            "errors.py",
            "text.py",
            "fileio.py",
            "labels.py",
            "ledgerurl.py",
        ),
    ),
)

# library → the only modules (relative to toolkit/) that may import it
OWNERS = {
    "click": ("cli/",),
    "openpyxl": ("excel/", "reading/", "writing/"),
    # the feedback copy reads the station's own values back to mark them
    "python_calamine": ("excel/", "reading/", "writing/feedback/"),
    "xlsxwriter": ("writing/",),
    "pandas": ("aggregate/", "writing/summary/", "writing/remind.py", "writing/roster.py"),
    "msoffcrypto": ("excel/guard/",),
    # the ledger owns its database: its engines, its schema versions, its driver
    "sqlalchemy": ("ledger/",),
    "alembic": ("ledger/",),
    "psycopg": ("ledger/",),
}


def relative(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


NAMES = {module_name(p): p for p in MODULES}


def imports(path: Path) -> set[str]:
    """Every module imported anywhere in the file (type-only and lazy imports included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            for alias in node.names:
                found.add(f"{node.module}.{alias.name}")
    return found


def toolkit_imports(path: Path) -> set[str]:
    """The toolkit modules a file imports (a name imported from a package counts as the
    package, or as its submodule when it is one)."""
    return {name for name in imports(path) if name in NAMES and name != module_name(path)}


def layer_of(path: Path) -> int:
    rel = relative(path)
    best: tuple[int, int] | None = None
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            matches = rel == prefix or (prefix.endswith("/") and rel.startswith(prefix))
            if matches and (best is None or len(prefix) > best[1]):
                best = (index, len(prefix))
    assert best is not None, f"{rel} belongs to no layer: add it to LAYERS"
    return best[0]


@pytest.mark.parametrize("path", MODULES, ids=relative)
def test_imports_run_down_the_layers(path: Path) -> None:
    mine = layer_of(path)
    upward = [
        f"{name} ({LAYERS[layer_of(NAMES[name])][0]})"
        for name in sorted(toolkit_imports(path))
        if layer_of(NAMES[name]) < mine
    ]
    assert upward == [], f"{relative(path)} ({LAYERS[mine][0]}) imports upward"


def test_no_import_cycles() -> None:
    graph = {name: toolkit_imports(path) for name, path in NAMES.items()}
    # A package's __init__ re-exporting its submodules is not a cycle with them.
    cycles = _cycles(graph)
    assert cycles == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize("library", sorted(OWNERS))
def test_library_stays_in_its_modules(library: str) -> None:
    offenders = [
        relative(p)
        for p in MODULES
        if any(name == library or name.startswith(library + ".") for name in imports(p))
        and not relative(p).startswith(OWNERS[library])
    ]
    assert offenders == []


def test_the_two_wings_do_not_import_each_other() -> None:
    """Reading and writing meet the rest of the house through the record and plain tables,
    and share only the file-format base (`excel/`)."""
    crossing = sorted(
        f"{relative(p)} -> {name}"
        for p in MODULES
        for wing, other in (("reading/", "toolkit.writing"), ("writing/", "toolkit.reading"))
        if relative(p).startswith(wing)
        for name in toolkit_imports(p)
        if name == other or name.startswith(other + ".")
    )
    assert crossing == []


def test_nothing_imports_the_command_line() -> None:
    users = {relative(p) for p in MODULES if any(n.startswith("toolkit.cli") for n in imports(p))}
    assert {u for u in users if not u.startswith("cli/")} == {"__main__.py"}


def test_no_module_is_over_600_lines() -> None:
    long = {relative(p): n for p in MODULES if (n := len(p.read_text().splitlines())) > 600}
    assert long == {}


def test_commands_are_thin() -> None:
    """Each command parses, makes one library call and renders: at most 30 lines of body."""
    bodies: dict[str, int] = {}
    for path in PACKAGE.joinpath("cli").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and any(
                "command" in ast.unparse(d) for d in node.decorator_list
            ):
                body = node.body
                if (
                    body
                    and isinstance(body[0], ast.Expr)
                    and isinstance(body[0].value, ast.Constant)
                ):
                    body = body[1:]  # the docstring
                bodies[node.name] = body[-1].end_lineno - body[0].lineno + 1 if body else 0
    assert bodies, "no command found"
    assert {name: n for name, n in bodies.items() if n > 30} == {}


def test_every_command_has_help_text() -> None:
    from click.testing import CliRunner

    from toolkit.cli import main

    for name, command in main.commands.items():
        assert command.help, name
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0, name


def test_the_record_and_the_rules_know_no_excel_library() -> None:
    pure = [p for p in MODULES if relative(p) in ("model.py", "findings.py", "results.py")]
    pure += [p for p in MODULES if relative(p).startswith(("rules/", "normalize", "registry/"))]
    heavy = {"openpyxl", "python_calamine", "xlsxwriter", "pandas", "click"}
    for path in pure:
        names = imports(path)
        assert not {n for n in names if n.split(".")[0] in heavy or n.startswith("toolkit.excel")}


def test_help_does_not_load_the_heavy_libraries() -> None:
    code = (
        "import sys; from click.testing import CliRunner; from toolkit.cli import main;"
        "CliRunner().invoke(main, ['--help']);"
        "print(sorted(m for m in ('pandas','openpyxl','xlsxwriter','python_calamine')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_check_does_not_load_the_ledger(tmp_path: Path) -> None:
    """An officer's `check` never opens a ledger: SQLAlchemy, Alembic and the PostgreSQL
    driver (a second of start-up) load only for the commands that use one."""
    code = (
        "import sys; from click.testing import CliRunner; from toolkit.cli import main;"
        f"r = CliRunner().invoke(main, ['check', {str(tmp_path)!r}]); assert r.exit_code == 0;"
        "print(sorted(m for m in ('sqlalchemy', 'alembic', 'psycopg', 'toolkit.ledger')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
