"""Number and date formatting for reports: small, pure, tested filters (Swedish and English).

Swedish reports write ``72,4`` with a decimal comma, thin-space thousands (``1 234``), a real
minus sign and ``61 %``; English reports write ``72.4``, ``1,234`` and ``61%``. A missing or
suppressed value is ``..`` (the Swedish statistics convention, SCB) in both languages.

>>> fmt_number(1234.56, 1, "sv")
'1\\u2009234,6'
>>> fmt_number(72.44, 1, "en")
'72.4'
"""

from __future__ import annotations

import math
from datetime import datetime

from samverkan_cli.i18n import Lang

__all__ = [
    "MINUS",
    "SUPPRESSED",
    "THIN_SPACE",
    "fmt_ci",
    "fmt_date",
    "fmt_decimal",
    "fmt_int",
    "fmt_number",
    "fmt_percent",
    "fmt_signed",
]

SUPPRESSED = ".."
THIN_SPACE = "\u2009"
MINUS = "\u2212"
_NBSP = "\u00a0"

_MONTHS_SV = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def fmt_number(value: float | None, decimals: int = 1, lang: Lang = "sv") -> str:
    """``72,4`` (sv) or ``72.4`` (en); thousands grouped; ``..`` when the value is missing."""
    if _missing(value):
        return SUPPRESSED
    assert value is not None
    text = f"{abs(value):,.{decimals}f}"
    negative = value < 0 and round(abs(value), decimals) != 0
    if lang == "sv":
        text = text.replace(",", THIN_SPACE).replace(".", ",")
        return (MINUS if negative else "") + text
    return ("-" if negative else "") + text


def fmt_decimal(value: float, decimals: int, lang: Lang = "sv") -> str:
    """A plain decimal with no grouping and an ASCII minus: ``0,83`` (sv) or ``0.83`` (en)."""
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",") if lang == "sv" else text


def fmt_int(value: int | float | None, lang: Lang = "sv") -> str:
    """A count: ``1 234`` (sv, thin space) or ``1,234`` (en); ``..`` when missing."""
    if _missing(value):
        return SUPPRESSED
    assert value is not None
    return fmt_number(float(value), 0, lang)


def fmt_signed(value: float | None, decimals: int = 1, lang: Lang = "sv") -> str:
    """A difference with its sign always shown: ``+2,4``, ``−1,9``, ``0,0``."""
    if _missing(value):
        return SUPPRESSED
    text = fmt_number(value, decimals, lang)
    assert value is not None
    if round(value, decimals) > 0:
        return "+" + text
    return text


def fmt_percent(share: float | None, decimals: int = 0, lang: Lang = "sv") -> str:
    """A share 0-1 as a percentage: ``61 %`` (sv, no-break space) or ``61%`` (en)."""
    if _missing(share):
        return SUPPRESSED
    assert share is not None
    number = fmt_number(share * 100.0, decimals, lang)
    return f"{number}{_NBSP}%" if lang == "sv" else f"{number}%"


def fmt_ci(low: float | None, high: float | None, decimals: int = 1, lang: Lang = "sv") -> str:
    """A confidence interval: ``58,3–67,9``; ``−54,3 till −37,9`` when an end is negative; ``..`` if missing.

    A dash between two minus signs ("−54,3–−37,9") reads as arithmetic, so a range with a negative
    end is written with a word instead.
    """
    if _missing(low) or _missing(high):
        return SUPPRESSED
    first, last = fmt_number(low, decimals, lang), fmt_number(high, decimals, lang)
    if first.startswith((MINUS, "-")) or last.startswith((MINUS, "-")):
        return f"{first} {'till' if lang == 'sv' else 'to'} {last}"
    return f"{first}–{last}"


def fmt_date(value: str | datetime | None, lang: Lang = "sv", with_time: bool = True) -> str:
    """``25 november 2026 kl. 04.37`` (sv) or ``25 November 2026, 04:37`` (en) from ISO text or datetime."""
    if value is None or value == "":
        return SUPPRESSED
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    else:
        moment = value
    if lang == "sv":
        text = f"{moment.day} {_MONTHS_SV[moment.month - 1]} {moment.year}"
        if with_time:
            text += f" kl. {moment.hour:02d}.{moment.minute:02d}"
    else:
        text = f"{moment.day} {_MONTHS_EN[moment.month - 1]} {moment.year}"
        if with_time:
            text += f", {moment.hour:02d}:{moment.minute:02d}"
    if with_time and moment.utcoffset() is not None and moment.utcoffset().total_seconds() == 0:  # type: ignore[union-attr]
        text += " UTC"
    return text
