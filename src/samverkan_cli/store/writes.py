"""Every write to the project database: one prepared file per transaction, and frame registers."""

from __future__ import annotations

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

__all__ = ["FrameUnit", "StoredFile", "replace_frame", "write_prepared"]

#: (name, name_key, kommun_code, lan_code) of one unit of a register
FrameUnit = tuple[str, str, str, str]


@dataclass
class StoredFile:
    """What storing one prepared file did: responses written, and the ones stored before."""

    imported: int = 0
    already_stored: list[Finding] = field(default_factory=list)


@dataclass
class _Rows:
    """The rows one file adds, numbered before they are inserted (bulk inserts need the ids)."""

    organisations: list[tuple[Any, ...]] = field(default_factory=list)
    responses: list[tuple[Any, ...]] = field(default_factory=list)
    answers: Iterable[tuple[Any, ...]] = ()
    #: (response id, prepared response) of every response stored
    stored: list[tuple[int, PreparedResponse]] = field(default_factory=list)


def write_prepared(
    store: Store, prepared: PreparedFile, instrument: Instrument, file_name: str, sha256: str, wave: str
) -> StoredFile:
    """Write one file in one transaction: import row, organisations, responses, answers, quarantine.

    Responses already stored in ``wave`` (same content, or same platform id and submission time)
    are skipped, each with an ``already_stored`` finding naming the file that brought it first.
    """
    result = StoredFile()
    with store.transaction() as db:
        import_id = _insert_import(db, prepared, instrument, file_name, sha256, wave)
        rows = _new_rows(db, prepared, import_id, file_name, wave, result)
        rows.answers = _answer_rows(rows.stored)
        _insert_rows(db, rows)
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
    known_rid = {
        (r[0], r[1]): r[2]
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
    fragments: dict[tuple[str, ...], str] = {}

    def encoded(key: tuple[str, ...]) -> str:
        fragment = fragments.get(key)
        if fragment is None:
            if len(key) == 2:  # (item, raw) of a numbered answer
                fragment = json_text({key[0]: key[1]})[1:-1]
            else:  # (item, raw, value) of another answer
                fragment = json_text(other_entry(key[0], key[2], None if key[1] == key[2] else key[1]))
            fragments[key] = fragment
        return fragment

    for start in range(0, len(stored), _CHUNK):
        chunk = stored[start : start + _CHUNK]
        for (rid, resp), cells in zip(chunk, _number_texts([resp.numbers for _rid, resp in chunk]), strict=True):
            yield (
                rid,
                "[" + ",".join(cells) + "]",
                "{" + ",".join([encoded(item) for item in resp.raw.items()]) + "}" if resp.raw else None,
                # prepare_table yields each (item, value) once per response, so no dedupe is needed here.
                "[" + ",".join([encoded(a[:3]) for a in resp.other]) + "]" if resp.other else None,
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
