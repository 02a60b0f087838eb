"""Domain words in the codebook: report roles, organisation type labels and missing-answer aliases."""

from __future__ import annotations

import pytest

from samverkan_cli.errors import ConfigError
from samverkan_cli.i18n import Lang
from samverkan_cli.ingest.normalise import AnswerNormaliser, Unknown
from samverkan_cli.instrument import Instrument, default_instrument_text, load_instrument, parse_instrument


def _problems(text: str) -> str:
    with pytest.raises(ConfigError) as info:
        parse_instrument(text, "x.toml")
    return "\n".join(p.render("en") for p in info.value.problems)


def _with(old: str, new: str) -> str:
    text = default_instrument_text()
    assert old in text
    return text.replace(old, new, 1)


class TestReportRoles:
    def test_default_codebook_names_the_report_items(self) -> None:
        """V1 gives the referral destinations and B6 the interest in a user-led audit."""
        inst = load_instrument()
        referrals = inst.item_with_report_role("referral_destinations")
        audit = inst.item_with_report_role("audit_interest")
        assert (referrals and referrals.id, audit and audit.id) == ("V1", "B6")

    def test_role_no_item_plays_is_none(self) -> None:
        """A report role no item has gives None (the report leaves that part out)."""
        text = _with('report_role = "audit_interest"\n', "")
        assert parse_instrument(text, "x.toml").item_with_report_role("audit_interest") is None

    def test_unknown_report_role_lists_the_allowed_ones(self) -> None:
        """A misspelt report role is a problem naming the key and the allowed roles."""
        joined = _problems(_with('report_role = "audit_interest"', 'report_role = "audit"'))
        assert "(B6).report_role: unknown role 'audit' (allowed: referral_destinations, audit_interest)" in joined

    def test_two_items_with_one_report_role_is_a_problem(self) -> None:
        """At most one item plays each report role."""
        joined = _problems(_with('report_role = "audit_interest"', 'report_role = "referral_destinations"'))
        assert "several items have report_role = 'referral_destinations'" in joined

    def test_report_role_needs_options(self) -> None:
        """A report role on an item without options (free text) is a problem."""
        joined = _problems(
            _with('id = "X1"\nscale = "text"', 'id = "X1"\nscale = "text"\nreport_role = "audit_interest"')
        )
        assert "(X1).report_role: a report role needs a choice or multi scale (not text)" in joined


class TestOrgTypeLabels:
    @pytest.mark.parametrize(
        ("code", "lang", "plural", "label"),
        [
            ("vardcentral", "sv", False, "Vårdcentral"),
            ("vardcentral", "sv", True, "Vårdcentraler"),
            ("vardcentral", "en", True, "Primary care centres"),
            ("kommun", "sv", True, "Kommuner (socialtjänst)"),
            ("kommun", "en", True, "Municipalities (social services)"),
            ("annan", "sv", True, "Andra verksamheter"),
            ("annan", "en", False, "Other"),
            ("alla", "sv", False, "Alla"),
            ("alla", "sv", True, "Alla verksamheter"),
            ("alla", "en", True, "All organisations"),
            ("okand", "sv", True, "okand"),
        ],
    )
    def test_labels_come_from_the_codebook(self, code: str, lang: Lang, plural: bool, label: str) -> None:
        """Singular, plural and the "alla" group in both languages; an unknown code is shown as is."""
        assert load_instrument().org_type_label(code, lang, plural=plural) == label

    def test_codes_in_codebook_order(self) -> None:
        """The organisation types are the options of the org_typ item."""
        assert load_instrument().org_type_codes() == ("vardcentral", "kommun", "annan")

    def test_plural_falls_back_to_singular(self) -> None:
        """An option without a plural label is named by its singular label."""
        inst = parse_instrument(_with('plural.sv = "Andra verksamheter"\nplural.en = "Other organisations"\n', ""), "x")
        assert inst.org_type_label("annan", "sv", plural=True) == "Annan"

    def test_all_only_on_choice_scales(self) -> None:
        """An ``all`` label on a multi scale is a problem."""
        joined = _problems(
            _with(
                '[scales.remissvag]\ntype = "multi"\n',
                '[scales.remissvag]\ntype = "multi"\nall.sv = "A"\nall.en = "A"\n',
            )
        )
        assert "scales.remissvag.all: only applies to choice scales" in joined


class TestSignaturesStable:
    def test_report_labels_do_not_change_signatures(self) -> None:
        """Plural labels, the "alla" label and missing aliases are not part of what an answer means."""
        bare = _with('plural.sv = "Vårdcentraler"\nplural.en = "Primary care centres"\n', "")
        bare = bare.replace(
            'missing_aliases = ["Vet inte", "Ingen åsikt", "Dont know", "N/A", "NA", "Ej relevant"]\n', ""
        )
        assert parse_instrument(bare, "x").signatures() == load_instrument().signatures()

    def test_signatures_of_stored_waves_still_match(self) -> None:
        """Signatures equal those stored by earlier versions, so old waves stay comparable."""
        sigs = load_instrument().signatures()
        assert (sigs["org_typ"], sigs["V1"], sigs["R4"]) == ("f7c143f3a5fe4279", "00b99c4c0342ad1f", "71194a8bff0ebfe4")


class TestMissingAliases:
    @staticmethod
    def _read(inst: Instrument, raw: str) -> object:
        answer = AnswerNormaliser(inst).scored(inst.item("R4"), raw)
        return answer if isinstance(answer, Unknown) else (answer and (answer.value, answer.missing))

    @pytest.mark.parametrize("raw", ["Vet inte", "N/A", "na", "Dont know", "Ingen åsikt"])
    def test_codebook_aliases_read_as_the_first_missing_label(self, raw: str) -> None:
        """Other spellings of "no answer" listed in the codebook are "Vet ej", a missing answer."""
        assert self._read(load_instrument(), raw) == ("Vet ej", True)

    def test_without_aliases_in_the_codebook_they_are_unknown(self) -> None:
        """The aliases come from the codebook, not from Python."""
        text = default_instrument_text().replace(
            'missing_aliases = ["Vet inte", "Ingen åsikt", "Dont know", "N/A", "NA", "Ej relevant"]\n', ""
        )
        assert isinstance(self._read(parse_instrument(text, "x"), "Vet inte"), Unknown)

    def test_aliases_need_missing_labels(self) -> None:
        """Missing aliases on a scale without missing labels is a problem."""
        joined = _problems(_with('missing = ["Vet ej"]\nmissing_en = ["Don\'t know"]\n', ""))
        assert "scales.yesno.missing_aliases: needs missing" in joined
