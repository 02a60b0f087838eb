"""Regenerate the small malformed-input corpus in this folder.

Run with ``python tests/data/malformed/make_corpus.py``. The files are committed; this
script documents how each was made. Large cases (1 MB cell, 5,000 columns) are generated
inside the tests instead.
"""

from __future__ import annotations

import datetime as dt
import random
import struct
import zipfile
from io import BytesIO
from pathlib import Path

HERE = Path(__file__).parent


def write(name: str, data: bytes) -> None:
    (HERE / name).write_bytes(data)


def encrypted_xlsx() -> bytes:
    """A minimal OLE2 compound file whose directory holds EncryptionInfo and EncryptedPackage.

    This is the container Excel writes for a password-protected .xlsx (MS-OFFCRYPTO); the
    streams here are dummies, which is all a reader needs to recognise it.
    """
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIII", header, 0x2C, 1, 1, 0, 0x1000, 0xFFFFFFFE, 0, 0xFFFFFFFE)
    struct.pack_into("<I", header, 0x48, 0)  # first FAT sector
    for i in range(1, 109):
        struct.pack_into("<I", header, 0x4C + 4 * i, 0xFFFFFFFF)
    fat = bytearray(b"\xff" * 512)
    struct.pack_into("<III", fat, 0, 0xFFFFFFFD, 0xFFFFFFFE, 0xFFFFFFFE)

    def entry(name: str, kind: int, size: int = 0, child: int = 0xFFFFFFFF, right: int = 0xFFFFFFFF) -> bytes:
        raw = bytearray(128)
        encoded = (name + "\0").encode("utf-16-le")
        raw[0 : len(encoded)] = encoded
        struct.pack_into("<HBB", raw, 64, len(encoded), kind, 1)
        struct.pack_into("<III", raw, 68, 0xFFFFFFFF, right, child)
        struct.pack_into("<II", raw, 116, 0xFFFFFFFE if kind == 5 else 0, size)
        return bytes(raw)

    directory = (
        entry("Root Entry", 5, child=1)
        + entry("EncryptionInfo", 2, size=0, right=2)
        + entry("EncryptedPackage", 2, size=0)
        + bytes(128)
    )
    return bytes(header) + bytes(fat) + directory


def truncated_xlsx() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Kommun", "R1"])
    for i in range(50):
        ws.append([f"Kommun {i}", "Ja"])
    buffer = BytesIO()
    wb.save(buffer)
    data = buffer.getvalue()
    return data[: len(data) // 2]


def formulas_uncached() -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Kommun", "Poäng", "Dubbelt"])
    ws.append(["Ale", 4, "=B2*2"])
    wb.save(HERE / "formulas_uncached.xlsx")


def formulas_cached() -> bytes:
    """An xlsx whose formula cells carry cached values, as Excel saves them."""
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<sheetData>"
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Kommun</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>Poäng</t></is></c>'
        '<c r="C1" t="inlineStr"><is><t>Dubbelt</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>Ale</t></is></c><c r="B2"><v>4</v></c>'
        '<c r="C2"><f>B2*2</f><v>8</v></c></row>'
        '<row r="3"><c r="A3" t="inlineStr"><is><t>Borås</t></is></c><c r="B3"><v>1.5</v></c>'
        '<c r="C3"><f>B3*2</f><v>3</v></c></row>'
        "</sheetData></worksheet>"
    )
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Svar" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": sheet,
    }
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0)), text)
    return buffer.getvalue()


def merged_headers() -> None:
    """SurveyMonkey-style .xlsx: the question text merged across its option columns."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Svar"
    ws.append(["Respondent ID", "Collector ID", "Vart hänvisar ni?", None, None, "Kommun"])
    ws.append([None, None, "Beroendeenhet", "Vårdcentral", "Socialtjänst/IFO", "Response"])
    ws.append([111, 222, "Beroendeenhet", None, "Socialtjänst/IFO", "Ale"])
    ws.merge_cells("C1:E1")
    wb.save(HERE / "merged_headers.xlsx")


def dates() -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Inskickad", "Datum", "Poäng", "Andel", "Svar"])
    ws.append([dt.datetime(2026, 3, 22, 8, 53, 3), dt.date(2026, 3, 22), 4, 0.25, "Ja"])
    ws.append([dt.datetime(2026, 3, 23, 12, 0, 0), dt.date(2026, 3, 23), 3.0, 1.5, "Nej"])
    ws["A2"].number_format = "yyyy-mm-dd hh:mm:ss"
    wb.save(HERE / "dates.xlsx")


def two_sheets() -> None:
    from openpyxl import Workbook

    wb = Workbook()
    info = wb.active
    info.title = "Info"
    info["A1"] = "Export från enkätverktyget"
    answers = wb.create_sheet("Svar")
    answers.append(["Verksamhetens namn", "R1"])
    answers.append(["VC Ale", "Ja"])
    wb.save(HERE / "two_sheets.xlsx")


def main() -> None:
    rng = random.Random(20260101)
    write("empty.csv", b"")
    write("blank_lines.csv", b"\r\n\r\n  \r\n;;;\r\n")
    write("header_only.csv", "Tidstämpel,Verksamhetens namn,R1\r\n".encode())
    write("garbage.csv", bytes(rng.randrange(256) for _ in range(4096)))
    write("truncated.xlsx", truncated_xlsx())
    write("encrypted.xlsx", encrypted_xlsx())
    write(
        "utf16_tab.txt",
        "\ufeffVerksamhetens namn\tKommun\tPoäng\r\nVC Ängelholm\tÄngelholm\t3,5\r\n"
        "Socialtjänsten Örebro\tÖrebro\t4\r\n".encode("utf-16-le"),
    )
    write(
        "mixed_line_endings.csv",
        b'Verksamhetens namn,X1\r\nVC Ale,"rad ett\nrad tv\xc3\xa5"\nVC Bor\xc3\xa5s,kort\r\nVC Kinna,"a\r\nb"\r\n',
    )
    write("duplicate_headers.csv", b"Kommun,R1,R1,Kommun\nAle,Ja,Nej,Ale\n")
    write(
        "cp1252_semicolon.csv",
        "\r\n;;\r\nVerksamhetens namn;Kommun;Poäng\r\nVårdcentralen Öckerö;Öckerö;3,5\r\n"
        "Socialtjänsten Håbo;Håbo;2,25\r\n".encode("cp1252"),
    )
    write(
        "macroman.csv",
        "Verksamhetens namn,Kommun\rVårdcentralen Älmhult,Älmhult\rSocialtjänsten Åre,Åre\r"
        "Mottagningen Jönköping,Jönköping\r".encode("mac_roman"),
    )
    write("nul_bytes.csv", b"Kommun,R1\n\x00,\x00\nAle,Ja\x00\n")
    write(
        "html_table.xls",
        b"<html><head><meta charset='utf-8'></head><body><table><tr><td>Kommun</td></tr>"
        b"<tr><td>Ale</td></tr></table></body></html>",
    )
    write("formulas_cached.xlsx", formulas_cached())
    formulas_uncached()
    merged_headers()
    dates()
    two_sheets()


if __name__ == "__main__":
    main()
