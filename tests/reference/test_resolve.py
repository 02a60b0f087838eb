"""Tests for resolving free kommun spellings."""

from __future__ import annotations

import pytest

from samverkan_cli.reference import (
    Kommun,
    KommunMatch,
    aliases,
    kommun_by_code,
    kommuner,
    resolve_kommun,
)
from samverkan_cli.text import fold


def _code(text: str | int | float | None) -> str | None:
    return resolve_kommun(text).code


def _names(match: KommunMatch) -> list[str]:
    return [k.name for k in match.candidates]


class TestFold:
    """text.fold folds case, Unicode form, hyphens and whitespace."""

    def test_folds_case_hyphens_and_whitespace(self) -> None:
        """Case, hyphens and runs of whitespace do not matter."""
        assert fold("  Upplands-VÄSBY ") == "upplands väsby"
        assert fold("Upplands \t Väsby") == "upplands väsby"

    def test_decomposed_and_composed_letters_are_equal(self) -> None:
        """An NFD "ö" (o + combining diaeresis) equals the composed letter."""
        assert fold("Go\u0308teborg") == fold("Göteborg")


class TestOwnNamesAndCodes:
    """Every kommun resolves from its own name and its own code."""

    @pytest.mark.parametrize("k", kommuner(), ids=lambda k: k.code)
    def test_name_and_code(self, k: Kommun) -> None:
        """Name, upper-cased name, "<name> kommun" and the code all give the kommun."""
        assert resolve_kommun(k.name) == KommunMatch(k, (), "name")
        assert _code(k.name.upper()) == k.code
        assert _code(f"{k.name} kommun") == k.code
        assert _code(f"{k.name.upper()} KOMMUN") == k.code
        assert resolve_kommun(k.code) == KommunMatch(k, (), "code")

    @pytest.mark.parametrize("k", kommuner(), ids=lambda k: k.code)
    def test_genitive_forms(self, k: Kommun) -> None:
        """The official genitive forms "<name>s kommun" and "<name>s stad" give the kommun."""
        genitive = k.name if k.name.endswith("s") else f"{k.name}s"
        assert _code(f"{genitive} kommun") == k.code
        assert _code(f"{genitive} stad") == k.code


class TestSwedishCaseFolding:
    """Å, Ä and Ö match regardless of case and surrounding whitespace."""

    @pytest.mark.parametrize("text", ["GÖTEBORG", "göteborg", "Göteborg ", "  göteBORG\t", "Go\u0308teborg"])
    def test_goteborg(self, text: str) -> None:
        """Every casing of Göteborg is Göteborg, matched by name."""
        assert resolve_kommun(text) == KommunMatch(kommun_by_code("1480"), (), "name")

    @pytest.mark.parametrize(("text", "code"), [("ÅRE", "2321"), ("älvdalen", "2039"), ("ÖREBRO", "1880")])
    def test_leading_swedish_letters(self, text: str, code: str) -> None:
        """Names beginning with Å, Ä or Ö fold like any other letter."""
        assert _code(text) == code


class TestCodes:
    """SCB codes resolve in the forms spreadsheets produce."""

    @pytest.mark.parametrize("text", ["0180", " 0180 ", "'0180", "180", 180, 180.0, "180.0", "0180 Stockholm"])
    def test_stockholm(self, text: str | int | float) -> None:
        """A code with its zero, with an apostrophe, or that lost its zero, is the kommun."""
        assert resolve_kommun(text) == KommunMatch(kommun_by_code("0180"), (), "code")

    @pytest.mark.parametrize("text", ["1480 Göteborg", "1480 - Göteborg", "Göteborg (1480)"])
    def test_code_with_name(self, text: str) -> None:
        """A code written together with its name resolves by code."""
        assert resolve_kommun(text).method == "code"
        assert _code(text) == "1480"

    def test_code_contradicting_name_is_ambiguous(self) -> None:
        """ "1480 Malmö" names two kommuner, so neither is chosen."""
        match = resolve_kommun("1480 Malmö")
        assert match.kommun is None
        assert match.method == "ambiguous"
        assert {k.code for k in match.candidates} == {"1480", "1280"}

    @pytest.mark.parametrize("text", ["9999", "0000", "999", "12345"])
    def test_unknown_code(self, text: str) -> None:
        """A number that is no kommun code matches nothing."""
        assert resolve_kommun(text).kommun is None
        assert resolve_kommun(text).method == "none"

    def test_four_digit_input_is_never_padded(self) -> None:
        """Only three-digit input gets a leading zero: "1800" is not "0180"."""
        assert _code("1800") is None


class TestAliases:
    """Official names, abbreviations and stadsdelar resolve to their kommun."""

    @pytest.mark.parametrize(
        ("text", "code"),
        [
            ("Göteborgs Stad", "1480"),
            ("Göteborgs stad", "1480"),
            ("Göteborgs kommun", "1480"),
            ("Malmö stad", "1280"),
            ("Stockholms stad", "0180"),
            ("Region Gotland", "0980"),
            ("Gotlands kommun", "0980"),
            ("Falu kommun", "2080"),
        ],
    )
    def test_official_names(self, text: str, code: str) -> None:
        """The names kommuner use for themselves resolve exactly."""
        match = resolve_kommun(text)
        assert match.code == code
        assert match.certain

    @pytest.mark.parametrize(
        ("text", "code"),
        [("Gbg", "1480"), ("GBG", "1480"), ("Sthlm", "0180"), ("Övik", "2284")],
    )
    def test_abbreviations(self, text: str, code: str) -> None:
        """Common abbreviations resolve as aliases."""
        assert resolve_kommun(text) == KommunMatch(kommun_by_code(code), (), "alias")

    def test_exonym(self) -> None:
        """The English name Gothenburg is Göteborg."""
        assert _code("Gothenburg") == "1480"
        assert _code("Gothenburg municipality") == "1480"

    @pytest.mark.parametrize(
        ("text", "code"),
        [
            ("Angered", "1480"),
            ("Östra Göteborg", "1480"),
            ("Örgryte-Härlanda", "1480"),
            ("Majorna-Linné", "1480"),
            ("Askim-Frölunda-Högsbo", "1480"),
            ("Västra Hisingen", "1480"),
            ("Norra Hisingen", "1480"),
            ("Lundby", "1480"),
            ("Västra Göteborg", "1480"),
            ("Göteborg Centrum", "1480"),
            ("Rinkeby-Kista", "0180"),
            ("Enskede-Årsta-Vantör", "0180"),
            ("Hägersten-Älvsjö", "0180"),
            ("Södermalm", "0180"),
            ("Malmö Norr", "1280"),
            ("Malmö Innerstaden", "1280"),
        ],
    )
    def test_stadsdelar(self, text: str, code: str) -> None:
        """Current stadsdelar of the three big cities resolve to the city."""
        assert resolve_kommun(text) == KommunMatch(kommun_by_code(code), (), "alias")

    @pytest.mark.parametrize(
        ("text", "code"),
        [
            ("Torslanda", "1480"),
            ("Biskopsgården", "1480"),
            ("Kortedala", "1480"),
            ("Bergsjön", "1480"),
            ("Hägersten-Liljeholmen", "0180"),
            ("Älvsjö", "0180"),
            ("Rosengård", "1280"),
            ("Limhamn-Bunkeflo", "1280"),
            ("Malmö Centrum", "1280"),
        ],
    )
    def test_former_stadsdelar(self, text: str, code: str) -> None:
        """Older stadsdel names still in use resolve to the city."""
        assert resolve_kommun(text) == KommunMatch(kommun_by_code(code), (), "alias")

    @pytest.mark.parametrize(
        "text",
        [
            "Stadsdelsnämnden Angered",
            "Angereds stadsdelsförvaltning",
            "SDF Angered",
            "angered sdn",
            "Göteborgs Stad, Angered",
        ],
    )
    def test_stadsdel_with_organisation_words(self, text: str) -> None:
        """A stadsdel with stadsdelsnämnd/-förvaltning or the city's name is still the city."""
        assert _code(text) == "1480"

    def test_every_alias_resolves_to_its_kommun(self) -> None:
        """Each line of aliases.csv resolves to its own kommun, exactly."""
        for a in aliases():
            match = resolve_kommun(a.alias)
            assert match.code == a.kommun_code, a.alias
            assert match.method == "alias", a.alias

    @pytest.mark.parametrize("text", ["Centrum", "Norr", "Söder", "Öster", "Väster", "Innerstaden"])
    def test_generic_district_names_do_not_match(self, text: str) -> None:
        """District names shared by many towns are never taken as one city's."""
        assert resolve_kommun(text).kommun is None


class TestHyphensAndSpaces:
    """Hyphen and space are the same in kommun names."""

    @pytest.mark.parametrize(
        ("text", "code"),
        [
            ("Upplands Väsby", "0114"),
            ("Upplands-Väsby", "0114"),
            ("Upplands Bro", "0139"),
            ("Upplands-Bro", "0139"),
            ("Malung Sälen", "2023"),
            ("Malung-Sälen", "2023"),
            ("Malung – Sälen", "2023"),
            ("Dals Ed", "1438"),
            ("Lilla-Edet", "1462"),
        ],
    )
    def test_variants(self, text: str, code: str) -> None:
        """Both spellings resolve exactly to the kommun."""
        match = resolve_kommun(text)
        assert match.code == code
        assert match.method == "name"


class TestFuzzy:
    """One typo in a name resolves, with the nearest kommuner as candidates."""

    @pytest.mark.parametrize(
        ("text", "code"),
        [
            ("Götebrog", "1480"),
            ("Linköpng", "0580"),
            ("Sundbyber", "0183"),
            ("Götebrogs stad", "1480"),
            ("Goteborg", "1480"),
            ("Malmo", "1280"),
            ("Jonkoping", "0680"),
        ],
    )
    def test_one_typo(self, text: str, code: str) -> None:
        """A misspelling or missing diacritics resolves with method "fuzzy"."""
        match = resolve_kommun(text)
        assert match.method == "fuzzy"
        assert match.code == code
        assert match.candidates[0].code == code
        assert 1 <= len(match.candidates) <= 3
        assert not match.certain

    def test_fuzzy_match_is_explained(self) -> None:
        """A fuzzy match carries a bilingual explanation naming the kommun."""
        message = resolve_kommun("Götebrog").explain("Götebrog")
        assert message is not None
        assert "Göteborg (1480)" in message.sv
        assert "Göteborg (1480)" in message.en

    @pytest.mark.parametrize("text", ["Ede", "Lnud", "Sal"])
    def test_short_names_are_not_guessed(self, text: str) -> None:
        """Typos in very short names are too risky to accept."""
        match = resolve_kommun(text)
        assert match.kommun is None
        assert match.candidates


class TestNoGuess:
    """Unknown and ambiguous texts give candidates but never a kommun."""

    def test_unknown_name(self) -> None:
        """ "Atlantis" matches nothing and lists three nearest kommuner."""
        match = resolve_kommun("Atlantis")
        assert match.kommun is None
        assert match.method == "none"
        assert len(match.candidates) == 3
        assert match.explain("Atlantis") is not None

    def test_ambiguous_prefix(self) -> None:
        """ "Upplands" could be Upplands Väsby or Upplands-Bro, so neither is chosen."""
        match = resolve_kommun("Upplands")
        assert match.kommun is None
        assert match.method == "ambiguous"
        assert {"Upplands Väsby", "Upplands-Bro"} <= set(_names(match))

    def test_two_kommuner_in_one_text(self) -> None:
        """ "Göteborg Malmö" names two kommuner and is ambiguous."""
        match = resolve_kommun("Göteborg Malmö")
        assert match.method == "ambiguous"
        assert set(_names(match)) == {"Göteborg", "Malmö"}

    @pytest.mark.parametrize(("text", "name"), [("Region Stockholm", "Stockholm"), ("Region Uppsala", "Uppsala")])
    def test_region_is_not_its_namesake_kommun(self, text: str, name: str) -> None:
        """A region other than Gotland is not a kommun; its namesake is only a candidate."""
        match = resolve_kommun(text)
        assert match.kommun is None
        assert _names(match) == [name]

    @pytest.mark.parametrize("text", ["REGION GOTLAND", "Region Gotlands kommun", "region-gotland"])
    def test_region_gotland_is_a_kommun(self, text: str) -> None:
        """Region Gotland is the kommun Gotland in any spelling."""
        assert _code(text) == "0980"

    def test_county_is_not_a_kommun(self) -> None:
        """ "Stockholms län" is a county, not Stockholm kommun."""
        assert resolve_kommun("Stockholms län").kommun is None

    @pytest.mark.parametrize("text", ["", "   ", None, float("nan"), "-"])
    def test_empty(self, text: str | float | None) -> None:
        """Blank answers are reported as empty."""
        assert resolve_kommun(text) == KommunMatch(None, (), "empty")


class TestSimilarNames:
    """Kommuner whose names overlap are never confused with each other."""

    @pytest.mark.parametrize(
        ("text", "code"),
        [
            ("Mark", "1463"),
            ("Marks kommun", "1463"),
            ("Markaryd", "0767"),
            ("Ale", "1440"),
            ("Ale kommun", "1440"),
            ("Upplands Väsby", "0114"),
            ("Upplands-Bro", "0139"),
            ("Österåker", "0117"),
            ("Vingåker", "0428"),
            ("Kalix", "2514"),
            ("Överkalix", "2513"),
            ("Sala", "1981"),
            ("Salem", "0128"),
            ("Uppsala", "0380"),
            ("Mora", "2062"),
            ("Hedemora", "2083"),
            ("Köping", "1983"),
            ("Enköping", "0381"),
            ("Habo", "0643"),
            ("Håbo", "0305"),
            ("Berg", "2326"),
            ("Bergs kommun", "2326"),
            ("Eda", "1730"),
            ("Kil", "1715"),
        ],
    )
    def test_exact_names_win(self, text: str, code: str) -> None:
        """Each name resolves to its own kommun, not to one that contains it."""
        assert resolve_kommun(text).code == code
        assert resolve_kommun(text).certain

    def test_part_of_a_name_is_not_guessed(self) -> None:
        """ "Åker" is part of Österåker and Vingåker, but is no kommun."""
        assert resolve_kommun("Åker").kommun is None


class TestRepeatedAnswers:
    """Resolving many repeated answers gives the same answer each time (speed: benchmarks/bench_resolve.py)."""

    def test_hundred_thousand_repeated_answers_all_resolve(self) -> None:
        """100,000 strings with many repeats all resolve, each to the same kommun as its first time."""
        texts = [k.name for k in kommuner()] + ["Göteborgs Stad", "Gbg", "0180", "Angered"]
        first = {t: resolve_kommun(t).code for t in texts}
        batch = [texts[i % len(texts)] for i in range(100_000)]
        results = [resolve_kommun(t) for t in batch]
        assert all(r.kommun is not None for r in results)
        assert all(r.code == first[t] for r, t in zip(results, batch, strict=True))
