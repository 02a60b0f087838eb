"""RawTable -> matched, normalised, validated responses and findings (SPEC 4.3-4.5).

Nothing here touches the database: :mod:`samverkan_cli.import_store` stores what this prepares.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from samverkan_cli.findings import Finding
from samverkan_cli.instrument import Instrument, Item
from samverkan_cli.matching import ColumnPlan, MatchResult, match_columns
from samverkan_cli.normalise import Answer, AnswerNormaliser, Unknown
from samverkan_cli.organisations import infer_org_typ, name_key
from samverkan_cli.privacy import mask_text
from samverkan_cli.readers import RawTable

__all__ = ["PreparedFile", "PreparedResponse", "QuarantinedRow", "prepare_table"]

#: (item_id, raw_value, value, numeric)
AnswerRow = tuple[str, str, str, float | None]


@dataclass
class PreparedResponse:
    source_row: int
    org_typ: str
    org_name: str
    org_key: str
    kommun_code: str
    lan_code: str
    response_id: str | None
    submitted_at: str | None
    fingerprint: str
    answers: list[AnswerRow]


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
    duplicates: int = 0
    empty_rows: int = 0
    fatal: bool = False

    @property
    def rows(self) -> int:
        return len(self.table.rows)


class _RowContext:
    """Per-row scratch space so the column handlers stay small."""

    __slots__ = ("answers", "cells", "findings", "row", "values")

    def __init__(self, row: int, cells: list[str]) -> None:
        self.row = row
        self.cells = cells
        self.answers: list[AnswerRow] = []
        self.findings: list[Finding] = []
        self.values: dict[str, str] = {}


Handler = Callable[[_RowContext, str], None]


def _handler(plan: ColumnPlan, item: Item, norm: AnswerNormaliser, table: RawTable) -> Handler:
    header = plan.header
    stype = item.scale.type
    item_id = item.id

    if item.role:

        def background(ctx: _RowContext, raw: str) -> None:
            if raw.strip():
                ctx.values[item.role or ""] = raw

        return background

    if stype == "scored":

        def scored(ctx: _RowContext, raw: str) -> None:
            result = norm.scored(item, raw)
            if result is None:
                return
            if isinstance(result, Unknown):
                ctx.findings.append(
                    Finding.make("unknown_label", ctx.row, header, raw, expected=", ".join(result.expected))
                )
                return
            ctx.answers.append((item_id, raw, result.value, result.numeric))

        return scored

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
            ctx.answers.append((item_id, raw, result.value, None))

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
                ctx.answers.append((item_id, raw, option, None))

        return option_column

    if stype == "multi":
        separator = table.multi_separator

        def multi(ctx: _RowContext, raw: str) -> None:
            codes, unknown = norm.multi(item, raw, separator)
            for code in codes:
                ctx.answers.append((item_id, raw, code, None))
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
    findings = [Finding.make("reader_note", note=note.render("sv")) for note in table.notes]
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


def _fingerprint(cells: list[str], skip: set[int]) -> str:
    payload = "\x1f".join(c.strip() for i, c in enumerate(cells) if i not in skip)
    return hashlib.blake2b(payload.encode("utf-8"), digest_size=16).hexdigest()


def prepare_table(
    table: RawTable,
    instrument: Instrument,
    mapping: dict[str, str] | None = None,
    resolve_kommun: Callable[[str], object] | None = None,
) -> PreparedFile:
    """Match, normalise and validate every row of ``table``; nothing is stored."""
    from samverkan_cli.reference import resolve_kommun as default_resolver

    resolver = resolve_kommun or default_resolver
    match = match_columns(table, instrument, mapping)
    prepared = PreparedFile(table, match, findings=_column_findings(table, match, instrument))
    item_plans = match.of_kind("item", "option")
    matched_roles = {instrument.item(p.item_id).role for p in item_plans if p.item_id}
    if not any(
        instrument.item(p.item_id).scored or instrument.item(p.item_id).kind == "descriptive"
        for p in item_plans
        if p.item_id
    ):
        prepared.findings.append(Finding.make("no_item_columns", instrument=instrument.id, file=table.path.name))
        prepared.fatal = True
        return prepared
    for role, what in (("kommun", "kommun"), ("org_typ", "typ av verksamhet / organisation type")):
        if role not in matched_roles and not (role == "org_typ" and "org_namn" in matched_roles):
            prepared.findings.append(Finding.make("missing_background", what=what))
            prepared.fatal = True
    if prepared.fatal:
        return prepared

    norm = AnswerNormaliser(instrument)
    handlers = [(p.index, _handler(p, instrument.item(p.item_id or ""), norm, table)) for p in item_plans]
    skip_fp = {p.index for p in match.plans if p.kind == "identifying"}
    keep_raw = [p for p in match.plans if p.kind != "identifying"]
    org_typ_item = instrument.role_item("org_typ")
    org_typ_norm = (lambda raw: norm.choice(org_typ_item, raw)) if org_typ_item else None
    # The half rule is judged on the items this file asks; a dimension absent from the file is not flagged.
    present = match.matched_items
    dims = [(d.id, {i.id for i in instrument.items_of(d.id)}) for d in instrument.dimensions]
    dims = [(d, ids) for d, ids in dims if ids & present]
    content_ids = {i.id for i in instrument.items if not i.role}
    share = instrument.min_answered_share
    seen_fp: dict[str, int] = {}
    seen_rid: dict[str, int] = {}
    names_by_key: dict[tuple[str, str, str], set[str]] = {}
    rid_col, sub_col = table.response_id_column, table.submitted_column
    ncols = len(table.columns)

    for cells, row in zip(table.rows, table.row_numbers, strict=True):
        if len(cells) < ncols:
            cells = cells + [""] * (ncols - len(cells))
        if not any(c.strip() for c in cells):
            prepared.empty_rows += 1
            prepared.findings.append(Finding.make("empty_row", row))
            continue
        fp = _fingerprint(cells, skip_fp)
        if fp in seen_fp:
            prepared.duplicates += 1
            prepared.findings.append(Finding.make("duplicate_row", row, first=seen_fp[fp]))
            continue
        seen_fp[fp] = row
        rid = cells[rid_col].strip() if rid_col is not None else ""
        if rid:
            if rid in seen_rid:
                prepared.duplicates += 1
                prepared.findings.append(Finding.make("duplicate_response_id", row, rid=rid, first=seen_rid[rid]))
                continue
            seen_rid[rid] = row

        ctx = _RowContext(row, cells)
        for index, handle in handlers:
            handle(ctx, cells[index])
        fatal = _background(ctx, instrument, resolver, org_typ_norm, match, norm.choice)
        answered = {a[0] for a in ctx.answers if a[3] is not None}
        if not fatal and not any(a[0] in content_ids for a in ctx.answers):
            ctx.findings.append(Finding.make("no_answers", row))
            fatal = True
        if fatal:
            raw = {p.header: mask_text(cells[p.index]) for p in keep_raw if cells[p.index].strip()}
            prepared.quarantined.append(QuarantinedRow(row, [f for f in ctx.findings if f.severity == "error"], raw))
            prepared.findings.extend(ctx.findings)
            continue
        low = [d for d, ids in dims if len(answered & ids) < share * len(ids)]
        if low:
            ctx.findings.append(Finding.make("below_half", row, dimensions=", ".join(low)))
        prepared.findings.extend(ctx.findings)
        v = ctx.values
        key = (v["org_typ"], v["kommun_code"], v["org_key"])
        names_by_key.setdefault(key, set()).add(v["org_name"])
        prepared.responses.append(
            PreparedResponse(
                source_row=row,
                org_typ=v["org_typ"],
                org_name=v["org_name"],
                org_key=v["org_key"],
                kommun_code=v["kommun_code"],
                lan_code=v["lan_code"],
                response_id=rid or None,
                submitted_at=cells[sub_col].strip() or None if sub_col is not None else None,
                fingerprint=fp,
                answers=ctx.answers,
            )
        )
    for (org_typ, kommun_code, _key), names in sorted(names_by_key.items()):
        if org_typ != "kommun" and len(names) > 1:
            prepared.findings.append(
                Finding.make(
                    "merged_organisations", names=" + ".join(repr(n) for n in sorted(names)), kommun=kommun_code
                )
            )
    if prepared.quarantined and not prepared.responses:
        prepared.findings.append(Finding.make("all_quarantined"))
    return prepared


def _background(
    ctx: _RowContext,
    instrument: Instrument,
    resolver: Callable[[str], object],
    org_typ_norm: Callable[[str], Answer | Unknown | None] | None,
    match: MatchResult,
    norm_choice: Callable[[Item, str], Answer | Unknown | None],
) -> bool:
    """Resolve kommun, organisation type and name into ``ctx.values``; True when the row is fatal."""
    v = ctx.values
    fatal = False
    kommun_col = _header_of(match, instrument, "kommun")
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
    typ_col = _header_of(match, instrument, "org_typ")
    if raw_typ.strip() and org_typ_norm is not None:
        result = org_typ_norm(raw_typ)
        if isinstance(result, Answer):
            org_typ = result.value
        else:
            inferred = infer_org_typ(raw_typ)
            if inferred:
                org_typ = inferred
            else:
                expected = ", ".join(o.text.sv for o in instrument.role_item("org_typ").scale.options)  # type: ignore[union-attr]
                ctx.findings.append(Finding.make("unknown_org_typ", ctx.row, typ_col, raw_typ, expected=expected))
                fatal = True
    elif name and (inferred := infer_org_typ(name)):
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
            ctx.findings.append(Finding.make("missing_org_name", ctx.row, _header_of(match, instrument, "org_namn")))
    v["org_typ"] = org_typ
    v["org_name"] = name if org_typ != "kommun" else f"Socialtjänsten {kommun.name}"
    v["org_key"] = name_key(name, org_typ)
    v["kommun_code"] = kommun.code
    v["lan_code"] = kommun.lan_code
    if "roll" in v and (roll_item := instrument.role_item("roll")) is not None and org_typ_norm is not None:
        roll = norm_choice(roll_item, v["roll"])
        if isinstance(roll, Answer):
            ctx.answers.append((roll_item.id, v["roll"], roll.value, None))
    return False


def _header_of(match: MatchResult, instrument: Instrument, role: str) -> str | None:
    item = instrument.role_item(role)
    if item is None:
        return None
    return next((p.header for p in match.plans if p.item_id == item.id), None)
