"""Reference data shipped with the package: kommuner and län (SCB codes), resolution of free kommun
spellings, and the words organisation names are made of."""

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
from samverkan_cli.reference.organisation_words import OrganisationWords, organisation_words
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
    "OrganisationWords",
    "aliases",
    "kommun_by_code",
    "kommuner",
    "kommuner_in_lan",
    "lan",
    "lan_name",
    "organisation_words",
    "resolve_kommun",
]
