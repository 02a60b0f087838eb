"""Recognise the survey platform from a file's first rows and interpret its header rows.

Each platform has a fingerprint in its header rows (SPEC section 4, step 2). The checks are
ordered from the most specific (Qualtrics' ImportId row) to the least (bare item codes), and
anything unrecognised is ``generic`` with one header row.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from samverkan_cli.readers.base import ColumnMeta

__all__ = ["Layout", "clean_header", "recognise"]

Rows = Sequence[Sequence[str]]


@dataclass(frozen=True)
class Layout:
    """A platform, how many header rows it uses and what they say about each column."""

    platform: str
    header_rows: int
    columns: list[ColumnMeta] = field(default_factory=list)
    multi_separator: str | None = None
    response_id_column: int | None = None
    submitted_column: int | None = None


_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
# Tags some platforms keep in question texts (<b>, <span style=...>, <p>); "<5 år" is no tag.
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
# Invisible characters pasted into question texts: zero-width space/joiners, word joiner,
# soft hyphen, a BOM left inside a cell.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
_SPACE = re.compile(r"\s+")
_IMPORT_ID = re.compile(r"""ImportId['"]\s*:\s*['"]([^'"]*)['"]""")
_LEGACY_V = re.compile(r"^V\d+$")
_CODE = re.compile(r"^[A-Za-z]{1,6}[_.-]?\d+(?:[_.-]\d+)*[A-Za-z]?$")
_LIME_SUB = re.compile(r"^(?P<code>[A-Za-z0-9_]+) ?\[(?P<sub>[^\[\]]*)\](?:[.:]?\s+(?P<text>.*))?$")
_LIME_CODE_TEXT = re.compile(r"^(?P<code>[A-Za-z][A-Za-z0-9_]*)\.\s+(?P<text>.+)$")
_BRACKET = re.compile(r"^(?P<text>.*\S)\s*\[(?P<opt>[^\[\]]+)\]$")

_SM_RESPONDENT = {"respondent id", "respondentid"}
_SM_COLLECTOR = {"collector id", "collectorid"}
_SM_PLAIN = {
    "response",
    "open-ended response",
    "responses",
    "svar",
    "öppet svar",
    "antwort",
    "offene antwort",
    "respuesta",
    "respuesta abierta",
}
# A cell a respondent wrote, not a header: numbers, dates, times.
_DATA_LIKE = re.compile(r"^[-+]?\d+(?:[.,:/ -]\d+)*(?:\s*[AaPp][Mm])?$")
_MS_START = {"start time", "starttid", "startzeit", "heure de début", "hora de inicio"}
_MS_DONE = {
    "completion time",
    "slutförandetid",
    "tid för slutförande",
    "fertigstellungszeit",
    "heure de fin",
    "hora de finalización",
}
_GOOGLE_TIMESTAMP = {
    "timestamp",
    "tidstämpel",
    "tidsstämpel",
    "tidsstempel",
    "zeitstempel",
    "marca temporal",
    "horodateur",
    "aikaleima",
    "informazioni cronologiche",
    "carimbo de data/hora",
    "tijdstempel",
}
_LIME_META = {
    "id",
    "submitdate",
    "lastpage",
    "startlanguage",
    "seed",
    "startdate",
    "datestamp",
    "ipaddr",
    "refurl",
    "token",
    "response id",
    "date submitted",
    "last page",
    "start language",
    "date started",
    "date last action",
    "ip address",
    "referrer url",
    "completed",
    "last page seen",
    "id risposta",
    "data invio",
    "ultima pagina",
    "lingua iniziale",
    "seme",
    "data di inizio",
    "data dell'ultima azione",
    "antwort id",
    "datum abgeschickt",
    "letzte seite",
    "start-sprache",
    "zufallsstartwert",
    "svars-id",
    "svar-id",
    "datum inskickat",
    "sista sidan",
    "startspråk",
    "fröet",
}
_LIME_IDS = ("id", "response id", "id risposta", "antwort id", "svars-id", "svar-id")
_LIME_SUBMITTED = ("submitdate", "date submitted", "data invio", "datum abgeschickt", "datum inskickat", "completed")
_GENERIC_IDS = ("response id", "responseid", "respondent id", "respondentid", "svars-id", "svarsid", "svar-id")


def clean_header(text: str) -> str:
    """Header text as a person reads it: ``<br>`` and NBSP become spaces, runs collapse,
    other tags and invisible characters go.

    >>> clean_header(" Can\\u00a0you<br>share?  ")
    'Can you share?'
    >>> clean_header("\\u200b<b>R1</b>\\ufeff")
    'R1'
    """
    if "<" in text:
        text = _TAG.sub("", _BR.sub(" ", text))
    if not text.isascii():
        text = _INVISIBLE.sub("", text)
    return _SPACE.sub(" ", text.replace("\u00a0", " ")).strip()


def recognise(head: Rows) -> Layout:
    """Return the layout of a table whose first (up to three) rows are ``head``."""
    rows = [[clean_header(c) for c in r] for r in head[:3]]
    if not rows:
        return Layout("generic", 1)
    for check in _CHECKS:
        layout = check(rows, head)
        if layout is not None:
            return _with_submitted(layout, rows)
    return _with_submitted(_generic(rows), rows)


def _with_submitted(layout: Layout, rows: list[list[str]]) -> Layout:
    """A layout whose platform has no known submission column takes one headed by a label.

    The labels (``Svarsdatum``, ``Skickad``, ``Timestamp`` ...) live in the reference data; only a
    header that is exactly such a label counts, so a question about a date is never taken for one.
    """
    if layout.submitted_column is not None:
        return layout
    found = _labelled_submitted(rows[0])
    if found is None or found == layout.response_id_column:
        return layout
    return dataclasses.replace(layout, submitted_column=found)


def _labelled_submitted(headers: list[str]) -> int | None:
    from samverkan_cli.reference.column_labels import column_labels

    return column_labels().submitted_index(headers)


def _folded(row: Sequence[str]) -> list[str]:
    return [c.casefold() for c in row]


def _index(folded: list[str], wanted: Sequence[str]) -> int | None:
    for name in wanted:
        if name in folded:
            return folded.index(name)
    return None


# --- Qualtrics ------------------------------------------------------------------------


def _qualtrics(rows: list[list[str]], raw: Rows) -> Layout | None:
    if len(rows) < 3:
        return None
    filled = [c for c in rows[2] if c]
    ids = [c for c in filled if c.startswith("{") and "ImportId" in c]
    if not ids or len(ids) < 0.5 * len(filled):
        return None
    variables, texts = rows[0], rows[1]
    import_ids = [_import_id(c) for c in rows[2]]
    columns = _split_questions(variables, texts, variables, import_ids)
    folded = _folded(variables)
    return Layout(
        "qualtrics",
        3,
        columns,
        multi_separator=",",
        response_id_column=_index(folded, ("responseid",)),
        submitted_column=_index(folded, ("recordeddate", "enddate")),
    )


def _import_id(cell: str) -> str:
    match = _IMPORT_ID.search(cell)
    return match.group(1) if match else ""


def _qualtrics_legacy(rows: list[list[str]], raw: Rows) -> Layout | None:
    if len(rows) < 2:
        return None
    first = rows[0]
    if sum(1 for c in first[:12] if _LEGACY_V.match(c)) < 3 or first[0] != "V1":
        return None
    second = _folded(rows[1])
    if "responseid" not in second:
        return None
    names = [t if _LEGACY_V.match(v) or not v else v for v, t in zip(first, rows[1], strict=True)]
    columns = _split_questions(first, rows[1], names, [""] * len(first))
    return Layout(
        "qualtrics_legacy",
        2,
        columns,
        multi_separator=",",
        response_id_column=second.index("responseid"),
        submitted_column=_index(second, ("enddate",)),
    )


def _split_questions(
    variables: list[str], texts: list[str], names: list[str], import_ids: list[str]
) -> list[ColumnMeta]:
    """Qualtrics question text is ``Question - Option`` (or ``Question-Option`` in old
    exports) on split columns; the shared prefix of sibling columns says where it splits."""
    bases = [_base(v) for v in variables]
    columns: list[ColumnMeta] = []
    n = len(variables)
    for i in range(n):
        siblings = [j for j in (i - 1, i + 1) if 0 <= j < n and bases[j] == bases[i]]
        question, option = texts[i], ""
        if siblings and bases[i]:
            question, option = _split_by_prefix(texts[i], texts[siblings[0]])
        elif ("_" in variables[i] or " - " in variables[i]) and " - " in texts[i]:
            question, option = (p.strip() for p in texts[i].rsplit(" - ", 1))
        columns.append(
            ColumnMeta(
                name=names[i] or texts[i],
                variable=variables[i],
                question=question,
                option=option,
                import_id=import_ids[i],
            )
        )
    return columns


def _base(variable: str) -> str:
    if " - " in variable:
        return variable.split(" - ", 1)[0]
    if "_" in variable:
        return variable.split("_", 1)[0]
    return ""


def _split_by_prefix(text: str, sibling: str) -> tuple[str, str]:
    common = 0
    for a, b in zip(text, sibling, strict=False):
        if a != b:
            break
        common += 1
    prefix = text[:common]
    for separator in (" - ", "-"):
        cut = prefix.rfind(separator)
        if cut > 0:
            return text[:cut].strip(), text[cut + len(separator) :].strip()
    return text, ""


# --- SurveyMonkey ---------------------------------------------------------------------


def _surveymonkey(rows: list[list[str]], raw: Rows) -> Layout | None:
    if len(rows) < 2:
        return None
    first = _folded(rows[0])
    respondent = _index(first, tuple(_SM_RESPONDENT))
    second = _folded(rows[1])
    if respondent is not None:
        has_collector = any(c in _SM_COLLECTOR for c in first)
        plain = sum(1 for c in second if c in _SM_PLAIN)
        if not (has_collector or plain) or second[respondent]:
            return None
    elif not _sub_label_row(rows[0], rows[1]):
        return None
    columns: list[ColumnMeta] = []
    question = ""
    for top, sub in zip(rows[0], rows[1], strict=True):
        question = top or question
        option = "" if sub.casefold() in _SM_PLAIN else sub
        name = f"{question} - {option}" if option and question else (option or question)
        columns.append(ColumnMeta(name=name, question=question, option=option))
    return Layout(
        "surveymonkey",
        2,
        columns,
        response_id_column=respondent,
        submitted_column=_index(first, ("end date", "enddate")),
    )


def _sub_label_row(top: list[str], sub: list[str]) -> bool:
    """True when ``sub`` is SurveyMonkey's second header row rather than a first response.

    Exports without the Respondent ID column start with dates or with a question; what gives
    them away is row 2: ``Response``/``Open-Ended Response`` under questions, option labels
    under the empty cells that continue a split question, and nothing that looks like data.
    """
    if not top or not top[0]:
        return False
    plain = sum(1 for c in sub if c.casefold() in _SM_PLAIN)
    continued = sum(1 for t, s in zip(top, sub, strict=True) if s and not t)
    filled = sum(1 for s in sub if s)
    if any(_DATA_LIKE.match(s) for s in sub if s):
        return False
    if plain >= 2 or (plain and continued):
        return True
    if not plain and sum(1 for t in top if t) <= max(2, len(top) // 5):
        # A few headings over a full header row ("Bakgrund" over four questions) group a
        # hand-kept sheet; SurveyMonkey puts a question over every column, "Response" under most.
        return False
    return continued >= 2 and 2 * (plain + continued) >= filled


# --- Forms ----------------------------------------------------------------------------


def _microsoft_forms(rows: list[list[str]], raw: Rows) -> Layout | None:
    first = _folded(rows[0])
    # Found by its columns, wherever they stand: a sheet someone re-sorted is still a Forms export.
    rid, done = _index(first, ("id",)), _index(first, tuple(_MS_DONE))
    if rid is None or done is None or not any(c in _MS_START for c in first):
        return None
    columns = [ColumnMeta(name=h, question=h) for h in rows[0]]
    return Layout("microsoft_forms", 1, columns, multi_separator=";", response_id_column=rid, submitted_column=done)


def _google_forms(rows: list[list[str]], raw: Rows) -> Layout | None:
    if rows[0][0].casefold() not in _GOOGLE_TIMESTAMP:
        return None
    columns = [_bracketed(h) for h in rows[0]]
    return Layout("google_forms", 1, columns, multi_separator=", ", submitted_column=0)


def _bracketed(header: str) -> ColumnMeta:
    match = _BRACKET.match(header)
    if match:
        return ColumnMeta(name=header, question=match["text"], option=match["opt"].strip())
    return ColumnMeta(name=header, question=header)


# --- LimeSurvey -----------------------------------------------------------------------


def _limesurvey(rows: list[list[str]], raw: Rows) -> Layout | None:
    first = [_lime_key(h) for h in rows[0]]
    meta = sum(1 for c in first[:12] if c in _LIME_META)
    subs = sum(1 for c in rows[0] if _LIME_SUB.match(c))
    if meta < 3 and not (meta >= 2 and subs):
        return None
    columns = [_lime_column(h) for h in rows[0]]
    return Layout(
        "limesurvey",
        1,
        columns,
        response_id_column=_index(first[:12], _LIME_IDS),
        submitted_column=_index(first[:12], _LIME_SUBMITTED),
    )


def _lime_key(header: str) -> str:
    """The folded header, or the code of a "code. text" header (``id. Response ID`` -> ``id``)."""
    match = _LIME_CODE_TEXT.match(header)
    if match and match["code"].casefold() in _LIME_META:
        return match["code"].casefold()
    return header.casefold()


def _lime_column(header: str) -> ColumnMeta:
    match = _LIME_SUB.match(header)
    if match:
        code, sub, text = match["code"], match["sub"].strip(), (match["text"] or "").strip()
        option = sub
        inner = _BRACKET.match(text) if text else None
        if inner:
            text, option = inner["text"], inner["opt"].strip()
        return ColumnMeta(name=header, variable=f"{code}[{sub}]", question=text, option=option)
    # "Question code & question text" headings: the code before ". " is the question code.
    match = _LIME_CODE_TEXT.match(header)
    if match:
        meta = _bracketed(match["text"])
        return ColumnMeta(name=header, variable=match["code"], question=meta.question, option=meta.option)
    if header and " " not in header and len(header) <= 20 and header.casefold() not in _LIME_META:
        return ColumnMeta(name=header, variable=header)
    return _bracketed(header)


# --- Netigate / hand-made -------------------------------------------------------------


def _netigate(rows: list[list[str]], raw: Rows) -> Layout | None:
    filled = [h for h in rows[0] if h]
    codes = sum(1 for h in filled if _CODE.match(h))
    if not filled or codes * 3 < len(rows[0]):
        return None
    return _single_row("netigate", rows)


def _generic(rows: list[list[str]]) -> Layout:
    return _single_row("generic", rows)


def _single_row(platform: str, rows: list[list[str]]) -> Layout:
    columns = [ColumnMeta(name=h, variable=h) if _CODE.match(h) else ColumnMeta(name=h, question=h) for h in rows[0]]
    folded = _folded(rows[0])
    return Layout(
        platform,
        1,
        columns,
        response_id_column=_index(folded, _GENERIC_IDS),
        submitted_column=_labelled_submitted(rows[0]),
    )


_CHECKS: tuple[Callable[[list[list[str]], Rows], Layout | None], ...] = (
    _qualtrics,
    _qualtrics_legacy,
    _surveymonkey,
    _microsoft_forms,
    _google_forms,
    _limesurvey,
    _netigate,
)
