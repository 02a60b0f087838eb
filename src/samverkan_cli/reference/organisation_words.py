"""Words in organisation names (generic unit words, provider brands), loaded once from package data."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["OrganisationWords", "organisation_words"]

_DATA_FILE = "organisation_words.toml"


@dataclass(frozen=True)
class OrganisationWords:
    """The contents of ``reference/data/organisation_words.toml`` (its header says what each part means)."""

    generic: tuple[str, ...]
    type_parts: dict[str, tuple[str, ...]]  # org type code -> parts of words that point to it
    type_words: dict[str, tuple[str, ...]]  # org type code -> whole words that point to it
    kommun_unit_name: str  # "Socialtjänsten {kommun}"

    def kommun_unit(self, kommun_name: str) -> str:
        """The name of a kommun's social services: ``Socialtjänsten Lund``."""
        return self.kommun_unit_name.format(kommun=kommun_name)


def _strings(raw: Any, key: str) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(word, str) and word for word in raw):
        raise ValueError(f"{_DATA_FILE}: {key} must be a list of non-empty strings")
    return tuple(raw)


@cache
def organisation_words() -> OrganisationWords:
    """The organisation words shipped with the package (read once)."""
    ref = resources.files("samverkan_cli.reference") / "data" / _DATA_FILE
    data = tomllib.loads(ref.read_text(encoding="utf-8"))
    types: dict[str, Any] = data["org_types"]
    return OrganisationWords(
        generic=_strings(data["generic"]["words"], "generic.words"),
        type_parts={code: _strings(t.get("contains", []), f"org_types.{code}.contains") for code, t in types.items()},
        type_words={code: _strings(t.get("words", []), f"org_types.{code}.words") for code, t in types.items()},
        kommun_unit_name=str(data["kommun"]["unit_name"]),
    )
