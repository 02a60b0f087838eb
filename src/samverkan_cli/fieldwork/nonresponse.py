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

__all__ = ["FUZZY_THRESHOLD", "Missing", "contact_columns", "missing_units", "nonresponse_list"]

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
    the closest spelling at or above :data:`FUZZY_THRESHOLD` makes it a probable match.
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


def _probable_matches(missing: list[Unit], loose: list[RespondentRow]) -> dict[tuple[str, str, str], tuple[str, float]]:
    """Pair unmatched units and unmatched answers of the same kommun and type, best score first."""
    from rapidfuzz import fuzz

    pairs: list[tuple[float, tuple[str, str, str], int]] = []
    for unit in missing:
        for index, r in enumerate(loose):
            if (r.org_typ, r.kommun_code) != (unit.org_typ, unit.kommun_code):
                continue
            score = float(fuzz.token_sort_ratio(unit.name_key, r.name_key))
            if score >= FUZZY_THRESHOLD:
                pairs.append((score, unit.key, index))
    out: dict[tuple[str, str, str], tuple[str, float]] = {}
    used: set[int] = set()
    for score, key, index in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if key in out or index in used:
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
