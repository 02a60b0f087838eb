"""Resolve free spellings of a kommun ("Göteborgs Stad", "Gbg", "0180", "Angered") to a kommun.

The resolver never guesses between two plausible kommuner: an uncertain answer comes back with
``kommun=None`` and the nearest candidates, so the importer can report it as a finding.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from rapidfuzz import fuzz, process

from samverkan_cli.i18n import Msg
from samverkan_cli.reference.kommuner import Kommun, aliases, kommun_by_code, kommuner
from samverkan_cli.text import fold

__all__ = ["KommunMatch", "MatchMethod", "resolve_kommun"]

MatchMethod = Literal["code", "name", "alias", "fuzzy", "ambiguous", "none", "empty"]

# A fuzzy match is accepted only when it is close (one typo in a normal-length name scores
# about 87-95) and clearly ahead of the runner-up; short strings are never fuzzy-accepted
# because one edit in "Eda" or "Kil" is as likely to mean another kommun.
_ACCEPT_SCORE = 85.0
_PLAUSIBLE_SCORE = 70.0
_MARGIN = 10.0
_MIN_FUZZY_LENGTH = 5
_N_CANDIDATES = 3

_CODE_ONLY = re.compile(r"^'?\s*(\d{3,4})(?:\.0+)?$")
_CODE_FIRST = re.compile(r"^'?\s*(\d{4})\b\s*[-–—:,.]?\s*(.+)$")
_CODE_LAST = re.compile(r"^(.+?)\s*[-–—:,(]?\s*(\d{4})\s*\)?$")

# Affixes are whole words of the normalised text, tried longest first.
_PREFIXES: tuple[tuple[str, ...], ...] = (
    ("municipality", "of"),
    ("stadsdelsförvaltningen",),
    ("stadsdelsförvaltning",),
    ("stadsdelsnämnden",),
    ("stadsdelsnämnd",),
    ("stadsdelsområde",),
    ("stadsdelen",),
    ("stadsdel",),
    ("kommunen",),
    ("kommun",),
    ("sdf",),
    ("sdn",),
)
_SUFFIXES: tuple[tuple[str, ...], ...] = (
    ("stadsdelsförvaltning",),
    ("stadsdelsförvaltningen",),
    ("stadsdelsnämnd",),
    ("stadsdelsnämnden",),
    ("stadsdelsområde",),
    ("stadsdel",),
    ("municipality",),
    ("kommun",),
    ("kommuns",),
    ("stad",),
    ("stads",),
    ("sdf",),
    ("sdn",),
)
# "Region X" is a region, not kommun X (Region Stockholm runs the vårdcentraler of Stockholms
# län), so it is never resolved to kommun X; Region Gotland, which is a kommun, is an alias.
_REGION = "region"


@dataclass(frozen=True, slots=True)
class KommunMatch:
    """The result of resolving a text: the kommun (or ``None``), the candidates and how.

    ``method`` is ``code``, ``name``, ``alias`` or ``fuzzy`` when ``kommun`` is set, and
    ``ambiguous``, ``none`` or ``empty`` when it is not. ``candidates`` holds up to three nearest
    kommuner for fuzzy, ambiguous and unmatched texts (best first).
    """

    kommun: Kommun | None
    candidates: tuple[Kommun, ...]
    method: MatchMethod

    @property
    def code(self) -> str | None:
        """The matched kommun's code, or ``None``."""
        return self.kommun.code if self.kommun else None

    @property
    def certain(self) -> bool:
        """True for exact matches (code, name, alias); fuzzy matches deserve a warning."""
        return self.method in ("code", "name", "alias")

    def explain(self, text: str) -> Msg | None:
        """A bilingual explanation for a finding, or ``None`` for a certain match."""
        if self.certain:
            return None
        names = ", ".join(f"{k.name} ({k.code})" for k in self.candidates)
        if self.method == "fuzzy" and self.kommun is not None:
            return Msg(
                "Kommunen {text!r} tolkades som {name} ({code}). Kontrollera stavningen.",
                "The kommun {text!r} was read as {name} ({code}). Check the spelling.",
            ).format(text=text, name=self.kommun.name, code=self.kommun.code)
        if self.method == "empty":
            return Msg("Kommun saknas.", "The kommun is missing.")
        if self.method == "ambiguous":
            return Msg(
                "Kommunen {text!r} kan vara flera kommuner: {names}. Skriv kommunens namn eller fyrsiffriga kod.",
                "The kommun {text!r} could be several kommuner: {names}. Write the kommun's name or four-digit code.",
            ).format(text=text, names=names)
        if names:
            return Msg(
                "Okänd kommun {text!r}. Närmast: {names}.",
                "Unknown kommun {text!r}. Nearest: {names}.",
            ).format(text=text, names=names)
        return Msg("Okänd kommun {text!r}.", "Unknown kommun {text!r}.").format(text=text)


@dataclass(frozen=True)
class _Index:
    names: dict[str, Kommun]
    alias_keys: dict[str, Kommun]
    folded: dict[str, Kommun]
    choices: tuple[str, ...]
    choice_kommun: tuple[Kommun, ...]


@cache
def _index() -> _Index:
    names = {fold(k.name): k for k in kommuner()}
    alias_keys: dict[str, Kommun] = {}
    for a in aliases():
        key = fold(a.alias)
        kommun = kommun_by_code(a.kommun_code)
        if key in names and names[key] != kommun:
            raise ValueError(f"alias {a.alias!r} is the name of another kommun")
        if alias_keys.get(key, kommun) != kommun:
            raise ValueError(f"alias {a.alias!r} maps to two kommuner")
        alias_keys.setdefault(key, kommun)
    every = {**alias_keys, **names}
    folded: dict[str, Kommun] = {}
    clashes: set[str] = set()
    for key, kommun in every.items():
        fkey = _ascii(key)
        if fkey in folded and folded[fkey] != kommun:
            clashes.add(fkey)
        folded[fkey] = kommun
    for fkey in clashes:
        del folded[fkey]
    choices = tuple(every)
    return _Index(
        names=names,
        alias_keys=alias_keys,
        folded=folded,
        choices=choices,
        choice_kommun=tuple(every[c] for c in choices),
    )


def _strip_affixes(key: str) -> tuple[str, bool]:
    """Remove kommun/stad/stadsdel words around a name; also report a leading "region"."""
    words = key.split()
    region = False
    changed = True
    while changed and words:
        changed = False
        if words[0] == _REGION and len(words) > 1:
            words, region, changed = words[1:], True, True
        for prefix in _PREFIXES:
            if len(words) > len(prefix) and tuple(words[: len(prefix)]) == prefix:
                words, changed = words[len(prefix) :], True
                break
        for suffix in _SUFFIXES:
            if len(words) > len(suffix) and tuple(words[-len(suffix) :]) == suffix:
                words, changed = words[: -len(suffix)], True
                break
    return " ".join(words), region


def _exact(key: str) -> tuple[Kommun, MatchMethod] | None:
    index = _index()
    if key in index.names:
        return index.names[key], "name"
    if key in index.alias_keys:
        return index.alias_keys[key], "alias"
    return None


def _nearest(keys: tuple[str, ...]) -> list[tuple[Kommun, float]]:
    """Kommuner by best fuzzy score over names and aliases, best first, one entry per kommun."""
    index = _index()
    best: dict[str, tuple[Kommun, float]] = {}
    for key in keys:
        for _choice, score, pos in process.extract(key, index.choices, scorer=fuzz.ratio, limit=12):
            kommun = index.choice_kommun[pos]
            if kommun.code not in best or best[kommun.code][1] < score:
                best[kommun.code] = (kommun, float(score))
    return sorted(best.values(), key=lambda item: (-item[1], item[0].code))


def _candidates(ranked: list[tuple[Kommun, float]], first: Kommun | None = None) -> tuple[Kommun, ...]:
    ordered = ([first] if first else []) + [k for k, _ in ranked if k != first]
    return tuple(ordered[:_N_CANDIDATES])


# The longest kommun text worth looking at, and the most words a two-name text has: a 1 MB
# cell made the pairwise split below recurse past Python's limit (and run for minutes).
_LONGEST = 200
_COMPOUND_WORDS = 8


def _compound(key: str) -> KommunMatch | None:
    """Two names in one text: "Göteborgs Stad Angered" is Göteborg, "Göteborg Malmö" is both."""
    words = key.split()
    if len(words) > _COMPOUND_WORDS:
        return None
    for i in range(1, len(words)):
        head = _resolve_key(" ".join(words[:i]))
        if head.kommun is None or not head.certain:
            continue
        tail = _resolve_key(" ".join(words[i:]))
        if tail.kommun is None or not tail.certain:
            continue
        if tail.kommun == head.kommun:
            return KommunMatch(head.kommun, (), "alias")
        return KommunMatch(None, (head.kommun, tail.kommun), "ambiguous")
    return None


@lru_cache(maxsize=8192)
def _resolve_key(key: str) -> KommunMatch:
    """Resolve an already normalised, non-empty key."""
    hit = _exact(key)
    if hit:
        return KommunMatch(hit[0], (), hit[1])

    stripped, region = _strip_affixes(key)
    keys = [stripped]
    if stripped.endswith("s") and len(stripped) > 2:
        keys.append(stripped[:-1])  # genitive: "Lerums kommun", "Göteborgs stad"
    for candidate_key in keys:
        hit = _exact(candidate_key)
        if hit is None:
            continue
        if region and _exact(f"{_REGION} {candidate_key}") is None:
            return KommunMatch(None, (hit[0],), "ambiguous")
        return KommunMatch(hit[0], (), hit[1])

    compound = None if region else _compound(stripped)
    if compound is not None:
        return compound

    ranked = _nearest(tuple(keys))
    if region:
        return KommunMatch(None, _candidates(ranked), "none")

    for candidate_key in keys:
        folded = _index().folded.get(_ascii(candidate_key))
        if folded is not None:  # "Goteborg", "Malmo": only the diacritics are missing
            return KommunMatch(folded, _candidates(ranked, folded), "fuzzy")

    if not ranked:
        return KommunMatch(None, (), "none")
    best_kommun, best = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if best >= _ACCEPT_SCORE and best - second >= _MARGIN and len(stripped) >= _MIN_FUZZY_LENGTH:
        return KommunMatch(best_kommun, _candidates(ranked), "fuzzy")
    if second >= _PLAUSIBLE_SCORE and best - second < _MARGIN:
        return KommunMatch(None, _candidates(ranked), "ambiguous")
    return KommunMatch(None, _candidates(ranked), "none")


def _from_code(code: str) -> Kommun | None:
    if len(code) == 3:  # a code read as a number lost its leading zero: 180 -> 0180
        code = "0" + code
    try:
        return kommun_by_code(code)
    except KeyError:
        return None


@lru_cache(maxsize=65536)
def _resolve_text(text: str) -> KommunMatch:
    stripped = text.strip()
    if not stripped:
        return KommunMatch(None, (), "empty")

    only = _CODE_ONLY.match(stripped)
    if only:
        kommun = _from_code(only.group(1))
        return KommunMatch(kommun, (), "code") if kommun else KommunMatch(None, (), "none")

    with_name = _CODE_FIRST.match(stripped)
    code_and_name = (with_name.group(1), with_name.group(2)) if with_name else None
    if code_and_name is None:
        trailing = _CODE_LAST.match(stripped)
        if trailing:
            code_and_name = (trailing.group(2), trailing.group(1))
    if code_and_name is not None:
        kommun = _from_code(code_and_name[0])
        if kommun is not None:
            key = fold(code_and_name[1])
            by_name = _resolve_key(key) if key else None
            if by_name is None or by_name.kommun in (None, kommun):
                return KommunMatch(kommun, (), "code")
            # "1480 Malmö": the code and the name disagree, so neither is trusted.
            return KommunMatch(None, (kommun, by_name.kommun), "ambiguous")

    key = fold(stripped)
    if not key:  # only punctuation, e.g. "-" for "no answer"
        return KommunMatch(None, (), "empty")
    return _resolve_key(key)


def resolve_kommun(text: str | int | float | None) -> KommunMatch:
    """Resolve a free spelling of a kommun: a name, an alias, a stadsdel or an SCB code.

    >>> resolve_kommun("Göteborgs Stad").kommun.code
    '1480'
    >>> resolve_kommun("Upplands").method
    'ambiguous'
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return KommunMatch(None, (), "empty")
    if isinstance(text, float) and text.is_integer():
        text = int(text)
    text = text if isinstance(text, str) else str(text)
    if len(text) > _LONGEST and len(text.strip()) > _LONGEST:
        return KommunMatch(None, (), "none")  # no kommun is spelt in 200 characters
    return _resolve_text(text)


def _ascii(key: str) -> str:
    return fold(key, accents=False)
