"""Store prepared files: one transaction per file, no duplicates, provenance (SPEC 4.7, 5)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samverkan_cli.errors import UsageError
from samverkan_cli.fileio import file_sha256
from samverkan_cli.i18n import Lang, Msg, counted
from samverkan_cli.ingest.findings import Finding
from samverkan_cli.ingest.prepare import PreparedFile, prepare_table
from samverkan_cli.instrument import Instrument
from samverkan_cli.progress import Progress

if TYPE_CHECKING:
    from samverkan_cli.config import WaveConfig
    from samverkan_cli.readers import ReadLimits

    # The store sits above ingest: it is handed in, never imported at run time.
    from samverkan_cli.store import Store

__all__ = ["FileReport", "ImportOutcome", "ImportSummary", "import_files", "prepare_file"]

_UNUSABLE = ("no_item_columns", "missing_background")


class ImportOutcome(StrEnum):
    """What an import amounted to; the CLI maps it to an exit code (SPEC section 9)."""

    OK = "ok"
    #: a finding under --strict (nothing was stored)
    STRICT_FINDINGS = "strict_findings"
    #: every row of a file was quarantined
    ALL_QUARANTINED = "all_quarantined"
    #: a file had no item columns or lacked a background column
    UNUSABLE_FILE = "unusable_file"


@dataclass
class FileReport:
    """What happened to one file; ``to_dict`` is the per-file JSON of SPEC section 11."""

    file: str
    sha256: str
    platform: str = ""
    encoding: str | None = None
    sheet: str | None = None
    wave: str = ""
    rows: int = 0
    imported: int = 0
    quarantined: int = 0
    duplicates: int = 0
    already_imported: bool = False
    already_imported_wave: str | None = None
    unmatched_columns: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    stored: bool = False
    #: the path as given, for hints that must run when pasted
    path: str = ""
    #: earlier imports of this file that ``--replace`` took out (their provenance rows)
    replaced: list[dict[str, Any]] = field(default_factory=list)
    #: quarantined rows of earlier imports that this file's responses superseded
    released: int = 0

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    def to_dict(self, lang: Lang = "sv") -> dict[str, Any]:
        return {
            "file": self.file,
            "sha256": self.sha256,
            "platform": self.platform,
            "encoding": self.encoding,
            "sheet": self.sheet,
            "wave": self.wave,
            "rows": self.rows,
            "imported": self.imported,
            "quarantined": self.quarantined,
            "duplicates": self.duplicates,
            "already_imported": self.already_imported,
            "stored": self.stored,
            "replaced": [{k: r[k] for k in ("file_name", "sha256", "wave", "imported_at")} for r in self.replaced],
            "released": self.released,
            "unmatched_columns": self.unmatched_columns,
            "findings": [f.to_dict(lang) for f in self.findings],
        }


@dataclass
class ImportSummary:
    files: list[FileReport]
    dry_run: bool = False
    strict: bool = False

    @property
    def outcome(self) -> ImportOutcome:
        """The first file that failed validation decides; files imported before do not count."""
        for report in self.files:
            if report.already_imported:
                continue
            if self.strict and (report.warnings or report.errors):
                return ImportOutcome.STRICT_FINDINGS
            if report.rows and report.imported == 0 and not report.duplicates:
                return ImportOutcome.ALL_QUARANTINED
            if any(f.code in _UNUSABLE for f in report.findings):
                return ImportOutcome.UNUSABLE_FILE
        return ImportOutcome.OK

    def totals(self) -> dict[str, int]:
        return {
            "files": len(self.files),
            "imported": sum(r.imported for r in self.files),
            "quarantined": sum(r.quarantined for r in self.files),
            "duplicates": sum(r.duplicates for r in self.files),
            "warnings": sum(r.warnings for r in self.files),
            "errors": sum(r.errors for r in self.files),
        }

    def to_dict(self, lang: Lang = "sv") -> dict[str, Any]:
        t = self.totals()
        return {
            "files": [r.to_dict(lang) for r in self.files],
            "summary": {
                "files": t["files"],
                "imported": t["imported"],
                "quarantined": t["quarantined"],
                "warnings": t["warnings"],
                "dry_run": self.dry_run,
            },
        }

    def summary(self) -> Msg:
        """One line: files, responses (to be) imported, quarantined rows, warnings."""
        t = self.totals()
        verb = _DRY_RUN_VERB if self.dry_run else _VERB
        responses = counted(t["imported"], "svar", "response|responses")
        parts = (
            counted(t["files"], "fil|filer", "file|files"),
            Msg(f"{responses.sv} {verb.sv}", f"{responses.en} {verb.en}"),
            Msg(f"{t['quarantined']} i karantän", f"{t['quarantined']} quarantined"),
            counted(t["warnings"], "varning|varningar", "warning|warnings"),
        )
        return Msg(" · ".join(p.sv for p in parts), " · ".join(p.en for p in parts))


_VERB = Msg("importerade", "imported")
_DRY_RUN_VERB = Msg("skulle importeras", "would be imported")


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector (reference counting still frees everything not in a cycle).

    A big file makes millions of small lists, tuples and responses, none of them in a cycle, and
    each collection walks them all again: 0.25 s of 1.65 s for 50,000 CSV rows (bench_import).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@_gc_paused()
def import_files(
    store: Store | None,
    instrument: Instrument,
    paths: list[Path],
    wave: str,
    *,
    mapping: dict[str, str] | None = None,
    sheet: str | None = None,
    strict: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    replace: bool = False,
    waves: tuple[WaveConfig, ...] = (),
    new_wave: bool = False,
    limits: ReadLimits | None = None,
) -> ImportSummary:
    """Read, validate and (unless ``dry_run``) store each file; one transaction per file.

    Under ``strict`` nothing is stored if any file has a warning or an error.
    A file already imported (same SHA-256) changes nothing and is reported as such, unless
    ``replace``: then its earlier import is replaced in the same transaction. ``waves`` are the
    declared waves: another ``wave`` is a usage error unless ``new_wave``, and submissions outside
    the wave's field period get a warning.
    """
    import shlex

    from samverkan_cli.ingest.corrections import check_declared_wave, field_period_finding

    if not wave and not dry_run:
        raise UsageError(
            Msg(
                "Ange mätomgång med --wave (t.ex. --wave 2026).", "Give the survey wave with --wave (e.g. --wave 2026)."
            ),
            Msg("Eller sätt [import] wave i samverkan.toml.", "Or set [import] wave in samverkan.toml."),
        )
    if wave:
        check_declared_wave(wave, waves, new_wave)
    for path in paths:
        if not path.exists():
            raise UsageError(
                Msg("Filen {f} finns inte.", "The file {f} does not exist.").format(f=path),
                Msg("Kontrollera sökvägen (stavning, katalog).", "Check the path (spelling, directory)."),
            )
    summary = ImportSummary([], dry_run=dry_run, strict=strict)
    prepared_files: list[tuple[PreparedFile, FileReport, dict[int, str]]] = []
    for n, path in enumerate(paths):
        if progress:
            progress("import", n, len(paths), path.name)
        sha = file_sha256(path) if path.is_file() else ""
        report = FileReport(file=path.name, sha256=sha, wave=wave, path=str(path))
        summary.files.append(report)
        previous = store.import_wave(sha) if store is not None and sha else None
        if previous is not None and not replace:
            report.already_imported = True
            report.already_imported_wave = previous
            continue
        prepared, refs = prepare_file(path, sheet, limits, instrument, mapping)
        table = prepared.table
        outside = field_period_finding(prepared.responses, wave, waves, shlex.quote(str(path)))
        if outside is not None:
            prepared.findings.append(outside)
        report.platform = table.platform
        report.encoding = table.encoding
        report.sheet = table.sheet
        report.rows = prepared.rows
        report.quarantined = len(prepared.quarantined)
        report.duplicates = prepared.duplicates
        report.imported = len(prepared.responses)
        report.unmatched_columns = [p.header for p in prepared.match.unmatched]
        report.findings = list(prepared.findings)
        prepared_files.append((prepared, report, refs))
    if progress:
        progress("import", len(paths), len(paths), paths[-1].name if paths else "")
    if dry_run or store is None:
        return summary
    if strict and summary.outcome is not ImportOutcome.OK:
        return summary
    for prepared, report, refs in prepared_files:
        if prepared.fatal:
            report.imported = 0
            continue
        stored = store.write_prepared(
            prepared, instrument, report.file, report.sha256, wave, replace=replace, refs=refs
        )
        report.replaced = stored.replaced
        report.released = stored.released
        report.findings.extend(
            Finding.make("replaced_import", when=r["imported_at"][:16], wave=r["wave"], n=r["imported"])
            for r in stored.replaced
        )
        if stored.released:
            report.findings.append(Finding.make("quarantine_released", n=stored.released))
        report.findings.extend(stored.already_stored)
        report.duplicates += len(stored.already_stored)
        report.imported = stored.imported
        report.stored = True
    return summary


def prepare_file(
    path: Path, sheet: str | None, limits: ReadLimits | None, instrument: Instrument, mapping: dict[str, str] | None
) -> tuple[PreparedFile, dict[int, str]]:
    """Read and prepare ``path``; when the sheet read first has no question of the codebook (a
    cover or "Information" sheet placed first), the workbook's next sheet that has one is used."""
    from samverkan_cli.errors import InputError
    from samverkan_cli.ingest.corrections import take_refs
    from samverkan_cli.readers import read_table

    table, refs = take_refs(read_table(path, sheet=sheet, limits=limits))
    prepared = prepare_table(table, instrument, mapping)
    if not prepared.fatal or prepared.match.matched_items:
        return prepared, refs
    for other in table.other_sheets:
        try:
            candidate, candidate_refs = take_refs(read_table(path, sheet=other, limits=limits))
        except InputError:
            continue
        candidate.notes.append(
            Msg(
                "Bladet '{first}' har inga frågor ur instrumentet; bladet '{sheet}' lästes i stället.",
                "Sheet '{first}' holds no question of the instrument; sheet '{sheet}' was read instead.",
            ).format(first=table.sheet, sheet=other)
        )
        retried = prepare_table(candidate, instrument, mapping)
        if retried.match.matched_items:
            return retried, candidate_refs
    return prepared, refs
