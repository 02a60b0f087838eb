"""The packed answer layout: one ``response_answers`` row per response instead of one row per answer.

An import lists its numbered items once (``imports.answer_items``, a JSON array) together with the
label each number stood for (``imports.answer_labels``: item -> [[number, label], ...]). A response
then stores:

- ``numbers``: a JSON array with one number (or null) per item of ``answer_items``;
- ``raw``: a JSON object item -> raw answer, only where the raw answer differs from the label;
- ``other``: a JSON array of ``[item, value, raw, number]`` for every answer without a slot
  (missing labels such as "Vet ej", options, multi-select codes, free text); raw is null when it
  equals the value, trailing nulls are left out.

The view ``answers`` gives the long SPEC section 5 table back (response_id, item_id, raw_value, value,
numeric) for traceability and ad-hoc SQL; writing to it appends to ``other``.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "ANSWERS_TRIGGER",
    "ANSWERS_VIEW",
    "RESPONSE_ANSWERS",
    "Layout",
    "format_numbers",
    "json_text",
    "migrate_long_answers",
    "other_entry",
    "write_long_answers",
]

#: (response_id, import_id, item_id, raw_value or None, value, numeric or None) of the old long table
LongRow = tuple[int, int, str, str | None, str, float | None]

RESPONSE_ANSWERS = """
CREATE TABLE response_answers (
    response_id INTEGER PRIMARY KEY REFERENCES responses(id) ON DELETE CASCADE,
    numbers TEXT NOT NULL,
    raw TEXT,
    other TEXT
)
"""

ANSWERS_VIEW = """
CREATE VIEW answers (response_id, item_id, raw_value, value, numeric) AS
SELECT ra.response_id, slot.value,
       json_extract(ra.raw, '$.' || json_quote(slot.value)),
       (SELECT json_extract(l.value, '$[1]') FROM json_each(i.answer_labels, '$.' || json_quote(slot.value)) l
         WHERE json_extract(l.value, '$[0]') = n.value),
       n.value
  FROM response_answers ra
  JOIN responses r ON r.id = ra.response_id
  JOIN imports i ON i.id = r.import_id
  JOIN json_each(i.answer_items) slot
  JOIN json_each(ra.numbers) n ON n.key = slot.key
 WHERE n.type != 'null'
UNION ALL
SELECT ra.response_id, json_extract(o.value, '$[0]'), json_extract(o.value, '$[2]'),
       json_extract(o.value, '$[1]'), json_extract(o.value, '$[3]')
  FROM response_answers ra JOIN json_each(ra.other) o
"""

ANSWERS_TRIGGER = """
CREATE TRIGGER answers_insert INSTEAD OF INSERT ON answers BEGIN
  INSERT INTO response_answers (response_id, numbers, other)
  VALUES (NEW.response_id, '[]', json_array(json_array(NEW.item_id, NEW.value, NEW.raw_value, NEW.numeric)))
  ON CONFLICT (response_id) DO UPDATE SET other = json_insert(COALESCE(other, '[]'), '$[#]',
      json_array(NEW.item_id, NEW.value, NEW.raw_value, NEW.numeric));
END
"""


def json_text(value: Any) -> str:
    """Compact JSON with the text kept readable (å, ä, ö stay as they are)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def other_entry(item: str, value: str, raw: str | None, numeric: float | None = None) -> list[Any]:
    """One ``other`` entry; trailing nulls are dropped to keep the row short."""
    if numeric is not None:
        return [item, value, raw, numeric]
    return [item, value] if raw is None else [item, value, raw]


def format_numbers(values: Iterable[float]) -> str:
    """A JSON array of the numbers of one response, NaN as null (``repr`` keeps every bit)."""
    return "[" + ",".join("null" if math.isnan(v) else repr(float(v)) for v in values) + "]"


@dataclass
class Layout:
    """The numbered items of one import and the label each number stood for."""

    items: list[str] = field(default_factory=list)
    labels: dict[str, dict[float, str]] = field(default_factory=dict)

    def labels_json(self) -> str:
        return json_text({item: [[n, v] for n, v in sorted(by.items())] for item, by in self.labels.items()})

    def fits(self, item: str, numeric: float, value: str) -> bool:
        """True when the number of ``item`` can stand for ``value`` in this layout (adding it if new)."""
        known = self.labels.setdefault(item, {})
        if numeric not in known:
            known[numeric] = value
        return known[numeric] == value


def migrate_long_answers(db: sqlite3.Connection) -> None:
    """Pack the rows of the version-1 long ``answers`` table into ``response_answers`` (schema step 2)."""
    rows: Sequence[LongRow] = db.execute(
        "SELECT a.response_id, r.import_id, a.item_id, a.raw_value, a.value, a.numeric"
        " FROM answers_v1 a JOIN responses r ON r.id = a.response_id ORDER BY a.rowid"
    ).fetchall()
    write_long_answers(db, rows)


def write_long_answers(db: sqlite3.Connection, rows: Sequence[LongRow]) -> None:
    """Store answers given in the long form, packed: every answer of each import in this one call.

    For the migration and for tools that build a database from long rows (benchmarks, test fixtures);
    the importer writes its packed rows directly.
    """
    layouts: dict[int, Layout] = {}
    for _rid, import_id, item, _raw, value, numeric in rows:
        if numeric is not None:
            layout = layouts.setdefault(import_id, Layout())
            if item not in layout.labels:
                layout.items.append(item)
            layout.fits(item, float(numeric), value)
    packed: dict[int, tuple[dict[str, float], dict[str, str], list[list[Any]]]] = {}
    import_of: dict[int, int] = {}
    for rid, import_id, item, raw, value, numeric in rows:
        numbers, raws, other = packed.setdefault(rid, ({}, {}, []))
        import_of[rid] = import_id
        layout = layouts.get(import_id, Layout())
        if numeric is not None and item not in numbers and layout.labels[item][float(numeric)] == value:
            numbers[item] = float(numeric)
            if raw is not None:
                raws[item] = raw
        else:
            other.append(other_entry(item, value, raw, None if numeric is None else float(numeric)))
    db.executemany(
        "UPDATE imports SET answer_items = ?, answer_labels = ? WHERE id = ?",
        [(json_text(layout.items), layout.labels_json(), import_id) for import_id, layout in layouts.items()],
    )
    db.executemany(
        "INSERT INTO response_answers (response_id, numbers, raw, other) VALUES (?, ?, ?, ?)",
        [
            (
                rid,
                format_numbers(numbers.get(item, math.nan) for item in layouts.get(import_of[rid], Layout()).items)
                if numbers
                else "[]",
                json_text(raws) if raws else None,
                json_text(other) if other else None,
            )
            for rid, (numbers, raws, other) in packed.items()
        ],
    )
