"""The import graph of ``reader/``, read from the source with ``ast`` (function-level imports too).

- No cycle: data flows one way, and the app, not a screen, knows every screen.
- No screen of ``reader/ui`` imports another inside a function (a cycle hidden from view).
- The engine imports neither Textual nor the cache nor the views: the edges (app, ui, cli,
  cache, background) call the engine, never the reverse.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "reader"

EDGES = ("reader.ui", "reader.app", "reader.cli", "reader.cache", "reader.background", "reader.__main__")
"""The modules that may use Textual and the cache; everything else is the engine."""

KNOWN_ENGINE_CACHE_USERS = {
    ("reader.drift", "reader.cache"),
    ("reader.provenance", "reader.cache"),
}
"""Engine modules that still reach the cache, until they take a ``compare=`` function (issue 17,
step 2). The test fails when one of these is gone, so that this list only ever shrinks."""


@dataclass(frozen=True)
class Import:
    """One import statement: who imports what, and whether inside a function."""

    importer: str
    imported: str
    in_function: bool
    line: int


def module_name(path: Path) -> str:
    """``reader/ui/app.py`` -> ``reader.ui.app``; a package's ``__init__`` is the package."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _resolve(name: str) -> str | None:
    """The ``reader`` module that ``name`` (a module, or a name inside one) refers to."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _targets(node: ast.Import | ast.ImportFrom, importer: str) -> list[str]:
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:  # relative: from the importer's package upwards
            package = importer if MODULES[importer].name == "__init__.py" else importer.rpartition(".")[0]
            for _ in range(node.level - 1):
                package = package.rpartition(".")[0]
            base = f"{package}.{base}".rstrip(".")
        names = [f"{base}.{alias.name}" for alias in node.names] or [base]
    return [name for name in names if name == "textual" or name.startswith(("textual.", "reader"))]


def imports_of(module: str) -> list[Import]:
    """Every import of Textual or of a ``reader`` module in ``module``'s source."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found: list[Import] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                for name in _targets(child, module):
                    target = name if name.startswith("textual") else _resolve(name)
                    if target is not None and target != module:
                        found.append(
                            Import(
                                module,
                                target.split(".")[0] if target.startswith("textual") else target,
                                in_function,
                                child.lineno,
                            )
                        )
            visit(child, in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)))

    visit(tree, False)
    return found


GRAPH = {module: imports_of(module) for module in MODULES}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` as a path that starts and ends on the same module, if any."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def walk(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state and (cycle := walk(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := walk(node)):
            return cycle
    return None


def is_engine(module: str) -> bool:
    """Whether ``module`` belongs to the engine (not one of the :data:`EDGES`)."""
    return module != "reader" and not any(module == edge or module.startswith(edge + ".") for edge in EDGES)


def test_the_graph_is_read() -> None:
    """The reading itself: known edges are found, function-level ones marked as such."""
    compare_screen = {(i.imported, i.in_function) for i in GRAPH["reader.ui.compare_screen"]}
    assert ("reader.ui.diff_view", False) in compare_screen and ("textual", False) in compare_screen
    assert any(i.imported == "reader.ui.library" and i.in_function for i in GRAPH["reader.app"])
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
    assert {"reader.align", "reader.drift", "reader.exporters.json_format"} <= {m for m in MODULES if is_engine(m)}
    assert not is_engine("reader.ui.heat_grid") and not is_engine("reader.cache")


def test_no_import_cycle_in_reader() -> None:
    graph = {module: {i.imported for i in imports if i.imported in MODULES} for module, imports in GRAPH.items()}
    assert find_cycle(graph) is None


def test_screens_never_import_each_other_inside_functions() -> None:
    hidden = [
        f"{i.importer}:{i.line} imports {i.imported}"
        for module, imports in GRAPH.items()
        if module.startswith("reader.ui.")
        for i in imports
        if i.in_function and i.imported.startswith("reader.ui.")
    ]
    assert hidden == []


def test_the_engine_imports_no_textual_no_cache_and_no_view() -> None:
    found = {
        (i.importer, i.imported)
        for module, imports in GRAPH.items()
        if is_engine(module)
        for i in imports
        if i.imported == "textual" or not is_engine(i.imported) and i.imported != "reader"
    }
    assert found - KNOWN_ENGINE_CACHE_USERS == set(), "the engine reaches up to the edges"
    stale = KNOWN_ENGINE_CACHE_USERS - found
    if stale:
        pytest.fail(f"no longer true, remove from KNOWN_ENGINE_CACHE_USERS: {sorted(stale)}")
