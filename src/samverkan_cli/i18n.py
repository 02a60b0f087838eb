"""Bilingual user-facing text: Swedish by default, English with ``--lang en``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["LANGS", "Lang", "Msg"]

Lang = Literal["sv", "en"]
LANGS: tuple[Lang, ...] = ("sv", "en")


@dataclass(frozen=True)
class Msg:
    """A message in Swedish and English; ``render`` picks one and fills in ``{placeholders}``.

    >>> Msg("Filen {f} saknas", "File {f} is missing").render("en", f="a.csv")
    'File a.csv is missing'
    """

    sv: str
    en: str

    def render(self, lang: Lang = "sv", **params: object) -> str:
        template = self.en if lang == "en" else self.sv
        return template.format(**params) if params else template

    def format(self, **params: object) -> Msg:
        """Return a new message with the placeholders filled in both languages."""
        return Msg(self.sv.format(**params), self.en.format(**params))
