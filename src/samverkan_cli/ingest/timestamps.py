"""Submission times as the exports spell them -> ISO 8601 text, decided per column (SPEC 5).

Platforms and hands write the same moment many ways: ``2026-03-14 09:12``, ``14/03/2026 09:12:33``,
``2026-03-14T09:12:33Z``, ``14.3.2026``, ``3/14/2026 9:12:33 AM`` (Google Forms and SurveyMonkey in
English), ``2026/03/14 9:12:33 fm CET`` (Google Forms in Swedish), or an Excel serial number.
Everything becomes ``YYYY-MM-DDTHH:MM:SS`` (or ``YYYY-MM-DD`` for a date alone) in Swedish local
time. Whether ``03/04/2026`` is 3 April or 4 March is decided once for the whole column, from all
its values, never cell by cell. A cell that is not a date gives None: the stored column holds
timestamps only, never a respondent's free text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import cache
from typing import TYPE_CHECKING

from samverkan_cli.i18n import Msg
from samverkan_cli.ingest.findings import CATALOGUE

if TYPE_CHECKING:
    from datetime import tzinfo

__all__ = ["SubmissionTimes", "normalise_submitted", "parse_submitted"]

CATALOGUE.update(
    {
        "unreadable_submitted": (
            "warning",
            Msg(
                "{n} värden i kolumnen är ingen tidpunkt och sparas inte som inskickningstid (rad {rows}).",
                "{n} values in the column are not a date or time and are not stored as submission time (row {rows}).",
            ),
            Msg(
                "Svaren importerades ändå men saknar datum i fältperiodens uppföljning. Rätta cellerna"
                " i exporten (t.ex. 2026-03-14 09:12) och importera igen om datumen behövs.",
                "The responses were imported but have no date in the field-period progress. Correct the"
                " cells in the export (e.g. 2026-03-14 09:12) and import again if the dates are needed.",
            ),
        ),
    }
)

_TIME = (
    r"(?:[ T,]+|\s+kl\.?\s*)(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?:[:.](?P<s>\d{2})(?:[.,]\d{1,9})?)?"
    r"\s*(?P<half>fm|em|f\.m\.|e\.m\.|am|pm|a\.m\.|p\.m\.)?"
    r"\s*(?P<tz>z|utc|gmt|cet|cest|[+-]\d{2}:?\d{2}|(?:utc|gmt)\s*[+-]\d{1,2}(?::?\d{2})?)?"
)
# Year first: ISO 8601, 2026/03/14 (Google Forms), 2026.03.14.
_YMD = re.compile(r"^(?P<y>\d{4})[-/.](?P<a>\d{1,2})[-/.](?P<b>\d{1,2})(?:" + _TIME + r")?$", re.IGNORECASE)
# Year last: 14/03/2026, 14.3.2026, 3/14/2026 9:12:33 AM, 14-03-26.
_DMY = re.compile(r"^(?P<a>\d{1,2})[-/.](?P<b>\d{1,2})[-/.](?P<y>\d{4}|\d{2})(?:" + _TIME + r")?$", re.IGNORECASE)
# An Excel serial date (days since 1899-12-30) from a sheet that shows it as a plain number.
_SERIAL = re.compile(r"^\d{5}(?:[.,]\d+)?$")
_AFTERNOON = {"em", "e.m.", "pm", "p.m."}
_EXCEL_EPOCH = datetime(1900, 1, 1) - timedelta(days=2)
# 2000-01-01 .. 2099-12-31 as Excel serials: a wider number is no submission time.
_SERIAL_RANGE = (36526, 73051)
# Swedish local time: CET and CEST are its own names, so such a time is kept as written.
_LOCAL_NAMES = {"cet", "cest"}


@dataclass(frozen=True)
class SubmissionTimes:
    """One column's values as ISO text (None where empty or not a date) and the positions that were not dates."""

    values: list[str | None]
    unreadable: list[int]


def normalise_submitted(cells: Sequence[str]) -> SubmissionTimes:
    """Every value of one submission-time column as ISO 8601, day/month order decided for the column.

    >>> normalise_submitted(["3/4/2026 9:12:33 AM", "3/14/2026 4:01:00 PM", "", "igår"])
    SubmissionTimes(values=['2026-03-04T09:12:33', '2026-03-14T16:01:00', None, None], unreadable=[3])
    """
    texts = [c.strip() for c in cells]
    plain = [_plain_iso(text) for text in texts]
    # A plain ISO time has the year first, so it never votes on the day/month order.
    day_first = _day_first([text for text, value in zip(texts, plain, strict=True) if value is None])
    values: list[str | None] = []
    unreadable: list[int] = []
    for i, (text, value) in enumerate(zip(texts, plain, strict=True)):
        if value is None and text:
            value = _parse(text, day_first)
            if value is None:
                unreadable.append(i)
        values.append(value)
    return SubmissionTimes(values, unreadable)


# Most exports write "2026-03-14 09:12:33": read without the general pattern (a fifth of the time).
_PLAIN_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[ T](?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]")


def _plain_iso(text: str) -> str | None:
    """``YYYY-MM-DD HH:MM:SS`` of a real day as ISO text, else None (then :func:`_parse` decides).

    What this returns is what :func:`_parse` makes of the same text: the digits are ASCII, and the
    year at least 100 (a two-digit year is read as 20xx there), so the text is already ISO 8601.
    """
    if _PLAIN_ISO.fullmatch(text) is None or text < "0100" or not _is_day(text[:10]):
        return None
    return text[:10] + "T" + text[11:]


@cache
def _is_day(ymd: str) -> bool:
    """Whether ``YYYY-MM-DD`` names a day of the calendar (not 2026-02-30)."""
    try:
        datetime(int(ymd[:4]), int(ymd[5:7]), int(ymd[8:10]))
    except ValueError:
        return False
    return True


def parse_submitted(text: str | None) -> str | None:
    """One stored or exported submission time as ISO 8601, or None when it is not a date.

    Without the rest of its column a day/month order that the value itself does not settle
    (``03/04/2026``) is no date rather than a wrong one; ``14/03/2026`` and ISO text are read.

    >>> parse_submitted("2026/03/22 3:50:03 em CET"), parse_submitted("03/04/2026")
    ('2026-03-22T15:50:03', None)
    """
    text = (text or "").strip()
    if not text:
        return None
    match = _DMY.match(text)
    if match is None:
        return _parse(text, True)
    a, b = int(match["a"]), int(match["b"])
    if a > 12 >= b:
        return _parse(text, True)
    if b > 12 >= a:
        return _parse(text, False)
    return _parse(text, True) if a == b else None


def _day_first(texts: list[str]) -> bool:
    """Whether the column's year-last dates put the day first (Swedish) or the month (US).

    A value with a first number above 12 settles it for day first, one with a second number above
    12 for month first; when both occur the majority wins and the others are not dates. When no
    value settles it, a 12-hour clock (``AM``/``PM``) says US, anything else Swedish.
    """
    day_votes = month_votes = twelve_hour = 0
    for text in texts:
        match = _DMY.match(text) if text else None
        if match is None:
            continue
        a, b = int(match["a"]), int(match["b"])
        if a > 12 >= b:
            day_votes += 1
        elif b > 12 >= a:
            month_votes += 1
        if (match["half"] or "").lower() in ("am", "pm", "a.m.", "p.m."):
            twelve_hour += 1
    if day_votes or month_votes:
        return day_votes >= month_votes
    return not twelve_hour


def _parse(text: str, day_first: bool) -> str | None:
    match = _YMD.match(text)
    if match is not None:
        month, day = int(match["a"]), int(match["b"])
    else:
        match = _DMY.match(text)
        if match is None:
            return _serial(text)
        a, b = int(match["a"]), int(match["b"])
        day, month = (a, b) if day_first else (b, a)
    year = int(match["y"])
    if year < 100:
        year += 2000
    try:
        moment = datetime(year, month, day)
    except ValueError:
        return None
    if match["h"] is None:
        return moment.date().isoformat()
    hour, minute, second = int(match["h"]), int(match["mi"]), int(match["s"] or 0)
    half = (match["half"] or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half in _AFTERNOON else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    moment = moment.replace(hour=hour, minute=minute, second=second)
    zone = (match["tz"] or "").lower()
    if zone and zone not in _LOCAL_NAMES:
        moment = _to_local(moment, _offset(zone))
    return moment.isoformat()


def _serial(text: str) -> str | None:
    if _SERIAL.match(text) is None:
        return None
    days = float(text.replace(",", "."))
    if not _SERIAL_RANGE[0] <= days <= _SERIAL_RANGE[1]:
        return None
    moment = _EXCEL_EPOCH + timedelta(seconds=round(days * 86400))
    if moment.hour or moment.minute or moment.second:
        return moment.isoformat()
    return moment.date().isoformat()


def _offset(zone: str) -> timedelta:
    """``z``, ``utc``, ``+01:00``, ``gmt+2`` -> the offset from UTC."""
    sign_at = max(zone.find("+"), zone.find("-"))
    if sign_at < 0:
        return timedelta(0)
    digits = zone[sign_at + 1 :].replace(":", "").strip()
    hours, minutes = (int(digits[:-2] or 0), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
    delta = timedelta(hours=hours, minutes=minutes)
    return -delta if zone[sign_at] == "-" else delta


def _to_local(moment: datetime, offset: timedelta) -> datetime:
    """A wall-clock time at ``offset`` from UTC, as Swedish local time (the field period's days)."""
    aware = moment.replace(tzinfo=timezone(offset))
    return aware.astimezone(_stockholm()).replace(tzinfo=None)


@cache
def _stockholm() -> tzinfo:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo("Europe/Stockholm")
    except ZoneInfoNotFoundError:
        # No time-zone database (Windows without tzdata): standard time is right most of the field year.
        return timezone(timedelta(hours=1))
