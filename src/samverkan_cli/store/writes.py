"""Every write to the project database: one prepared file per transaction, and frame registers."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from samverkan_cli import __version__
from samverkan_cli.ingest.findings import Finding
from samverkan_cli.store.db import Store
from samverkan_cli.store.layout import Layout, json_text, other_entry

if TYPE_CHECKING:
    from samverkan_cli.ingest.prepare import PreparedFile, PreparedResponse
    from samverkan_cli.instrument import Instrument

__all__ = [
    "FrameUnit",
    "Removed",
    "StoredFile",
    "quarantine_ref",
    "remove_imports",
    "replace_frame",
    "write_prepared",
]

#: (name, name_key, kommun_code, lan_code) of one unit of a register
FrameUnit = tuple[str, str, str, str]


@dataclass
class StoredFile:
    """What storing one prepared file did: responses written, and the ones stored before."""

    imported: int = 0
    already_stored: list[Finding] = field(default_factory=list)
    #: provenance rows (as dicts) of the earlier imports of this file that ``replace`` took out
    replaced: list[dict[str, Any]] = field(default_factory=list)
    #: quarantined rows of earlier imports that a response of this file superseded
    released: int = 0


@dataclass
class Removed:
    """What removing imports took out: the import rows, their responses, held and released rows."""

    imports: list[dict[str, Any]] = field(default_factory=list)
    responses: int = 0
    quarantined: int = 0
    #: rows of other imports that these imports had released and that are held again
    held_again: int = 0


@dataclass
class _Rows:
    """The rows one file adds, numbered before they are inserted (bulk inserts need the ids)."""

    organisations: list[tuple[Any, ...]] = field(default_factory=list)
    responses: list[tuple[Any, ...]] = field(default_factory=list)
    answers: Iterable[tuple[Any, ...]] = ()
    #: (response id, prepared response) of every response stored
    stored: list[tuple[int, PreparedResponse]] = field(default_factory=list)


def write_prepared(
    store: Store,
    prepared: PreparedFile,
    instrument: Instrument,
    file_name: str,
    sha256: str,
    wave: str,
    *,
    replace: bool = False,
    refs: dict[int, str] | None = None,
) -> StoredFile:
    """Write one file in one transaction: import row, organisations, responses, answers, quarantine.

    Responses already stored in ``wave`` (same content, or same platform id and submission time)
    are skipped, each with an ``already_stored`` finding naming the file that brought it first.
    With ``replace`` the earlier imports of the same file (SHA-256) are taken out first, in the
    same transaction; their provenance moves to ``import_history``. A stored response releases the
    quarantined rows it supersedes (see :func:`_release_superseded`); ``refs`` maps a source row to
    the quarantine reference it carries (a fixed ``quarantine list --format csv``).
    """
    result = StoredFile()
    with store.transaction() as db:
        old = [int(r[0]) for r in db.execute("SELECT id FROM imports WHERE sha256 = ? ORDER BY id", (sha256,))]
        if replace and old:
            result.replaced = _retire(db, old, "replaced").imports
        import_id = _insert_import(db, prepared, instrument, file_name, sha256, wave)
        if result.replaced:
            marks = ",".join("?" * len(old))
            db.execute(
                f"UPDATE import_history SET replaced_by = ? WHERE import_id IN ({marks}) AND replaced_by IS NULL",
                (import_id, *old),
            )
        rows = _new_rows(db, prepared, import_id, file_name, wave, result)
        rows.answers = _answer_rows(rows.stored)
        _insert_rows(db, rows)
        _insert_quarantine(db, prepared, import_id)
        result.released = _release_superseded(db, import_id, wave, prepared, rows.stored, refs or {})
        result.imported = len(rows.responses)
        findings = [*prepared.findings, *result.already_stored]
        db.execute(
            "UPDATE imports SET imported = ?, quarantined = ?, duplicates = ?, findings = ? WHERE id = ?",
            (
                result.imported,
                len(prepared.quarantined),
                prepared.duplicates + len(result.already_stored),
                json.dumps([f.to_dict("sv") for f in findings], ensure_ascii=False),
                import_id,
            ),
        )
    return result


def _insert_quarantine(db: sqlite3.Connection, prepared: PreparedFile, import_id: int) -> None:
    """The held rows, with what lets a corrected response supersede them: platform id, fingerprint."""
    table = prepared.table
    index = {row: i for i, row in enumerate(table.row_numbers)}

    def cell(row: int, column: int | None) -> str | None:
        i = index.get(row)
        if column is None or i is None or column >= len(table.rows[i]):
            return None
        return table.rows[i][column].strip() or None

    values = []
    for q in prepared.quarantined:
        flagged = sorted({f.column for f in q.reasons if f.column})
        values.append(
            (
                import_id,
                q.source_row,
                # params too, so `quarantine list --lang en` can render the finding in either language
                json.dumps([{**f.to_dict("sv"), "params": dict(f.params)} for f in q.reasons], ensure_ascii=False),
                json.dumps(q.raw, ensure_ascii=False),
                table.platform,
                cell(q.source_row, table.response_id_column),
                # the normalised time only: the raw cell may be any text a respondent typed
                prepared.submitted_at.get(q.source_row),
                json_text(flagged),
                held_fingerprint(q.raw, flagged),
            )
        )
    db.executemany(
        "INSERT INTO quarantine (import_id, source_row, reasons, raw_row, platform, response_id, submitted_at,"
        " flagged, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        values,
    )


def _stored_time(text: str) -> str:
    """A stored submission time as new imports store it (ISO 8601), else as it was stored."""
    from samverkan_cli.ingest.timestamps import parse_submitted

    return parse_submitted(text) or text


def held_fingerprint(cells: dict[str, str], flagged: Iterable[str]) -> str:
    """A row's cells by header (masked, non-empty, identifying columns left out) without the flagged ones, hashed.

    A held row and its corrected version agree on every cell but the ones its findings named.
    """
    skip = set(flagged)
    payload = json_text(sorted((h, v) for h, v in cells.items() if h not in skip))
    return hashlib.blake2b(payload.encode("utf-8"), digest_size=16).hexdigest()


def _response_cells(prepared: PreparedFile) -> dict[int, dict[str, str]]:
    """Source row -> the cells a held row keeps (see :func:`held_fingerprint`) of every row of the file."""
    from samverkan_cli.ingest.privacy import mask_text

    kept = [p for p in prepared.match.plans if p.kind != "identifying"]
    out: dict[int, dict[str, str]] = {}
    for row, cells in zip(prepared.table.row_numbers, prepared.table.rows, strict=True):
        out[row] = {
            p.header: mask_text(cells[p.index]) for p in kept if p.index < len(cells) and cells[p.index].strip()
        }
    return out


def quarantine_ref(sha256: str, source_row: int) -> str:
    """The reference of a held row: its file's SHA-256 (12 digits) and its row, e.g. ``3f2a9c01b7de:14``."""
    return f"{sha256[:12]}:{source_row}"


def _release_superseded(
    db: sqlite3.Connection,
    import_id: int,
    wave: str,
    prepared: PreparedFile,
    stored: list[tuple[int, PreparedResponse]],
    refs: dict[int, str],
) -> int:
    """Release the held rows of ``wave`` that a newly stored response supersedes; returns how many.

    A response supersedes a row held by an earlier import into the same wave when

    - it has the same platform, platform response id and submission time (a corrected re-export), or
    - its cells equal the held row's except the ones the findings named (:func:`held_fingerprint`:
      the same export corrected in Excel), or
    - it carries the held row's reference (:func:`quarantine_ref`: a fixed ``quarantine list`` CSV).
    """
    if not _holds_rows(db, import_id, wave):
        return 0  # the usual first import of a wave: one query instead of an UPDATE per response
    held = db.execute(
        "SELECT q.id, q.flagged, q.fingerprint FROM quarantine q JOIN imports i ON i.id = q.import_id"
        " WHERE q.released_by IS NULL AND q.import_id != ? AND i.wave = ? AND q.fingerprint IS NOT NULL",
        (import_id, wave),
    ).fetchall()
    by_flagged: dict[str, dict[str, list[int]]] = {}
    for qid, flagged, fingerprint in held:
        by_flagged.setdefault(flagged, {}).setdefault(fingerprint, []).append(int(qid))
    table = prepared.table
    row_index = {row: i for i, row in enumerate(table.row_numbers)}

    def raw_time(resp: PreparedResponse) -> str:
        i, col = row_index.get(resp.source_row), table.submitted_column
        if i is None or col is None or col >= len(table.rows[i]):
            return ""
        return table.rows[i][col].strip()

    released: set[int] = set()
    if by_flagged and stored:
        cells = _response_cells(prepared)
        for flagged, wanted in by_flagged.items():
            skip = json.loads(flagged)
            for _rid, resp in stored:
                released.update(wanted.get(held_fingerprint(cells.get(resp.source_row, {}), skip), []))
    before = db.total_changes
    db.executemany("UPDATE quarantine SET released_by = ? WHERE id = ?", [(import_id, q) for q in sorted(released)])
    db.executemany(
        "UPDATE quarantine SET released_by = ?1 WHERE released_by IS NULL AND import_id != ?1"
        " AND platform = ?3 AND response_id = ?4 AND COALESCE(submitted_at, '') IN (?5, ?6)"
        " AND import_id IN (SELECT id FROM imports WHERE wave = ?2)",
        # ?6: rows held by older versions carry the export's own spelling of the time
        [
            (import_id, wave, prepared.table.platform, resp.response_id, resp.submitted_at or "", raw_time(resp))
            for _rid, resp in stored
            if resp.response_id
        ],
    )
    db.executemany(
        "UPDATE quarantine SET released_by = ?1 WHERE released_by IS NULL AND import_id != ?1"
        " AND CAST(source_row AS TEXT) = ?4"
        " AND import_id IN (SELECT id FROM imports WHERE wave = ?2 AND substr(sha256, 1, 12) = ?3)",
        # A row of a fixed CSV that is held again takes its earlier entry's place: the list shows it once.
        [
            (import_id, wave, *refs[row].rsplit(":", 1))
            for row in sorted({resp.source_row for _rid, resp in stored} | {q.source_row for q in prepared.quarantined})
            if row in refs
        ],
    )
    return db.total_changes - before


def _holds_rows(db: sqlite3.Connection, import_id: int, wave: str) -> bool:
    """Whether another import of ``wave`` holds a quarantined row that nothing has released yet."""
    row = db.execute(
        "SELECT 1 FROM quarantine q JOIN imports i ON i.id = q.import_id"
        " WHERE q.released_by IS NULL AND q.import_id != ? AND i.wave = ? LIMIT 1",
        (import_id, wave),
    ).fetchone()
    return row is not None


def remove_imports(store: Store, import_ids: list[int]) -> Removed:
    """Take imports out in one transaction: responses, answers, held rows; provenance stays in history."""
    with store.transaction() as db:
        return _retire(db, import_ids, "removed")


def _retire(db: sqlite3.Connection, import_ids: list[int], action: str) -> Removed:
    """Move imports to ``import_history`` and delete what they brought (inside the caller's transaction)."""
    removed = Removed()
    if not import_ids:
        return removed
    marks = ",".join("?" * len(import_ids))
    ids = tuple(import_ids)
    removed.imports = [dict(r) for r in db.execute(f"SELECT * FROM imports WHERE id IN ({marks}) ORDER BY id", ids)]
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    db.execute(
        "INSERT INTO import_history (import_id, action, at, file_name, sha256, platform, wave, imported_at, rows,"
        " imported, quarantined, tool_version, findings) SELECT id, ?, ?, file_name, sha256, platform, wave,"
        f" imported_at, rows, imported, quarantined, tool_version, findings FROM imports WHERE id IN ({marks})",
        (action, now, *ids),
    )
    responses = f"SELECT id FROM responses WHERE import_id IN ({marks})"
    db.execute(f"DELETE FROM response_answers WHERE response_id IN ({responses})", ids)
    removed.responses = db.execute(f"DELETE FROM responses WHERE import_id IN ({marks})", ids).rowcount
    removed.quarantined = db.execute(
        f"DELETE FROM quarantine WHERE import_id IN ({marks}) AND released_by IS NULL", ids
    ).rowcount
    db.execute(f"DELETE FROM quarantine WHERE import_id IN ({marks})", ids)
    # Rows these imports had superseded are held again: the correction is gone with them.
    removed.held_again = db.execute(
        f"UPDATE quarantine SET released_by = NULL WHERE released_by IN ({marks})", ids
    ).rowcount
    db.execute(f"DELETE FROM imports WHERE id IN ({marks})", ids)
    db.execute("DELETE FROM organisations WHERE id NOT IN (SELECT organisation_id FROM responses)")
    return removed


def _insert_import(
    db: sqlite3.Connection, prepared: PreparedFile, instrument: Instrument, file_name: str, sha256: str, wave: str
) -> int:
    """The provenance row of the file; its counts are filled in once the rows are written."""
    table = prepared.table
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    cur = db.execute(
        "INSERT INTO imports (file_name, sha256, platform, encoding, sheet, wave, imported_at, rows, imported,"
        " quarantined, duplicates, tool_version, instrument_id, instrument_version, item_signatures, findings,"
        " answer_items, answer_labels) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?, ?, ?, ?, '[]', ?, ?)",
        (
            file_name,
            sha256,
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
            json_text(prepared.slots),
            Layout(prepared.slots, prepared.labels).labels_json(),
        ),
    )
    return int(cur.lastrowid or 0)


def _new_rows(
    db: sqlite3.Connection, prepared: PreparedFile, import_id: int, file_name: str, wave: str, result: StoredFile
) -> _Rows:
    """Number the new organisations, responses and answers; skip responses stored before."""
    platform = prepared.table.platform
    known_fp = {
        r[0]: r[1]
        for r in db.execute(
            "SELECT r.fingerprint, i.file_name FROM responses r JOIN imports i ON i.id = r.import_id WHERE r.wave = ?",
            (wave,),
        )
    }
    # Response ids are numbered per survey (LimeSurvey and Microsoft Forms count from 1), so an
    # id is only the same response when its submission time matches too.
    # Older imports stored the export's own spelling of the time: read it the way new ones are stored.
    known_rid = {
        (r[0], _stored_time(r[1])): r[2]
        for r in db.execute(
            "SELECT r.platform_response_id, COALESCE(r.submitted_at, ''), i.file_name"
            " FROM responses r JOIN imports i ON i.id = r.import_id"
            " WHERE r.wave = ? AND r.platform = ? AND r.platform_response_id IS NOT NULL",
            (wave, platform),
        )
    }
    orgs = {
        (r[1], r[2], r[3]): r[0] for r in db.execute("SELECT id, org_typ, kommun_code, name_key FROM organisations")
    }
    next_response = int(db.execute("SELECT COALESCE(MAX(id), 0) FROM responses").fetchone()[0]) + 1
    next_org = int(db.execute("SELECT COALESCE(MAX(id), 0) FROM organisations").fetchone()[0]) + 1
    rows = _Rows()
    for resp in prepared.responses:
        rid_key = (resp.response_id, resp.submitted_at or "")
        if resp.fingerprint in known_fp or (resp.response_id and rid_key in known_rid):
            source = known_rid.get(rid_key) or known_fp.get(resp.fingerprint) or "?"
            result.already_stored.append(Finding.make("already_stored", resp.source_row, source=source))
            continue
        key = (resp.org_typ, resp.kommun_code, resp.org_key)
        org_id = orgs.get(key)
        if org_id is None:
            org_id = orgs[key] = next_org
            next_org += 1
            rows.organisations.append(
                (org_id, resp.org_name, resp.org_key, resp.org_typ, resp.kommun_code, resp.lan_code)
            )
        known_fp[resp.fingerprint] = file_name
        rows.responses.append(_response_row(next_response, import_id, org_id, wave, platform, resp))
        rows.stored.append((next_response, resp))
        next_response += 1
    return rows


def _answer_rows(stored: list[tuple[int, PreparedResponse]]) -> Iterator[tuple[Any, ...]]:
    """One packed ``response_answers`` row per stored response (layout in :mod:`store.layout`).

    Made in chunks as SQLite takes them, so a big file's encoded rows are never all in memory at once.
    """
    # Answers repeat across responses: each distinct entry is encoded once and the rows are joined.
    raw_texts: dict[tuple[str, str], str] = {}
    other_texts: dict[tuple[str, str, str, float | None], str] = {}

    def raw_text(key: tuple[str, str]) -> str:  # (item, raw) of a numbered answer
        fragment = raw_texts[key] = json_text({key[0]: key[1]})[1:-1]
        return fragment

    def other_text(answer: tuple[str, str, str, float | None]) -> str:  # (item, raw, value, _) of another
        item, raw, value = answer[:3]
        fragment = other_texts[answer] = json_text(other_entry(item, value, None if raw == value else raw))
        return fragment

    for start in range(0, len(stored), _CHUNK):
        chunk = stored[start : start + _CHUNK]
        for (rid, resp), cells in zip(chunk, _number_texts([resp.numbers for _rid, resp in chunk]), strict=True):
            raw, other = resp.raw, resp.other
            yield (
                rid,
                "[" + ",".join(cells) + "]",
                "{" + ",".join([raw_texts.get(e) or raw_text(e) for e in raw.items()]) + "}" if raw else None,
                # prepare_table yields each (item, value) once per response, so no dedupe is needed here.
                "[" + ",".join([other_texts.get(a) or other_text(a) for a in other]) + "]" if other else None,
            )


_CHUNK = 5000


def _number_texts(rows: list[npt.NDArray[np.float64]]) -> list[list[str]]:
    """Each row's numbers as JSON texts; a scale has few values, so each distinct one is formatted once."""
    numbers = np.stack(rows)
    distinct, inverse = np.unique(numbers, return_inverse=True)
    spelled = np.array(["null" if np.isnan(v) else repr(v) for v in distinct.tolist()], dtype=object)
    texts: list[list[str]] = spelled[inverse.reshape(numbers.shape)].tolist()
    return texts


def _response_row(
    rid: int, import_id: int, org_id: int, wave: str, platform: str, resp: PreparedResponse
) -> tuple[Any, ...]:
    return (
        rid,
        import_id,
        org_id,
        wave,
        platform,
        resp.response_id,
        resp.submitted_at,
        resp.source_row,
        resp.fingerprint,
    )


def _insert_rows(db: sqlite3.Connection, rows: _Rows) -> None:
    db.executemany(
        "INSERT INTO organisations (id, name, name_key, org_typ, kommun_code, lan_code) VALUES (?, ?, ?, ?, ?, ?)",
        rows.organisations,
    )
    db.executemany(
        "INSERT INTO responses (id, import_id, organisation_id, wave, platform, platform_response_id,"
        " submitted_at, source_row, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows.responses,
    )
    db.executemany("INSERT INTO response_answers (response_id, numbers, raw, other) VALUES (?, ?, ?, ?)", rows.answers)


def replace_frame(
    store: Store,
    org_typ: str,
    counties: Iterable[str],
    units: list[FrameUnit],
    source_file: str,
    sha256: str,
    contacts: list[str] | None = None,
) -> int:
    """Make ``units`` the frame of ``counties`` for ``org_typ`` in one transaction; returns units replaced.

    ``contacts`` holds, per unit, the register's other columns as a JSON object (``'{}'`` when omitted).
    """
    replaced = 0
    extra = contacts if contacts is not None else ["{}"] * len(units)
    with store.transaction() as db:
        for lan in counties:
            replaced += db.execute("DELETE FROM frame WHERE lan_code = ? AND org_typ = ?", (lan, org_typ)).rowcount
        db.executemany(
            "INSERT INTO frame (org_typ, name, name_key, kommun_code, lan_code, source_file, sha256, contacts)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (org_typ, name, nk, kommun, lan, source_file, sha256, c)
                for (name, nk, kommun, lan), c in zip(units, extra, strict=True)
            ],
        )
    return replaced
