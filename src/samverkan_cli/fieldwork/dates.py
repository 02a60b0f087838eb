"""Submission times as the platforms store them, read into dates for the field period.

The importer keeps the export's own text: ISO 8601 from most platforms, but Google Forms writes
``2026/03/22 8:53:03 fm CET`` (Swedish 12-hour clock), so comparing the text would misplace days.
"""

from __future__ import annotations

import re
from datetime import date, datetime

__all__ = ["submission_day", "submission_time"]

_STAMP = re.compile(
    r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
    r"(?:[ T]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:\.\d+)?\s*(fm|em|f\.m\.|e\.m\.|am|pm|a\.m\.|p\.m\.)?)?",
    re.IGNORECASE,
)
_AFTERNOON = {"em", "e.m.", "pm", "p.m."}


def submission_time(text: str | None) -> datetime | None:
    """The local time of a stored submission text, or None when it is empty or not a date."""
    match = _STAMP.match(text or "")
    if match is None:
        return None
    year, month, day, hour, minute, second, half = match.groups()
    h = int(hour or 0)
    if half:
        h = h % 12 + (12 if half.lower() in _AFTERNOON else 0)
    try:
        return datetime(int(year), int(month), int(day), h, int(minute or 0), int(second or 0))
    except ValueError:
        return None


def submission_day(text: str | None) -> date | None:
    """The day of a stored submission text, or None."""
    when = submission_time(text)
    return when.date() if when else None
