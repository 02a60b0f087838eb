"""Spreadsheet cell values -> the strings a :class:`RawTable` holds."""

from __future__ import annotations

import datetime as dt
import math

__all__ = ["cell_text", "row_texts", "sheet_texts"]

_HALF_SECOND = dt.timedelta(microseconds=500_000)


def _datetime_text(value: dt.datetime) -> str:
    if value.microsecond:
        # Excel serials carry float noise (17:58:07.999998); the user typed whole seconds.
        value = (value + _HALF_SECOND).replace(microsecond=0)
    if value.hour or value.minute or value.second:
        return value.isoformat()
    return value.date().isoformat()


def cell_text(value: object) -> str:
    """Render one spreadsheet value as text: ``4.0`` -> ``"4"``, datetimes as ISO 8601.

    >>> cell_text(4.0), cell_text(0.5), cell_text(dt.datetime(2026, 3, 1, 9, 30))
    ('4', '0.5', '2026-03-01T09:30:00')

    A datetime at exactly midnight is taken to be a date (``"2026-03-01"``): survey sheets
    store dates that way, and a submission at 00:00:00.000 is vanishingly rare.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        return _datetime_text(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return _duration_text(value)
    return str(value)


def _duration_text(value: dt.timedelta) -> str:
    seconds = round(value.total_seconds())
    sign = "-" if seconds < 0 else ""
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours:02d}:{minutes:02d}:{secs:02d}"


def row_texts(row: list[object]) -> list[str]:
    """``cell_text`` over a row, with the common all-text case kept cheap."""
    return [c if type(c) is str else cell_text(c) for c in row]


def sheet_texts(values: list[list[object]]) -> list[list[str]]:
    """``cell_text`` over a whole sheet, fast enough to stay close to calamine's own time.

    Survey sheets repeat a handful of numbers (scale codes 1-5), so float texts are
    memoised; strings pass through untouched and datetimes skip the generic dispatch.
    """
    memo: dict[float, str] = {}
    lookup = memo.get
    datetime = dt.datetime

    def float_text(value: float) -> str:
        text = cell_text(value)
        memo[value] = text
        return text

    def other_text(value: object) -> str:
        if type(value) is datetime:
            return _datetime_text(value)
        return cell_text(value)

    return [
        [
            c
            if type(c) is str
            else (lookup(c) or float_text(c))  # type: ignore[arg-type]
            if type(c) is float
            else other_text(c)
            for c in row
        ]
        for row in values
    ]
