"""Stored submission times read into dates for the field period.

Imports store ISO 8601 (:mod:`samverkan_cli.ingest.timestamps`); databases written by older
versions hold the export's own text, e.g. Google Forms' ``2026/03/22 8:53:03 fm CET`` (Swedish
12-hour clock), which is read the same way, value by value. Comparing the text would misplace days.
"""

from __future__ import annotations

from datetime import date, datetime

from samverkan_cli.ingest.timestamps import parse_submitted

__all__ = ["submission_day", "submission_time"]


def submission_time(text: str | None) -> datetime | None:
    """The local time of a stored submission text, or None when it is empty or not a date."""
    iso = parse_submitted(text)
    return datetime.fromisoformat(iso) if iso else None


def submission_day(text: str | None) -> date | None:
    """The day of a stored submission text, or None."""
    when = submission_time(text)
    return when.date() if when else None
