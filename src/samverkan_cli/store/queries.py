"""Every read of the project database: waves, frame sizes, status rows, batch state, analysis rows."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from samverkan_cli.store.db import Store
from samverkan_cli.text import wave_key

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = [
    "AnswerArrays",
    "answer_arrays",
    "batch_state",
    "frame_counts",
    "frame_has_file",
    "frame_sizes",
    "frame_units",
    "held_rows",
    "import_history",
    "import_signatures",
    "import_wave",
    "imports_matching",
    "imports_to_remove",
    "quarantine_count",
    "recent_imports",
    "response_counts",
    "response_rows",
    "responses_in_wave",
    "status_groups",
    "waves",
]


def waves(store: Store) -> list[str]:
    """Every wave with responses, oldest first (``2026-vår`` before ``2026-höst``: :func:`wave_key`)."""
    names = [str(r[0]) for r in store.query("SELECT DISTINCT wave FROM responses")]
    return sorted(names, key=lambda name: (wave_key(name), name))


def import_wave(store: Store, sha256: str) -> str | None:
    """The wave a file with this SHA-256 was imported into, or None when it never was."""
    row = store.query("SELECT wave FROM imports WHERE sha256 = ? LIMIT 1", (sha256,))
    return str(row[0]["wave"]) if row else None


def frame_has_file(store: Store, sha256: str) -> bool:
    """True when a register with this SHA-256 is already part of the frame."""
    return bool(store.scalar("SELECT COUNT(*) FROM frame WHERE sha256 = ?", (sha256,)))


def frame_counts(store: Store) -> dict[tuple[str, str], int]:
    """Units in the imported frame per (lan, org_typ)."""
    return {
        (row["lan_code"], row["org_typ"]): int(row["n"])
        for row in store.query("SELECT lan_code, org_typ, COUNT(*) AS n FROM frame GROUP BY lan_code, org_typ")
    }


def frame_sizes(store: Store) -> dict[tuple[str, str], int]:
    """Population per (lan, org_typ): kommuner from the built-in list, vårdcentraler from the frame."""
    from samverkan_cli.reference import kommuner

    sizes: dict[tuple[str, str], int] = {}
    for kommun in kommuner():
        key = (kommun.lan_code, "kommun")
        sizes[key] = sizes.get(key, 0) + 1
    sizes.update(frame_counts(store))
    return sizes


def frame_units(store: Store) -> int:
    """How many units the frame holds in all."""
    return int(store.scalar("SELECT COUNT(*) FROM frame") or 0)


def quarantine_count(store: Store) -> int:
    """Rows held in quarantine over every import (rows a corrected response superseded are released)."""
    return int(store.scalar("SELECT COUNT(*) FROM quarantine WHERE released_by IS NULL") or 0)


def held_rows(store: Store) -> list[dict[str, Any]]:
    """Every row held in quarantine with its file, wave, reasons (parsed) and raw cells, in file order."""
    rows = store.query(
        "SELECT q.id, q.source_row, q.reasons, q.raw_row, q.response_id, i.file_name, i.sha256, i.wave"
        " FROM quarantine q JOIN imports i ON i.id = q.import_id WHERE q.released_by IS NULL"
        " ORDER BY i.wave, i.id, q.source_row"
    )
    return [
        {
            "file": r["file_name"],
            "sha256": r["sha256"],
            "wave": r["wave"],
            "row": int(r["source_row"]),
            "response_id": r["response_id"],
            "reasons": json.loads(r["reasons"]),
            "raw": json.loads(r["raw_row"]),
        }
        for r in rows
    ]


def imports_matching(store: Store, *, sha256: str = "", file_name: str = "", wave: str = "") -> list[dict[str, Any]]:
    """Imports with this SHA-256 (or a prefix of at least 6 digits), file name or wave, with held rows counted."""
    if sha256:
        where, params = "i.sha256 LIKE ? || '%'", (sha256.lower(),)
    elif file_name:
        where, params = "i.file_name = ?", (file_name,)
    else:
        where, params = "i.wave = ?", (wave,)
    return [
        dict(r)
        for r in store.query(
            "SELECT i.id, i.file_name, i.sha256, i.wave, i.imported_at, i.platform,"
            " (SELECT COUNT(*) FROM responses r WHERE r.import_id = i.id) AS responses,"
            " (SELECT COUNT(*) FROM quarantine q WHERE q.import_id = i.id AND q.released_by IS NULL) AS held"
            f" FROM imports i WHERE {where} ORDER BY i.id",
            params,
        )
    ]


def imports_to_remove(store: Store, target: str = "", wave: str = "") -> list[dict[str, Any]]:
    """The imports ``samverkan remove`` means: a file (by content), a SHA-256 (prefix), a stored file name, a wave."""
    import re
    from pathlib import Path

    from samverkan_cli.fileio import file_sha256

    if wave:
        return imports_matching(store, wave=wave)
    path = Path(target)
    if path.is_file():
        found = imports_matching(store, sha256=file_sha256(path))
        # A file edited after its import has another hash: its stored name still finds it.
        return found or imports_matching(store, file_name=path.name)
    if re.fullmatch(r"[0-9a-fA-F]{6,64}", target):
        found = imports_matching(store, sha256=target)
        if found:
            return found
    return imports_matching(store, file_name=path.name)


def import_history(store: Store) -> list[dict[str, Any]]:
    """Imports that were replaced or removed, oldest first (their provenance)."""
    return [dict(r) for r in store.query("SELECT * FROM import_history ORDER BY id")]


def responses_in_wave(store: Store, wave: str) -> int:
    """Stored responses of one wave."""
    return int(store.scalar("SELECT COUNT(*) FROM responses WHERE wave = ?", (wave,)) or 0)


def response_counts(store: Store, wave: str) -> tuple[int, int]:
    """(responses, distinct organisations) of one wave."""
    row = store.query(
        "SELECT COUNT(*) AS responses, COUNT(DISTINCT organisation_id) AS orgs FROM responses WHERE wave = ?",
        (wave,),
    )[0]
    return int(row["responses"]), int(row["orgs"])


def status_groups(store: Store, wave: str) -> list[tuple[str, str, int, int]]:
    """(lan, org_typ, responses, organisations) of one wave, sorted by county and type."""
    return [
        (row["lan_code"], row["org_typ"], int(row["responses"]), int(row["organisations"]))
        for row in store.query(
            "SELECT o.lan_code, o.org_typ, COUNT(*) AS responses, "
            "COUNT(DISTINCT o.id) AS organisations "
            "FROM responses r JOIN organisations o ON o.id = r.organisation_id "
            "WHERE r.wave = ? GROUP BY o.lan_code, o.org_typ ORDER BY o.lan_code, o.org_typ",
            (wave,),
        )
    ]


def recent_imports(store: Store, limit: int = 20) -> list[dict[str, Any]]:
    """The latest imports, newest first, as plain dicts of their columns; ``quarantined`` counts rows held now."""
    out = []
    for row in store.query(
        "SELECT i.*, (SELECT COUNT(*) FROM quarantine q WHERE q.import_id = i.id AND q.released_by IS NULL)"
        " AS held_now FROM imports i ORDER BY i.id DESC LIMIT ?",
        (limit,),
    ):
        entry = dict(row)
        entry["quarantined"] = entry.pop("held_now")
        out.append(entry)
    return out


def batch_state(store: Store) -> dict[str, list[list[Any]]]:
    """What the stored data contributes to ``samverkan run``'s state key: imports and frame files.

    Replaced and removed imports count too (``history``, only when there are some, so the key of a
    project without any stays as it was): an import id is reused after the newest import goes.
    """
    state: dict[str, list[list[Any]]] = {
        "imports": [list(r) for r in store.query("SELECT id, sha256, wave FROM imports ORDER BY id")],
        "frame": [
            list(r)
            for r in store.query(
                "SELECT lan_code, org_typ, sha256, COUNT(*) FROM frame GROUP BY lan_code, org_typ, sha256"
                " ORDER BY lan_code, org_typ"
            )
        ],
    }
    history = [list(r) for r in store.query("SELECT id, import_id, action, at FROM import_history ORDER BY id")]
    if history:
        state["history"] = history
    return state


def response_rows(store: Store, wave_list: list[str]) -> list[tuple[Any, ...]]:
    """(id, organisation_id, wave, org_typ, lan_code, kommun_code) of every response in the waves, by id."""
    marks = ",".join("?" * len(wave_list))
    cursor = store.db.cursor()
    cursor.row_factory = None  # plain tuples: sqlite3.Row objects double the fetch time
    return cursor.execute(
        "SELECT r.id, r.organisation_id, r.wave, o.org_typ, o.lan_code, o.kommun_code "
        "FROM responses r JOIN organisations o ON o.id = r.organisation_id "
        f"WHERE r.wave IN ({marks}) ORDER BY r.id",
        tuple(wave_list),
    ).fetchall()


@dataclass(frozen=True)
class AnswerArrays:
    """The answers of some waves as arrays: the numbered ones, and the few others as tuples.

    ``numbered_*`` are parallel arrays, one entry per answer with a number in its import's slots;
    ``other_*`` are parallel too, one entry per answer without a slot, its text only where it has no
    number (missing labels, options, comments).
    """

    numbered_response: npt.NDArray[np.int64]
    numbered_item: npt.NDArray[np.int64]  # index into ``items``
    numbered_value: npt.NDArray[np.float64]
    items: list[str]
    other_response: npt.NDArray[np.int64]
    other_item: list[str]
    other_text: list[str | None]
    other_numeric: npt.NDArray[np.float64]


def answer_arrays(store: Store, wave_list: list[str]) -> AnswerArrays:
    """The answers of the responses in ``wave_list``: numbers parsed in bulk, one array per import."""
    import numpy as np

    marks = ",".join("?" * len(wave_list))
    cursor = store.db.cursor()
    cursor.row_factory = None  # plain tuples: sqlite3.Row objects double the fetch time
    # One row per import: its slot items, its responses' ids and all their numbers as one text each,
    # so numpy parses them without a Python object per answer.
    groups = cursor.execute(
        "SELECT i.answer_items, group_concat(ra.response_id, ','),"
        " group_concat(substr(ra.numbers, 2, length(ra.numbers) - 2), ',')"
        " FROM response_answers ra JOIN responses r ON r.id = ra.response_id JOIN imports i ON i.id = r.import_id"
        f" WHERE r.wave IN ({marks}) AND ra.numbers != '[]' GROUP BY r.import_id ORDER BY r.import_id",
        tuple(wave_list),
    ).fetchall()
    items: dict[str, int] = {}
    resp_parts, item_parts, value_parts = [], [], []
    for items_json, ids_text, numbers_text in groups:
        slots = json.loads(items_json)
        if not slots:
            continue
        ids = np.array(ids_text.split(","), dtype=np.int64)
        matrix = np.fromstring(numbers_text.replace("null", "nan"), sep=",").reshape(len(ids), len(slots))
        codes = np.array([items.setdefault(str(item), len(items)) for item in slots], dtype=np.int64)
        rows, cols = np.nonzero(~np.isnan(matrix))
        resp_parts.append(ids[rows])
        item_parts.append(codes[cols])
        value_parts.append(matrix[rows, cols])
    # The unnumbered answers are few (missing labels, options, comments): parsed per response in Python,
    # which is faster than json_each with one json_extract per field.
    other_rows = cursor.execute(
        "SELECT ra.response_id, ra.other FROM response_answers ra JOIN responses r ON r.id = ra.response_id"
        f" WHERE r.wave IN ({marks}) AND ra.other IS NOT NULL",
        tuple(wave_list),
    ).fetchall()
    other_response: list[int] = []
    other_item: list[str] = []
    other_text: list[str | None] = []
    other_numeric: list[float] = []
    for rid, text in other_rows:
        for entry in json.loads(text):
            numbered = len(entry) > 3 and entry[3] is not None
            other_response.append(rid)
            other_item.append(entry[0])
            other_text.append(None if numbered else entry[1])
            other_numeric.append(float(entry[3]) if numbered else math.nan)
    empty = np.zeros(0, dtype=np.int64)
    return AnswerArrays(
        numbered_response=np.concatenate(resp_parts) if resp_parts else empty,
        numbered_item=np.concatenate(item_parts) if item_parts else empty,
        numbered_value=np.concatenate(value_parts) if value_parts else np.zeros(0),
        items=list(items),
        other_response=np.array(other_response, dtype=np.int64),
        other_item=other_item,
        other_text=other_text,
        other_numeric=np.array(other_numeric, dtype=np.float64),
    )


def import_signatures(store: Store, wave_list: list[str]) -> list[tuple[str, str]]:
    """(wave, item_signatures JSON) of every import into the waves."""
    marks = ",".join("?" * len(wave_list))
    return [
        (str(row[0]), str(row[1] or "{}"))
        for row in store.query(f"SELECT wave, item_signatures FROM imports WHERE wave IN ({marks})", tuple(wave_list))
    ]
