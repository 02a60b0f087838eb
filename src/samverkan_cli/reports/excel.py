"""Excel renderer: report model -> one workbook with the report tables as real numbers.

Numbers are stored as numbers with number formats (Excel shows them with the reader's decimal
comma), every sheet has a frozen, filtered header row and sized columns, suppressed values are
the text ``..`` with a cell comment saying why. Text is always written as a string: a value such
as ``=HYPERLINK(...)`` or ``+46...`` from a survey answer never becomes a formula.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from samverkan_cli.i18n import Lang
from samverkan_cli.reports.format import SUPPRESSED
from samverkan_cli.reports.model import Estimate, ReportModel, verdict_label

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["SHEETS", "workbook_bytes"]

#: Sheet names per language, in workbook order.
SHEETS: dict[str, tuple[str, str]] = {
    "overview": ("Översikt", "Overview"),
    "dimensions": ("Dimensioner", "Dimensions"),
    "items": ("Frågor", "Items"),
    "referrals": ("Remissvägar", "Referral paths"),
    "audit": ("Brukarrevision", "User audit"),
    "rates": ("Svarsfrekvens", "Response rates"),
    "comments": ("Kommentarer", "Comments"),
    "method": ("Metod och källor", "Method and sources"),
}

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


class _Sheet:
    """Appends rows to a worksheet, remembering column widths; formats, comments and text safety here."""

    def __init__(self, ws: Worksheet, columns: Sequence[Col], lang: Lang, note: str) -> None:
        self.ws = ws
        self.columns = list(columns)
        self.lang = lang
        self.note = note
        self.widths = [len(c.en if lang == "en" else c.sv) + 2 for c in self.columns]
        self.row = 1
        from openpyxl.styles import Alignment, Font, PatternFill

        fill = PatternFill("solid", fgColor="E8EEF4")
        for j, col in enumerate(self.columns, start=1):
            cell = ws.cell(row=1, column=j)
            _text(cell, col.en if lang == "en" else col.sv)
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


def _text(cell: Any, value: str) -> None:
    """Store ``value`` as a string cell, never a formula, with characters Excel cannot hold removed."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
    # openpyxl turns any text starting with "=" into a formula on assignment; force a string.
    cell.data_type = "s"


def _comment(cell: Any, text: str) -> None:
    from openpyxl.comments import Comment

    cell.comment = Comment(text, "samverkan-cli", width=260, height=60)


def _t(lang: Lang, sv: str, en: str) -> str:
    return en if lang == "en" else sv


def _est(e: Estimate) -> list[Any]:
    return [e.n, e.mean, e.ci_low, e.ci_high, e.share_positive]


def workbook_bytes(model: ReportModel, include_comments: bool = False) -> bytes:
    """The workbook of ``model`` (overview plus every county report in it) as XLSX bytes."""
    from datetime import datetime

    from openpyxl import Workbook

    o = model.overview
    lang = o.lang
    note = _t(
        lang,
        f"Visas inte: färre än {o.methods.min_n} verksamheter, eller värdet skulle kunna räknas fram ur andra "
        "visade värden (röjandeskydd).",
        f"Not shown: fewer than {o.methods.min_n} organisations, or the value could be derived from other shown "
        "values (disclosure control).",
    )
    wb = Workbook()
    default = wb.active
    if default is not None:
        wb.remove(default)

    def sheet(key: str, columns: Sequence[Col]) -> _Sheet:
        name = SHEETS[key][1] if lang == "en" else SHEETS[key][0]
        return _Sheet(wb.create_sheet(name), columns, lang, note)

    # Översikt: the heatmap and the ranking, one row per county plus riket.
    ranks = {r.lan: r for r in o.ranking}
    cols = [Col("Länskod", "County code"), Col("Län", "County")]
    cols += [Col(label, label, SCORE) for _m, label in o.measures]
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
        ws.add(
            [
                row.lan,
                row.name,
                *[c.value for c in row.cells],
                index_cell.n,
                verdict_label(index_cell.verdict, lang) if index_cell.verdict else "",
                rank.rank if rank else None,
                rank.rank_low if rank else None,
                rank.rank_high if rank else None,
                _t(lang, "Ja", "Yes") if index_cell.uncertain else "",
            ],
            suppressed=[False, False, *[c.suppressed for c in row.cells], False, False, False, False, False, False],
        )
    ws.finish()

    # Dimensioner: county x organisation type x measure, with riket and the comparison.
    ws = sheet(
        "dimensions",
        [
            Col("Länskod", "County code"),
            Col("Län", "County"),
            Col("Mätomgång", "Wave"),
            Col("Verksamheter", "Organisations"),
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
        ],
    )
    for c in model.counties:
        for org in c.scores:
            for m in org.measures:
                comp = m.versus_riket
                shown = m.county.shown
                ws.add(
                    [
                        c.lan,
                        c.name,
                        c.wave,
                        org.label,
                        m.label,
                        *_est(m.county),
                        m.riket.mean,
                        comp.diff if comp and shown else None,
                        comp.ci_low if comp and shown else None,
                        comp.ci_high if comp and shown else None,
                        verdict_label(comp.verdict, lang) if comp and shown else SUPPRESSED,
                        _t(lang, "Ja", "Yes") if m.county.uncertain else "",
                    ]
                )
    ws.finish()

    # Frågor: answer shares per item (all organisations), long format for filtering.
    ws = sheet(
        "items",
        [
            Col("Länskod", "County code"),
            Col("Län", "County"),
            Col("Område", "Dimension"),
            Col("Fråga", "Item"),
            Col("Frågetext", "Question"),
            Col("n", "n", COUNT),
            Col("Poäng", "Score", SCORE),
            Col("Svar", "Answer"),
            Col("Andel", "Share", SHARE),
        ],
    )
    for c in model.counties:
        for group in c.items:
            for it in group.items:
                if it.suppressed or not it.answers:
                    ws.add([c.lan, c.name, group.label, it.item, it.text, it.n, None, "", None])
                    continue
                for a in it.answers:
                    ws.add([c.lan, c.name, group.label, it.item, it.text, it.n, it.score.mean, a.label, a.share])
    ws.finish()

    def option_sheet(key: str, attr: str) -> None:
        w = sheet(
            key,
            [
                Col("Länskod", "County code"),
                Col("Län", "County"),
                Col("Verksamheter", "Organisations"),
                Col("n", "n", COUNT),
                Col("Svarsalternativ", "Option"),
                Col("Andel", "Share", SHARE),
            ],
        )
        for c in model.counties:
            shares = getattr(c, attr)
            if shares is None:
                continue
            for g in shares.groups:
                for option, share in g.shares:
                    w.add([c.lan, c.name, g.label, g.n, option, share], suppressed=[False] * 5 + [g.suppressed])
        w.finish()

    option_sheet("referrals", "referrals")
    option_sheet("audit", "brukarrevision")

    ws = sheet(
        "rates",
        [
            Col("Länskod", "County code"),
            Col("Län", "County"),
            Col("Verksamheter", "Organisations"),
            Col("Har svarat", "Answered", COUNT),
            Col("Totalt i registret", "In register", COUNT),
            Col("Svarsfrekvens", "Response rate", SHARE),
        ],
    )
    for c in model.counties:
        for rr in c.response_rates:
            ws.add([c.lan, c.name, rr.label, rr.responded, rr.frame, rr.rate])
    ws.finish()

    if include_comments:
        ws = sheet(
            "comments",
            [
                Col("Länskod", "County code"),
                Col("Län", "County"),
                Col("Verksamheter", "Organisations"),
                Col("Synpunkt", "Comment"),
            ],
        )
        for c in model.counties:
            for cg in c.comments or ():
                for text in cg.texts:
                    ws.add([c.lan, c.name, cg.label, text])
        ws.finish()

    _method_sheet(sheet("method", [Col("Avsnitt", "Section"), Col("Innehåll", "Content")]), model)

    p = o.provenance
    wb.properties.creator = "samverkan-cli"
    try:
        moment = datetime.fromisoformat(p.generated_at)
        wb.properties.created = moment.replace(tzinfo=None)
        wb.properties.modified = moment.replace(tzinfo=None)
    except ValueError:
        pass
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _method_sheet(ws: _Sheet, model: ReportModel) -> None:
    o = model.overview
    lang, m, p = o.lang, o.methods, o.provenance
    sv = lang != "en"
    ws.add(["Rapport" if sv else "Report", f"{o.title} ({o.wave})"])
    for paragraph in m.text:
        heading, _sep, rest = paragraph.partition("** ")
        if paragraph.startswith("**") and rest:
            ws.add([heading.strip("*. "), rest.replace("*", "")])
        else:
            ws.add([("Metod" if sv else "Method"), paragraph.replace("*", "")])
    for dim_id, label, items in m.dimensions:
        ws.add([label, ", ".join(items) + f" ({dim_id})"])
    for r in m.reliability:
        alpha = "" if r.alpha is None else f"{r.alpha:.2f}".replace(".", "," if sv else ".")
        flag = (" – låg" if sv else " – low") if r.flag else ""
        ws.add(
            [
                f"Cronbachs α {r.label} ({r.wave})" if sv else f"Cronbach's α {r.label} ({r.wave})",
                f"{alpha} (n = {r.n}){flag}",
            ]
        )
    ws.add(["Verktyg" if sv else "Tool", f"samverkan-cli {p.tool_version}"])
    ws.add(["Instrument", f"{p.instrument_id} {p.instrument_version}"])
    ws.add(["Skapad" if sv else "Generated", p.generated_at])
    for f in p.files:
        ws.add(
            [
                ("Indatafil" if sv else "Input file") + f" ({f.wave})",
                f"{f.name} · {f.platform} · SHA-256 {f.sha256} · "
                + (
                    f"{f.imported} av {f.rows} rader inlästa, {f.quarantined} i karantän"
                    if sv
                    else f"{f.imported} of {f.rows} rows imported, {f.quarantined} quarantined"
                ),
            ]
        )
    for severity, code, count in p.findings:
        ws.add([("Avvikelse vid import" if sv else "Import finding"), f"{severity}: {code} × {count}"])
    ws.finish()
