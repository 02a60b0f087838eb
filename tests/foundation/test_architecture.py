"""The import graph: arrows only point down the layers drawn in docs/architecture.md."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "samverkan_cli"

# Top to bottom. A module may import its own layer and any layer below it, never one above.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("cli", "__main__"),
    ("batch",),
    ("reports", "fieldwork"),
    ("analysis",),
    ("store",),
    ("ingest",),
    ("readers",),
    ("reference", "instrument"),
    ("errors", "i18n", "config", "text", "fileio", "progress", "__init__"),
)


def _layer(module: str) -> int:
    """Layer index of ``samverkan_cli.<top>...`` (0 = top)."""
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else "__init__"
    for index, names in enumerate(LAYERS):
        if top in names:
            return index
    raise AssertionError(f"{module} is in no layer: add it to LAYERS and docs/architecture.md")


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    return ".".join(rel.parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_imports(tree: ast.AST) -> list[tuple[int, str]]:
    """``samverkan_cli`` modules imported at run time (``if TYPE_CHECKING:`` blocks excluded)."""
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for sub in child.orelse:
                    visit(sub)
                continue
            if isinstance(child, ast.ImportFrom) and child.module and child.module.startswith("samverkan_cli"):
                if child.module == "samverkan_cli":
                    found.extend((child.lineno, f"samverkan_cli.{a.name}") for a in child.names)
                else:
                    found.append((child.lineno, child.module))
            elif isinstance(child, ast.Import):
                found.extend((child.lineno, a.name) for a in child.names if a.name.startswith("samverkan_cli"))
            visit(child)

    visit(tree)
    return found


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "_examples" not in p.parts)


def _upward_edges() -> list[str]:
    edges = []
    for path in _modules():
        name = _module_name(path)
        own = _layer(name)
        for line, target in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
            if target == "samverkan_cli.__version__":
                continue
            if _layer(target) < own:
                edges.append(f"{path.relative_to(PACKAGE)}:{line} imports {target}")
    return edges


class TestLayers:
    """Arrows point only down: cli -> batch -> reports -> analysis -> store -> ingest -> readers -> ..."""

    def test_every_module_belongs_to_a_layer(self) -> None:
        """Each top-level module or package of samverkan_cli is placed in exactly one layer."""
        for path in _modules():
            _layer(_module_name(path))

    def test_no_module_imports_a_layer_above_it(self) -> None:
        """No run-time import goes upward (type-only imports under TYPE_CHECKING are allowed)."""
        assert _upward_edges() == []

    @pytest.mark.parametrize(
        ("source", "expected"),
        [
            ("from samverkan_cli.store import Store\n", ["samverkan_cli.store"]),
            ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from samverkan_cli.store import Store\n", []),
            ("def f():\n    from samverkan_cli.reports import html\n", ["samverkan_cli.reports"]),
            ("from samverkan_cli import __version__\n", ["samverkan_cli.__version__"]),
        ],
    )
    def test_the_checker_sees_lazy_imports_and_ignores_type_only_ones(self, source: str, expected: list[str]) -> None:
        """Imports inside functions count; imports under ``if TYPE_CHECKING:`` do not."""
        assert [t for _, t in _runtime_imports(ast.parse(source))] == expected
