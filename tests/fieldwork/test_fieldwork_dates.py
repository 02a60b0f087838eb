"""Submission times in the platforms' own spellings are read into the right day and hour."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from samverkan_cli.fieldwork.dates import submission_day, submission_time


class TestSubmissionTime:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("2026-03-22T08:53:03", datetime(2026, 3, 22, 8, 53, 3)),
            ("2026-03-22 08:53", datetime(2026, 3, 22, 8, 53)),
            ("2026/03/22 8:53:03 fm CET", datetime(2026, 3, 22, 8, 53, 3)),
            ("2026/03/22 3:50:03 em CET", datetime(2026, 3, 22, 15, 50, 3)),
            ("2026/03/22 12:10:00 fm CET", datetime(2026, 3, 22, 0, 10)),
            ("2026/03/22 12:10:00 em CET", datetime(2026, 3, 22, 12, 10)),
            ("2026-03-22", datetime(2026, 3, 22)),
        ],
    )
    def test_reads_iso_and_the_swedish_12_hour_clock(self, text: str, expected: datetime) -> None:
        """ISO times and Google Forms' ``fm``/``em`` clock give the same local time."""
        assert submission_time(text) == expected

    @pytest.mark.parametrize("text", [None, "", "igår", "2026-13-01", "03/04/2026"])
    def test_no_date_is_none(self, text: str | None) -> None:
        """Empty, impossible or (alone) day/month-ambiguous text is no date rather than a wrong one."""
        assert submission_day(text) is None

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("22/03/2026 09:12", date(2026, 3, 22)),
            ("3/22/2026 9:12:33 AM", date(2026, 3, 22)),
            ("22.3.2026", date(2026, 3, 22)),
        ],
    )
    def test_older_stored_spellings_that_settle_their_order_are_read(self, text: str, expected: date) -> None:
        """Databases written before times were normalised hold the export's text; an unambiguous one is read."""
        assert submission_day(text) == expected

    def test_afternoon_sorts_after_morning(self) -> None:
        """Ordered by the parsed time, 3 em comes after 9 fm, unlike the text."""
        times = ["2026/03/22 3:00:00 em CET", "2026/03/22 9:00:00 fm CET"]
        assert sorted(times) == times
        assert sorted(times, key=submission_time)[-1] == times[0]
        assert submission_day(times[0]) == date(2026, 3, 22)
