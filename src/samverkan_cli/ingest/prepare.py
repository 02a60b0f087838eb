"""RawTable -> matched, normalised, validated responses and findings (SPEC 4.3-4.5).

Nothing here touches the database: :mod:`samverkan_cli.ingest.pipeline` stores what this prepares.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import math
import operator
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from samverkan_cli.ingest import organisations
from samverkan_cli.ingest.findings import Finding, reader_findings
from samverkan_cli.ingest.matching import ColumnPlan, MatchResult, match_columns
from samverkan_cli.ingest.normalise import Answer, AnswerNormaliser, Unknown
from samverkan_cli.ingest.privacy import mask_text, pseudonymise
from samverkan_cli.ingest.timestamps import normalise_submitted
from samverkan_cli.instrument import Instrument, Item
from samverkan_cli.readers import RawTable

__all__ = ["PreparedFile", "PreparedResponse", "QuarantinedRow", "prepare_table"]

#: (item_id, raw_value, value, numeric)
AnswerRow = tuple[str, str, str, float | None]


@dataclass
class PreparedResponse:
    """One valid row: its organisation, and its answers in two parts.

    ``numbers`` holds the scale value of each of the file's scored columns (``slots``; NaN where the
    row has no number), ``raw`` the raw text of those whose raw text differs from the label, and
    ``other`` every answer without a number (missing labels, options, free text) in column order.
    """

    source_row: int
    org_typ: str
    org_name: str
    org_key: str
    kommun_code: str
    lan_code: str
    response_id: str | None
    submitted_at: str | None
    fingerprint: str
    slots: list[str]
    labels: dict[str, dict[float, str]]
    numbers: npt.NDArray[np.float64]
    raw: dict[str, str] | None
    other: list[AnswerRow]

    @property
    def answers(self) -> list[AnswerRow]:
        """Every answer as (item_id, raw, value, numeric): the numbered ones first, then the rest."""
        rows: list[AnswerRow] = []
        raw = self.raw or {}
        for item, number in zip(self.slots, self.numbers.tolist(), strict=True):
            if not math.isnan(number):
                value = self.labels[item][number]
                rows.append((item, raw.get(item, value), value, number))
        return rows + self.other


@dataclass
class QuarantinedRow:
    source_row: int
    reasons: list[Finding]
    raw: dict[str, str]


@dataclass
class PreparedFile:
    table: RawTable
    match: MatchResult
    responses: list[PreparedResponse] = field(default_factory=list)
    quarantined: list[QuarantinedRow] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    #: the items of the scored columns, in column order, and the label each of their numbers stands for
    slots: list[str] = field(default_factory=list)
    labels: dict[str, dict[float, str]] = field(default_factory=dict)
    duplicates: int = 0
    empty_rows: int = 0
    fatal: bool = False
    #: source row -> its submission time as ISO 8601; rows without one (or with no date in it) are absent
    submitted_at: dict[int, str] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return len(self.table.rows)


class _RowContext:
    """Per-row scratch space so the column handlers stay small; ``answers`` are the unnumbered ones."""

    __slots__ = ("answers", "cells", "findings", "row", "values")

    def __init__(self, row: int, cells: list[str], answers: list[AnswerRow], findings: list[Finding]) -> None:
        self.row = row
        self.cells = cells
        self.answers = answers
        self.findings = findings
        self.values: dict[str, str] = {}


Handler = Callable[[_RowContext, str], None]
#: what a handler made of one cell: answers and findings (at the first row it was seen)
_CellResult = tuple[list[AnswerRow], list[Finding]]


def _handler(plan: ColumnPlan, item: Item, norm: AnswerNormaliser, table: RawTable) -> Handler:
    """The function that reads one answer column's cell into a row (scored and background columns
    are read elsewhere: :class:`_ScoredColumns`, :func:`_cached_background`)."""
    header = plan.header
    stype = item.scale.type
    item_id = item.id

    if stype == "choice":

        def choice(ctx: _RowContext, raw: str) -> None:
            result = norm.choice(item, raw)
            if result is None:
                return
            if isinstance(result, Unknown):
                ctx.findings.append(
                    Finding.make("unknown_option", ctx.row, header, raw, expected=", ".join(result.expected))
                )
                return
            ctx.answers.append((item_id, mask_text(raw), result.value, None))

        return choice

    if stype == "multi" and plan.kind == "option":
        option = plan.option or ""

        def option_column(ctx: _RowContext, raw: str) -> None:
            if not raw.strip():
                return
            chosen = norm.checked(raw, norm.option_label_matches(item, option, raw))
            if chosen is None:
                # Some platforms put the option label, others the free "Annat" text: count it as chosen.
                chosen = True
            if chosen:
                ctx.answers.append((item_id, mask_text(raw), option, None))

        return option_column

    if stype == "multi":
        separator = table.multi_separator

        def multi(ctx: _RowContext, raw: str) -> None:
            codes, unknown = norm.multi(item, raw, separator)
            for code in codes:
                ctx.answers.append((item_id, mask_text(raw), code, None))
            for piece in unknown:
                ctx.findings.append(
                    Finding.make("unknown_option", ctx.row, header, piece, expected=", ".join(norm.expected(item)))
                )

        return multi

    def text(ctx: _RowContext, raw: str) -> None:
        answer = norm.text(raw)
        if answer is not None:
            ctx.answers.append((item_id, answer.value, answer.value, None))

    return text


def _column_findings(table: RawTable, match: MatchResult, instrument: Instrument) -> list[Finding]:
    findings = reader_findings(table)
    for plan in match.plans:
        if plan.kind == "identifying":
            findings.append(Finding.make("identifying_column", None, plan.header))
        elif plan.kind == "duplicate":
            findings.append(Finding.make("duplicate_column", None, plan.header, item=plan.item_id or ""))
        elif plan.kind == "unmatched" and plan.proposal and plan.proposal_score >= 75:
            entry = '"' + plan.header.replace('"', '\\"') + f'" = "{plan.proposal}"'
            findings.append(
                Finding.make(
                    "proposed_column",
                    None,
                    plan.header,
                    item=plan.proposal,
                    score=f"{plan.proposal_score:.0f}",
                    entry=entry,
                )
            )
        elif plan.kind == "unmatched":
            findings.append(Finding.make("unmatched_column", None, plan.header))
    return findings


@dataclass(frozen=True)
class _Fingerprint:
    """A row's content hash, identifying columns left out (stored: re-imports are matched by it)."""

    skip: frozenset[int]
    width: int

    def __call__(self, cells: list[str]) -> str:
        if not self.skip:
            payload = "\x1f".join(cells)
        elif len(cells) == self.width and len(self.kept) > 1:
            payload = "\x1f".join(self.getter(cells))
        else:
            payload = "\x1f".join([c for i, c in enumerate(cells) if i not in self.skip])
        return hashlib.blake2b(payload.encode("utf-8"), digest_size=16).hexdigest()

    @functools.cached_property
    def kept(self) -> list[int]:
        return [i for i in range(self.width) if i not in self.skip]

    @functools.cached_property
    def getter(self) -> Callable[[list[str]], tuple[str, ...]]:
        # itemgetter picks the cells in C; the comprehension above gives the same payload, cell by cell.
        return operator.itemgetter(*self.kept)


# Excel stores a time as days since 1899-12-30; a sheet without a date format (or a CSV saved
# from it) shows the bare number. 1982-2119 covers any plausible survey.
def prepare_table(
    table: RawTable,
    instrument: Instrument,
    mapping: dict[str, str] | None = None,
    resolve_kommun: Callable[[str], object] | None = None,
) -> PreparedFile:
    """Match, normalise and validate every row of ``table``; nothing is stored.

    Three passes: rows (empty, duplicate), scored columns (each distinct value normalised once),
    then rows again in file order (background, validation, findings in the order they always had).
    """
    from samverkan_cli.reference import resolve_kommun as default_resolver

    match = match_columns(table, instrument, mapping)
    prepared = PreparedFile(table, match, findings=_column_findings(table, match, instrument))
    _check_columns(prepared, instrument)
    if prepared.fatal:
        return prepared
    plan = _Plan.of(table, instrument, match, resolve_kommun or default_resolver)
    _submission_times(prepared, table)
    events, candidates = _scan_rows(prepared, table, plan)
    columns = _ScoredColumns.of(plan, [c[0] for c in candidates], [c[1] for c in candidates])
    prepared.slots, prepared.labels = columns.items, columns.labels
    names_by_key: dict[tuple[str, str, str], set[str]] = {}
    for event in events:
        if isinstance(event, Finding):
            prepared.findings.append(event)
            continue
        cells, row, fp, rid = candidates[event]
        ctx = _RowContext(row, cells, columns.other[event], columns.findings.get(event, []))
        _read_answers(ctx, plan)
        response = _validate_row(prepared, ctx, plan, fp, rid, columns, event)
        if response is None:
            continue
        names_by_key.setdefault((response.org_typ, response.kommun_code, response.org_key), set()).add(
            response.org_name
        )
        prepared.responses.append(response)
    _file_findings(prepared, names_by_key)
    return prepared


def _submission_times(prepared: PreparedFile, table: RawTable) -> None:
    """Read the submission-time column once, as a whole (its day/month order is the column's).

    Only timestamps are kept: a cell that is no date is stored as no time, and one finding names
    the column and the rows, never the cell's text (it may be anything a respondent typed).
    """
    from samverkan_cli.readers.skipped import compact_rows

    col = table.submitted_column
    if col is None:
        return
    times = normalise_submitted([cells[col] if col < len(cells) else "" for cells in table.rows])
    for row, value in zip(table.row_numbers, times.values, strict=True):
        if value is not None:
            prepared.submitted_at[row] = value
    if times.unreadable:
        rows = [table.row_numbers[i] for i in times.unreadable]
        prepared.findings.append(
            Finding.make(
                "unreadable_submitted", None, table.columns[col].name, n=len(rows), rows=compact_rows(rows, limit=5)
            )
        )


#: one candidate row: (cells, row number, fingerprint, platform response id)
_Candidate = tuple[list[str], int, str, str]


def _scan_rows(prepared: PreparedFile, table: RawTable, plan: _Plan) -> tuple[list[Finding | int], list[_Candidate]]:
    """Rows in file order: a finding for an empty or repeated row, else the index of a candidate row."""
    events: list[Finding | int] = []
    candidates: list[_Candidate] = []
    seen_fp: dict[str, int] = {}
    seen_rid: dict[str, int] = {}
    for cells, row in zip(table.rows, table.row_numbers, strict=True):
        if len(cells) < plan.ncols:
            cells = cells + [""] * (plan.ncols - len(cells))
        if not "".join(cells).strip():
            prepared.empty_rows += 1
            events.append(Finding.make("empty_row", row))
            continue
        fp = plan.fingerprint(cells)
        rid = cells[plan.rid_col].strip() if plan.rid_col is not None else ""
        duplicate = _duplicate(row, fp, rid, seen_fp, seen_rid)
        if duplicate is not None:
            prepared.duplicates += 1
            events.append(duplicate)
            continue
        events.append(len(candidates))
        candidates.append((cells, row, fp, rid))
    return events, candidates


@dataclass
class _ScoredColumns:
    """The scored columns of every candidate row, normalised one distinct value at a time."""

    items: list[str]
    labels: dict[str, dict[float, str]]
    numbers: npt.NDArray[np.float64]  # candidate x scored column, NaN where no number
    raw: list[dict[str, str] | None]  # raw text where it differs from the label
    other: list[list[AnswerRow]]  # answers without a number ("Vet ej"), then the other columns' answers
    findings: dict[int, list[Finding]]  # unknown labels, per candidate, in column order
    has_number: list[bool]  # per candidate: any scored column has a number
    low: list[str]  # per candidate: its dimensions with fewer numbered answers than the share asks, joined

    @staticmethod
    def of(plan: _Plan, rows: list[list[str]], row_numbers: list[int]) -> _ScoredColumns:
        n = len(rows)
        out = _ScoredColumns(
            items=[item.id for _i, item, _h in plan.scored_cols],
            labels={},
            numbers=np.full((n, len(plan.scored_cols)), np.nan),
            raw=[None] * n,
            other=[[] for _ in range(n)],
            findings={},
            has_number=[],
            low=[],
        )
        for j, (index, item, header) in enumerate(plan.scored_cols):
            column = [cells[index] for cells in rows]
            distinct = {raw: code for code, raw in enumerate(dict.fromkeys(column))}
            codes = np.fromiter(map(distinct.__getitem__, column), dtype=np.intp, count=n)
            # The candidates of each distinct value, in row order: a stable sort groups them.
            order = np.argsort(codes, kind="stable")
            bounds = np.searchsorted(codes[order], np.arange(len(distinct) + 1)).tolist()
            values = np.full(len(distinct), np.nan)
            for raw, code in distinct.items():
                result = plan.norm.scored(item, raw) if raw else None
                if result is None:
                    continue
                where = order[bounds[code] : bounds[code + 1]].tolist()
                if isinstance(result, Unknown):
                    expected = ", ".join(result.expected)
                    for r in where:
                        finding = Finding.make("unknown_label", row_numbers[r], header, raw, expected=expected)
                        out.findings.setdefault(r, []).append(finding)
                elif result.numeric is None:
                    answer = (item.id, mask_text(raw), result.value, None)
                    for r in where:
                        out.other[r].append(answer)
                else:
                    values[code] = result.numeric
                    out.labels.setdefault(item.id, {})[result.numeric] = result.value
                    if raw != result.value:
                        masked = mask_text(raw)
                        for r in where:
                            differing = out.raw[r]
                            if differing is None:
                                differing = out.raw[r] = {}
                            differing[item.id] = masked
            out.numbers[:, j] = values[codes]
        answered = ~np.isnan(out.numbers)
        has_number: list[bool] = (np.count_nonzero(answered, axis=1) > 0).tolist()
        out.has_number = has_number
        out.low = _low_dimensions(plan, out.items, answered)
        return out


def _low_dimensions(plan: _Plan, items: list[str], answered: npt.NDArray[np.bool_]) -> list[str]:
    """Per row, the dimensions (joined by ", ") answered below ``plan.share`` of their items; "" for none."""
    below = np.zeros((len(answered), len(plan.dims)), dtype=bool)
    for k, (_dim, ids) in enumerate(plan.dims):
        cols = [j for j, item in enumerate(items) if item in ids]
        below[:, k] = answered[:, cols].sum(axis=1) < plan.share * len(ids)
    low = [""] * len(answered)
    names = [dim for dim, _ids in plan.dims]
    for r in np.flatnonzero(below.any(axis=1)).tolist():
        low[r] = ", ".join(names[k] for k in np.flatnonzero(below[r]).tolist())
    return low


def _check_columns(prepared: PreparedFile, instrument: Instrument) -> None:
    """Mark the file fatal when no column is an item, or kommun / organisation type is missing."""
    item_plans = prepared.match.of_kind("item", "option")
    matched_roles = {instrument.item(p.item_id).role for p in item_plans if p.item_id}
    if not any(
        instrument.item(p.item_id).scored or instrument.item(p.item_id).kind == "descriptive"
        for p in item_plans
        if p.item_id
    ):
        # Every column is unmatched then; one finding says it better than one per column.
        prepared.findings = [f for f in prepared.findings if f.code != "unmatched_column"]
        prepared.findings.append(
            Finding.make("no_item_columns", instrument=instrument.id, file=prepared.table.path.name)
        )
        prepared.fatal = True
        return
    for role, what in (("kommun", "kommun"), ("org_typ", "typ av verksamhet / organisation type")):
        if role not in matched_roles and not (role == "org_typ" and "org_namn" in matched_roles):
            prepared.findings.append(Finding.make("missing_background", what=what))
            prepared.fatal = True


@dataclass(frozen=True)
class _Plan:
    """What every row of one file needs, worked out once from its matched columns."""

    norm: AnswerNormaliser
    # Scored columns are the bulk of every file: they are normalised by column, one distinct value
    # at a time (see _ScoredColumns); the other answer columns go through small handler functions
    # per row, and the background columns (kommun, organisation, roll) as one tuple per row.
    scored_cols: list[tuple[int, Item, str]]
    handlers: list[tuple[int, Handler, dict[str, _CellResult]]]
    #: (column, role) of each background column, and the function that picks their cells from a row
    roles: list[tuple[int, str]]
    role_cells: Callable[[list[str]], tuple[str, ...]]
    needs_dedupe: bool
    fingerprint: _Fingerprint
    keep_raw: list[ColumnPlan]
    org_typ_norm: Callable[[str], Answer | Unknown | None] | None
    dims: list[tuple[str, set[str]]]
    share: float
    background: _Background
    resolver: Callable[[str], object]
    ncols: int
    rid_col: int | None
    #: the background cells of a row -> what _background made of them
    background_cache: dict[tuple[str, ...], _BackgroundResult] = field(default_factory=dict)

    @staticmethod
    def of(table: RawTable, instrument: Instrument, match: MatchResult, resolver: Callable[[str], object]) -> _Plan:
        norm = AnswerNormaliser(instrument)
        item_plans = match.of_kind("item", "option")
        scored_cols: list[tuple[int, Item, str]] = [
            (p.index, instrument.item(p.item_id or ""), p.header)
            for p in item_plans
            if instrument.item(p.item_id or "").scale.type == "scored" and not instrument.item(p.item_id or "").role
        ]
        scored_idx = {c[0] for c in scored_cols}
        # A multi-select item given both as one joined column and as option columns could repeat an option.
        multi_joined = {
            p.item_id for p in item_plans if p.kind == "item" and instrument.item(p.item_id or "").scale.type == "multi"
        }
        multi_split = {p.item_id for p in item_plans if p.kind == "option"}
        org_typ_item = instrument.role_item("org_typ")
        # The half rule is judged on the items this file asks; a dimension absent from the file is not flagged.
        present = match.matched_items
        dims = [(d.id, {i.id for i in instrument.items_of(d.id)}) for d in instrument.dimensions]
        others = [(p, instrument.item(p.item_id or "")) for p in item_plans if p.index not in scored_idx]
        roles = [(p.index, item.role) for p, item in others if item.role]
        return _Plan(
            norm=norm,
            scored_cols=scored_cols,
            handlers=[(p.index, _handler(p, item, norm, table), {}) for p, item in others if not item.role],
            roles=roles,
            role_cells=_picker([index for index, _role in roles]),
            needs_dedupe=bool(multi_joined & multi_split),
            fingerprint=_Fingerprint(
                frozenset(p.index for p in match.plans if p.kind == "identifying"), len(table.columns)
            ),
            keep_raw=[p for p in match.plans if p.kind != "identifying"],
            org_typ_norm=(lambda raw: norm.choice(org_typ_item, raw)) if org_typ_item else None,
            dims=[(d, ids) for d, ids in dims if ids & present],
            share=instrument.min_answered_share,
            background=_Background.of(instrument, match),
            # A file names few kommuner and organisations, each on many rows: resolve each spelling once.
            resolver=functools.cache(resolver),
            ncols=len(table.columns),
            rid_col=table.response_id_column,
        )


def _picker(indices: list[int]) -> Callable[[list[str]], tuple[str, ...]]:
    """A function that picks the cells at ``indices`` of a row, as a tuple (in C, by itemgetter)."""
    if len(indices) == 1:
        only = indices[0]
        return lambda cells: (cells[only],)
    if not indices:
        return lambda cells: ()
    return operator.itemgetter(*indices)


def _duplicate(row: int, fp: str, rid: str, seen_fp: dict[str, int], seen_rid: dict[str, int]) -> Finding | None:
    """The finding when the row repeats an earlier row's content or response id, else None."""
    if fp in seen_fp:
        return Finding.make("duplicate_row", row, first=seen_fp[fp])
    seen_fp[fp] = row
    if rid:
        if rid in seen_rid:
            return Finding.make("duplicate_response_id", row, rid=rid, first=seen_rid[rid])
        seen_rid[rid] = row
    return None


def _read_answers(ctx: _RowContext, plan: _Plan) -> None:
    """Read the row's other (not scored) matched cells into ``ctx`` (scored columns are done by column)."""
    cells, row = ctx.cells, ctx.row
    # A handler's result depends on the cell alone: each distinct cell of a column is read once.
    for index, handle, cache in plan.handlers:
        raw = cells[index]
        hit = cache.get(raw)
        if hit is None:
            probe = _RowContext(row, cells, [], [])
            handle(probe, raw)
            hit = cache[raw] = (probe.answers, probe.findings)
        answers, findings = hit
        if answers:
            ctx.answers.extend(answers)
        if findings:
            ctx.findings.extend(f if f.row == row else dataclasses.replace(f, row=row) for f in findings)
    if plan.needs_dedupe:
        unique: dict[tuple[str, str], AnswerRow] = {}
        for answer in ctx.answers:
            unique.setdefault((answer[0], answer[2]), answer)
        ctx.answers[:] = list(unique.values())


def _validate_row(
    prepared: PreparedFile, ctx: _RowContext, plan: _Plan, fp: str, rid: str, columns: _ScoredColumns, index: int
) -> PreparedResponse | None:
    """The row's response, or None when it goes to quarantine (its findings are kept either way)."""
    row, cells = ctx.row, ctx.cells
    # Scored columns only hold content items; the other answers so far too (roll comes with the background).
    has_content = bool(ctx.answers) or columns.has_number[index]
    fatal = _cached_background(ctx, plan)
    if not fatal and not has_content:
        ctx.findings.append(Finding.make("no_answers", row))
        fatal = True
    if fatal:
        kept = {p.header: mask_text(cells[p.index]) for p in plan.keep_raw if cells[p.index].strip()}
        prepared.quarantined.append(QuarantinedRow(row, [f for f in ctx.findings if f.severity == "error"], kept))
        prepared.findings.extend(ctx.findings)
        return None
    low = columns.low[index]
    if low:
        ctx.findings.append(Finding.make("below_half", row, dimensions=low))
    prepared.findings.extend(ctx.findings)
    v = ctx.values
    return PreparedResponse(
        source_row=row,
        org_typ=v["org_typ"],
        org_name=v["org_name"],
        org_key=v["org_key"],
        kommun_code=v["kommun_code"],
        lan_code=v["lan_code"],
        response_id=pseudonymise(rid) or None,
        submitted_at=prepared.submitted_at.get(row),
        fingerprint=fp,
        slots=columns.items,
        labels=columns.labels,
        numbers=columns.numbers[index],
        raw=columns.raw[index],
        other=ctx.answers,
    )


def _file_findings(prepared: PreparedFile, names_by_key: dict[tuple[str, str, str], set[str]]) -> None:
    """Findings about the file as a whole: organisations merged under one key, all rows quarantined."""
    from samverkan_cli.reference import kommun_by_code

    for (org_typ, kommun_code, _key), names in sorted(names_by_key.items()):
        if org_typ != "kommun" and len(names) > 1:
            joined = " + ".join(repr(n) for n in sorted(names))
            kommun = kommun_by_code(kommun_code).name
            prepared.findings.append(Finding.make("merged_organisations", names=joined, kommun=kommun))
    if prepared.quarantined and not prepared.responses:
        prepared.findings.append(Finding.make("all_quarantined"))


#: what _background made of one (kommun, org_typ, org_namn, roll) spelling: fatal, values, findings, answers
_BackgroundResult = tuple[bool, dict[str, str], list[Finding], list[AnswerRow]]


def _cached_background(ctx: _RowContext, plan: _Plan) -> bool:
    """:func:`_background`, worked out once per distinct spelling of the background cells.

    The findings are made once and given each row's number; a row without an organisation name is
    worked out on its own, since the name it gets then says its row.
    """
    key = plan.role_cells(ctx.cells)
    hit = plan.background_cache.get(key)
    if hit is None:
        ctx.values = _role_values(plan.roles, key)
        if not ctx.values.get("org_namn", "").strip():
            return _background(ctx, plan.background, plan.resolver, plan.org_typ_norm, plan.norm.choice)
        probe = _RowContext(ctx.row, ctx.cells, [], [])
        probe.values = ctx.values
        fatal = _background(probe, plan.background, plan.resolver, plan.org_typ_norm, plan.norm.choice)
        hit = plan.background_cache[key] = (fatal, probe.values, probe.findings, probe.answers)
    fatal, values, findings, answers = hit
    ctx.values = values  # read only from here on, so rows with the same spelling share it
    if findings:
        ctx.findings.extend(f if f.row == ctx.row else dataclasses.replace(f, row=ctx.row) for f in findings)
    if answers:
        ctx.answers.extend(answers)
    return fatal


def _role_values(roles: list[tuple[int, str]], cells: tuple[str, ...]) -> dict[str, str]:
    """Role -> its cell, for the background cells that hold more than blanks (a later column wins)."""
    return {role: raw for (_index, role), raw in zip(roles, cells, strict=True) if raw.strip()}


# Pure functions of a name: cached, since a file repeats each organisation on many rows.
_name_key = functools.lru_cache(maxsize=65536)(organisations.name_key)
_infer_org_typ = functools.lru_cache(maxsize=65536)(organisations.infer_org_typ)


@dataclass(frozen=True)
class _Background:
    """The background items and the headers of their columns, looked up once per file."""

    org_typ: Item | None
    roll: Item | None
    org_typ_options: str
    headers: dict[str, str | None]

    @staticmethod
    def of(instrument: Instrument, match: MatchResult) -> _Background:
        headers: dict[str, str | None] = {}
        for role in ("kommun", "org_typ", "org_namn", "roll"):
            item = instrument.role_item(role)
            headers[role] = (
                next((p.header for p in match.plans if p.item_id == item.id), None) if item is not None else None
            )
        org_typ = instrument.role_item("org_typ")
        options = ", ".join(o.text.sv for o in org_typ.scale.options) if org_typ else ""
        return _Background(org_typ, instrument.role_item("roll"), options, headers)


def _background(
    ctx: _RowContext,
    bg: _Background,
    resolver: Callable[[str], object],
    org_typ_norm: Callable[[str], Answer | Unknown | None] | None,
    norm_choice: Callable[[Item, str], Answer | Unknown | None],
) -> bool:
    """Resolve kommun, organisation type and name into ``ctx.values``; True when the row is fatal."""
    v = ctx.values
    fatal = False
    kommun_col = bg.headers["kommun"]
    raw_kommun = v.get("kommun", "")
    kommun = None
    if not raw_kommun.strip():
        ctx.findings.append(Finding.make("missing_kommun", ctx.row, kommun_col))
        fatal = True
    else:
        res = resolver(raw_kommun)
        kommun = getattr(res, "kommun", None)
        candidates = ", ".join(f"{k.name} ({k.code})" for k in getattr(res, "candidates", ())[:3]) or "–"
        method = getattr(res, "method", "")
        if kommun is None:
            code = "ambiguous_kommun" if method == "ambiguous" else "unknown_kommun"
            ctx.findings.append(Finding.make(code, ctx.row, kommun_col, raw_kommun, candidates=candidates))
            fatal = True
        elif method == "fuzzy":
            ctx.findings.append(
                Finding.make("kommun_guessed", ctx.row, kommun_col, raw_kommun, kommun=f"{kommun.name} ({kommun.code})")
            )
    name = " ".join(v.get("org_namn", "").split())
    raw_typ = v.get("org_typ", "")
    org_typ = None
    typ_col = bg.headers["org_typ"]
    if raw_typ.strip() and org_typ_norm is not None:
        result = org_typ_norm(raw_typ)
        if isinstance(result, Answer):
            org_typ = result.value
        else:
            inferred = _infer_org_typ(raw_typ)
            if inferred:
                org_typ = inferred
            else:
                ctx.findings.append(
                    Finding.make("unknown_org_typ", ctx.row, typ_col, raw_typ, expected=bg.org_typ_options)
                )
                fatal = True
    elif name and (inferred := _infer_org_typ(name)):
        org_typ = inferred
        ctx.findings.append(Finding.make("org_typ_inferred", ctx.row, typ_col, None, org_typ=org_typ, name=name))
    else:
        ctx.findings.append(Finding.make("missing_org_typ", ctx.row, typ_col))
        fatal = True
    if fatal or kommun is None or org_typ is None:
        return True
    if not name:
        if org_typ == "kommun":
            name = f"Socialtjänsten {kommun.name}"
        else:
            name = f"(namn saknas, rad {ctx.row})"
            ctx.findings.append(Finding.make("missing_org_name", ctx.row, bg.headers["org_namn"]))
    name = mask_text(name)  # a phone number in an organisation name is not stored
    v["org_typ"] = org_typ
    v["org_name"] = name if org_typ != "kommun" else f"Socialtjänsten {kommun.name}"
    v["org_key"] = _name_key(name, org_typ)
    v["kommun_code"] = kommun.code
    v["lan_code"] = kommun.lan_code
    if "roll" in v and (roll_item := bg.roll) is not None:
        roll = norm_choice(roll_item, v["roll"])
        if isinstance(roll, Answer):
            ctx.answers.append((roll_item.id, mask_text(v["roll"]), roll.value, None))
    return False
