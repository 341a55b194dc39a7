"""The architecture rules of docs/architecture.md, enforced: import-linter contracts, no import cycles, app.py's
imports, evals never importing tests, and lazy imports only for start-up speed."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("graph", "tools", "guards", "evals")
APP_MAY_IMPORT = ("graph.runtime", "graph.views", "graph.contracts")
"""app.py is a thin shell: the runtime, the view-models and the kernel (which every layer may import)."""
LAZY_MARK = "# lazy:"


@pytest.fixture(scope="module")
def import_graph() -> grimp.ImportGraph:
    # TYPE_CHECKING-only imports are annotations, not run-time dependencies: they cannot form a circle at run time.
    return grimp.build_graph(
        *PACKAGES, include_external_packages=False, cache_dir=None, exclude_type_checking_imports=True
    )


def _contracts() -> list[dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return list(config["tool"]["importlinter"]["contracts"])


def _python_files(*tops: str) -> Iterator[Path]:
    for top in tops:
        path = ROOT / top
        if path.is_file():
            yield path
        else:
            yield from sorted(p for p in path.rglob("*.py") if "__pycache__" not in p.parts)


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    """(line, module) of every import statement in a file (``from a import b`` yields a and a.b)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.lineno, node.module
            for alias in node.names:
                yield node.lineno, f"{node.module}.{alias.name}"


def test_import_linter_contracts_hold() -> None:
    """The contracts in pyproject.toml ([tool.importlinter]) are kept (the same check as ``make lint``)."""
    exe = Path(sys.executable).with_name("lint-imports")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [str(exe), "--no-cache"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert proc.returncode == 0, (
        f"import-linter contracts broken:\n{proc.stdout[-6000:]}{proc.stderr[-2000:]}"
    )
    assert f"Contracts: {len(_contracts())} kept, 0 broken." in proc.stdout


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    adj = {m: sorted(graph.find_modules_directly_imported_by(m)) for m in sorted(graph.modules)}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    for start in adj:
        if start in index:
            continue
        work = [(start, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            if i < len(adj[node]):
                work.append((node, i + 1))
                nxt = adj[node][i]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                comp = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    comp.append(top)
                    if top == node:
                        break
                if len(comp) > 1:
                    out.append(sorted(comp))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return out


def test_no_module_level_import_cycles(import_graph: grimp.ImportGraph) -> None:
    """No two modules of graph, tools, guards or evals import each other, directly or around a circle (imports
    inside functions count: a circle held apart by a function-level import is still a circle)."""
    cycles = _cycles(import_graph)
    lines = []
    for comp in cycles:
        members = set(comp)
        edges = [
            f"{a} -> {b}"
            for a in comp
            for b in sorted(import_graph.find_modules_directly_imported_by(a))
            if b in members
        ]
        lines.append(f"{len(comp)} modules: " + "; ".join(edges))
    assert cycles == [], "import cycles:\n" + "\n".join(lines)


def test_cycle_finder_sees_a_circle() -> None:
    """The cycle finder itself: a two-module circle and a three-module one are reported, a chain is not."""
    graph = grimp.ImportGraph()
    for a, b in (
        ("p.a", "p.b"),
        ("p.b", "p.a"),
        ("p.c", "p.d"),
        ("p.d", "p.e"),
        ("p.e", "p.c"),
        ("p.f", "p.a"),
    ):
        graph.add_import(importer=a, imported=b)
    assert sorted(_cycles(graph)) == [["p.a", "p.b"], ["p.c", "p.d", "p.e"]]


def test_app_imports_only_the_runtime_the_views_and_the_kernel() -> None:
    project = {p + "." for p in PACKAGES} | {"app."}
    bad = [
        f"app.py:{line}: {mod}"
        for line, mod in _imports(ROOT / "app.py")
        if any(f"{mod}.".startswith(p) for p in project)
        and not any(mod == a or mod.startswith(a + ".") for a in APP_MAY_IMPORT)
    ]
    assert bad == [], "app.py may import only " + ", ".join(APP_MAY_IMPORT) + ":\n" + "\n".join(bad)


def test_evals_never_import_tests() -> None:
    bad = [
        f"{path.relative_to(ROOT)}:{line}: {mod}"
        for path in _python_files("evals")
        for line, mod in _imports(path)
        if mod == "tests" or mod.startswith("tests.")
    ]
    assert bad == [], "evals/ imports tests/:\n" + "\n".join(bad)


def test_function_level_imports_are_only_lazy_start_up_imports() -> None:
    """An import inside a function is there for start-up speed (or a dev-only dependency) and says so."""
    bad = []
    for path in _python_files("app.py", *PACKAGES):
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        for fn in ast.walk(ast.parse(text)):
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(fn):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    source = "\n".join(lines[node.lineno - 1 : node.end_lineno])
                    if LAZY_MARK not in source:
                        bad.append(f"{path.relative_to(ROOT)}:{node.lineno}: {source.strip()}")
    assert bad == [], (
        f"function-level imports without a '{LAZY_MARK} start-up (...)' reason (move them to the "
        "top of the module):\n" + "\n".join(sorted(set(bad)))
    )


def test_every_graph_module_sits_in_a_layer(import_graph: grimp.ImportGraph) -> None:
    """A new module or subpackage of graph/ must be placed in the layers contract (else it is unchecked), and
    the forbidden contracts name every part of graph/ but the kernel."""
    contracts = {str(c["id"]): c for c in _contracts()}
    layers = [
        name.strip()
        for layer in contracts["layers"]["layers"]  # type: ignore[attr-defined]
        for part in str(layer).replace("|", ":").split(":")
        for name in [part]
        if name.strip()
    ]
    unplaced = sorted(
        m
        for m in import_graph.find_descendants("graph")
        if not import_graph.find_children(m)  # a package is placed through its modules
        and not any(m == layer or m.startswith(layer + ".") for layer in layers)
    )
    assert unplaced == [], "modules of graph/ in no layer of [tool.importlinter] 'layers': " + ", ".join(
        unplaced
    )
    children = {m for m in import_graph.find_children("graph") if m != "graph.contracts"}
    for cid in ("kernel", "tools-guards"):
        forbidden = set(contracts[cid]["forbidden_modules"])  # type: ignore[arg-type]
        assert children <= forbidden, f"contract {cid} misses {sorted(children - forbidden)}"
