"""Bortfall: the register units without a response in a wave, with probable matches under other spellings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from samverkan_cli.fieldwork.units import Unit, org_labels, population
from samverkan_cli.fieldwork.worklist import WorkList
from samverkan_cli.i18n import Lang, Msg

if TYPE_CHECKING:
    from samverkan_cli.instrument import Instrument
    from samverkan_cli.store import Store
    from samverkan_cli.store.fieldwork import RespondentRow

__all__ = [
    "FUZZY_THRESHOLD",
    "Missing",
    "contact_columns",
    "match_score",
    "missing_units",
    "nonresponse_list",
]

#: rapidfuzz score (0-100) from which an unmatched answer in the same kommun counts as the unit's answer.
FUZZY_THRESHOLD = 80.0


@dataclass(frozen=True)
class Missing:
    """A register unit without an exact response; ``answered_as`` names a probable match, if any."""

    unit: Unit
    answered_as: str = ""
    score: float = 0.0


def missing_units(store: Store, wave: str, lans: list[str] | None = None) -> list[Missing]:
    """Units with no response in ``wave``, matched as response rates are: type + kommun + name key.

    An answer that matched no unit exactly is offered to the unmatched units of its kommun and type;
    the closest spelling (:func:`match_score`) at or above :data:`FUZZY_THRESHOLD` makes it a probable match.
    """
    from samverkan_cli.store.fieldwork import respondents

    units = population(store, lans)
    answered = respondents(store, wave)
    keys = {(r.org_typ, r.kommun_code, r.name_key) for r in answered}
    unit_keys = {u.key for u in units}
    missing = [u for u in units if u.key not in keys]
    loose = [r for r in answered if (r.org_typ, r.kommun_code, r.name_key) not in unit_keys]
    matches = _probable_matches(missing, loose)
    return [Missing(u, *matches.get(u.key, ("", 0.0))) for u in missing]


def _stems(key: str) -> frozenset[str]:
    """The words of a name key without a genitive s, so "Angereds" and "Angered" are one word."""
    return frozenset(w.removesuffix("s") if len(w) > 3 else w for w in key.split())


def match_score(unit_key: str, answer_key: str) -> float:
    """How likely an answer's name key names the unit (0-100).

    Spelling variants score by :func:`rapidfuzz.fuzz.token_sort_ratio` (typos, word order). A name that
    is the other with words added or left out (a provider brand, the kommun or stadsdel, a genitive)
    scores from :data:`FUZZY_THRESHOLD` up by the share of words in common, so "Capio Vårdcentral
    Kyrkbacken" is "Vårdcentralen Kyrkbacken", and "Närhälsan Ale Norr" is closer to "Ale Norr" than to "Ale".
    """
    from rapidfuzz import fuzz

    score = float(fuzz.token_sort_ratio(unit_key, answer_key))
    a, b = _stems(unit_key), _stems(answer_key)
    if a and b and a == b:
        return 100.0
    if a and b and (a < b or b < a):
        share = min(len(a), len(b)) / max(len(a), len(b))
        return max(score, FUZZY_THRESHOLD + (100.0 - FUZZY_THRESHOLD) * share)
    return score


def _probable_matches(missing: list[Unit], loose: list[RespondentRow]) -> dict[tuple[str, str, str], tuple[str, float]]:
    """Pair unmatched units and unmatched answers of the same kommun and type, best score first.

    An answer that fits two units equally well is offered to neither: listing both as missing is safer
    than marking the wrong one as answered.
    """
    pairs: list[tuple[float, tuple[str, str, str], int]] = []
    for unit in missing:
        for index, r in enumerate(loose):
            if (r.org_typ, r.kommun_code) != (unit.org_typ, unit.kommun_code):
                continue
            score = match_score(unit.name_key, r.name_key)
            if score >= FUZZY_THRESHOLD:
                pairs.append((score, unit.key, index))
    best: dict[int, list[float]] = {}
    for score, _, index in pairs:
        best.setdefault(index, []).append(score)
    ambiguous = {i for i, scores in best.items() if scores.count(max(scores)) > 1}
    out: dict[tuple[str, str, str], tuple[str, float]] = {}
    used: set[int] = set()
    for score, key, index in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if key in out or index in used or index in ambiguous:
            continue
        out[key] = (loose[index].name, score)
        used.add(index)
    return out


_TITLE = Msg("Bortfall {w}: {n} enheter utan svar", "Non-response {w}: {n} units without a response")
_COLUMNS = (
    Msg("Län", "County"),
    Msg("Länsnamn", "County name"),
    Msg("Kommun", "Kommun"),
    Msg("Typ", "Type"),
    Msg("Enhet", "Unit"),
    Msg("Status", "Status"),
    Msg("Svarat som", "Answered as"),
)
_MISSING = Msg("saknar svar", "no response")
_PROBABLE = Msg("trolig matchning", "probable match")


def nonresponse_list(
    store: Store, instrument: Instrument, wave: str, lans: list[str] | None, lang: Lang
) -> tuple[WorkList, list[Missing]]:
    """The bortfall list as rows for screen, CSV or XLSX, and the units behind it."""
    from samverkan_cli.reference import kommun_by_code, lan_name

    found = missing_units(store, wave, lans)
    labels = org_labels(instrument, lang)
    contact_cols = contact_columns(m.unit for m in found)
    rows = [
        [
            m.unit.lan_code,
            lan_name(m.unit.lan_code),
            kommun_by_code(m.unit.kommun_code).name,
            labels.get(m.unit.org_typ, m.unit.org_typ),
            m.unit.name,
            (_PROBABLE if m.answered_as else _MISSING).render(lang),
            m.answered_as,
            *(m.unit.contacts.get(c, "") for c in contact_cols),
        ]
        for m in found
    ]
    missing = sum(1 for m in found if not m.answered_as)
    title = _TITLE.render(lang, w=wave, n=missing)
    columns = [c.render(lang) for c in _COLUMNS] + contact_cols
    return WorkList(title, columns, rows, sheet=Msg("Bortfall", "Non-response").render(lang)), found


def contact_columns(units: Iterable[Unit]) -> list[str]:
    """The register's own column names, in the order they first appear."""
    seen: dict[str, None] = {}
    for unit in units:
        for name in unit.contacts:
            seen.setdefault(name, None)
    return list(seen)
