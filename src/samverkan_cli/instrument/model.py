"""Typed codebook: instrument, scales, dimensions and items (no validation here, see loader)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Literal

from samverkan_cli.i18n import Lang

__all__ = [
    "Dimension",
    "Instrument",
    "Item",
    "Label",
    "Option",
    "Scale",
    "ScaleType",
    "Text",
]

ScaleType = Literal["scored", "choice", "multi", "text", "kommun"]


@dataclass(frozen=True)
class Text:
    sv: str
    en: str

    def get(self, lang: Lang) -> str:
        return self.en if lang == "en" else self.sv


@dataclass(frozen=True)
class Label:
    """One answer label of a scored scale with its numeric value."""

    value: float
    text: Text
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Option:
    """One option of a choice or multi scale."""

    code: str
    text: Text
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scale:
    id: str
    type: ScaleType
    labels: tuple[Label, ...] = ()
    options: tuple[Option, ...] = ()
    missing: tuple[Text, ...] = ()
    positive_min: float | None = None

    @property
    def scored(self) -> bool:
        return self.type == "scored"

    @property
    def min_value(self) -> float:
        return min(label.value for label in self.labels)

    @property
    def max_value(self) -> float:
        return max(label.value for label in self.labels)

    def score(self, value: float, reverse: bool = False) -> float:
        """Item score 0-100 of a scale value: agree4 4 -> 100, 1 -> 0; yesno 1 -> 100."""
        span = self.max_value - self.min_value
        score = (value - self.min_value) / span * 100.0
        return 100.0 - score if reverse else score

    def is_positive(self, value: float) -> bool:
        """Top-two on agree4, Ja on yesno (``positive_min`` in the codebook)."""
        threshold = self.positive_min if self.positive_min is not None else self.max_value
        return value >= threshold


@dataclass(frozen=True)
class Dimension:
    id: str
    label: Text


@dataclass(frozen=True)
class Item:
    id: str
    text: Text
    scale: Scale
    dimension: str | None = None
    reverse: bool = False
    role: str | None = None
    aliases: tuple[str, ...] = ()

    @property
    def scored(self) -> bool:
        return self.dimension is not None and self.scale.scored

    @property
    def kind(self) -> Literal["background", "scored", "descriptive"]:
        if self.role:
            return "background"
        return "scored" if self.dimension else "descriptive"


@dataclass(frozen=True)
class Instrument:
    """A validated codebook. Build it with :func:`samverkan_cli.instrument.load_instrument`."""

    id: str
    version: str
    title: Text
    scales: dict[str, Scale]
    dimensions: tuple[Dimension, ...]
    items: tuple[Item, ...]
    index_label: Text = field(default_factory=lambda: Text("Samverkansindex", "Collaboration index"))
    min_answered_share: float = 0.5
    index_min_dimensions: int = 3
    source: str = ""

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def items_of(self, dimension: str) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.dimension == dimension and i.scored)

    def dimension(self, dimension_id: str) -> Dimension:
        for dim in self.dimensions:
            if dim.id == dimension_id:
                return dim
        raise KeyError(dimension_id)

    @property
    def scored_items(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.scored)

    @property
    def descriptive_items(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.kind == "descriptive")

    def role_item(self, role: str) -> Item | None:
        """The background item with a role: ``org_typ``, ``org_namn``, ``kommun`` or ``roll``."""
        return next((i for i in self.items if i.role == role), None)

    def item_with_report_role(self, role: str) -> Item | None:
        """The item playing a report role: ``referral_destinations`` or ``audit_interest``.

        Until every codebook names its roles, a codebook without the role falls back to the old
        rule: the first descriptive multi item (referrals) or choice item (audit interest).
        """
        found = next((i for i in self.items if getattr(i, "report_role", None) == role), None)
        if found is not None:
            return found
        scale_type = {"referral_destinations": "multi", "audit_interest": "choice"}.get(role)
        return next((i for i in self.descriptive_items if i.scale.type == scale_type), None)

    def item_signature(self, item_id: str) -> str:
        """Hash of an item's wording and scale; equal signatures mean waves are comparable."""
        item = self.item(item_id)
        payload = {"text": item.text.sv, "scale": asdict(item.scale), "reverse": item.reverse}
        raw = json.dumps(payload, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]

    def signatures(self) -> dict[str, str]:
        return {item.id: self.item_signature(item.id) for item in self.items}
