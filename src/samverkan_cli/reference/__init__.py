"""Reference data shipped with the package: kommuner and län (SCB codes), resolution of free kommun
spellings, the words organisation names are made of, and the labels of export bookkeeping columns."""

from samverkan_cli.reference.column_labels import ColumnLabels, column_labels
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
    "ColumnLabels",
    "Kommun",
    "KommunMatch",
    "Lan",
    "MatchMethod",
    "OrganisationWords",
    "aliases",
    "column_labels",
    "kommun_by_code",
    "kommuner",
    "kommuner_in_lan",
    "lan",
    "lan_name",
    "organisation_words",
    "resolve_kommun",
]
