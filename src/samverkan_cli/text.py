"""Text folding for comparison: the one ``fold()`` every matcher and resolver uses."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "fold_header"]

_TAGS = re.compile(r"<[^>]+>")
_NUMBERING = re.compile(r"^\s*(?:(?:q|fråga|fraga|question)\s*)?\d{1,3}[a-z]?\s*(?:[.):\-–]\s*|\s+(?=\D))")
_NON_WORD = re.compile(r"[^\w]+")
_NON_WORD_OR_UNDERSCORE = re.compile(r"[\W_]+")


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
