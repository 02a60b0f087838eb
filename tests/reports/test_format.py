"""Number and date filters: Swedish and English report conventions."""

from __future__ import annotations

import math

from samverkan_cli.reports.format import (
    MINUS,
    THIN_SPACE,
    fmt_ci,
    fmt_date,
    fmt_int,
    fmt_number,
    fmt_percent,
    fmt_signed,
)


class TestNumbers:
    def test_swedish_decimal_comma(self) -> None:
        """72.44 is written 72,4 in Swedish and 72.4 in English."""
        assert fmt_number(72.44, 1, "sv") == "72,4"
        assert fmt_number(72.44, 1, "en") == "72.4"

    def test_swedish_thin_space_thousands(self) -> None:
        """Thousands are grouped with a thin space in Swedish, a comma in English."""
        assert fmt_int(1234, "sv") == f"1{THIN_SPACE}234"
        assert fmt_int(1234567, "en") == "1,234,567"
        assert fmt_number(1234.5, 1, "sv") == f"1{THIN_SPACE}234,5"

    def test_missing_and_nan_are_two_dots(self) -> None:
        """A suppressed (None) or undefined (NaN) value is '..'."""
        assert fmt_number(None) == ".."
        assert fmt_number(math.nan) == ".."
        assert fmt_percent(None) == ".."
        assert fmt_ci(None, 3.0) == ".."

    def test_signed_uses_a_real_minus_in_swedish(self) -> None:
        """Differences show their sign; Swedish uses U+2212; a rounded zero has no sign."""
        assert fmt_signed(2.44, 1, "sv") == "+2,4"
        assert fmt_signed(-1.9, 1, "sv") == f"{MINUS}1,9"
        assert fmt_signed(-1.9, 1, "en") == "-1.9"
        assert fmt_signed(-0.01, 1, "sv") == "0,0"

    def test_percent(self) -> None:
        """Shares are percentages with a no-break space before % in Swedish."""
        assert fmt_percent(0.614, 0, "sv") == "61\u00a0%"
        assert fmt_percent(0.614, 0, "en") == "61%"

    def test_ci(self) -> None:
        """A confidence interval is low–high with an en dash."""
        assert fmt_ci(58.31, 67.94, 1, "sv") == "58,3–67,9"


class TestDates:
    def test_swedish_long_date(self) -> None:
        """ISO time becomes '25 november 2026 kl. 04.37 UTC' in Swedish."""
        assert fmt_date("2026-11-25T04:37:00+00:00", "sv") == "25 november 2026 kl. 04.37 UTC"

    def test_english_long_date(self) -> None:
        """English uses the capitalised month and a colon."""
        assert fmt_date("2026-11-25T04:37:00", "en") == "25 November 2026, 04:37"

    def test_date_only(self) -> None:
        """with_time=False leaves the time out."""
        assert fmt_date("2026-03-01", "sv", with_time=False) == "1 mars 2026"

    def test_unparseable_is_returned_as_is(self) -> None:
        """Text that is not a date is shown unchanged rather than crashing the report."""
        assert fmt_date("igår", "sv") == "igår"
