"""Text folding for comparison: the one ``fold()`` every matcher and resolver uses; wave order."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "fold_header", "printable", "wave_key"]

_TAGS = re.compile(r"<[^>]+>")
_NUMBERING = re.compile(r"^\s*(?:(?:q|fråga|fraga|question)\s*)?\d{1,3}[a-z]?\s*(?:[.):\-–]\s*|\s+(?=\D))")
_NON_WORD = re.compile(r"[^\w]+")
_NON_WORD_OR_UNDERSCORE = re.compile(r"[\W_]+")
# Zero-width characters, word joiner, soft hyphen and a stray BOM split no words: they are dropped.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")


def fold(
    text: str,
    *,
    markup: bool = False,
    numbering: bool = False,
    keep_underscores: bool = False,
    accents: bool = True,
) -> str:
    """Fold text for comparison: NFC, case, punctuation and whitespace runs to one space.

    ``markup`` drops HTML tags, ``numbering`` a leading question number (``3.``, ``Q3``),
    ``keep_underscores`` keeps ``_`` (item ids such as ``org_typ``), ``accents=False`` strips
    diacritics (``Malmo`` finds ``Malmö``).

    >>> fold("  Upplands-VÄSBY ")
    'upplands väsby'
    >>> fold("3. Rutinerna  för<br>samverkan. ", markup=True, numbering=True)
    'rutinerna för samverkan'
    >>> fold("Malmö", accents=False)
    'malmo'
    """
    if markup:
        text = _TAGS.sub(" ", text)
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").casefold()
    if not text.isascii():
        text = _INVISIBLE.sub("", text)
    if numbering:
        text = _NUMBERING.sub("", text, count=1)
    separators = _NON_WORD if keep_underscores else _NON_WORD_OR_UNDERSCORE
    text = " ".join(separators.sub(" ", text).split())
    if not accents:
        decomposed = unicodedata.normalize("NFD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return text


def fold_header(text: str) -> str:
    """Fold a column header, question text or answer label: markup and numbering dropped too.

    >>> fold_header("3. Rutinerna  för samverkan<br>fungerar väl i praktiken. ")
    'rutinerna för samverkan fungerar väl i praktiken'
    """
    return fold(text, markup=True, numbering=True, keep_underscores=True)


# C0 controls but tab and newline, DEL, C1 controls (ESC-less CSI is 0x9b), and the bidi
# overrides that reorder what a terminal shows.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ANSI = re.compile("\x1b(?:\\[[0-?]*[ -/]*[@-~]|\\][^\x07\x1b]*(?:\x07|\x1b\\\\)?|[@-Z\\\\-_])")


def printable(text: str) -> str:
    r"""Text safe for a terminal or log: escape sequences dropped, other control characters removed.

    >>> printable("R_1\x1b[2J\x1b]0;pwned\x07 ok\x00")
    'R_1 ok'
    """
    if text.isprintable():
        return text
    return _CONTROL.sub("", _ANSI.sub("", text))


_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")
_TOKEN = re.compile(r"\d+|[^\W\d_]+")
#: Words that place a wave within its year: spring before summer before autumn before winter
#: (VT/HT are the Swedish spring and autumn terms).
_SEASONS = {
    "var": 1, "vt": 1, "spring": 1, "sommar": 2, "summer": 2,
    "host": 3, "ht": 3, "autumn": 3, "fall": 3, "vinter": 4, "winter": 4,
}  # fmt: skip


def wave_key(name: str) -> tuple[int, int, tuple[tuple[int, int | str], ...]]:
    """Sort key putting waves in time order: by year, then season, then numbers as numbers.

    Text order would put ``2026-höst`` before ``2026-vår`` and ``omgång 10`` before ``omgång 9``.

    >>> sorted(["2026-höst", "2025", "2026-vår", "HT2025"], key=wave_key)
    ['2025', 'HT2025', '2026-vår', '2026-höst']
    >>> sorted(["omgång 10", "omgång 9"], key=wave_key)
    ['omgång 9', 'omgång 10']
    """
    folded = fold(name, accents=False)
    year = _YEAR.search(folded)
    tokens = _TOKEN.findall(folded)
    season = next((_SEASONS[t] for t in tokens if t in _SEASONS), 0)
    natural = tuple((0, int(t)) if t.isdigit() else (1, t) for t in tokens)
    return (int(year.group(1)) if year else 0, season, natural)
