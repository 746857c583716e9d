"""No import circle in chalicelib/ or dev/ (issue 18 point 6), counting the imports inside
functions too: a circle hidden by a function-local import still ties two modules into one
(issue 10 point 12 found one in api/, issue 18 two in dev/)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("chalicelib", "dev")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "node_modules" not in path.parts:
                found[_module_name(path)] = path
    return found


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The known modules `name` imports, at any depth (function-local too)."""
    is_package = path.name == "__init__.py"
    package = name if is_package else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [base, *(f"{base}.{a.name}" for a in node.names)]
        out |= {t for t in targets if t in known and t != name}
    return out


def graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(name, path, known) for name, path in modules.items()}


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import circle as the list of its modules (the first repeated at the end), or None."""
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt] if nxt in stack else [node, nxt]
            if nxt not in state:
                found = visit(nxt, [*stack, nxt])
                if found:
                    return found
        state[node] = 2
        return None

    for module in sorted(edges):
        if module not in state:
            found = visit(module, [module])
            if found:
                return found
    return None


def test_the_graph_covers_chalicelib_and_dev() -> None:
    edges = graph()
    assert {
        "chalicelib.bootstrap",
        "chalicelib.api.http",
        "dev.run_local",
        "dev.local_table",
    } <= set(edges)
    assert "dev.graph_standin" in edges["dev.run_local"]  # a function-local import counts too
    assert "chalicelib.domain.skm.survey" in edges["chalicelib.domain.skm.index"]  # relative


def test_no_import_cycle_in_chalicelib_or_dev() -> None:
    cycle = find_cycle(graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_a_cycle_is_found() -> None:
    """The search above can fail: a hidden circle like dev's old one is reported."""
    old_dev = {
        "dev.run_local": {"dev.local_table", "dev.sign_in"},
        "dev.local_table": {"dev.run_local"},
        "dev.sign_in": {"dev.staff_accounts"},
        "dev.staff_accounts": {"dev.local_table"},
    }
    assert find_cycle(old_dev) == ["dev.local_table", "dev.run_local", "dev.local_table"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
