"""Organisation words (generic unit words, provider brands) come from reference/data and key organisations."""

from __future__ import annotations

import pytest

from samverkan_cli.ingest.organisations import infer_org_typ, kommun_unit_name, name_key
from samverkan_cli.reference import organisation_words


class TestOrganisationWordsData:
    def test_is_read_once(self) -> None:
        """The data file is parsed once and the same object is returned after."""
        assert organisation_words() is organisation_words()

    def test_brands_point_to_vardcentral_and_are_not_generic(self) -> None:
        """Capio, Närhälsan and Praktikertjänst say vårdcentral but stay in the key (they tell units apart)."""
        words = organisation_words()
        for brand in ("capio", "närhälsan", "praktikertjänst"):
            assert brand in words.type_parts["vardcentral"]
            assert brand not in words.generic

    def test_kommun_unit_name(self) -> None:
        """A kommun's social services are named from the data file's pattern."""
        assert kommun_unit_name("Lund") == "Socialtjänsten Lund"


class TestNameKey:
    @pytest.mark.parametrize(
        ("name", "org_typ", "key"),
        [
            ("VC Centrum", "vardcentral", "centrum"),
            ("Vårdcentralen  Centrum", "vardcentral", "centrum"),
            ("Capio Vårdcentral Lund", "vardcentral", "capio lund"),
            ("Närhälsan Ale vårdcentral", "vardcentral", "närhälsan ale"),
            ("Hälsocentralen i Kiruna AB", "vardcentral", "i kiruna"),
            ("Region Skåne", "annan", "skåne"),
            ("Socialtjänsten Malmö stad", "annan", "malmö"),
            ("Individ- och familjeomsorgen Lund", "annan", "lund"),
            ("Vårdcentral", "vardcentral", "vårdcentral"),
            ("Socialtjänsten Lund", "kommun", ""),
        ],
    )
    def test_keys_are_unchanged(self, name: str, org_typ: str, key: str) -> None:
        """Keys are stored in the database, so they stay byte-identical to the keys of earlier imports."""
        assert name_key(name, org_typ) == key


class TestInferOrgTyp:
    @pytest.mark.parametrize(
        ("name", "expected"),
        [
            ("Capio Lund", "vardcentral"),
            ("VC Norr", "vardcentral"),
            ("IFO Lund", "kommun"),
            ("Lunds kommun", "kommun"),
            ("Kommunens vårdcentral", None),  # points to both types
            ("Beroendecentrum", None),
            ("Avc-enheten", None),  # "vc" only counts as a whole word
        ],
    )
    def test_guess_from_name(self, name: str, expected: str | None) -> None:
        """A name pointing to exactly one type is guessed; none or both is no guess."""
        assert infer_org_typ(name) == expected

    def test_guess_outside_the_codebook_is_no_guess(self) -> None:
        """With the codebook's codes given, a type it does not have is never returned."""
        assert infer_org_typ("Capio Lund", known=("region", "kommun")) is None
        assert infer_org_typ("IFO Lund", known=("region", "kommun")) == "kommun"
