"""Store prepared files: one transaction per file, no duplicates, provenance (SPEC 4.7, 5)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from samverkan_cli import __version__
from samverkan_cli.errors import UsageError, ValidationFailed
from samverkan_cli.i18n import Lang, Msg
from samverkan_cli.ingest.findings import Finding
from samverkan_cli.ingest.prepare import PreparedFile, prepare_table
from samverkan_cli.instrument import Instrument
from samverkan_cli.store import Store

__all__ = ["FileReport", "ImportSummary", "file_sha256", "import_files"]


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


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
            "unmatched_columns": self.unmatched_columns,
            "findings": [f.to_dict(lang) for f in self.findings],
        }


@dataclass
class ImportSummary:
    files: list[FileReport]
    dry_run: bool = False
    strict: bool = False

    @property
    def exit_code(self) -> int:
        """4 when validation failed under --strict or a file had every row quarantined, else 0."""
        for report in self.files:
            if report.already_imported:
                continue
            if self.strict and (report.warnings or report.errors):
                return ValidationFailed.exit_code
            if report.rows and report.imported == 0 and not report.duplicates:
                return ValidationFailed.exit_code
            if any(f.code in ("no_item_columns", "missing_background") for f in report.findings):
                return ValidationFailed.exit_code
        return 0

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

    def summary_line(self, lang: Lang = "sv") -> str:
        t = self.totals()
        if lang == "en":
            verb = "would be imported" if self.dry_run else "imported"
            return (
                f"{t['files']} files · {t['imported']} responses {verb} · {t['quarantined']} quarantined · "
                f"{t['warnings']} warnings"
            )
        verb = "skulle importeras" if self.dry_run else "importerade"
        return (
            f"{t['files']} filer · {t['imported']} svar {verb} · {t['quarantined']} i karantän · "
            f"{t['warnings']} varningar"
        )


def _existing_import(store: Store, sha: str) -> str | None:
    row = store.query("SELECT wave FROM imports WHERE sha256 = ? LIMIT 1", (sha,))
    return row[0]["wave"] if row else None


def _store_prepared(
    store: Store, prepared: PreparedFile, report: FileReport, instrument: Instrument, wave: str
) -> None:
    """Write one file in one transaction: import row, organisations, responses, answers, quarantine."""
    table = prepared.table
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    with store.transaction() as db:
        cur = db.execute(
            "INSERT INTO imports (file_name, sha256, platform, encoding, sheet, wave, imported_at, rows, imported,"
            " quarantined, duplicates, tool_version, instrument_id, instrument_version, item_signatures, findings)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?, ?, ?, ?, '[]')",
            (
                report.file,
                report.sha256,
                table.platform,
                table.encoding,
                table.sheet,
                wave,
                now,
                prepared.rows,
                __version__,
                instrument.id,
                instrument.version,
                json.dumps(instrument.signatures(), sort_keys=True),
            ),
        )
        import_id = cur.lastrowid
        known_fp = {
            r[0]: r[1]
            for r in db.execute(
                "SELECT r.fingerprint, i.file_name FROM responses r JOIN imports i ON i.id = r.import_id"
                " WHERE r.wave = ?",
                (wave,),
            )
        }
        # Response ids are numbered per survey (LimeSurvey and Microsoft Forms count from 1), so an
        # id is only the same response when its submission time matches too.
        known_rid = {
            (r[0], r[1]): r[2]
            for r in db.execute(
                "SELECT r.platform_response_id, COALESCE(r.submitted_at, ''), i.file_name"
                " FROM responses r JOIN imports i ON i.id = r.import_id"
                " WHERE r.wave = ? AND r.platform = ? AND r.platform_response_id IS NOT NULL",
                (wave, table.platform),
            )
        }
        orgs = {
            (r[1], r[2], r[3]): r[0] for r in db.execute("SELECT id, org_typ, kommun_code, name_key FROM organisations")
        }
        next_response = int(db.execute("SELECT COALESCE(MAX(id), 0) FROM responses").fetchone()[0]) + 1
        next_org = int(db.execute("SELECT COALESCE(MAX(id), 0) FROM organisations").fetchone()[0]) + 1
        new_orgs: list[tuple[Any, ...]] = []
        responses: list[tuple[Any, ...]] = []
        answers: list[tuple[Any, ...]] = []
        for resp in prepared.responses:
            rid_key = (resp.response_id, resp.submitted_at or "")
            if resp.fingerprint in known_fp or (resp.response_id and rid_key in known_rid):
                source = known_rid.get(rid_key) or known_fp.get(resp.fingerprint) or "?"
                report.findings.append(Finding.make("already_stored", resp.source_row, source=source))
                report.duplicates += 1
                continue
            key = (resp.org_typ, resp.kommun_code, resp.org_key)
            org_id = orgs.get(key)
            if org_id is None:
                org_id = orgs[key] = next_org
                next_org += 1
                new_orgs.append((org_id, resp.org_name, resp.org_key, resp.org_typ, resp.kommun_code, resp.lan_code))
            rid = next_response
            next_response += 1
            known_fp[resp.fingerprint] = report.file
            responses.append(
                (
                    rid,
                    import_id,
                    org_id,
                    wave,
                    table.platform,
                    resp.response_id,
                    resp.submitted_at,
                    resp.source_row,
                    resp.fingerprint,
                )
            )
            # prepare_table yields each (item, value) once per response, so no dedupe is needed here.
            answers.extend(
                (rid, item_id, None if raw == value else raw, value, numeric)
                for item_id, raw, value, numeric in resp.answers
            )
        db.executemany(
            "INSERT INTO organisations (id, name, name_key, org_typ, kommun_code, lan_code) VALUES (?, ?, ?, ?, ?, ?)",
            new_orgs,
        )
        db.executemany(
            "INSERT INTO responses (id, import_id, organisation_id, wave, platform, platform_response_id,"
            " submitted_at, source_row, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            responses,
        )
        db.executemany(
            "INSERT INTO answers (response_id, item_id, raw_value, value, numeric) VALUES (?, ?, ?, ?, ?)", answers
        )
        db.executemany(
            "INSERT INTO quarantine (import_id, source_row, reasons, raw_row) VALUES (?, ?, ?, ?)",
            [
                (
                    import_id,
                    q.source_row,
                    json.dumps([f.to_dict("sv") for f in q.reasons], ensure_ascii=False),
                    json.dumps(q.raw, ensure_ascii=False),
                )
                for q in prepared.quarantined
            ],
        )
        report.imported = len(responses)
        db.execute(
            "UPDATE imports SET imported = ?, quarantined = ?, duplicates = ?, findings = ? WHERE id = ?",
            (
                report.imported,
                report.quarantined,
                report.duplicates,
                json.dumps([f.to_dict("sv") for f in report.findings], ensure_ascii=False),
                import_id,
            ),
        )
    report.stored = True


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
    progress: Callable[[int, int, Path], None] | None = None,
) -> ImportSummary:
    """Read, validate and (unless ``dry_run``) store each file; one transaction per file.

    Under ``strict`` nothing is stored if any file has a warning or an error.
    A file already imported (same SHA-256) changes nothing and is reported as such.
    """
    from samverkan_cli.readers import read_table

    if not wave and not dry_run:
        raise UsageError(
            Msg(
                "Ange mätomgång med --wave (t.ex. --wave 2026).", "Give the survey wave with --wave (e.g. --wave 2026)."
            ),
            Msg("Eller sätt [import] wave i samverkan.toml.", "Or set [import] wave in samverkan.toml."),
        )
    for path in paths:
        if not path.exists():
            raise UsageError(
                Msg("Filen {f} finns inte.", "The file {f} does not exist.").format(f=path),
                Msg("Kontrollera sökvägen (stavning, katalog).", "Check the path (spelling, directory)."),
            )
    summary = ImportSummary([], dry_run=dry_run, strict=strict)
    prepared_files: list[tuple[PreparedFile, FileReport]] = []
    for n, path in enumerate(paths):
        if progress:
            progress(n, len(paths), path)
        sha = file_sha256(path) if path.is_file() else ""
        report = FileReport(file=path.name, sha256=sha, wave=wave)
        summary.files.append(report)
        previous = _existing_import(store, sha) if store is not None and sha else None
        if previous is not None:
            report.already_imported = True
            report.already_imported_wave = previous
            continue
        table = read_table(path, sheet=sheet)
        prepared = prepare_table(table, instrument, mapping)
        report.platform = table.platform
        report.encoding = table.encoding
        report.sheet = table.sheet
        report.rows = prepared.rows
        report.quarantined = len(prepared.quarantined)
        report.duplicates = prepared.duplicates
        report.imported = len(prepared.responses)
        report.unmatched_columns = [p.header for p in prepared.match.unmatched]
        report.findings = list(prepared.findings)
        prepared_files.append((prepared, report))
    if progress:
        progress(len(paths), len(paths), paths[-1] if paths else Path())
    if dry_run or store is None:
        return summary
    if strict and summary.exit_code:
        return summary
    for prepared, report in prepared_files:
        if prepared.fatal:
            report.imported = 0
            continue
        _store_prepared(store, prepared, report, instrument, wave)
    return summary
