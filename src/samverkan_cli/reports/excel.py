"""Excel renderer: report model -> one workbook with the report tables as real numbers.

Numbers are stored as numbers with number formats (Excel shows them with the reader's decimal
comma), every sheet has a frozen, filtered header row and sized columns, suppressed values are
the text ``..`` with a cell comment saying why. Text is always written as a string: a value such
as ``=HYPERLINK(...)`` or ``+46...`` from a survey answer never becomes a formula.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from samverkan_cli.i18n import Lang, Msg
from samverkan_cli.reports.format import SUPPRESSED, fmt_decimal
from samverkan_cli.reports.model import CountyReport, Estimate, OverviewReport, ReportModel, verdict_label
from samverkan_cli.reports.wording import finding_label, severity_label, with_wave

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["SHEETS", "plain_text", "workbook_bytes"]

#: Sheet names per language, in workbook order.
SHEETS: dict[str, Msg] = {
    "overview": Msg("Översikt", "Overview"),
    "trend": Msg("Utveckling", "Trend"),
    "dimensions": Msg("Dimensioner", "Dimensions"),
    "items": Msg("Frågor", "Items"),
    "referrals": Msg("Remissvägar", "Referral paths"),
    "audit": Msg("Brukarrevision", "User audit"),
    "rates": Msg("Svarsfrekvens", "Response rates"),
    "comments": Msg("Kommentarer", "Comments"),
    "commentary": Msg("Analytikerns kommentar", "Commentary"),
    "method": Msg("Metod och källor", "Method and sources"),
}
_NOTE = Msg(
    "Visas inte: färre än {min_n} verksamheter, eller värdet skulle kunna räknas fram ur andra "
    "visade värden (röjandeskydd).",
    "Not shown: fewer than {min_n} organisations, or the value could be derived from other shown "
    "values (disclosure control).",
)
_YES = Msg("Ja", "Yes")
_NO = Msg("Nej", "No")

SCORE = "0.0"
COUNT = "0"
SHARE = "0%"
DIFF = "+0.0;-0.0;0.0"
ALPHA = "0.00"


@dataclass(frozen=True)
class Col:
    """A column: header (sv, en) and the number format of its numeric cells."""

    sv: str
    en: str
    fmt: str | None = None

    def header(self, lang: Lang) -> str:
        return Msg(self.sv, self.en).render(lang)


_COUNTY_COLS = (Col("Länskod", "County code"), Col("Län", "County"))
_ORG_COL = Col("Verksamheter", "Organisations")


class _Sheet:
    """Appends rows to a worksheet, remembering column widths; formats, comments and text safety here."""

    def __init__(self, ws: Worksheet, columns: Sequence[Col], lang: Lang, note: str) -> None:
        self.ws = ws
        self.columns = list(columns)
        self.lang = lang
        self.note = note
        self.widths = [len(c.header(lang)) + 2 for c in self.columns]
        self.row = 1
        from openpyxl.styles import Alignment, Font, PatternFill

        fill = PatternFill("solid", fgColor="E8EEF4")
        for j, col in enumerate(self.columns, start=1):
            cell = ws.cell(row=1, column=j)
            _text(cell, col.header(lang))
            cell.font = Font(bold=True)
            cell.fill = fill
            cell.alignment = Alignment(vertical="top", wrap_text=True)

    def add(self, values: Sequence[Any], suppressed: Sequence[bool] | None = None) -> None:
        """Append one row; ``None`` (or a True in ``suppressed``) in a numeric column becomes ``..``."""
        self.row += 1
        for j, (col, value) in enumerate(zip(self.columns, values, strict=True), start=1):
            cell = self.ws.cell(row=self.row, column=j)
            hidden = bool(suppressed[j - 1]) if suppressed else False
            if col.fmt is not None and (value is None or hidden):
                _text(cell, SUPPRESSED)
                _comment(cell, self.note)
                cell.alignment = _right()  # ".." sits where the number would, like the numbers around it
                width = 4
            elif col.fmt is not None and isinstance(value, int | float) and not isinstance(value, bool):
                cell.value = value
                cell.number_format = col.fmt
                width = 8
            elif value is None:
                width = 2
            else:
                text = str(value)
                _text(cell, text)
                width = min(len(text), 70)
            self.widths[j - 1] = max(self.widths[j - 1], width + 2)

    def finish(self) -> None:
        from openpyxl.utils import get_column_letter

        self.ws.freeze_panes = "A2"
        last = get_column_letter(len(self.columns))
        self.ws.auto_filter.ref = f"A1:{last}{max(self.row, 1)}"
        for j, width in enumerate(self.widths, start=1):
            self.ws.column_dimensions[get_column_letter(j)].width = min(max(width, 6), 72)
        _print_setup(self.ws)


def _print_setup(ws: Worksheet) -> None:
    """A4 landscape, every column on one page width, the header row repeated on each printed page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # 0: as many pages down as the rows need
    ws.print_title_rows = "1:1"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5


def _text(cell: Any, value: str) -> None:
    """Store ``value`` as a string cell, never a formula, with characters Excel cannot hold removed."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
    # openpyxl turns any text starting with "=" into a formula on assignment; force a string.
    cell.data_type = "s"


def _right() -> Any:
    from openpyxl.styles import Alignment

    return Alignment(horizontal="right")


def _comment(cell: Any, text: str) -> None:
    from openpyxl.comments import Comment

    cell.comment = Comment(text, "samverkan-cli", width=260, height=60)


def _est(e: Estimate) -> list[Any]:
    return [e.n, e.mean, e.ci_low, e.ci_high, e.share_positive]


def _yes(flag: bool, lang: Lang, shown: bool = True) -> str:
    """``Ja``/``Nej`` (an empty column reads as missing data); ``..`` when the value is not shown."""
    if not shown:
        return SUPPRESSED
    return (_YES if flag else _NO).render(lang)


def plain_text(markdown: str) -> str:
    """Light Markdown without its markers: ``**bold**`` and ``*italic*`` lose the stars, ``(*)`` keeps its.

    >>> plain_text("**Röjandeskydd.** markeras som osäkra (*) och *i nivå*")
    'Röjandeskydd. markeras som osäkra (*) och i nivå'
    """
    import re

    text = re.sub(r"\*\*(.+?)\*\*", r"\1", markdown)
    return re.sub(r"(?<![\w*])\*(?=\w)([^*]+?)(?<=\w)\*(?![\w*])", r"\1", text)


def workbook_bytes(model: ReportModel, include_comments: bool = False) -> bytes:
    """The workbook of ``model`` (overview plus every county report in it) as XLSX bytes."""
    from openpyxl import Workbook

    o = model.overview
    lang = o.lang
    note = _NOTE.render(lang, min_n=o.methods.min_n)
    wb = Workbook()
    default = wb.active
    if default is not None:
        wb.remove(default)

    def sheet(key: str, columns: Sequence[Col]) -> _Sheet:
        return _Sheet(wb.create_sheet(SHEETS[key].render(lang)), columns, lang, note)

    _overview_sheet(sheet, o)
    if o.trend:
        _trend_sheet(sheet("trend", _TREND_COLS), o)
    _dimensions_sheet(sheet("dimensions", _DIMENSION_COLS), model.counties, lang)
    _items_sheet(sheet("items", _ITEM_COLS), model.counties)
    _option_sheet(sheet("referrals", _OPTION_COLS), model.counties, "referrals")
    _option_sheet(sheet("audit", _OPTION_COLS), model.counties, "brukarrevision")
    _rates_sheet(sheet("rates", _RATE_COLS), model.counties)
    if include_comments:
        _comments_sheet(sheet("comments", _COMMENT_COLS), model.counties)
    if o.commentary or any(c.commentary for c in model.counties):
        _commentary_sheet(sheet("commentary", _COMMENTARY_COLS), model)
    _method_sheet(sheet("method", [Col("Avsnitt", "Section"), Col("Innehåll", "Content")]), model)
    _set_properties(wb, o.provenance.generated_at)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _set_properties(wb: Any, generated_at: str) -> None:
    """Creator and creation time from the provenance, so equal inputs give equal workbooks."""
    from datetime import datetime

    wb.properties.creator = "samverkan-cli"
    try:
        moment = datetime.fromisoformat(generated_at)
        wb.properties.created = moment.replace(tzinfo=None)
        wb.properties.modified = moment.replace(tzinfo=None)
    except ValueError:
        pass


def _overview_sheet(sheet: Callable[[str, Sequence[Col]], _Sheet], o: OverviewReport) -> None:
    """Översikt: the heatmap and the ranking, one row per county plus riket."""
    lang = o.lang
    ranks = {r.lan: r for r in o.ranking}
    cols = [*_COUNTY_COLS, *(Col(label, label, SCORE) for _m, label in o.measures)]
    cols += [
        Col("n (verksamheter)", "n (organisations)", COUNT),
        Col(f"{o.ranking_label} jämfört med riket", f"{o.ranking_label} vs Sweden"),
        Col("Rangplats", "Rank", COUNT),
        Col("Rangplats lägst", "Rank low", COUNT),
        Col("Rangplats högst", "Rank high", COUNT),
        Col(f"Osäkert (n < {o.methods.uncertain_below})", f"Uncertain (n < {o.methods.uncertain_below})"),
    ]
    ws = sheet("overview", cols)
    for row in (*o.heatmap, o.riket):
        rank = ranks.get(row.lan)
        index_cell = row.cells[-1]
        partial = row is o.riket and o.coverage.partial
        ws.add(
            [
                row.lan,
                f"{row.name} ({_coverage(o, lang)})" if partial else row.name,
                *[c.value for c in row.cells],
                index_cell.n,
                verdict_label(index_cell.verdict, lang) if index_cell.verdict else "",
                rank.rank if rank else None,
                rank.rank_low if rank else None,
                rank.rank_high if rank else None,
                _yes(index_cell.uncertain, lang, not index_cell.suppressed and index_cell.value is not None),
            ],
            suppressed=[False, False, *[c.suppressed for c in row.cells], False, False, False, False, False, False],
        )
    ws.finish()


_TREND_COLS = (
    *_COUNTY_COLS,
    Col("Mått", "Measure"),
    Col("Mätomgång", "Wave"),
    Col("n", "n", COUNT),
    Col("Medelvärde", "Mean", SCORE),
    Col("KI låg", "CI low", SCORE),
    Col("KI hög", "CI high", SCORE),
    Col("Förändring sedan förra mätomgången", "Change since the previous wave", DIFF),
    Col("Bedömning av förändringen", "Verdict on the change"),
)
_CHANGE_WORDS = {
    "battre": Msg("Säkert högre", "Clearly higher"),
    "samre": Msg("Säkert lägre", "Clearly lower"),
    "i_niva": Msg("Ingen säker förändring", "No clear change"),
    "ej_jamforbar": Msg("Ej jämförbar (frågorna har ändrats)", "Not comparable (the questions changed)"),
}


def _trend_sheet(ws: _Sheet, o: OverviewReport) -> None:
    """Utveckling: index and areas per county in every wave, with each change and its verdict."""
    for table in o.trend:
        for line in table.rows:
            for wave, value, change in zip(table.waves, line.values, line.changes, strict=True):
                comp = change if value.shown else None
                word = _CHANGE_WORDS.get(comp.verdict) if comp else None
                ws.add(
                    [
                        line.lan,
                        line.name,
                        table.label,
                        wave,
                        value.n,
                        value.mean,
                        value.ci_low,
                        value.ci_high,
                        # The first wave has no change to show: an empty cell, not the ".." of a hidden value.
                        "" if change is None and value.shown else (comp.diff if comp else None),
                        word.render(o.lang) if word else "",
                    ]
                )
    ws.finish()


_DIMENSION_COLS = (
    *_COUNTY_COLS,
    Col("Mätomgång", "Wave"),
    _ORG_COL,
    Col("Mått", "Measure"),
    Col("n", "n", COUNT),
    Col("Medelvärde", "Mean", SCORE),
    Col("KI låg", "CI low", SCORE),
    Col("KI hög", "CI high", SCORE),
    Col("Andel positiva", "Share positive", SHARE),
    Col("Riket", "Sweden", SCORE),
    Col("Skillnad mot riket", "Difference vs Sweden", DIFF),
    Col("Skillnad KI låg", "Difference CI low", DIFF),
    Col("Skillnad KI hög", "Difference CI high", DIFF),
    Col("Bedömning", "Verdict"),
    Col("Osäkert", "Uncertain"),
)


def _dimensions_sheet(ws: _Sheet, counties: Sequence[CountyReport], lang: Lang) -> None:
    """Dimensioner: county x organisation type x measure, with riket and the comparison."""
    for c in counties:
        for org in c.scores:
            for m in org.measures:
                comp = m.versus_riket if m.county.shown else None
                ws.add(
                    [
                        c.lan,
                        c.name,
                        c.wave,
                        org.label,
                        m.label,
                        *_est(m.county),
                        m.riket.mean,
                        comp.diff if comp else None,
                        comp.ci_low if comp else None,
                        comp.ci_high if comp else None,
                        verdict_label(comp.verdict, lang) if comp else SUPPRESSED,
                        _yes(m.county.uncertain, lang, m.county.shown),
                    ]
                )
    ws.finish()


_ITEM_COLS = (
    *_COUNTY_COLS,
    Col("Område", "Dimension"),
    Col("Fråga", "Item"),
    Col("Frågetext", "Question"),
    Col("n", "n", COUNT),
    Col("Poäng", "Score", SCORE),
    Col("Svar", "Answer"),
    Col("Andel", "Share", SHARE),
)


def _items_sheet(ws: _Sheet, counties: Sequence[CountyReport]) -> None:
    """Frågor: answer shares per item (all organisations), long format for filtering."""
    for c in counties:
        for group in c.items:
            for it in group.items:
                if it.suppressed or not it.answers:
                    ws.add([c.lan, c.name, group.label, it.item, it.text, it.n, None, "", None])
                    continue
                for a in it.answers:
                    ws.add([c.lan, c.name, group.label, it.item, it.text, it.n, it.score.mean, a.label, a.share])
    ws.finish()


_OPTION_COLS = (
    *_COUNTY_COLS,
    _ORG_COL,
    Col("n", "n", COUNT),
    Col("Svarsalternativ", "Option"),
    Col("Andel", "Share", SHARE),
)


def _option_sheet(ws: _Sheet, counties: Sequence[CountyReport], attr: str) -> None:
    """Remissvägar / Brukarrevision: option shares per county and organisation type."""
    for c in counties:
        shares = getattr(c, attr)
        if shares is None:
            continue
        for g in shares.groups:
            for option, share in g.shares:
                ws.add([c.lan, c.name, g.label, g.n, option, share], suppressed=[False] * 5 + [g.suppressed])
    ws.finish()


_RATE_COLS = (
    *_COUNTY_COLS,
    _ORG_COL,
    Col("Har svarat", "Answered", COUNT),
    Col("Totalt i registret", "In register", COUNT),
    Col("Svarsfrekvens", "Response rate", SHARE),
)


def _rates_sheet(ws: _Sheet, counties: Sequence[CountyReport]) -> None:
    for c in counties:
        for rr in c.response_rates:
            ws.add([c.lan, c.name, rr.label, rr.responded, rr.frame, rr.rate])
    ws.finish()


_COMMENT_COLS = (*_COUNTY_COLS, _ORG_COL, Col("Synpunkt", "Comment"))


def _comments_sheet(ws: _Sheet, counties: Sequence[CountyReport]) -> None:
    for c in counties:
        for cg in c.comments or ():
            for text in cg.texts:
                ws.add([c.lan, c.name, cg.label, text])
    ws.finish()


_M: dict[str, Msg] = {
    "report": Msg("Rapport", "Report"),
    "method": Msg("Metod", "Method"),
    "alpha": Msg("Cronbachs α {label} ({wave})", "Cronbach's α {label} ({wave})"),
    "low": Msg(" – låg", " – low"),
    "tool": Msg("Verktyg", "Tool"),
    "generated": Msg("Skapad", "Generated"),
    "input": Msg("Indatafil ({wave})", "Input file ({wave})"),
    "retired": Msg("Används inte längre ({wave})", "No longer used ({wave})"),
    "replaced": Msg("ersatt av en rättad fil {date} ({n} svar)", "replaced by a corrected file {date} ({n} responses)"),
    "removed": Msg("borttagen {date} ({n} svar)", "removed {date} ({n} responses)"),
    "rows": Msg(
        "{imported} av {rows} rader inlästa, {quarantined} i karantän",
        "{imported} of {rows} rows imported, {quarantined} quarantined",
    ),
    "finding": Msg("Avvikelse vid import", "Import finding"),
    "riket": Msg("Riket", "Sweden"),
    "coverage": Msg("riket = {n} av {total} län hittills", "Sweden = {n} of {total} counties so far"),
}


_COMMENTARY_COLS = (*_COUNTY_COLS, Col("Kommentar (Markdown)", "Commentary (Markdown)"))


def _commentary_sheet(ws: _Sheet, model: ReportModel) -> None:
    """The analyst's commentary as written (riket first), one row per file, text never a formula."""
    from openpyxl.styles import Alignment

    rows = [(model.overview.riket.lan, model.overview.riket.name, model.overview.commentary)]
    rows += [(c.lan, c.name, c.commentary) for c in model.counties]
    for lan, name, text in rows:
        if text:
            ws.add([lan, name, text])
            ws.ws.cell(row=ws.row, column=3).alignment = Alignment(wrap_text=True, vertical="top")
    ws.finish()


def _coverage(o: OverviewReport, lang: Lang) -> str:
    return _M["coverage"].render(lang, n=o.coverage.present, total=o.coverage.total)


def _method_sheet(ws: _Sheet, model: ReportModel) -> None:
    """Metod och källor: the method text, dimensions, reliability, tool and every input file."""
    o = model.overview
    lang, m, p = o.lang, o.methods, o.provenance
    ws.add([_M["report"].render(lang), with_wave(o.title, o.wave)])
    if o.coverage.partial:
        ws.add([_M["riket"].render(lang), _coverage(o, lang)])
    for paragraph in m.text:
        heading, _sep, rest = paragraph.partition("** ")
        if paragraph.startswith("**") and rest:
            ws.add([heading.strip("*. "), plain_text(rest)])
        else:
            ws.add([_M["method"].render(lang), plain_text(paragraph)])
    for _dim_id, label, items in m.dimensions:
        ws.add([label, ", ".join(items)])
    for r in m.reliability:
        alpha = "" if r.alpha is None else fmt_decimal(r.alpha, 2, lang)
        flag = _M["low"].render(lang) if r.flag else ""
        ws.add([_M["alpha"].render(lang, label=r.label, wave=r.wave), f"{alpha} (n = {r.n}){flag}"])
    ws.add([_M["tool"].render(lang), f"samverkan-cli {p.tool_version}"])
    ws.add(["Instrument", f"{p.instrument_id} {p.instrument_version}"])
    ws.add([_M["generated"].render(lang), p.generated_at])
    for f in p.files:
        counts = _M["rows"].render(lang, imported=f.imported, rows=f.rows, quarantined=f.quarantined)
        ws.add([_M["input"].render(lang, wave=f.wave), f"{f.name} · {f.platform} · SHA-256 {f.sha256} · {counts}"])
    for gone in p.retired:
        what = _M["replaced" if gone.action == "replaced" else "removed"].render(
            lang, date=gone.at[:10], n=gone.imported
        )
        ws.add([_M["retired"].render(lang, wave=gone.wave), f"{gone.name} · SHA-256 {gone.sha256} · {what}"])
    for severity, code, count in p.findings:
        label = f"{severity_label(severity, lang)}: {finding_label(code, lang)}"
        ws.add([_M["finding"].render(lang), f"{label} × {count}"])
    ws.finish()
