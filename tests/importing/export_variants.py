"""Mutated variants of an export: the same answers in the shapes real exports arrive in.

Each mutation takes a :class:`Source` (the export's cells, header rows and which column holds
which item) and writes a new file; ``signature`` reduces what the importer made of a file to
what must not change (responses in order, their organisation, kommun, answers and day).

Used by ``test_unseen_variants.py`` and, as a script, to sweep every example and shared real
export: ``python tests/importing/export_variants.py [OUT_DIR]`` prints one line per variant.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from samverkan_cli.fieldwork.dates import submission_day
from samverkan_cli.ingest.pipeline import prepare_file
from samverkan_cli.ingest.prepare import PreparedFile, prepare_table
from samverkan_cli.instrument import Instrument
from samverkan_cli.readers import read_table
from samverkan_cli.readers.grid import tidy
from samverkan_cli.readers.sniff import Kind, detect_kind

__all__ = ["MUTATIONS", "Source", "load_source", "signature"]

Rows = list[list[str]]


@dataclass
class Source:
    """An export read back into cells, with what the importer matched in each column."""

    path: Path
    rows: Rows  # header rows first
    header_rows: int
    platform: str
    #: column index -> (item id, scale type, option code or "") for matched item columns
    items: dict[int, tuple[str, str, str]]
    submitted: int | None
    instrument: Instrument

    @property
    def head(self) -> Rows:
        return self.rows[: self.header_rows]

    @property
    def body(self) -> Rows:
        return self.rows[self.header_rows :]


def load_source(path: Path, instrument: Instrument) -> tuple[Source, PreparedFile]:
    """Read ``path`` the way the importer does, keeping its header rows as cells."""
    table = read_table(path)
    prepared = prepare_table(table, instrument)
    kind = detect_kind(path, path.read_bytes()[:8192])
    if kind is Kind.SAV:
        from samverkan_cli.readers.grid import Grid

        grid = Grid([table.headers, *table.rows], list(range(1, len(table.rows) + 2)))
        table.row_numbers = list(range(2, len(table.rows) + 2))
    elif kind is Kind.TEXT:
        from samverkan_cli.readers.csv_reader import read_text_grid

        grid = tidy(read_text_grid(path, path.read_bytes()))
    else:
        from samverkan_cli.readers.excel import read_workbook_grid

        grid = tidy(read_workbook_grid(path, kind))
    keep = set(table.row_numbers)
    head = grid.rows[: table.header_rows]
    body = [r for r, n in zip(grid.rows[table.header_rows :], grid.row_numbers[table.header_rows :], strict=True)]
    body = [r for r, n in zip(body, grid.row_numbers[table.header_rows :], strict=True) if n in keep]
    scales = {i.id: i.scale.type if i.scale.type != "scored" else i.scale.id for i in instrument.items}
    items = {
        p.index: (p.item_id, scales[p.item_id], p.option or "")
        for p in prepared.match.plans
        if p.item_id and p.kind in ("item", "option")
    }
    source = Source(path, head + body, table.header_rows, table.platform, items, table.submitted_column, instrument)
    return source, prepared


def signature(prepared: PreparedFile) -> list[tuple[object, ...]]:
    """What an import stores, in row order, without where in the file it came from."""
    return [
        (
            r.org_typ,
            r.kommun_code,
            r.org_name,
            submission_day(r.submitted_at),
            tuple(sorted((a[0], a[2], a[3]) for a in r.answers)),
        )
        for r in prepared.responses
    ] + [("quarantined", len(prepared.quarantined))]


# --- writers ---------------------------------------------------------------------------


def write_text(rows: Rows, out: Path, delimiter: str = ",", encoding: str = "utf-8", newline: str = "\n") -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline, quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    out.write_bytes(buffer.getvalue().encode(encoding))
    return out


def _number(cell: str) -> object:
    try:
        if (cell.strip() == cell and cell and not cell.startswith("0")) or cell == "0":
            return int(cell)
    except ValueError:
        pass
    return cell


def write_xlsx(
    rows: Rows,
    out: Path,
    *,
    above: Rows = (),  # type: ignore[assignment]
    numbers: bool = True,
    sheets_before: dict[str, Rows] | None = None,
    merge_above: list[tuple[int, int, int]] = (),  # type: ignore[assignment]
    cell: Callable[[int, int, str], object] | None = None,
) -> Path:
    """Write ``rows`` to the data sheet under ``above``; ``merge_above`` merges (row, first col, last col)."""
    from openpyxl import Workbook

    wb = Workbook()
    first = wb.active
    assert first is not None
    data = first
    if sheets_before:
        for i, (name, content) in enumerate(sheets_before.items()):
            ws = first if i == 0 else wb.create_sheet()
            ws.title = name
            for r in content:
                ws.append(r)
        data = wb.create_sheet("Svar")
    for r in above:
        data.append(list(r))
    for r_index, r in enumerate(rows):
        values: list[object] = []
        for c_index, text in enumerate(r):
            value: object = text
            if cell is not None:
                value = cell(r_index, c_index, text)
            elif numbers:
                value = _number(text)
            values.append(value if value != "" else None)
        data.append(values)
    for ws_row in data.iter_rows():
        for c in ws_row:
            if isinstance(c.value, str) and c.value.startswith("="):
                c.data_type = "s"  # an answer that starts with "=" is text, as the platform wrote it
    for row, c0, c1 in merge_above:
        data.merge_cells(start_row=row, start_column=c0 + 1, end_row=row, end_column=c1 + 1)
    wb.save(out)
    return out


# --- mutations -------------------------------------------------------------------------

Mutation = Callable[[Source, Path], Path | None]


def _enc(encoding: str, delimiter: str = ",", newline: str = "\n", suffix: str = ".csv") -> Mutation:
    def mutate(src: Source, out: Path) -> Path | None:
        try:
            return write_text(src.rows, out.with_suffix(suffix), delimiter, encoding, newline)
        except UnicodeEncodeError:
            return None  # the answers hold characters this code page cannot write

    return mutate


def _decimal_comma(src: Source, out: Path) -> Path:
    rows = [r[:] for r in src.rows]
    for r in rows[src.header_rows :]:
        for i, c in enumerate(r):
            head, dot, tail = c.partition(".")
            if dot and head.lstrip("-").isdigit() and tail.isdigit():
                r[i] = f"{head},{tail}"
    return write_text(rows, out.with_suffix(".csv"), ";", "utf-8", "\r\n")


def _long_headers(src: Source, change: Callable[[int, str], str]) -> Rows:
    rows = [r[:] for r in src.rows]
    for h in range(src.header_rows):
        rows[h] = [change(i, c) if c else c for i, c in enumerate(rows[h])]
    return rows


def _header_newlines(src: Source, out: Path) -> Path:
    def split(_: int, text: str) -> str:
        if len(text) < 30 or " " not in text[10:]:
            return text
        cut = text.index(" ", len(text) // 2) if " " in text[len(text) // 2 :] else text.rindex(" ")
        return text[:cut] + "\n" + text[cut + 1 :]

    return write_text(_long_headers(src, split), out.with_suffix(".csv"))


_NOISE = (
    lambda t: t + "   ",
    lambda t: t + "\u00a0",
    lambda t: "\u200b" + t + "\u200b",
    lambda t: f"<b>{t}</b>",
    lambda t: "\ufeff" + t,
    lambda t: t.replace(" ", "<br>", 1),
    lambda t: "  " + t.replace(" ", "\u00a0", 2),
)


def _header_noise(src: Source, out: Path) -> Path:
    return write_text(_long_headers(src, lambda i, t: _NOISE[i % len(_NOISE)](t)), out.with_suffix(".csv"))


def _reordered(src: Source, out: Path) -> Path | None:
    if src.header_rows > 1:
        return None  # split questions carry their text across the row: order is meaning
    order = list(range(len(src.rows[0])))
    order = order[1::2] + order[0::2]
    return write_text([[r[i] for i in order] for r in src.rows], out.with_suffix(".csv"))


def _answers(change: Callable[[str, str, str, str], str | None]) -> Mutation:
    """Rewrite the cells of matched item columns: change(scale, item, option, cell) or None to keep."""

    def mutate(src: Source, out: Path) -> Path | None:
        rows = [r[:] for r in src.rows]
        changed = 0
        for r in rows[src.header_rows :]:
            for i, (item, scale, option) in src.items.items():
                new = change(scale, item, option, r[i]) if r[i] else None
                if new is not None and new != r[i]:
                    r[i] = new
                    changed += 1
        if not changed:
            return None
        return write_text(rows, out.with_suffix(".csv"))

    return mutate


_SPELLING = {
    "instämmer helt": "INSTÄMMER  HELT",
    "instämmer delvis": "instämmer delvis ",
    "instämmer knappast": "Instämmer\u00a0knappast",
    "instämmer inte alls": "instämmer inte  alls",
    "vet ej": "Vet inte",
    "ej aktuellt": "EJ AKTUELLT",
    "ja": "JA",
    "nej": "nej",
    "kommun (socialtjänst/ifo)": "Kommun (socialtjänst / IFO)",
    "maria-mottagning/ungdomsmottagning": "Maria–mottagning/ungdomsmottagning",
    "verksamhetschef/enhetschef": "Verksamhetschef/Enhetschef",
    "vårdcentral": "VÅRDCENTRAL",
}


def _spelled(scale: str, item: str, option: str, cell: str) -> str | None:
    return _SPELLING.get(cell.strip().casefold())


def _yesno(yes: str, no: str) -> Callable[[str, str, str, str], str | None]:
    def change(scale: str, item: str, option: str, cell: str) -> str | None:
        if scale != "yesno":
            return None
        return {"ja": yes, "nej": no}.get(cell.strip().casefold())

    return change


def _multi_joined(separator: str) -> Mutation:
    """Split option columns (one per option) joined into one column, or a joined one re-joined."""

    def mutate(src: Source, out: Path) -> Path | None:
        inst = src.instrument
        multi = [i for i, (_, scale, _) in src.items.items() if scale == "multi"]
        if not multi:
            return None
        item = inst.item(src.items[multi[0]][0])
        labels = {o.code: o.text.sv for o in item.scale.options}
        from samverkan_cli.ingest.normalise import AnswerNormaliser

        norm = AnswerNormaliser(inst)
        keep = [i for i in range(len(src.rows[0])) if i not in multi]
        rows: Rows = []
        for h in range(src.header_rows):
            rows.append([src.rows[h][i] for i in keep] + ([item.text.sv] if h == 0 else [""]))
        for r in src.body:
            chosen: list[str] = []
            for i in multi:
                option = src.items[i][2]
                if option:
                    if norm.checked(r[i], norm.option_label_matches(item, option, r[i])):
                        chosen.append(labels[option])
                else:
                    codes, _ = norm.multi(item, r[i], None)
                    chosen += [labels[c] for c in codes]
            rows.append([r[i] for i in keep] + [separator.join(chosen)])
        return write_text(rows, out.with_suffix(".csv"))

    return mutate


def _multi_split(value: str) -> Mutation:
    """A joined multi-select column as one column per option, headed "question [option]"."""

    def mutate(src: Source, out: Path) -> Path | None:
        inst = src.instrument
        joined = [i for i, (_, scale, opt) in src.items.items() if scale == "multi" and not opt]
        if not joined or src.header_rows > 1:
            return None
        col = joined[0]
        item = inst.item(src.items[col][0])
        from samverkan_cli.ingest.normalise import AnswerNormaliser

        norm = AnswerNormaliser(inst)
        options = item.scale.options
        rows: Rows = [src.rows[0][:col] + [f"{item.text.sv} [{o.text.sv}]" for o in options] + src.rows[0][col + 1 :]]
        for r in src.body:
            codes, _ = norm.multi(item, r[col], None) if r[col] else ([], [])
            cells = [(value or o.text.sv) if o.code in codes else ("0" if value == "1" else "") for o in options]
            rows.append(r[:col] + cells + r[col + 1 :])
        return write_text(rows, out.with_suffix(".csv"))

    return mutate


_EXCEL_EPOCH = dt.datetime(1899, 12, 30)


def _serial(text: str) -> object:
    from samverkan_cli.fieldwork.dates import submission_time

    when = submission_time(text)
    if when is None:
        return text
    return round((when - _EXCEL_EPOCH).total_seconds() / 86400, 6)


def _xlsx_serial_dates(src: Source, out: Path) -> Path | None:
    if src.submitted is None:
        return None
    col, first = src.submitted, src.header_rows

    def cell(r: int, c: int, text: str) -> object:
        return _serial(text) if c == col and r >= first else _number(text)

    return write_xlsx(src.rows, out.with_suffix(".xlsx"), cell=cell)


def _csv_serial_dates(src: Source, out: Path) -> Path | None:
    if src.submitted is None:
        return None
    rows = [r[:] for r in src.rows]
    for r in rows[src.header_rows :]:
        r[src.submitted] = str(_serial(r[src.submitted]))
    return write_text(rows, out.with_suffix(".csv"))


_TITLE = [["Export från Netigate 2026-03-01"], []]


def _xlsx(**kwargs: object) -> Mutation:
    def mutate(src: Source, out: Path) -> Path:
        return write_xlsx(src.rows, out.with_suffix(".xlsx"), **kwargs)  # type: ignore[arg-type]

    return mutate


def _xlsx_merged_title(src: Source, out: Path) -> Path:
    width = len(src.rows[0])
    above = [["Samverkan kring missbruk och beroende – svar per 2026-03-01"], ["Urval: alla"], []]
    return write_xlsx(src.rows, out.with_suffix(".xlsx"), above=above, merge_above=[(1, 0, width - 1)])


def _xlsx_group_row(src: Source, out: Path) -> Path | None:
    """Hand-kept sheets group questions under a merged heading in the row above the header."""
    if src.header_rows > 1:
        return None
    width = len(src.rows[0])
    groups = [(0, min(3, width - 1), "Bakgrund"), (min(4, width - 1), width - 1, "Frågor")]
    above = [[""] * width]
    for c0, _, label in groups:
        above[0][c0] = label
    return write_xlsx(src.rows, out.with_suffix(".xlsx"), above=above, merge_above=[(1, a, b) for a, b, _ in groups])


_INFO = {
    "Information": [
        ["Enkät", "Samverkan kring missbruk och beroende 2026"],
        ["Exporterad", "2026-03-01 10:15"],
        ["Antal svar", "42"],
        ["Kontakt", "Regionens analysenhet"],
    ]
}


# --- restyled exports: the same answers in another platform's layout ------------------


def _restyle(style: str) -> Mutation:
    def mutate(src: Source, out: Path) -> Path | None:
        if not src.items:
            return None
        rows = _restyled(src, style)
        if style == "surveymonkey":
            return write_xlsx(rows, out.with_suffix(".xlsx"))
        return write_xlsx(rows, out.with_suffix(".xlsx"))

    return mutate


def _restyled(src: Source, style: str) -> Rows:
    inst = src.instrument
    order: list[str] = []
    cells_by_item: dict[str, list[int]] = {}
    for i, (item, _, _) in sorted(src.items.items()):
        if item not in cells_by_item:
            order.append(item)
        cells_by_item.setdefault(item, []).append(i)
    # the background columns the importer matched by role (kommun, org_typ, ...) are items too
    from samverkan_cli.ingest.normalise import AnswerNormaliser

    norm = AnswerNormaliser(inst)
    meta = {
        "netigate": ["Respondent", "Svars-ID", "Startad", "Slutförd"],
        "esmaker": ["Löpnummer", "Status", "Inskickad"],
        "surveymonkey": ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address"],
    }[style]
    top: list[str] = list(meta)
    sub: list[str] = ["" for _ in meta]
    plan: list[tuple[str, str | None]] = []
    for n, item_id in enumerate(order, start=1):
        item = inst.item(item_id)
        text = item.text.sv if style != "esmaker" else f"{n}. {item.text.sv}"
        if item.scale.type == "multi":
            for k, option in enumerate(item.scale.options):
                if style == "surveymonkey":
                    top.append(text if k == 0 else "")
                    sub.append(option.text.sv)
                elif style == "netigate":
                    top.append(f"{text} - {option.text.sv}")
                else:
                    top.append(f"{text} [{option.text.sv}]")
                plan.append((item_id, option.code))
        else:
            top.append(text)
            sub.append("Open-Ended Response" if item.scale.type == "text" else "Response")
            plan.append((item_id, None))
    rows: Rows = [top] + ([sub] if style == "surveymonkey" else [])
    for n, r in enumerate(src.body, start=1):
        when = r[src.submitted] if src.submitted is not None else ""
        lead = {
            "netigate": [str(n), f"NG-{1000 + n}", when, when],
            "esmaker": [str(n), "Besvarad", when],
            "surveymonkey": [str(11_400_000_000 + n), "431234567", when, when, "", ""],
        }[style]
        cells: list[str] = []
        for item_id, option in plan:
            columns = cells_by_item[item_id]
            item = inst.item(item_id)
            if option is None:
                cells.append(r[columns[0]])
                continue
            chosen: set[str] = set()
            for c in columns:
                opt = src.items[c][2]
                if opt:
                    if norm.checked(r[c], norm.option_label_matches(item, opt, r[c])):
                        chosen.add(opt)
                else:
                    chosen |= set(norm.multi(item, r[c], None)[0])
            label = next(o.text.sv for o in item.scale.options if o.code == option)
            mark = {"netigate": "1", "esmaker": "X", "surveymonkey": label}[style]
            cells.append(mark if option in chosen else "")
        rows.append(lead + cells)
    return rows


MUTATIONS: dict[str, Mutation] = {
    "utf8": _enc("utf-8"),
    "utf8_bom": _enc("utf-8-sig"),
    "cp1252_semicolon_crlf": _enc("cp1252", ";", "\r\n"),
    "utf16le_bom_tab": _enc("utf-16", "\t", "\r\n", ".txt"),
    "tab": _enc("utf-8", "\t", suffix=".tsv"),
    "decimal_comma": _decimal_comma,
    "header_newlines": _header_newlines,
    "header_noise": _header_noise,
    "reordered": _reordered,
    "answer_spelling": _answers(_spelled),
    "yes_no_english": _answers(_yesno("Yes", "No")),
    "yes_no_10": _answers(_yesno("1", "0")),
    "multi_semicolon": _multi_joined(";"),
    "multi_comma": _multi_joined(", "),
    "multi_split_01": _multi_split("1"),
    "multi_split_label": _multi_split(""),
    "csv_serial_dates": _csv_serial_dates,
    "xlsx": _xlsx(),
    "xlsx_text_numbers": _xlsx(numbers=False),
    "xlsx_title_rows": _xlsx(above=_TITLE),
    "xlsx_merged_title": _xlsx_merged_title,
    "xlsx_group_row": _xlsx_group_row,
    "xlsx_info_sheet_first": _xlsx(sheets_before=_INFO),
    "xlsx_serial_dates": _xlsx_serial_dates,
    "netigate_style": _restyle("netigate"),
    "esmaker_style": _restyle("esmaker"),
    "surveymonkey_xlsx": _restyle("surveymonkey"),
}


def _sweep(out_dir: Path) -> None:  # pragma: no cover - a tool, not a test
    import sys

    from samverkan_cli.instrument import load_instrument

    root = Path(__file__).resolve().parents[2]
    sys.path.insert(0, str(root / "tests"))
    from shared_fixtures import REAL_EXPORTS

    inst = load_instrument()
    files = sorted((root / "examples" / "exports").glob("*/*")) + sorted(
        p for p in REAL_EXPORTS.glob("*/*") if p.suffix != ".md"
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    only = set(sys.argv[2:])
    for path in files:
        src, base = load_source(path, inst)
        want = signature(base)
        for name, mutate in MUTATIONS.items():
            if only and name not in only:
                continue
            target = out_dir / f"{path.parent.name}_{path.stem}__{name}"
            try:
                made = mutate(src, target)
            except Exception as exc:
                print(f"{path.parent.name}/{path.name}\t{name}\tGEN-FAIL {type(exc).__name__}: {exc}")
                continue
            if made is None:
                continue
            try:
                got, _ = prepare_file(made, None, None, inst, None)
                table = got.table
            except Exception as exc:
                print(f"{path.parent.name}/{path.name}\t{name}\tREAD {type(exc).__name__}: {exc}")
                continue
            if base.fatal:
                ok = got.fatal and got.rows == base.rows
                if ok and table.platform != base.table.platform and not name.endswith(("_style", "_xlsx")):
                    ok = False
                    print(
                        f"{path.parent.name}/{path.name}\t{name}\t{table.platform}\tPLATFORM was {base.table.platform}"
                    )
                    continue
            else:
                ok = signature(got) == want
            outcome = "ok" if ok else _diff(base, got, want, signature(got))
            print(f"{path.parent.name}/{path.name}\t{name}\t{table.platform}\t{outcome}")


def _diff(base: PreparedFile, got: PreparedFile, want: list[tuple[object, ...]], have: list[tuple[object, ...]]) -> str:
    if got.fatal:
        return f"FATAL rows={got.rows}/{base.rows} " + "; ".join(f.code for f in got.findings[:3])
    if len(want) != len(have):
        return f"RESPONSES {len(have) - 1}/{len(want) - 1} (q {len(got.quarantined)})"
    bad = sum(1 for a, b in zip(want, have, strict=True) if a != b)
    first = next((a, b) for a, b in zip(want, have, strict=True) if a != b)
    detail = ""
    if first[0][4] != first[1][4]:
        diffs = set(first[0][4]) ^ set(first[1][4])
        detail = str(sorted(diffs, key=str)[:4])
    else:
        detail = str([x for x, y in zip(first[0], first[1], strict=True) if x != y])
    return f"DIFF {bad} responses e.g. {detail[:200]}"


if __name__ == "__main__":  # pragma: no cover
    import sys

    _sweep(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/imp-variants"))
