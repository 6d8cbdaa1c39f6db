"""The project's modules import each other without a circle, and only by public names.

Every import statement counts, wherever it is: one inside a function or under
TYPE_CHECKING is the same dependency, only hidden. A `_`-prefixed name is its module's own
business; a module that needs it from outside needs a public name instead.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("api", "bot", "dialogs", "nlu", "domain", "adapters", "patient_assistant")
#: (importing module, imported module, name) allowed to cross a module's privacy, with why.
KNOWN_PRIVATE_IMPORTS: dict[tuple[str, str, str], str] = {
    ("nlu.literals", "re", "_parser"): "the regex parser finds the literal words a pattern needs; "
    "tests/nlu/test_fast_paths.py fails if a Python release changes it",
    ("nlu.literals", "re", "_constants"): "the parser's opcodes, with _parser",
}
#: Circles not yet taken apart, with why they stand (none today).
KNOWN_CYCLES: dict[tuple[str, ...], str] = {}


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> list[tuple[str, str | None]]:
    """(module imported, name taken from it or None) for every import in the file."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: list[tuple[str, str | None]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(alias.name, None) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                out.append((submodule, None) if submodule in MODULES else (base, alias.name))
    return out


def _graph() -> dict[str, set[str]]:
    return {
        name: {target for target, _ in _imports(name, path) if target in MODULES and target != name}
        for name, path in MODULES.items()
    }


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_walk_sees_the_project() -> None:
    assert {"dialogs.engine", "dialogs.turn", "domain.commands", "bot.assistant"} <= set(MODULES)
    assert "dialogs.turn" in _graph()["dialogs.engine"]


def test_no_module_imports_in_a_circle() -> None:
    assert [c for c in _cycles(_graph()) if tuple(c) not in KNOWN_CYCLES] == []


def test_no_circle_reaches_dialogs_or_domain() -> None:
    assert all(not m.startswith(("dialogs.", "domain.")) for cycle in KNOWN_CYCLES for m in cycle)


def test_the_cycle_finder_finds_a_circle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_imports_a_private_name_of_another() -> None:
    crossings = {
        (name, target, taken)
        for name, path in MODULES.items()
        for target, taken in _imports(name, path)
        if taken and taken.startswith("_") and not taken.startswith("__") and target != "__future__"
    }
    assert crossings - set(KNOWN_PRIVATE_IMPORTS) == set()


def test_no_adapter_imports_the_composition_root() -> None:
    """Adapters are wired by `patient_assistant/`; they never reach back into it."""
    graph = _graph()
    reaching_back = sorted(
        (module, target)
        for module, targets in graph.items()
        if module.startswith("adapters.")
        for target in targets
        if target.startswith("patient_assistant.")
    )
    assert reaching_back == []
