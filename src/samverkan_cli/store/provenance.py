"""The imports behind a set of waves: file, hash, counts and the findings of each import."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from samverkan_cli.store import Store

__all__ = ["ImportRecord", "RetiredImport", "import_records", "retired_imports"]


@dataclass(frozen=True)
class ImportRecord:
    """One row of the ``imports`` table; ``findings`` holds (severity, code) per finding."""

    file_name: str
    sha256: str
    platform: str
    wave: str
    imported_at: str
    rows: int
    imported: int
    quarantined: int
    findings: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class RetiredImport:
    """An import that no longer counts: replaced by a corrected file (``import --replace``) or removed."""

    file_name: str
    sha256: str
    wave: str
    action: str  # "replaced" or "removed"
    at: str  # when it was retired
    imported: int  # responses it held


def _findings(raw: str | None) -> tuple[tuple[str, str], ...]:
    """(severity, code) of the stored findings JSON; unreadable JSON counts as none."""
    try:
        parsed = json.loads(raw or "[]")
    except ValueError:
        return ()
    if not isinstance(parsed, list):
        return ()
    return tuple((str(f.get("severity", "")), str(f.get("code", ""))) for f in parsed if isinstance(f, Mapping))


def import_records(store: Store, waves: Iterable[str] | None = None) -> tuple[ImportRecord, ...]:
    """The imports of ``waves`` (every wave when ``None``), ordered by wave, file name and id."""
    wanted = None if waves is None else set(waves)
    rows = store.query(
        "SELECT file_name, sha256, platform, wave, imported_at, rows, imported, quarantined, findings "
        "FROM imports ORDER BY wave, file_name, id"
    )
    return tuple(
        ImportRecord(
            file_name=str(r["file_name"]),
            sha256=str(r["sha256"]),
            platform=str(r["platform"]),
            wave=str(r["wave"]),
            imported_at=str(r["imported_at"]),
            rows=int(r["rows"]),
            imported=int(r["imported"]),
            quarantined=int(r["quarantined"]),
            findings=_findings(r["findings"]),
        )
        for r in rows
        if wanted is None or r["wave"] in wanted
    )


def retired_imports(store: Store, waves: Iterable[str] | None = None) -> tuple[RetiredImport, ...]:
    """Imports of ``waves`` that were replaced or removed, oldest first: what the results no longer use."""
    wanted = None if waves is None else set(waves)
    rows = store.query("SELECT file_name, sha256, wave, action, at, imported FROM import_history ORDER BY at, id")
    return tuple(
        RetiredImport(
            file_name=str(r["file_name"]),
            sha256=str(r["sha256"]),
            wave=str(r["wave"]),
            action=str(r["action"]),
            at=str(r["at"]),
            imported=int(r["imported"]),
        )
        for r in rows
        if wanted is None or r["wave"] in wanted
    )
