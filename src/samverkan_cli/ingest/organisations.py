"""Organisation identity: name + kommun, normalised so spelling variants are one unit.

The words involved (generic unit words, provider brands) are data:
``reference/data/organisation_words.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import cache

from samverkan_cli.reference import organisation_words
from samverkan_cli.text import fold

__all__ = ["infer_org_typ", "kommun_unit_name", "name_key"]


@cache
def _generic() -> re.Pattern[str]:
    """Generic words that say what kind of unit it is, not which one."""
    words = "|".join(re.escape(w) for w in organisation_words().generic)
    return re.compile(rf"\b({words})\b")


@cache
def _type_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """One pattern per organisation type: any of its word parts, or any of its whole words."""
    ow = organisation_words()
    patterns = []
    for code in ow.type_parts.keys() | ow.type_words.keys():
        parts = [re.escape(p) for p in ow.type_parts.get(code, ())]
        words = [rf"\b{re.escape(w)}\b" for w in ow.type_words.get(code, ())]
        patterns.append((code, re.compile("|".join(parts + words))))
    return tuple(sorted(patterns))


def name_key(name: str, org_typ: str) -> str:
    """The identity of an organisation within its kommun and type.

    A kommun's social services are one unit per kommun, so their key is empty.

    >>> name_key("VC Centrum", "vardcentral") == name_key("Vårdcentralen  Centrum", "vardcentral")
    True
    """
    if org_typ == "kommun":
        return ""
    text = fold(name, keep_underscores=True)
    stripped = " ".join(_generic().sub(" ", text).split())
    return stripped or text


def infer_org_typ(name: str, known: Collection[str] | None = None) -> str | None:
    """Guess the organisation type from its name, or None when the name does not say.

    With ``known`` (the codebook's organisation type codes) a guess outside them is None too,
    so a codebook without e.g. ``vardcentral`` never receives that code.
    """
    text = name.casefold()
    found = [code for code, pattern in _type_patterns() if pattern.search(text)]
    if len(found) != 1 or (known is not None and found[0] not in known):
        return None
    return found[0]


def kommun_unit_name(kommun_name: str) -> str:
    """The organisation name of a kommun's social services: ``Socialtjänsten Lund``."""
    return organisation_words().kommun_unit(kommun_name)
