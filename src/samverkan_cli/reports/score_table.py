"""The score table of ``samverkan analyze --format table``: rows of formatted text per wave.

The command line only draws these tables; which groups and measures are shown, in which order,
with which labels and number formats is decided here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from samverkan_cli.i18n import Lang, Msg
from samverkan_cli.reports.format import fmt_int, fmt_number

if TYPE_CHECKING:
    from samverkan_cli.analysis import AnalysisResult, GroupScore
    from samverkan_cli.instrument import Instrument

__all__ = ["NO_RESULTS", "ScoreTable", "legend", "score_tables"]

NO_RESULTS = Msg("Inga resultat att visa.", "No results to show.")
_TITLE = Msg("Mätomgång {w} – enhet: {u}", "Wave {w} – unit: {u}")
_PARTIAL = Msg(" – riket = {n} av {total} län hittills", " – Sweden = {n} of {total} counties so far")
_COUNTY, _TYPE, _RIKET = Msg("Län", "County"), Msg("Typ", "Type"), Msg("Riket", "Sweden")
_VERDICTS: dict[str, Msg] = {
    "battre": Msg("bättre", "better"),
    "i_niva": Msg("i nivå", "on a par"),
    "samre": Msg("sämre", "worse"),
    "ej_jamforbar": Msg("ej jämförbar", "not comparable"),
}
_LEGEND = Msg(
    ".. = färre än {min_n} verksamheter, eller dolt för att skydda en mindre grupp   "
    "* = {min_n}–{last} verksamheter, osäkert   "
    "bättre / i nivå / sämre = jämfört med riket (Benjamini–Hochberg, 5 %)",
    ".. = fewer than {min_n} organisations, or hidden to protect a smaller group   "
    "* = {min_n}–{last} organisations, uncertain   "
    "better / on a par / worse = compared with riket (Benjamini–Hochberg, 5 %)",
)


@dataclass(frozen=True)
class ScoreTable:
    """One wave: ``columns`` are county, type, n and the measures; every cell is formatted text."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


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
        return measure


def _cell(row: GroupScore | None, verdict: str | None, lang: Lang) -> str:
    if row is None:
        return ""
    if row.suppressed:
        return ".."
    text = fmt_number(row.mean, 1, lang) + ("*" if row.uncertain else "")
    if verdict:
        text += " " + _VERDICTS[verdict].render(lang)
    return text


def _county(lan: str, lang: Lang) -> str:
    from samverkan_cli.reference import lan_name

    return _RIKET.render(lang) if lan == "riket" else f"{lan} {lan_name(lan)}"


def score_tables(result: AnalysisResult, instrument: Instrument, lang: Lang) -> tuple[ScoreTable, ...]:
    """One table per wave: a row per group (riket last) with its n and a formatted cell per measure."""
    measures = _measures(result, instrument)
    columns = (_COUNTY.render(lang), _TYPE.render(lang), "n", *(_label(instrument, m, lang) for m in measures))
    groups = result.groups()
    tables = []
    from samverkan_cli.reference import lan as all_lan

    total = len(all_lan())
    for wave in sorted({g[0] for g in groups}):
        rows = []
        present = len(result.lans(wave))
        title = _TITLE.render(lang, w=wave, u=result.meta.unit)
        if 0 < present < total:  # "riket" is only the counties imported so far: say so
            title += _PARTIAL.render(lang, n=present, total=total)
        for w, lan, typ in groups:
            if w != wave:
                continue
            scores = [result.score(w, lan, typ, m) for m in measures]
            first = next((s for s in scores if s is not None), None)
            # With one county riket is that county: no verdict against itself.
            verdicts = [result.comparison(w, lan, typ, m, "riket") if present > 1 else None for m in measures]
            rows.append(
                (
                    _county(lan, lang),
                    instrument.org_type_label(typ, lang, plural=True),
                    fmt_int(None if first is None else first.n, lang),
                    *(_cell(s, v.verdict if v else None, lang) for s, v in zip(scores, verdicts, strict=True)),
                )
            )
        tables.append(ScoreTable(title, columns, tuple(rows)))
    return tuple(tables)
