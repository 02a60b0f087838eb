"""Click's own frame (usage, headings, errors) speaks Swedish by default; counts agree with their nouns."""

from __future__ import annotations

from samverkan_cli.cli.app import swedish_click
from samverkan_cli.i18n import counted


class TestClickInSwedish:
    def test_unknown_option_is_said_in_swedish(self, cli) -> None:  # type: ignore[no-untyped-def]
        """An unknown option gives a Swedish usage line, hint and error, exit code 2."""
        result = cli("analyze", "--bogus")
        assert result.code == 2
        assert "Användning: samverkan analyze [ALTERNATIV]" in result.err
        assert "Prova 'samverkan analyze -h' för hjälp." in result.err
        assert "Fel: Okänt alternativ: --bogus" in result.err
        assert "No such option" not in result.err and "Usage" not in result.err

    def test_english_stays_english(self, cli) -> None:  # type: ignore[no-untyped-def]
        """Under --lang en Click's messages are left as Click wrote them."""
        result = cli("--lang", "en", "analyze", "--bogus")
        assert "Error: No such option: --bogus" in result.err

    def test_help_is_swedish(self, cli) -> None:  # type: ignore[no-untyped-def]
        """Help printed by Click itself has Swedish headings and help-option text."""
        result = cli("--quiet", "analyze", "--help")
        assert result.code == 0
        assert result.out.startswith("Användning: samverkan analyze [ALTERNATIV]")
        assert "Alternativ:" in result.out and "Visa hjälpen och avsluta." in result.out
        assert "Show this message" not in result.out and "[default:" not in result.out

    def test_missing_argument_and_unknown_command(self, cli) -> None:  # type: ignore[no-untyped-def]
        """Missing arguments and misspelt commands are told in Swedish with the suggestion kept."""
        assert "Fel: Argumentet 'files' saknas." in cli("import").err
        assert "Okänt kommando 'analyz'. Menade du 'analyze'?" in cli("analyz").err

    def test_translation_rules(self) -> None:
        """Each of Click's common messages has a Swedish rendering."""
        assert swedish_click("Error: Option '--wave' requires an argument.") == (
            "Fel: Alternativet '--wave' kräver ett värde."
        )
        assert swedish_click("Invalid value for '--lang': 'xx' is not one of 'sv', 'en'.") == (
            "Ogiltigt värde för '--lang': 'xx' är inte ett av 'sv', 'en'."
        )
        assert swedish_click("Got unexpected extra argument (x)") == "Oväntade extra argument (x)"


class TestCounted:
    def test_singular_and_plural(self) -> None:
        """One takes the singular noun, every other count the plural, in both languages."""
        assert counted(1, "fil|filer", "file|files").render("sv") == "1 fil"
        assert counted(2, "fil|filer", "file|files").render("sv") == "2 filer"
        assert counted(0, "dubblett|dubbletter", "duplicate|duplicates").render("en") == "0 duplicates"
        assert counted(1, "fel", "error|errors").render("sv") == "1 fel"
        assert counted(1, "fel", "error|errors").render("en") == "1 error"
