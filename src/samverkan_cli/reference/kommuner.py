"""The 290 kommuner and 21 län (SCB codes), loaded once from the CSV shipped in the package.

Codes are zero-padded strings throughout (``"0180"``, ``"01"``), never integers.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = [
    "ALIAS_KINDS",
    "Alias",
    "Kommun",
    "Lan",
    "aliases",
    "kommun_by_code",
    "kommuner",
    "kommuner_in_lan",
    "lan",
    "lan_name",
]

_DATA_PACKAGE = "samverkan_cli.reference"


@dataclass(frozen=True, slots=True)
class Kommun:
    """A kommun with its 4-digit SCB code and the län it belongs to."""

    code: str
    name: str
    lan_code: str
    lan_name: str


@dataclass(frozen=True, slots=True)
class Lan:
    """A län (county) with its 2-digit SCB code."""

    code: str
    name: str


@dataclass(frozen=True, slots=True)
class Alias:
    """Another name for a kommun: an official form, an abbreviation or a stadsdel.

    ``kind`` is one of ``official_name``, ``abbreviation``, ``exonym``, ``stadsdel``
    (a current district or administrative area) and ``former_stadsdel``.
    """

    alias: str
    kommun_code: str
    kind: str


ALIAS_KINDS = ("official_name", "abbreviation", "exonym", "stadsdel", "former_stadsdel")


def _read_csv(name: str) -> list[dict[str, str]]:
    text = resources.files(_DATA_PACKAGE).joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@cache
def kommuner() -> tuple[Kommun, ...]:
    """All 290 kommuner, sorted by code.

    >>> kommuner()[0]
    Kommun(code='0114', name='Upplands Väsby', lan_code='01', lan_name='Stockholms län')
    """
    rows = _read_csv("kommuner.csv")
    return tuple(
        sorted(
            (
                Kommun(
                    code=row["kommun_code"].strip(),
                    name=row["kommun_name"].strip(),
                    lan_code=row["lan_code"].strip(),
                    lan_name=row["lan_name"].strip(),
                )
                for row in rows
            ),
            key=lambda k: k.code,
        )
    )


@cache
def _by_code() -> dict[str, Kommun]:
    return {k.code: k for k in kommuner()}


@cache
def lan() -> tuple[Lan, ...]:
    """All 21 län, sorted by code."""
    seen: dict[str, str] = {}
    for k in kommuner():
        seen.setdefault(k.lan_code, k.lan_name)
    return tuple(Lan(code, name) for code, name in sorted(seen.items()))


@cache
def _lan_by_code() -> dict[str, Lan]:
    return {item.code: item for item in lan()}


def kommun_by_code(code: str) -> Kommun:
    """The kommun with this 4-digit SCB code; ``KeyError`` if there is none.

    >>> kommun_by_code("1480").name
    'Göteborg'
    """
    return _by_code()[code]


def kommuner_in_lan(lan_code: str) -> tuple[Kommun, ...]:
    """The kommuner of one län, sorted by code; ``KeyError`` for an unknown län code."""
    if lan_code not in _lan_by_code():
        raise KeyError(lan_code)
    return tuple(k for k in kommuner() if k.lan_code == lan_code)


def lan_name(lan_code: str) -> str:
    """The name of a län, e.g. ``"Västra Götalands län"`` for ``"14"``; ``KeyError`` if unknown."""
    return _lan_by_code()[lan_code].name


@cache
def aliases() -> tuple[Alias, ...]:
    """The shipped aliases (other names for kommuner), in file order."""
    result = []
    for row in _read_csv("aliases.csv"):
        code = row["kommun_code"].strip()
        kind = row["kind"].strip()
        if code not in _by_code():
            raise ValueError(f"aliases.csv: unknown kommun code {code!r}")
        if kind not in ALIAS_KINDS:
            raise ValueError(f"aliases.csv: unknown alias kind {kind!r}")
        result.append(Alias(alias=row["alias"].strip(), kommun_code=code, kind=kind))
    return tuple(result)
