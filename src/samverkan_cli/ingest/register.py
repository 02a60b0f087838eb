"""The sampling frame: a register of vårdcentraler per county, for response rates (SPEC 4)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samverkan_cli.errors import UsageError, ValidationFailed
from samverkan_cli.fileio import file_sha256
from samverkan_cli.i18n import Lang, Msg
from samverkan_cli.ingest.findings import Finding
from samverkan_cli.ingest.organisations import name_key
from samverkan_cli.text import fold_header

if TYPE_CHECKING:
    # The store sits above ingest: it is handed in, never imported at run time.
    from samverkan_cli.store import Store

__all__ = ["FrameReport", "import_frame"]

_NAME_HEADERS = (
    "enhet",
    "enhetens namn",
    "namn",
    "vårdcentral",
    "vardcentral",
    "verksamhet",
    "mottagning",
    "vårdenhet",
    "name",
    "unit",
    "hälsocentral",
    "organisation",
)
_KOMMUN_HEADERS = ("kommun", "kommunnamn", "kommunkod", "municipality")
#: Words of a longer heading that say what a column holds ("Namn på vårdcentral", "Kommun (namn)").
_NAME_WORDS = frozenset(("namn", "enhet", "enhetsnamn", "vårdcentral", "vardcentral", "mottagning", "hälsocentral",
                         "vårdenhet", "verksamhet", "name", "unit"))  # fmt: skip
_KOMMUN_WORDS = frozenset(("kommun", "kommunens", "kommunnamn", "kommunkod", "municipality"))
#: Words that make a column something else (an id, a contact, an address) whatever else it says.
_OTHER_WORDS = frozenset(("id", "hsa", "kod", "nummer", "telefon", "e", "post", "mejl", "mail", "email", "adress",
                          "län", "region", "typ", "driftsform", "kontaktperson", "chef"))  # fmt: skip


@dataclass
class FrameReport:
    file: str
    sha256: str
    org_typ: str
    rows: int = 0
    stored: int = 0
    replaced: int = 0
    counties: list[str] = field(default_factory=list)
    already_imported: bool = False
    findings: list[Finding] = field(default_factory=list)

    def to_dict(self, lang: Lang = "sv") -> dict[str, Any]:
        return {
            "file": self.file,
            "sha256": self.sha256,
            "org_typ": self.org_typ,
            "rows": self.rows,
            "stored": self.stored,
            "replaced": self.replaced,
            "counties": self.counties,
            "already_imported": self.already_imported,
            "findings": [f.to_dict(lang) for f in self.findings],
        }


def _find_column(
    headers: list[str], wanted: tuple[str, ...], words: frozenset[str], taken: int | None = None
) -> int | None:
    """The column headed exactly by one of ``wanted``; else the first whose heading has one of ``words``
    and nothing that names another kind of column ("Namn på vårdcentral", but not "Vårdcentralens HSA-id")."""
    keys = [fold_header(h) for h in headers]
    for want in wanted:
        if want in keys:
            return keys.index(want)
    for i, key in enumerate(keys):
        tokens = set(key.replace("-", " ").split())
        if i != taken and tokens & words and not tokens & _OTHER_WORDS - words:
            return i
    return None


def import_frame(store: Store, path: Path, org_typ: str = "vardcentral", sheet: str | None = None) -> FrameReport:
    """Read a register (one row per unit: name and kommun) and make it the frame of its counties.

    A register lists every unit of a county, so importing one replaces that county's earlier frame.
    Rows whose kommun cannot be resolved are reported and left out.
    """
    from samverkan_cli.readers import read_table
    from samverkan_cli.reference import resolve_kommun

    if not path.exists():
        raise UsageError(Msg("Filen {f} finns inte.", "The file {f} does not exist.").format(f=path))
    sha = file_sha256(path) if path.is_file() else ""
    report = FrameReport(file=path.name, sha256=sha, org_typ=org_typ)
    if sha and store.frame_has_file(sha):
        report.already_imported = True
        return report
    table = read_table(path, sheet=sheet)
    headers = table.headers
    kommun_col = _find_column(headers, _KOMMUN_HEADERS, _KOMMUN_WORDS)
    name_col = _find_column(headers, _NAME_HEADERS, _NAME_WORDS - _KOMMUN_WORDS, taken=kommun_col)
    if name_col is None or kommun_col is None:
        raise ValidationFailed(
            Msg(
                "{f}: registret behöver en kolumn för enhetens namn (t.ex. 'Enhet') och en för kommun ('Kommun'). "
                "Kolumner i filen: {h}",
                "{f}: the register needs a column for the unit's name (e.g. 'Enhet') and one for the kommun "
                "('Kommun'). Columns in the file: {h}",
            ).format(f=path.name, h=", ".join(headers)),
            Msg("Döp om kolumnerna i filen och importera igen.", "Rename the columns in the file and import again."),
        )
    units: dict[tuple[str, str], tuple[str, str, str]] = {}
    contacts: dict[tuple[str, str], str] = {}
    extra_cols = [i for i in range(len(headers)) if i not in (name_col, kommun_col) and headers[i].strip()]
    report.rows = len(table.rows)
    for cells, row in zip(table.rows, table.row_numbers, strict=True):
        name = " ".join(cells[name_col].split()) if name_col < len(cells) else ""
        raw_kommun = cells[kommun_col] if kommun_col < len(cells) else ""
        if not name and not raw_kommun.strip():
            continue
        match = resolve_kommun(raw_kommun)
        if match.kommun is None:
            candidates = ", ".join(f"{k.name} ({k.code})" for k in match.candidates[:3]) or "–"
            code = (
                "missing_kommun"
                if not raw_kommun.strip()
                else ("ambiguous_kommun" if match.method == "ambiguous" else "unknown_kommun")
            )
            report.findings.append(Finding.make(code, row, headers[kommun_col], raw_kommun, candidates=candidates))
            continue
        if match.method == "fuzzy":
            report.findings.append(
                Finding.make(
                    "kommun_guessed",
                    row,
                    headers[kommun_col],
                    raw_kommun,
                    kommun=f"{match.kommun.name} ({match.kommun.code})",
                )
            )
        key = (match.kommun.code, name_key(name, org_typ))
        if key in units:
            report.findings.append(Finding.make("duplicate_row", row, first="?"))
            continue
        units[key] = (name, match.kommun.code, match.kommun.lan_code)
        # The register's own columns (mailbox, phone, HSA-id) travel unchanged to the working lists.
        contacts[key] = json.dumps(
            {headers[i]: (cells[i] if i < len(cells) else "") for i in extra_cols}, ensure_ascii=False
        )
    counties = sorted({lan for _, _, lan in units.values()})
    report.counties = counties
    report.replaced = store.replace_frame(
        org_typ,
        counties,
        [(name, nk, kommun, lan) for (kommun, nk), (name, _, lan) in units.items()],
        path.name,
        sha,
        [contacts[key] for key in units],
    )
    report.stored = len(units)
    return report
