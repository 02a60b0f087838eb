"""Every bilingual message has the same ``{placeholders}`` in Swedish and English."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import string
from pathlib import Path

import samverkan_cli
from samverkan_cli.i18n import Msg

PACKAGE_DIR = Path(samverkan_cli.__file__).parent


def _fields(template: str) -> list[str]:
    """The placeholder names of a format string, in order (with repeats)."""
    return [field for _, field, _, _ in string.Formatter().parse(template) if field is not None]


def _literal_msgs() -> list[tuple[str, str, str]]:
    """Every ``Msg("…", "…")`` call in the package source whose two texts are string literals."""
    found: list[tuple[str, str, str]] = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Msg"):
                continue
            texts = [a.value for a in node.args[:2] if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if len(texts) == 2:
                found.append((f"{path.relative_to(PACKAGE_DIR)}:{node.lineno}", texts[0], texts[1]))
    return found


def _module_msgs() -> list[tuple[str, str, str]]:
    """Every ``Msg`` a module holds at top level, directly or inside a dict, list or tuple."""
    found: list[tuple[str, str, str]] = []

    def collect(where: str, value: object) -> None:
        if isinstance(value, Msg):
            found.append((where, value.sv, value.en))
        elif isinstance(value, dict):
            for key, inner in value.items():
                collect(f"{where}[{key!r}]", inner)
        elif isinstance(value, list | tuple):
            for n, inner in enumerate(value):
                collect(f"{where}[{n}]", inner)

    for info in pkgutil.walk_packages(samverkan_cli.__path__, "samverkan_cli."):
        if info.name.endswith(".__main__"):  # importing it runs the CLI
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if getattr(value, "__module__", module.__name__) == module.__name__:
                collect(f"{info.name}.{name}", value)
    return found


class TestMessagePlaceholders:
    def test_the_source_has_messages_to_check(self) -> None:
        """The AST walk finds the package's messages (guards against a walk that silently finds nothing)."""
        assert len(_literal_msgs()) > 100

    def test_literal_messages_have_the_same_placeholders(self) -> None:
        """Every ``Msg(sv, en)`` in the source names the same placeholders in both languages."""
        wrong = [where for where, sv, en in _literal_msgs() if sorted(set(_fields(sv))) != sorted(set(_fields(en)))]
        assert wrong == []

    def test_module_level_messages_have_the_same_placeholders(self) -> None:
        """Every ``Msg`` held by a module (constants, catalogues) names the same placeholders in both languages."""
        messages = _module_msgs()
        assert messages
        wrong = [where for where, sv, en in messages if sorted(set(_fields(sv))) != sorted(set(_fields(en)))]
        assert wrong == []

    def test_a_mismatch_is_detected(self) -> None:
        """The placeholder comparison tells a message with a missing placeholder apart."""
        assert set(_fields("Filen {f} saknas på rad {row}")) != set(_fields("File {f} is missing"))
