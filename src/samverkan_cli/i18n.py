"""Bilingual user-facing text: Swedish by default, English with ``--lang en``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

__all__ = ["LANGS", "Lang", "Msg", "counted"]

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


def counted(n: int, sv: str, en: str) -> Msg:
    """A count with its noun in the right number, in both languages; nouns are ``"one|many"``.

    >>> counted(1, "fil|filer", "file|files").render("sv")
    '1 fil'
    """
    sv_one, _, sv_many = sv.partition("|")
    en_one, _, en_many = en.partition("|")
    return Msg(f"{n} {sv_one if n == 1 else sv_many or sv_one}", f"{n} {en_one if n == 1 else en_many or en_one}")


def _clean(params: dict[str, object]) -> dict[str, object]:
    from samverkan_cli.text import printable

    return {
        k: printable(v) if isinstance(v, str) else printable(str(v)) if isinstance(v, Path) else v
        for k, v in params.items()
    }
