"""Imports run one way (issue 17): a test over the import graph of crm/ and widgets/.

Every ``import`` and ``from ... import`` in a module's source counts, also those inside
functions (they run too), except under ``if TYPE_CHECKING:``. The rules:

- ``crm.core`` imports no case, no grading, no answer key and no view;
- a case (``crm.cases.<case>``) imports ``crm.core`` and its own modules only: no other case, not
  the registry, nothing of grading or widgets;
- nothing in ``crm`` imports ``widgets``; grading imports no view;
- a case's views (``widgets.<case>``) import no other case's views or analytics; the shared views
  (``widgets.*`` outside the case folders and ``widgets.app``) import no case's views;
- there are no import cycles between modules.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CASES = sorted(p.name for p in (ROOT / "crm" / "cases").iterdir() if (p / "__init__.py").is_file())


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for top in ("crm", "widgets") for p in sorted((ROOT / top).rglob("*.py"))}


MODULES = _modules()


def _type_checking_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
            for child in node.body:
                lines.update(range(child.lineno, child.end_lineno + 1))
    return lines


def imports_of(name: str) -> set[str]:
    """The project modules ``name`` imports (``from a import b`` counts ``a.b`` where that is a module)."""
    path = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_lines(tree)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skip:
            continue
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            targets = [base] + [f"{base}.{a.name}" for a in node.names]
        else:
            continue
        found.update(t for t in targets if t in MODULES and t != name)
    return found


GRAPH = {name: imports_of(name) for name in MODULES}


def _case_of(name: str) -> str | None:
    parts = name.split(".")
    if parts[:2] == ["crm", "cases"] and len(parts) > 2 and parts[2] in CASES:
        return parts[2]
    if parts[0] == "widgets" and len(parts) > 1 and parts[1] in CASES:
        return parts[1]
    return None


def _broken(rule) -> list[str]:
    return sorted(f"{a} -> {b}" for a, targets in GRAPH.items() for b in targets if rule(a, b))


def test_the_graph_sees_the_layers():
    # The test reads what it should: every layer is there and has edges.
    assert {"crm.core.schemas", "crm.cases.registry", "crm.grading.runner", "widgets.i18n", "widgets.app.publish"} <= set(GRAPH)
    assert "crm.core.schemas" in GRAPH["crm.core.io"] and "crm.grading.sandbox" in GRAPH["crm.grading.kernels"]
    from crm.cases import CASES as REGISTERED  # (a draft case has no views yet)
    assert len(REGISTERED) >= 5 and all(f"widgets.{c}.labels" in GRAPH for c in REGISTERED)


def test_core_imports_no_case_grading_key_or_view():
    assert not _broken(lambda a, b: a.startswith("crm.core") and not b.startswith("crm.core"))


def test_a_case_imports_core_and_its_own_modules_only():
    def rule(a: str, b: str) -> bool:
        case = _case_of(a)
        return a.startswith("crm.cases.") and case is not None and not (
            b.startswith("crm.core") or b == f"crm.cases.{case}" or b.startswith(f"crm.cases.{case}."))
    assert not _broken(rule)


def test_nothing_in_crm_imports_widgets_and_grading_imports_no_view():
    assert not _broken(lambda a, b: a.startswith("crm") and b.startswith("widgets"))


def test_views_import_no_other_case():
    def rule(a: str, b: str) -> bool:
        if not a.startswith("widgets") or a.startswith("widgets.app"):
            return False
        mine, theirs = _case_of(a), _case_of(b)
        return theirs is not None and theirs != mine  # shared views: mine is None, so any case breaks it
    assert not _broken(rule)


def test_no_import_cycles():
    cycles, state = [], {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(GRAPH[node]):
            if state.get(nxt) == "open":
                cycles.append(" -> ".join(path[path.index(nxt):] + [nxt]) if nxt in path else f"{node} -> {nxt}")
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = "done"

    for name in sorted(GRAPH):
        if name not in state:
            visit(name, [name])
    assert not cycles


@pytest.mark.parametrize("package", sorted(n for n, p in MODULES.items() if p.name == "__init__.py"))
def test_every_package_says_what_lives_there(package):
    doc = ast.get_docstring(ast.parse(MODULES[package].read_text(encoding="utf-8")))
    assert doc and len(doc) > 60, f"{package}/__init__.py needs a docstring saying what lives there"
