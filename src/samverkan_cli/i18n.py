"""Bilingual user-facing text: Swedish by default, English with ``--lang en``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
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
        return template.format(**_clean(params)) if params else template

    def format(self, **params: object) -> Msg:
        """Return a new message with the placeholders filled in both languages.

        String parameters (file, sheet and wave names, values from a file) lose their control
        characters here, so an escape sequence in data never reaches a terminal or a log.
        """
        clean = _clean(params)
        return Msg(self.sv.format(**clean), self.en.format(**clean))


def _clean(params: dict[str, object]) -> dict[str, object]:
    from samverkan_cli.text import printable

    return {
        k: printable(v) if isinstance(v, str) else printable(str(v)) if isinstance(v, Path) else v
        for k, v in params.items()
    }
