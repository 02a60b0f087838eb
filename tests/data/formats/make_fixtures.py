"""Write the small export files in this folder, each in its platform's exact layout.

    python tests/data/formats/make_fixtures.py

The answers are rows of the example export ``examples/exports/2026/06_jonkoping.csv`` (our
instrument), re-laid out the way each platform writes them. Layouts follow genuine exports
(see shared/fixtures/real-exports/SOURCES.md) and the issue's description of unseen ones.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import openpyxl

from samverkan_cli.instrument import load_instrument

HERE = Path(__file__).parent
REPO = HERE.parents[2]
SOURCE = REPO / "examples" / "exports" / "2026" / "06_jonkoping.csv"
ROWS = 4


def source() -> tuple[list[str], list[list[str]]]:
    """Headers (item codes) and the first rows of the LimeSurvey example export."""
    with SOURCE.open(encoding="utf-8", newline="") as fh:
        records = list(csv.reader(fh))
    return records[0], records[1 : ROWS + 1]


def write_csv(path: Path, records: list[list[str]], *, quote_all: bool, newline: str = "\n") -> None:
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL, lineterminator=newline)
    writer.writerows(records)
    path.write_bytes(out.getvalue().encode("utf-8"))


def limesurvey_code_text() -> None:
    """LimeSurvey "Question code & question text" headings, full answers, every field quoted."""
    inst = load_instrument()
    codes, rows = source()
    meta = {
        "id": "Response ID",
        "submitdate": "Date submitted",
        "lastpage": "Last page",
        "startlanguage": "Start language",
        "seed": "Seed",
    }
    headers = []
    for code in codes:
        if code in meta:
            headers.append(f"{code}. {meta[code]}")
            continue
        sub = re.fullmatch(r"(\w+)\[(\w+)\]", code)
        if sub:
            item = inst.item(sub[1])
            option = item.scale.options[int(sub[2][2:]) - 1].text.sv
            headers.append(f"{code}. {item.text.sv} [{option}]")
        else:
            headers.append(f"{code}. {inst.item(code).text.sv}")
    answers = [["Ja" if c == "Y" else c for c in row] for row in rows]
    write_csv(HERE / "limesurvey_code_text.csv", [headers, *answers], quote_all=True)


def surveymonkey_records(first_columns: list[str]) -> list[list[str]]:
    """SurveyMonkey's two header rows (question, then Response/option labels) and answers."""
    inst = load_instrument()
    codes, rows = source()
    top: list[str] = list(first_columns)
    sub: list[str] = [""] * len(first_columns)
    picks: list[tuple[int, str | None]] = []  # (source column, option label for a split multi)
    for index, code in enumerate(codes):
        if code in ("id", "submitdate", "lastpage", "startlanguage", "seed"):
            continue
        multi = re.fullmatch(r"(\w+)\[SQ0*(\d+)\]", code)
        if multi:
            item = inst.item(multi[1])
            label = item.scale.options[int(multi[2]) - 1].text.sv
            top.append(item.text.sv if multi[2] == "001" or multi[2] == "1" else "")
            sub.append(label)
            picks.append((index, label))
            continue
        item = inst.item(code)
        top.append(item.text.sv)
        sub.append("Open-Ended Response" if item.scale.type == "text" else "Response")
        picks.append((index, None))
    records = [top, sub]
    for n, row in enumerate(rows):
        stamp = row[1]  # 2026-02-10 14:52:30 -> 02/10/2026 02:52:30 PM
        date, time = stamp.split()
        y, m, d = date.split("-")
        hour = int(time[:2])
        us = f"{m}/{d}/{y} {hour % 12 or 12:02d}{time[2:]} {'PM' if hour >= 12 else 'AM'}"
        lead = [us, us][: len(first_columns)]
        cells = [(label if row[i] == "Y" else "") if label else row[i] for i, label in picks]
        records.append(lead + cells)
        del n
    return records


def surveymonkey_startdate() -> None:
    """SurveyMonkey CSV whose respondent/collector columns were left out: it starts StartDate,EndDate."""
    write_csv(HERE / "surveymonkey_startdate.csv", surveymonkey_records(["StartDate", "EndDate"]), quote_all=False)


def surveymonkey_question_first() -> None:
    """SurveyMonkey workbook with only the question columns: row 1 starts with a question."""
    records = surveymonkey_records([])
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Sheet"
    for record in records:
        ws.append([c if c != "" else None for c in record])
    wb.save(HERE / "surveymonkey_question_first.xlsx")


def blank_and_totals() -> None:
    """A hand-kept sheet: 4 answers, ~100 empty formatted rows, then =SUM/=AVERAGE rows with saved values."""
    codes, rows = source()
    keep = [i for i, c in enumerate(codes) if c not in ("id", "submitdate", "lastpage", "startlanguage", "seed")]
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Svar"
    ws.append([codes[i] for i in keep] + ["Poäng"])
    for r, row in enumerate(rows, start=2):
        ws.append([row[i] for i in keep] + [r])
    last = 1 + len(rows)
    ws.cell(row=last + 101, column=1).border = openpyxl.styles.Border(top=openpyxl.styles.Side(style="thin"))
    score = len(keep) + 1
    letter = openpyxl.utils.get_column_letter(score)
    ws.cell(row=last + 102, column=1, value="Summa")
    ws.cell(row=last + 102, column=score, value=f"=SUM({letter}2:{letter}{last})")
    ws.cell(row=last + 103, column=score, value=f"=AVERAGE({letter}2:{letter}{last})")
    path = HERE / "blank_and_totals.xlsx"
    wb.save(path)
    total = sum(range(2, last + 1))
    _cache_values(path, {f"{letter}{last + 102}": str(total), f"{letter}{last + 103}": str(total / len(rows))})


def _cache_values(path: Path, values: dict[str, str]) -> None:
    """Give formula cells a saved value, as Excel does (openpyxl writes formulas without one)."""
    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    for ref, value in values.items():
        sheet, count = re.subn(
            rf'(<c r="{ref}"[^>]*>)<f>([^<]*)</f><v\s*/?>(?:</v>)?', rf"\1<f>\2</f><v>{value}</v>", sheet
        )
        assert count == 1, ref
    parts["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def blank_line_csv() -> None:
    """A CSV (Excel, ';', CRLF) with an empty line between answers and ';;;' lines after them."""
    codes, rows = source()
    keep = [i for i, c in enumerate(codes) if c not in ("id", "lastpage", "startlanguage", "seed")]
    lines = [";".join(codes[i] for i in keep)]
    for n, row in enumerate(rows):
        if n == 2:
            lines.append("")
        lines.append(";".join(row[i] for i in keep))
    lines += [";" * (len(keep) - 1)] * 3
    (HERE / "blank_line.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


def text_named_xlsx() -> None:
    """A CSV export saved under an .xlsx name, and a text note saved as .xlsx."""
    codes, rows = source()
    write_csv(HERE / "csv_named.xlsx", [codes, *rows], quote_all=True)
    (HERE / "note_named.xlsx").write_text(
        "Hej!\nHär kommer svaren från enkäten, se bifogad fil.\nMvh Anna\n", encoding="utf-8"
    )


if __name__ == "__main__":
    limesurvey_code_text()
    surveymonkey_startdate()
    surveymonkey_question_first()
    blank_and_totals()
    blank_line_csv()
    text_named_xlsx()
