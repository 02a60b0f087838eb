"""Content sniffing: what kind of file this is, its text encoding and its delimiter."""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from samverkan_cli.i18n import Msg
from samverkan_cli.readers.problems import unreadable

__all__ = [
    "DELIMITERS",
    "DecodedText",
    "Kind",
    "decode_text",
    "detect_kind",
    "sniff_delimiter",
]

DELIMITERS = (",", ";", "\t", "|")

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_ZIP_EMPTY = b"PK\x05\x06"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# Non-ASCII characters a Swedish (or other Western European) survey export plausibly holds.
# Used to tell cp1252 from MacRoman: the wrong one turns å/ä/ö into ‰, Â, Š, Œ and friends.
_PLAUSIBLE = frozenset("åäöÅÄÖéÉèÈêëüÜøØæÆáÁàâíìîïñÑóÓòôõúùûçÇß’‘“”„–—…€°§½¼¾«»·´×\u00a0")


class Kind(Enum):
    """The container format found by looking at the bytes, not the file name."""

    TEXT = "text"
    XLSX = "xlsx"
    ODS = "ods"
    XLS = "xls"
    SAV = "sav"


_OPEN_EXCEL_HINT = Msg(
    "Öppna filen i Excel och spara den som Excel-arbetsbok (.xlsx), importera sedan igen.",
    "Open the file in Excel, save it as an Excel workbook (.xlsx) and import that.",
)


def detect_kind(path: Path, head: bytes) -> Kind:
    """Classify a file from its first bytes; raise InputError for what no reader handles."""
    if head.startswith(_ZIP):
        return _zip_kind(path)
    if head.startswith(_ZIP_EMPTY):
        raise unreadable(path, Msg("zip-filen är tom.", "the zip file is empty."), _OPEN_EXCEL_HINT)
    if head.startswith(_OLE2):
        if _ole_is_encrypted(path):
            raise unreadable(
                path,
                Msg("arbetsboken är lösenordsskyddad (krypterad).", "the workbook is password protected (encrypted)."),
                Msg(
                    "Öppna den i Excel, ta bort lösenordet (Arkiv > Info > Skydda arbetsbok) "
                    "och spara som .xlsx utan lösenord.",
                    "Open it in Excel, remove the password (File > Info > Protect Workbook) "
                    "and save as .xlsx without a password.",
                ),
            )
        return Kind.XLS
    if head.startswith((b"$FL2", b"$FL3")):
        return Kind.SAV
    _refuse_markup(path, head)
    return Kind.TEXT


def _zip_kind(path: Path) -> Kind:
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise unreadable(
            path,
            Msg(
                "filen är en trasig eller avkortad zip/xlsx-fil ({err}).",
                "the file is a corrupt or truncated zip/xlsx file ({err}).",
            ).format(err=exc),
            Msg(
                "Ladda ner eller exportera filen på nytt; kontrollera att hela filen kopierades.",
                "Download or export the file again; check that the whole file was copied.",
            ),
        ) from exc
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return Kind.XLSX
    if "content.xml" in names and "mimetype" in names:
        return Kind.ODS
    raise unreadable(
        path,
        Msg(
            "filen är ett zip-arkiv men ingen Excel-arbetsbok.", "the file is a zip archive but not an Excel workbook."
        ),
        Msg(
            "Packa upp arkivet och importera exportfilen i det (.xlsx, .csv eller .sav).",
            "Unpack the archive and import the export file inside it (.xlsx, .csv or .sav).",
        ),
    )


def _ole_is_encrypted(path: Path) -> bool:
    # An encrypted OOXML package is an OLE2 compound file whose directory names an
    # "EncryptedPackage" stream (MS-OFFCRYPTO 2.3.4.4); directory entries store names as UTF-16.
    with path.open("rb") as handle:
        data = handle.read(64 * 1024 * 1024)
    return _ENCRYPTED_PACKAGE in data


def _refuse_markup(path: Path, head: bytes) -> None:
    sample = head[:4096].lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n").replace(b"\x00", b"").lower()
    # Checked before HTML: its <Table> element would otherwise read as an HTML table.
    if sample.startswith(b"<") and (
        b"urn:schemas-microsoft-com:office:spreadsheet" in sample or b'progid="excel.sheet"' in sample
    ):
        raise unreadable(
            path,
            Msg(
                "filen är ett XML-kalkylblad 2003 (Excels gamla XML-format), inte en riktig Excel-arbetsbok.",
                "the file is an XML Spreadsheet 2003 (Excel's old XML format), not a real Excel workbook.",
            ),
            _OPEN_EXCEL_HINT,
        )
    if sample.startswith((b"<html", b"<!doctype html", b"<table", b"<meta")) or (
        sample.startswith(b"<") and b"<table" in sample
    ):
        raise unreadable(
            path,
            Msg(
                "filen är en webbsida (HTML-tabell) med Excel-filändelse, inte en riktig Excel-fil.",
                "the file is a web page (HTML table) with an Excel file name, not a real Excel file.",
            ),
            _OPEN_EXCEL_HINT,
        )


@dataclass
class DecodedText:
    """Text decoded from a file's bytes, with the codec used and what was repaired."""

    text: str
    encoding: str
    notes: list[Msg] = field(default_factory=list)


def decode_text(path: Path, data: bytes) -> DecodedText:
    """Decode bytes: BOM first, then strict UTF-8, then the likeliest 8-bit Western codec."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _finish(path, data[len(bom) :].decode(codec.removesuffix("-sig"), "replace"), codec, [])
    guessed = _utf16_without_bom(data)
    if guessed:
        return _finish(path, data.decode(guessed, "replace"), guessed, [])
    notes: list[Msg] = []
    if b"\x00" in data:
        count = data.count(b"\x00")
        data = data.replace(b"\x00", b"")
        notes.append(
            Msg(
                "{n} NUL-tecken (\\x00) togs bort ur filen.", "{n} NUL characters (\\x00) were removed from the file."
            ).format(n=count)
        )
    try:
        return _finish(path, data.decode("utf-8"), "utf-8", notes)
    except UnicodeDecodeError:
        pass
    codec = _guess_8bit(data)
    if codec != "cp1252":
        notes.append(
            Msg(
                "Teckenkodningen gissades till {enc}; kontrollera å, ä och ö.",
                "The encoding was guessed as {enc}; check å, ä and ö.",
            ).format(enc=codec)
        )
    return _finish(path, data.decode(codec, "replace"), codec, notes)


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 8:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _plausibility(text: str) -> float:
    high = [c for c in text if ord(c) > 127]
    if not high:
        return 1.0
    return sum(c in _PLAUSIBLE for c in high) / len(high)


def _guess_8bit(data: bytes) -> str:
    # cp1252 is what Swedish Windows (and Excel "CSV") writes, so it wins unless MacRoman
    # clearly reads better. Latin-1 only when cp1252 cannot decode the bytes at all.
    high = bytes(b for b in data if b > 127)
    scores: dict[str, float] = {}
    for codec in ("cp1252", "mac_roman"):
        try:
            scores[codec] = _plausibility(high.decode(codec))
        except UnicodeDecodeError:
            continue
    cp1252 = scores.get("cp1252")
    mac = scores.get("mac_roman", 0.0)
    if cp1252 is not None and cp1252 >= mac:
        return "cp1252"
    if mac >= 0.9 and mac > (cp1252 or 0.0) + 0.2:
        return "mac_roman"
    if cp1252 is not None and cp1252 >= mac - 0.2:
        return "cp1252"
    return _charset_normalizer_choice(data) or ("mac_roman" if mac > 0.5 else "latin-1")


def _charset_normalizer_choice(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000], cp_isolation=["cp1252", "mac_roman", "latin_1"]).best()
    if best is None:
        return None
    return {"latin_1": "latin-1", "iso8859_1": "latin-1"}.get(best.encoding, best.encoding)


_CONTROL = frozenset(chr(c) for c in (*range(9), 11, 12, *range(14, 32), 127))


def _finish(path: Path, text: str, encoding: str, notes: list[Msg]) -> DecodedText:
    if "\x00" in text:
        count = text.count("\x00")
        text = text.replace("\x00", "")
        notes.append(
            Msg(
                "{n} NUL-tecken (\\x00) togs bort ur filen.", "{n} NUL characters (\\x00) were removed from the file."
            ).format(n=count)
        )
    sample = text[:65536]
    controls = sum(1 for c in sample if c in _CONTROL)
    replaced = sample.count("\ufffd")
    if sample and (controls + replaced) > max(2, len(sample) // 200):
        raise unreadable(
            path,
            Msg(
                "innehållet ser ut som binärdata, inte text eller en känd kalkylbladsfil.",
                "the content looks like binary data, not text or a known spreadsheet file.",
            ),
            Msg(
                "Kontrollera att det är rätt fil. Exportera svaren som .csv eller .xlsx från enkätverktyget.",
                "Check that this is the right file. Export the responses as .csv or .xlsx from the survey tool.",
            ),
        )
    return DecodedText(text, encoding, notes)


def sniff_delimiter(text: str) -> str:
    """Pick the delimiter that splits the first records into the most consistent columns.

    ``csv.Sniffer`` guesses wrongly on quoted multi-line answers, so each candidate is tried
    with the csv module and scored by how many records share the most common field count.
    """
    sample = text[:65536]
    best, best_score = ",", (-1.0, 0)
    only_delimiters = None
    for delimiter in DELIMITERS:
        records = list(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter))
        counts = [len(rec) for rec in records if any(cell.strip() for cell in rec)][:50]
        if not counts and any(len(rec) > 1 for rec in records):
            only_delimiters = delimiter  # e.g. ";;;" lines left by Excel: empty, not text
        if len(counts) > 2 and len(sample) >= 65536:
            counts = counts[:-1]  # the sample may cut the last record in half
        if not counts:
            continue
        width, hits = Counter(counts).most_common(1)[0]
        if width < 2:
            continue
        score = (round(hits / len(counts), 2), width)
        if score > best_score:
            best, best_score = delimiter, score
    if best_score[0] < 0 and only_delimiters:
        return only_delimiters
    return best
