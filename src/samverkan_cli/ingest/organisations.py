"""Organisation identity: name + kommun, normalised so spelling variants are one unit."""

from __future__ import annotations

import re

from samverkan_cli.text import fold

__all__ = ["infer_org_typ", "name_key"]

# Generic words that say what kind of unit it is, not which one. Brand names (Capio, Närhälsan) stay.
_GENERIC = re.compile(
    r"\b(vårdcentralen|vårdcentral|vc|hälsocentralen|hälsocentral|hc|husläkarmottagningen|husläkarmottagning"
    r"|vårdcentrum|region|regionens|socialtjänsten|socialtjänst|ifo|individ och familjeomsorgen"
    r"|individ och familjeomsorg|kommun|kommuns|stad|stads|ab)\b"
)
_VARDCENTRAL = re.compile(r"vårdcentral|hälsocentral|\bvc\b|husläkar|närhälsan|capio|praktikertjänst|läkarhus")
_KOMMUN = re.compile(
    r"socialtjänst|\bifo\b|individ- och familjeomsorg|individ och familjeomsorg|socialförvaltning|kommun"
)


def name_key(name: str, org_typ: str) -> str:
    """The identity of an organisation within its kommun and type.

    A kommun's social services are one unit per kommun, so their key is empty.

    >>> name_key("VC Centrum", "vardcentral") == name_key("Vårdcentralen  Centrum", "vardcentral")
    True
    """
    if org_typ == "kommun":
        return ""
    text = fold(name, keep_underscores=True)
    stripped = " ".join(_GENERIC.sub(" ", text).split())
    return stripped or text


def infer_org_typ(name: str) -> str | None:
    """Guess the organisation type from its name, or None when the name does not say."""
    text = name.casefold()
    is_vc = bool(_VARDCENTRAL.search(text))
    is_kommun = bool(_KOMMUN.search(text))
    if is_vc == is_kommun:
        return None
    return "vardcentral" if is_vc else "kommun"
