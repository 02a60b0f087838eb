"""Kommuner and län (SCB codes, shipped as data) and resolution of free kommun spellings."""

from samverkan_cli.reference.kommuner import (
    ALIAS_KINDS,
    Alias,
    Kommun,
    Lan,
    aliases,
    kommun_by_code,
    kommuner,
    kommuner_in_lan,
    lan,
    lan_name,
)
from samverkan_cli.reference.resolve import (
    KommunMatch,
    MatchMethod,
    resolve_kommun,
)

__all__ = [
    "ALIAS_KINDS",
    "Alias",
    "Kommun",
    "KommunMatch",
    "Lan",
    "MatchMethod",
    "aliases",
    "kommun_by_code",
    "kommuner",
    "kommuner_in_lan",
    "lan",
    "lan_name",
    "resolve_kommun",
]
