"""The typed rows of an analysis result: one frozen dataclass per table of the JSON document.

Field order is the key order of the JSON/CSV output (SPEC section 11), so ``to_dict()`` of a row
is exactly the row the document has always had.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields
from typing import Any

__all__ = [
    "AnswerShare",
    "CommentGroup",
    "Comparison",
    "GroupScore",
    "KommunRow",
    "Meta",
    "OptionShare",
    "Ranking",
    "Reliability",
    "ResponseRate",
    "rnd",
]

Row = dict[str, Any]


def rnd(value: Any, digits: int) -> float | None:
    """Round for output; NaN/inf become ``None`` and ``-0.0`` becomes ``0.0``."""
    if value is None:
        return None
    x = float(value)
    if not math.isfinite(x):
        return None
    return round(x, digits) + 0.0


_FIELDS: dict[type, tuple[str, ...]] = {}


def _names(cls: type) -> tuple[str, ...]:
    """Field names of a row type, in order (computed once per type)."""
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in fields(cls))
    return names


class _Row:
    """Serialisation shared by the row types: a dict in field order, and back."""

    def to_dict(self) -> Row:
        """The JSON row (tuples become lists when serialised)."""
        return {name: getattr(self, name) for name in _names(type(self))}

    @classmethod
    def from_dict(cls, row: Row) -> Any:
        """A row from its JSON form (missing keys take the field default)."""
        return cls(**{name: row[name] for name in _names(cls) if name in row})


@dataclass(frozen=True)
class GroupScore(_Row):
    """One group's value on one measure; statistics are ``None`` when suppressed.

    ``n`` (who answered) is public and always shown. ``suppression`` says why a value is hidden:
    ``"small_group"`` (fewer than ``min_n`` organisations) or ``"protects_other"`` (hidden so that a
    smaller group's value cannot be worked out from it).
    """

    wave: str
    lan: str
    org_typ: str
    measure: str
    n: int
    mean: float | None
    sd: float | None
    ci_low: float | None
    ci_high: float | None
    share_positive: float | None
    suppressed: bool
    uncertain: bool
    suppression: str | None = None


@dataclass(frozen=True)
class Comparison(_Row):
    """A group against riket (``versus="riket"``), kommuner or its previous wave."""

    wave: str
    lan: str
    org_typ: str
    measure: str
    versus: str
    diff: float | None
    ci_low: float | None
    ci_high: float | None
    p: float | None
    verdict: str
    p_adjusted: float | None = None  # Benjamini–Hochberg, for the county–riket tests of a wave


@dataclass(frozen=True)
class Ranking(_Row):
    """A county's rank (1 = highest mean) with its bootstrap band."""

    wave: str
    lan: str
    org_typ: str
    measure: str
    rank: int
    rank_low: int | None
    rank_high: int | None
    of: int


@dataclass(frozen=True)
class Reliability(_Row):
    """Cronbach's alpha of a dimension over all selected waves (``wave="alla"``) or one wave."""

    wave: str
    dimension: str
    alpha: float | None
    n: int
    flag: bool


@dataclass(frozen=True)
class OptionShare(_Row):
    """Share of a group's units choosing one option of a descriptive choice/multi item."""

    wave: str
    lan: str
    org_typ: str
    item: str
    option: str
    n: int
    count: int | float | None
    share: float | None
    suppressed: bool
    uncertain: bool


@dataclass(frozen=True)
class AnswerShare(_Row):
    """Answers with one label (``value=None`` for a missing label such as "Vet ej") of a scored item."""

    wave: str
    lan: str
    org_typ: str
    item: str
    label: str
    value: float | None
    n: int
    count: int | float | None
    share: float | None
    suppressed: bool
    uncertain: bool


@dataclass(frozen=True)
class ResponseRate(_Row):
    """Responses, organisations, frame and response rate of one group (never suppressed)."""

    wave: str
    lan: str
    org_typ: str
    responses: int
    organisations: int
    frame: int | None
    response_rate: float | None


@dataclass(frozen=True)
class KommunRow(_Row):
    """Whether a kommun's socialtjänst answered and how many of its vårdcentraler did."""

    wave: str
    lan: str
    kommun_code: str
    kommun_name: str
    socialtjanst: bool
    vardcentraler: int
    annan: int = 0


@dataclass(frozen=True)
class CommentGroup(_Row):
    """Masked free-text answers of a group of at least ``min_n`` units, sorted alphabetically."""

    wave: str
    lan: str
    org_typ: str
    item: str
    n: int
    comments: tuple[str, ...]

    def to_dict(self) -> Row:
        return {**super().to_dict(), "comments": list(self.comments)}

    @classmethod
    def from_dict(cls, row: Row) -> CommentGroup:
        return cls(**{**row, "comments": tuple(row.get("comments", ()))})


@dataclass(frozen=True)
class Meta:
    """What was analysed and how: the ``meta`` object of the document."""

    tool_version: str = ""
    instrument_id: str = ""
    instrument_version: str = ""
    waves: tuple[str, ...] = ()
    unit: str = "organisation"
    min_n: int = 5
    uncertain_below: int = 10
    lan: tuple[str, ...] | None = None
    by: tuple[str, ...] = ("lan", "org_typ")
    measures: tuple[str, ...] | None = None
    previous_wave: dict[str, str] = field(default_factory=dict)
    bootstrap: int = 1000
    seed: int = 20260101
    protection_points: float = 20.0
    frame_correction: bool = False  # intervals use the register (finite-population correction)

    def to_dict(self) -> Row:
        """The JSON ``meta`` object, keys in the order of SPEC section 11."""
        return {
            "tool_version": self.tool_version,
            "instrument": {"id": self.instrument_id, "version": self.instrument_version},
            "waves": list(self.waves),
            "unit": self.unit,
            "min_n": self.min_n,
            "uncertain_below": self.uncertain_below,
            "lan": None if self.lan is None else list(self.lan),
            "by": list(self.by),
            "measures": None if self.measures is None else list(self.measures),
            "previous_wave": dict(self.previous_wave),
            "bootstrap": self.bootstrap,
            "seed": self.seed,
            "protection_points": self.protection_points,
            "frame_correction": self.frame_correction,
        }

    @classmethod
    def from_dict(cls, meta: Row) -> Meta:
        """The meta of a JSON document; missing keys take their defaults."""
        instrument = meta.get("instrument") or {}
        lan, measures = meta.get("lan"), meta.get("measures")
        return cls(
            tool_version=str(meta.get("tool_version", "")),
            instrument_id=str(instrument.get("id", "")),
            instrument_version=str(instrument.get("version", "")),
            waves=tuple(str(w) for w in meta.get("waves", ())),
            unit=str(meta.get("unit", "organisation")),
            min_n=int(meta.get("min_n", 5)),
            uncertain_below=int(meta.get("uncertain_below", 10)),
            lan=None if lan is None else tuple(lan),
            by=tuple(meta.get("by", ("lan", "org_typ"))),
            measures=None if measures is None else tuple(measures),
            previous_wave={str(k): str(v) for k, v in (meta.get("previous_wave") or {}).items()},
            bootstrap=int(meta.get("bootstrap", 1000)),
            seed=int(meta.get("seed", 20260101)),
            protection_points=float(meta.get("protection_points", 20.0)),
            frame_correction=bool(meta.get("frame_correction", False)),
        )
