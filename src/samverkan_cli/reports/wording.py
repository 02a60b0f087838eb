"""Sentences the reports write from numbers: the summary of verdicts, titles without a repeated year.

Text is returned with light Markdown (``**bold**``) for the ``md`` filter, which escapes first.
"""

from __future__ import annotations

from collections.abc import Sequence

from samverkan_cli.i18n import Lang, Msg
from samverkan_cli.reports.model import MeasureScore

__all__ = ["count_word", "finding_label", "severity_label", "titled", "verdict_sentence", "with_wave"]

_WORDS = {
    "sv": ("noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio"),
    "en": ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
}
_ORDER = ("battre", "i_niva", "samre")
_VERDICT_WORDS = {
    "sv": {"battre": "bättre", "i_niva": "i nivå", "samre": "sämre"},
    "en": {"battre": "better", "i_niva": "on a par", "samre": "worse"},
}


def count_word(n: int, lang: Lang) -> str:
    """Small counts as words (``två``), larger as digits, as Swedish style guides advise."""
    words = _WORDS[lang]
    return words[n] if 0 <= n < len(words) else str(n)


def _join(parts: Sequence[str], lang: Lang) -> str:
    word = " och " if lang == "sv" else " and "
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + word + parts[-1]


_UNIT = {"sv": ("område", "områden"), "en": ("dimension", "dimensions")}
_SENTENCE = Msg("Jämfört med riket ligger {name} {parts}.", "Compared with Sweden, {name} is {parts}.")
_NO_COMPARISON = Msg(
    " För {count} {unit} kan ingen jämförelse visas.", " For {count} {unit} no comparison can be shown."
)


def _unit(n: int, lang: Lang) -> str:
    return _UNIT[lang][0 if n == 1 else 1]


def verdict_sentence(name: str, dims: Sequence[MeasureScore], lang: Lang) -> str | None:
    """``Jämfört med riket ligger X **bättre** i två områden (A, B) och **i nivå** i två (C, D).``

    Only verdicts that occur are named, and the areas are listed, so the reader does not meet
    "sämre i 0 av 4". ``None`` when no area has a verdict to tell.
    """
    groups = {v: [d.label for d in dims if d.county.shown and d.verdict == v] for v in _ORDER}
    present = [v for v in _ORDER if groups[v]]
    if not present:
        return None
    told = sum(len(groups[v]) for v in present)
    into = "i" if lang == "sv" else "in"
    parts: list[str] = []
    if len(present) == 1 and told == len(dims) > 1:
        every = "alla {n} områdena" if lang == "sv" else "all {n} dimensions"
        parts.append(f"**{_VERDICT_WORDS[lang][present[0]]}** {into} {every.format(n=count_word(told, lang))}")
    else:
        for i, v in enumerate(present):
            labels = groups[v]
            amount = count_word(len(labels), lang) + (f" {_unit(len(labels), lang)}" if i == 0 else "")
            parts.append(f"**{_VERDICT_WORDS[lang][v]}** {into} {amount} ({', '.join(labels)})")
    text = _SENTENCE.render(lang, name=name, parts=_join(parts, lang))
    hidden = len(dims) - told
    if hidden:
        text += _NO_COMPARISON.render(lang, count=count_word(hidden, lang), unit=_unit(hidden, lang))
    return text


def titled(title: str, wave: str, lang: Lang) -> str:
    """``Titel · Mätomgång 2026``, or just the title when it already names the wave."""
    if wave and wave in title:
        return title
    return f"{title} · {'Mätomgång' if lang == 'sv' else 'Wave'} {wave}"


def with_wave(title: str, wave: str) -> str:
    """``Titel (2026)`` for a page title, or just the title when it already names the wave."""
    return title if wave and wave in title else f"{title} ({wave})"


#: Short names of the import findings (the catalogue's own messages carry per-row placeholders).
_FINDINGS = {
    "no_item_columns": Msg("Inga frågekolumner hittades", "No item columns found"),
    "missing_background": Msg("Bakgrundskolumn saknas", "Background column missing"),
    "unmatched_column": Msg("Kolumn som inte motsvarar någon fråga", "Column matching no item"),
    "proposed_column": Msg("Kolumn med föreslagen tolkning", "Column with a proposed match"),
    "duplicate_column": Msg("Dubblerad kolumn", "Duplicate column"),
    "identifying_column": Msg("Identifierande kolumn borttagen", "Identifying column dropped"),
    "skipped_rows": Msg("Rader som hoppades över", "Rows skipped"),
    "wrong_extension": Msg("Filändelsen stämmer inte med innehållet", "File extension does not match content"),
    "empty_row": Msg("Tom rad", "Empty row"),
    "duplicate_row": Msg("Dubblerad rad", "Duplicate row"),
    "duplicate_response_id": Msg("Svars-id förekommer flera gånger", "Response id occurs more than once"),
    "already_stored": Msg("Svaret var redan inläst", "Answer already stored"),
    "missing_kommun": Msg("Kommun saknas", "Kommun missing"),
    "unknown_kommun": Msg("Okänd kommun", "Unknown kommun"),
    "ambiguous_kommun": Msg("Tvetydig kommun", "Ambiguous kommun"),
    "kommun_guessed": Msg("Kommun tolkad från stavning", "Kommun inferred from spelling"),
    "missing_org_typ": Msg("Verksamhetstyp saknas", "Organisation type missing"),
    "org_typ_inferred": Msg("Verksamhetstyp tolkad", "Organisation type inferred"),
    "unknown_org_typ": Msg("Okänd verksamhetstyp", "Unknown organisation type"),
    "missing_org_name": Msg("Verksamhetens namn saknas", "Organisation name missing"),
    "unknown_label": Msg("Okänt svarsalternativ", "Unknown answer label"),
    "unknown_option": Msg("Okänt val", "Unknown option"),
    "no_answers": Msg("Inga svar i raden", "No answers in the row"),
    "below_half": Msg("Färre än hälften av frågorna besvarade", "Fewer than half of the items answered"),
    "merged_organisations": Msg("Verksamheter slogs ihop", "Organisations merged"),
    "all_quarantined": Msg("Alla rader i karantän", "All rows quarantined"),
}


def severity_label(severity: str, lang: Lang) -> str:
    """``warning`` -> ``Varning``; an unknown severity is shown as it is."""
    from samverkan_cli.ingest.findings import SEVERITY_WORDS

    msg = SEVERITY_WORDS.get(severity)
    return msg.render(lang) if msg else severity


def finding_label(code: str, lang: Lang) -> str:
    """``unknown_kommun`` -> ``Okänd kommun``; an unknown code loses its underscores."""
    msg = _FINDINGS.get(code)
    return msg.render(lang) if msg else code.replace("_", " ").capitalize()
