"""Sentences written from numbers: the verdict summary, titles, ranges and finding names."""

from __future__ import annotations

from samverkan_cli.reports.excel import plain_text
from samverkan_cli.reports.format import fmt_ci
from samverkan_cli.reports.model import Comparison, Estimate, MeasureScore
from samverkan_cli.reports.wording import finding_label, titled, verdict_sentence, with_wave


def _dim(label: str, verdict: str | None, shown: bool = True) -> MeasureScore:
    county = Estimate(n=50, mean=60.0 if shown else None, suppressed=not shown)
    comp = Comparison(1.0, -1.0, 3.0, 0.5, verdict) if verdict else None
    return MeasureScore(label.lower(), label, county, Estimate(n=500, mean=55.0, suppressed=False), comp)


class TestVerdictSentence:
    def test_names_only_the_verdicts_that_occur(self) -> None:
        """Two better and two on a par: no "sämre i 0", and the areas are named."""
        dims = [_dim("A", "battre"), _dim("B", "battre"), _dim("C", "i_niva"), _dim("D", "i_niva")]
        text = verdict_sentence("Län", dims, "sv")
        assert text == "Jämfört med riket ligger Län **bättre** i två områden (A, B) och **i nivå** i två (C, D)."

    def test_all_alike_says_all(self) -> None:
        """When every area has the same verdict the sentence says "alla fyra områdena"."""
        dims = [_dim(x, "i_niva") for x in "ABCD"]
        assert verdict_sentence("Län", dims, "sv") == "Jämfört med riket ligger Län **i nivå** i alla fyra områdena."

    def test_hidden_areas_are_counted(self) -> None:
        """An area without a comparison is mentioned once, in English too."""
        dims = [_dim("A", "samre"), _dim("B", None, shown=False)]
        text = verdict_sentence("X", dims, "en")
        assert text == (
            "Compared with Sweden, X is **worse** in one dimension (A). For one dimension no comparison can be shown."
        )

    def test_nothing_to_tell_is_none(self) -> None:
        """No area with a verdict gives no sentence."""
        assert verdict_sentence("X", [_dim("A", None, shown=False)], "sv") is None


class TestTitles:
    def test_year_is_not_repeated(self) -> None:
        """A title that already names the wave is not followed by it again."""
        assert titled("Enkät 2026", "2026", "sv") == "Enkät 2026"
        assert titled("Enkät", "2026", "sv") == "Enkät · Mätomgång 2026"
        assert with_wave("Enkät 2026", "2026") == "Enkät 2026"
        assert with_wave("Enkät", "2026") == "Enkät (2026)"


class TestRangesAndNames:
    def test_negative_range_uses_a_word(self) -> None:
        """A range with a negative end reads "−54,3 till −37,9", not two minus signs around a dash."""
        assert fmt_ci(-54.3, -37.9, 1, "sv") == "\u221254,3 till \u221237,9"
        assert fmt_ci(-1.0, 2.0, 1, "en") == "-1.0 to 2.0"
        assert fmt_ci(58.3, 67.9, 1, "sv") == "58,3–67,9"

    def test_finding_codes_have_names(self) -> None:
        """Internal finding codes are shown as words."""
        assert finding_label("unknown_kommun", "sv") == "Okänd kommun"
        assert finding_label("some_new_code", "en") == "Some new code"

    def test_plain_text_keeps_a_literal_star(self) -> None:
        """Markdown markers go, the "(*)" that explains uncertain values stays."""
        assert plain_text("**Rubrik.** osäkra (*) och *i nivå*") == "Rubrik. osäkra (*) och i nivå"
