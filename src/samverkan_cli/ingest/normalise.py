"""Normalise raw answers to the codebook: labels, codes, multi-select splitting (SPEC 4.4)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from samverkan_cli.ingest.matching import missing_synonyms, option_lookup
from samverkan_cli.ingest.privacy import mask_text
from samverkan_cli.instrument import Instrument, Item
from samverkan_cli.text import fold_header

__all__ = ["Answer", "AnswerNormaliser", "Unknown"]

_LEADING_CODE = re.compile(r"^\s*(-?\d+)(?:[.,]0+)?\s*(?:[-–.:)=]\s*|\s+)?(.*)$")
_MULTI_FALLBACK = re.compile(r"\s*[;,|\n]\s*")
_TRUE = {"y", "yes", "ja", "j", "1", "x", "true", "sant", "selected", "checked", "vald", "valt"}
_FALSE = {"n", "no", "nej", "0", "false", "falskt", "not selected", "ej vald"}


@dataclass(frozen=True)
class Answer:
    """A normalised answer: ``value`` as stored, ``numeric`` the scale value (None when missing)."""

    value: str
    numeric: float | None = None
    missing: bool = False


@dataclass(frozen=True)
class Unknown:
    """A raw value that matches nothing in the codebook; ``expected`` lists what would."""

    raw: str
    expected: tuple[str, ...]


class AnswerNormaliser:
    """Per-instrument lookup tables with a cache per (item, raw value): cheap on big files."""

    def __init__(self, instrument: Instrument) -> None:
        self.instrument = instrument
        self._scored: dict[str, dict[str, Answer]] = {}
        self._options: dict[str, dict[str, str]] = {}
        self._cache: dict[tuple[str, str], Answer | Unknown | None] = {}
        self._multi_cache: dict[tuple[str, str, str | None], tuple[list[str], list[str]]] = {}
        synonyms = missing_synonyms(instrument)
        for item in instrument.items:
            if item.scale.type == "scored":
                self._scored[item.id] = self._scored_lookup(item)
            elif item.scale.type in ("choice", "multi"):
                self._options[item.id] = option_lookup(item, synonyms)

    @staticmethod
    def _scored_lookup(item: Item) -> dict[str, Answer]:
        lookup: dict[str, Answer] = {}
        for label in item.scale.labels:
            answer = Answer(label.text.sv, label.value)
            for text in (label.text.sv, label.text.en, *label.aliases):
                lookup.setdefault(fold_header(text), answer)
            value = label.value
            lookup.setdefault(str(int(value)) if value == int(value) else str(value), answer)
        for missing in item.scale.missing:
            answer = Answer(missing.sv, None, missing=True)
            for text in (missing.sv, missing.en):
                lookup.setdefault(fold_header(text), answer)
        if item.scale.missing:
            # The codebook's other spellings of "no answer" ("Vet inte", "N/A") read as its first missing label.
            first = Answer(item.scale.missing[0].sv, None, missing=True)
            for alias in item.scale.missing_aliases:
                lookup.setdefault(fold_header(alias), first)
        return lookup

    def expected(self, item: Item) -> tuple[str, ...]:
        scale = item.scale
        if scale.type == "scored":
            return tuple(lab.text.sv for lab in scale.labels) + tuple(m.sv for m in scale.missing)
        return tuple(opt.text.sv for opt in scale.options)

    def scored(self, item: Item, raw: str) -> Answer | Unknown | None:
        """Normalise a scored answer: label, alias, numeric code or ``"4 - Instämmer helt"``."""
        key = (item.id, raw)
        if key in self._cache:
            return self._cache[key]
        result = self._scored_uncached(item, raw)
        self._cache[key] = result
        return result

    def _scored_uncached(self, item: Item, raw: str) -> Answer | Unknown | None:
        text = raw.strip()
        if not text:
            return None
        lookup = self._scored[item.id]
        norm = fold_header(text)
        if norm in lookup:
            return lookup[norm]
        match = _LEADING_CODE.match(text)
        if match:
            code, rest = match.group(1), fold_header(match.group(2))
            by_code = lookup.get(code)
            by_text = lookup.get(rest) if rest else None
            if by_code and (by_text is None or by_text == by_code):
                return by_code
            if by_text and not by_code:
                return by_text
        return Unknown(raw, self.expected(item))

    def choice(self, item: Item, raw: str) -> Answer | Unknown | None:
        """Normalise a single-choice answer to its option code."""
        text = raw.strip()
        if not text:
            return None
        key = (item.id, raw)
        if key not in self._cache:
            code = self._options[item.id].get(fold_header(text))
            self._cache[key] = Answer(code) if code else Unknown(raw, self.expected(item))
        return self._cache[key]

    def multi(self, item: Item, raw: str, separator: str | None) -> tuple[list[str], list[str]]:
        """Split a joined multi-select answer; returns (option codes, unrecognised pieces)."""
        key = (item.id, raw, separator)
        cached = self._multi_cache.get(key)
        if cached is None:
            cached = self._multi_cache[key] = self._multi_uncached(item, raw, separator)
        return list(cached[0]), list(cached[1])

    def _multi_uncached(self, item: Item, raw: str, separator: str | None) -> tuple[list[str], list[str]]:
        text = raw.strip()
        if not text:
            return [], []
        lookup = self._options[item.id]
        whole = lookup.get(fold_header(text))
        if whole:
            return [whole], []
        pieces = [p for p in (text.split(separator) if separator else [text]) if p.strip()]
        codes, unknown = self._match_pieces(pieces, lookup)
        if unknown and separator:
            codes2, unknown2 = self._match_pieces([p for p in _MULTI_FALLBACK.split(text) if p], lookup)
            if len(unknown2) < len(unknown):
                codes, unknown = codes2, unknown2
        elif unknown:
            codes, unknown = self._match_pieces([p for p in _MULTI_FALLBACK.split(text) if p], lookup)
        return sorted(set(codes), key=codes.index), unknown

    @staticmethod
    def _match_pieces(pieces: list[str], lookup: dict[str, str]) -> tuple[list[str], list[str]]:
        codes: list[str] = []
        unknown: list[str] = []
        for piece in pieces:
            code = lookup.get(fold_header(piece))
            if code:
                codes.append(code)
            elif piece.strip():
                unknown.append(piece.strip())
        return codes, unknown

    @staticmethod
    def checked(raw: str, option_label_matches: bool) -> bool | None:
        """Whether a split multi-select cell means "chosen": Y/1/x/the option label; None if unclear."""
        norm = fold_header(raw)
        if not norm or norm in _FALSE:
            return False
        if norm in _TRUE or option_label_matches:
            return True
        return None

    def option_label_matches(self, item: Item, option: str, raw: str) -> bool:
        return self._options[item.id].get(fold_header(raw)) == option

    @staticmethod
    def text(raw: str) -> Answer | None:
        text = " ".join(raw.split()) if "\n" not in raw else raw.strip()
        return Answer(mask_text(text)) if text else None
