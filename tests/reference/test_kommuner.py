"""Tests for the kommun and län reference data."""

from __future__ import annotations

import csv
import hashlib
from importlib import resources

import pytest

from samverkan_cli.reference import (
    ALIAS_KINDS,
    Kommun,
    Lan,
    aliases,
    kommun_by_code,
    kommuner,
    kommuner_in_lan,
    lan,
    lan_name,
)

KOMMUNER_SHA256 = "84a661dc2743e42399caad67262dd9a27733cdcef6336222afe47a50789c67eb"


def _data_bytes(name: str) -> bytes:
    return resources.files("samverkan_cli.reference").joinpath("data", name).read_bytes()


class TestReferenceFile:
    """The shipped kommun list is the verified SCB file, loaded without changes."""

    def test_file_is_the_verified_scb_list(self) -> None:
        """kommuner.csv has the checksum of the verified SCB list."""
        assert hashlib.sha256(_data_bytes("kommuner.csv")).hexdigest() == KOMMUNER_SHA256

    def test_kommuner_equal_the_file_rows(self) -> None:
        """Every row of the file is one kommun with the same code, name and län."""
        rows = list(csv.DictReader(_data_bytes("kommuner.csv").decode("utf-8").splitlines()))
        from_file = sorted((r["kommun_code"], r["kommun_name"], r["lan_code"], r["lan_name"]) for r in rows)
        loaded = [(k.code, k.name, k.lan_code, k.lan_name) for k in kommuner()]
        assert loaded == from_file


class TestKommuner:
    """kommuner() returns the 290 kommuner, sorted by zero-padded code."""

    def test_there_are_290(self) -> None:
        """Sweden has 290 kommuner."""
        assert len(kommuner()) == 290

    def test_codes_are_unique_zero_padded_strings_sorted(self) -> None:
        """Codes are four-digit strings, unique and in ascending order."""
        codes = [k.code for k in kommuner()]
        assert all(isinstance(c, str) and len(c) == 4 and c.isdigit() for c in codes)
        assert codes == sorted(set(codes))

    def test_names_are_unique(self) -> None:
        """No two kommuner share a name."""
        names = [k.name for k in kommuner()]
        assert len(set(names)) == 290

    def test_lan_code_is_the_first_two_digits(self) -> None:
        """A kommun's län code is the first two digits of its own code."""
        assert all(k.code[:2] == k.lan_code for k in kommuner())

    def test_result_is_cached(self) -> None:
        """Repeated calls return the same tuple without re-reading the file."""
        assert kommuner() is kommuner()

    @pytest.mark.parametrize(
        ("code", "name", "lan_code", "lan_name_"),
        [
            ("1480", "Göteborg", "14", "Västra Götalands län"),
            ("0180", "Stockholm", "01", "Stockholms län"),
            ("1280", "Malmö", "12", "Skåne län"),
            ("0980", "Gotland", "09", "Gotlands län"),
            ("2584", "Kiruna", "25", "Norrbottens län"),
            ("1463", "Mark", "14", "Västra Götalands län"),
        ],
    )
    def test_known_codes(self, code: str, name: str, lan_code: str, lan_name_: str) -> None:
        """Well-known kommuner have their SCB code and län."""
        assert kommun_by_code(code) == Kommun(code, name, lan_code, lan_name_)

    def test_unknown_code_raises_key_error(self) -> None:
        """An unknown code, or one that lost its leading zero, raises KeyError."""
        with pytest.raises(KeyError):
            kommun_by_code("9999")
        with pytest.raises(KeyError):
            kommun_by_code("180")


class TestLan:
    """lan() returns the 21 län and each kommun belongs to exactly one."""

    def test_there_are_21(self) -> None:
        """Sweden has 21 län with codes 01-25 (02, 11, 15, 16 are unused)."""
        codes = [item.code for item in lan()]
        assert len(codes) == 21
        assert codes == sorted(codes)
        assert not {"02", "11", "15", "16"} & set(codes)

    def test_names(self) -> None:
        """lan_name gives the county name for a code."""
        assert lan_name("14") == "Västra Götalands län"
        assert lan_name("01") == "Stockholms län"
        assert Lan("25", "Norrbottens län") in lan()

    def test_kommuner_in_lan_partition_all_kommuner(self) -> None:
        """The kommuner of the 21 län together are all 290, each once."""
        seen = [k for item in lan() for k in kommuner_in_lan(item.code)]
        assert sorted(seen, key=lambda k: k.code) == list(kommuner())

    def test_gotland_is_alone_in_its_lan(self) -> None:
        """Gotlands län has one kommun, Gotland."""
        assert [k.name for k in kommuner_in_lan("09")] == ["Gotland"]

    def test_vastra_gotaland_has_49(self) -> None:
        """Västra Götalands län has 49 kommuner, among them Göteborg."""
        in_14 = kommuner_in_lan("14")
        assert len(in_14) == 49
        assert kommun_by_code("1480") in in_14

    def test_unknown_lan_raises_key_error(self) -> None:
        """An unknown län code raises KeyError rather than returning nothing."""
        with pytest.raises(KeyError):
            kommuner_in_lan("02")
        with pytest.raises(KeyError):
            lan_name("1")


class TestAliases:
    """The alias file is well-formed and points at real kommuner."""

    def test_every_alias_points_at_a_kommun(self) -> None:
        """Every alias has a known kommun code and a known kind."""
        for a in aliases():
            assert kommun_by_code(a.kommun_code)
            assert a.kind in ALIAS_KINDS

    def test_every_kind_is_used(self) -> None:
        """The file has at least one alias of every kind."""
        assert {a.kind for a in aliases()} == set(ALIAS_KINDS)

    def test_no_alias_is_a_kommun_name(self) -> None:
        """No alias is spelt like a kommun's own name, so aliases cannot shadow a kommun."""
        names = {k.name.casefold() for k in kommuner()}
        assert not [a.alias for a in aliases() if a.alias.casefold() in names]
