"""Labels the reports show for codes: organisation types, verdicts, county names, file names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from samverkan_cli.i18n import Lang, Msg

if TYPE_CHECKING:
    from samverkan_cli.instrument import Instrument

__all__ = [
    "ALLA",
    "INDEX",
    "ORG_ORDER",
    "RIKET",
    "county_filename",
    "lan_name",
    "org_label",
    "org_rank",
    "verdict_label",
]

RIKET = "riket"
ALLA = "alla"
INDEX = "index"
#: Order of organisation types in the reports: all organisations first.
ORG_ORDER = ("alla", "vardcentral", "kommun", "annan")

_VERDICTS: dict[str, Msg] = {
    "battre": Msg("Bättre än riket", "Better than Sweden"),
    "i_niva": Msg("I nivå med riket", "On a par with Sweden"),
    "samre": Msg("Sämre än riket", "Worse than Sweden"),
    "ej_jamforbar": Msg("Ej jämförbar", "Not comparable"),
}
_RIKET = Msg("Riket", "Sweden")


def org_label(instrument: Instrument, org_typ: str, lang: Lang = "sv") -> str:
    """Plural label of an organisation type code from the codebook: ``vardcentral`` -> ``Vårdcentraler``."""
    return instrument.org_type_label(org_typ, lang, plural=True)


def org_rank(org_typ: str) -> int:
    """Sort key of an organisation type in the reports (unknown types last)."""
    return ORG_ORDER.index(org_typ) if org_typ in ORG_ORDER else 99


def verdict_label(verdict: str | None, lang: Lang = "sv") -> str:
    """``battre`` -> ``Bättre än riket``; unknown or ``None`` -> ``..``."""
    if verdict is None:
        return ".."
    label = _VERDICTS.get(verdict)
    return label.render(lang) if label else verdict


def lan_name(code: str, lang: Lang = "sv") -> str:
    """County name of an SCB code; ``riket`` is ``Riket`` / ``Sweden``; unknown codes stay codes."""
    from samverkan_cli import reference

    if code == RIKET:
        return _RIKET.render(lang)
    try:
        return reference.lan_name(code)
    except KeyError:
        return code


def county_filename(lan: str) -> str:
    """File name of a county report, relative to the overview: ``lan-14.html``."""
    return f"lan-{lan}.html"
