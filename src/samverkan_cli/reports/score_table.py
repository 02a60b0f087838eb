"""The score table of ``samverkan analyze --format table``: rows of formatted text per wave.

The command line only draws these tables; which groups and measures are shown, in which order,
with which labels and number formats is decided here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from samverkan_cli.i18n import Lang, Msg
from samverkan_cli.reports.format import fmt_int, fmt_number
from samverkan_cli.text import wave_key

if TYPE_CHECKING:
    from samverkan_cli.analysis import AnalysisResult, GroupScore
    from samverkan_cli.instrument import Instrument

__all__ = ["NO_RESULTS", "ScoreTable", "legend", "riket_counties", "score_tables"]

NO_RESULTS = Msg("Inga resultat att visa.", "No results to show.")
_TITLE = Msg("mätomgång {w}, enhet: {u}", "wave {w}, unit: {u}")
_N_TITLE = Msg("Antal verksamheter (n)", "Number of organisations (n)")
_N_TITLE_RESPONSES = Msg("Antal svar (n)", "Number of responses (n)")
_PARTIAL = Msg(" – riket = {n} av {total} län hittills", " – Sweden = {n} of {total} counties so far")
_COUNTY, _TYPE, _RIKET = Msg("Län", "County"), Msg("Typ", "Type"), Msg("Riket", "Sweden")
_VERDICTS: dict[str, Msg] = {
    "battre": Msg("bättre", "better"),
    "i_niva": Msg("i nivå", "on a par"),
    "samre": Msg("sämre", "worse"),
    "ej_jamforbar": Msg("ej jämförbar", "not comparable"),
}
_LEGEND = Msg(
    ".. = färre än {min_n} verksamheter, eller dolt för att skydda en mindre grupp\n"
    "* = {min_n}–{last} verksamheter, osäkert\n"
    "bättre / i nivå / sämre = jämfört med riket (Benjamini–Hochberg, 5 %)",
    ".. = fewer than {min_n} organisations, or hidden to protect a smaller group\n"
    "* = {min_n}–{last} organisations, uncertain\n"
    "better / on a par / worse = compared with riket (Benjamini–Hochberg, 5 %)",
)


@dataclass(frozen=True)
class ScoreTable:
    """One wave and measure: ``columns`` are county then the organisation types; cells are text.

    One table per measure keeps a row on one line in a 100-column terminal: a county's row holds
    a value and verdict per type, and the organisations counted (n) get their own table per wave.
    """

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numbers_right: bool = False  # counts align right; value cells carry their own alignment


def legend(result: AnalysisResult, lang: Lang) -> str:
    """What ``..``, ``*`` and the verdict words mean, with the result's thresholds."""
    return _LEGEND.render(lang, min_n=result.meta.min_n, last=result.meta.uncertain_below - 1)


def _measures(result: AnalysisResult, instrument: Instrument) -> list[str]:
    """The asked-for measures (default: dimensions and index) that have results, in codebook order."""
    present = {r.measure for r in result.results}
    default = [d.id for d in instrument.dimensions] + ["index"]
    wanted = list(result.meta.measures or []) or default
    measures = [m for m in (*default, *(i.id for i in instrument.scored_items)) if m in present and m in wanted]
    return measures or [m for m in default if m in present]


def _label(instrument: Instrument, measure: str, lang: Lang) -> str:
    if measure == "index":
        return instrument.index_label.get(lang)
    try:
        return instrument.dimension(measure).label.get(lang)
    except KeyError:
        item = next((i for i in instrument.scored_items if i.id == measure), None)
        return f"{measure} {item.text.get(lang)}" if item else measure


def _cell(row: GroupScore | None, verdict: str | None, lang: Lang) -> str:
    if row is None:
        return ""
    if row.suppressed:
        return f"{'..':>6}"
    # Numbers right-aligned within the cell and verdicts after them, so columns of values line up.
    text = f"{fmt_number(row.mean, 1, lang) + ('*' if row.uncertain else ''):>6}"
    if verdict:
        text += " " + _VERDICTS[verdict].render(lang)
    return text


def _county(lan: str, lang: Lang) -> str:
    from samverkan_cli.reference import lan_name

    return _RIKET.render(lang) if lan == "riket" else f"{lan} {lan_name(lan)}"


def riket_counties(result: AnalysisResult, wave: str) -> int | None:
    """How many counties riket is made of in ``wave``; ``None`` when --lan hid some of them.

    Without a county filter these are the counties with results. With one, riket still holds
    every county: when its n equals the shown counties' n together it is just those.
    """
    shown = result.lans(wave)
    if result.meta.lan is None:
        return len(shown)
    for measure in ("index", *sorted({r.measure for r in result.results})):
        riket = result.score(wave, "riket", "alla", measure)
        if riket is not None:
            counties = [result.score(wave, lan, "alla", measure) for lan in shown]
            return len(shown) if riket.n == sum(c.n for c in counties if c is not None) else None
    return None


def _title(result: AnalysisResult, wave: str, head: str, lang: Lang) -> str:
    from samverkan_cli.reference import lan as all_lan

    total = len(all_lan())
    present = riket_counties(result, wave)
    title = f"{head} – " + _TITLE.render(lang, w=wave, u=result.meta.unit)
    if present is not None and 0 < present < total:  # "riket" is only the counties imported so far: say so
        title += _PARTIAL.render(lang, n=present, total=total)
    return title


def score_tables(result: AnalysisResult, instrument: Instrument, lang: Lang) -> tuple[ScoreTable, ...]:
    """Per wave: a table of n per county and type, then one table per measure (riket last)."""
    measures = _measures(result, instrument)
    groups = result.groups()
    tables = []
    order = {w: k for k, w in enumerate(result.meta.waves)}
    for wave in sorted({g[0] for g in groups}, key=lambda w: (order.get(w, len(order)), wave_key(w))):
        lans = list(dict.fromkeys(lan for w, lan, _typ in groups if w == wave))
        types = list(dict.fromkeys(typ for w, _lan, typ in groups if w == wave))
        columns = (_COUNTY.render(lang), *(instrument.org_type_label(t, lang, plural=True) for t in types))
        present = riket_counties(result, wave)
        # With one county riket is that county: no verdict against itself.
        compare = present is None or present > 1

        def first(lan: str, typ: str, w: str = wave) -> GroupScore | None:
            return next((s for m in measures if (s := result.score(w, lan, typ, m)) is not None), None)

        n_rows = tuple(
            (_county(lan, lang), *(fmt_int(None if (f := first(lan, t)) is None else f.n, lang) for t in types))
            for lan in lans
        )
        n_title = (_N_TITLE_RESPONSES if result.meta.unit == "response" else _N_TITLE).render(lang)
        tables.append(ScoreTable(_title(result, wave, n_title, lang), columns, n_rows, numbers_right=True))
        for m in measures:
            rows = []
            for lan in lans:
                cells = []
                for typ in types:
                    v = result.comparison(wave, lan, typ, m, "riket") if compare else None
                    cells.append(_cell(result.score(wave, lan, typ, m), v.verdict if v else None, lang))
                rows.append((_county(lan, lang), *cells))
            tables.append(ScoreTable(_title(result, wave, _label(instrument, m, lang), lang), columns, tuple(rows)))
    return tuple(tables)
