"""Matching, normalisation and validation of rows (no database involved)."""

from __future__ import annotations

from raw_tables import make_table

from samverkan_cli.ingest.prepare import prepare_table
from samverkan_cli.instrument import Instrument

HEADERS = [
    "Tidstämpel",
    "Vilken typ av verksamhet svarar du för?",
    "Verksamhetens namn",
    "I vilken kommun ligger verksamheten?",
    "R1",
    "3. Rutinerna för samverkan med den andra huvudmannen fungerar väl i praktiken. ",
    "Det är tydligt vem som ansvarar för personer med samsjuklighet.",
    "V5",
    "Vart hänvisar eller remitterar ni i första hand personer som behöver behandling för missbruk eller "
    "beroende? (flera svar möjliga)",
    "Övriga synpunkter om samverkan kring missbruk och beroende",
]


def row(
    typ: str = "Vårdcentral",
    name: str = "VC Centrum",
    kommun: str = "Göteborg",
    r1: str = "Ja",
    r4: str = "Instämmer helt",
    r6: str = "3",
    v5: str = "4 - Instämmer helt",
    v1: str = "",
    x1: str = "",
    ts: str = "2026/03/01 10:00:00",
) -> list[str]:
    return [ts, typ, name, kommun, r1, r4, r6, v5, v1, x1]


def codes(prepared, code: str) -> list:  # type: ignore[no-untyped-def]
    return [f for f in prepared.findings if f.code == code]


class TestColumnMatching:
    def test_headers_match_by_id_text_and_numbered_text(self, instrument: Instrument) -> None:
        """Item ids, exact question texts and texts with numbering and trailing spaces are all matched."""
        prepared = prepare_table(make_table(HEADERS, [row()], submitted_column=0), instrument)
        items = {p.header: p.item_id for p in prepared.match.plans if p.kind == "item"}
        assert items[HEADERS[4]] == "R1"
        assert items[HEADERS[5]] == "R4"
        assert items[HEADERS[6]] == "R6"
        assert items[HEADERS[8]] == "V1"

    def test_close_header_is_proposed_not_guessed(self, instrument: Instrument) -> None:
        """A header with one changed word is not matched but proposed with a mapping entry."""
        headers = [*HEADERS[:5], "Rutinerna för samverkan med den andra huvudmannen fungerar bra i praktiken."]
        prepared = prepare_table(make_table(headers, [row()[:6]]), instrument)
        proposals = codes(prepared, "proposed_column")
        assert len(proposals) == 1
        assert dict(proposals[0].params)["item"] == "R4"
        assert '= "R4"' in proposals[0].hint("sv")
        assert "R4" not in prepared.match.matched_items

    def test_file_without_instrument_columns_is_fatal(self, instrument: Instrument) -> None:
        """A file about something else is reported cleanly, nothing is prepared."""
        prepared = prepare_table(make_table(["Timestamp", "How old are you?"], [["x", "12"]]), instrument)
        assert prepared.fatal
        assert codes(prepared, "no_item_columns")


class TestNormalisation:
    def test_label_variants_give_scale_values(self, instrument: Instrument) -> None:
        """Labels in other case, numeric codes and '4 - label' forms normalise to the same value."""
        prepared = prepare_table(
            make_table(HEADERS, [row(r4="instämmer HELT", r6="4", v5="4 - Instämmer helt")]), instrument
        )
        answers = {a[0]: a for a in prepared.responses[0].answers}
        assert answers["R4"][2:] == ("Instämmer helt", 4.0)
        assert answers["R6"][2:] == ("Instämmer helt", 4.0)
        assert answers["V5"][2:] == ("Instämmer helt", 4.0)
        assert answers["R1"][2:] == ("Ja", 1.0)

    def test_missing_labels_are_kept_without_value(self, instrument: Instrument) -> None:
        """'Vet ej' and 'Ej aktuellt' are stored as answers without a numeric value."""
        prepared = prepare_table(make_table(HEADERS, [row(r4="Vet ej", r6="ej aktuellt")]), instrument)
        answers = {a[0]: a for a in prepared.responses[0].answers}
        assert answers["R4"][2:] == ("Vet ej", None)
        assert answers["R6"][2:] == ("Ej aktuellt", None)

    def test_unknown_label_is_a_finding_not_dropped_silently(self, instrument: Instrument) -> None:
        """An answer that matches no label gives a warning naming row, column and value."""
        prepared = prepare_table(make_table(HEADERS, [row(r4="Kanske")]), instrument)
        (finding,) = codes(prepared, "unknown_label")
        assert (finding.row, finding.column, finding.value) == (2, HEADERS[5], "Kanske")
        assert "Instämmer helt" in finding.message("sv")

    def test_multi_select_is_split_on_the_platform_separator(self, instrument: Instrument) -> None:
        """Google Forms joins checkbox answers with ', '; each option becomes one answer row."""
        v1 = "Beroendeenhet/beroendemottagning, Socialtjänst/IFO"
        prepared = prepare_table(make_table(HEADERS, [row(v1=v1)], multi_separator=", "), instrument)
        chosen = [a[2] for a in prepared.responses[0].answers if a[0] == "V1"]
        assert chosen == ["beroendeenhet", "socialtjanst"]

    def test_free_text_is_masked(self, instrument: Instrument) -> None:
        """Phone numbers, e-mail addresses and personnummer never leave the preparation step unmasked."""
        text = "Ring 070-123 45 67, anna.andersson@example.se, 19121212-1212 och 121212-1212"
        prepared = prepare_table(make_table(HEADERS, [row(x1=text)]), instrument)
        (x1,) = [a for a in prepared.responses[0].answers if a[0] == "X1"]
        assert "070" not in x1[1] + x1[2]
        assert "example.se" not in x1[1] + x1[2]
        assert "1212" not in x1[1] + x1[2]


class TestRows:
    def test_kommun_spellings_resolve(self, instrument: Instrument) -> None:
        """Göteborgs Stad, Angered, 'malmö stad ' and a code all resolve to their kommun and county."""
        rows = [
            row(kommun=k, name=f"VC {i}") for i, k in enumerate(["Göteborgs Stad", "Angered", "malmö stad ", "0980"])
        ]
        prepared = prepare_table(make_table(HEADERS, rows), instrument)
        assert [(r.kommun_code, r.lan_code) for r in prepared.responses] == [
            ("1480", "14"),
            ("1480", "14"),
            ("1280", "12"),
            ("0980", "09"),
        ]

    def test_unknown_kommun_is_quarantined_with_candidates(self, instrument: Instrument) -> None:
        """A kommun that matches nothing sends the row to quarantine with the nearest candidates."""
        prepared = prepare_table(make_table(HEADERS, [row(kommun="Storstaden"), row(name="VC Norr")]), instrument)
        assert len(prepared.quarantined) == 1
        assert prepared.quarantined[0].source_row == 2
        assert prepared.quarantined[0].reasons[0].code == "unknown_kommun"
        assert len(prepared.responses) == 1

    def test_exact_duplicate_and_empty_rows_are_skipped_and_reported(self, instrument: Instrument) -> None:
        """An exact duplicate counts once and an empty row is skipped, both reported."""
        prepared = prepare_table(make_table(HEADERS, [row(), [""] * len(HEADERS), row()]), instrument)
        assert len(prepared.responses) == 1
        assert prepared.duplicates == 1
        assert prepared.empty_rows == 1
        assert codes(prepared, "duplicate_row")[0].row == 4

    def test_name_variants_in_same_kommun_are_one_organisation(self, instrument: Instrument) -> None:
        """'VC Centrum' and 'Vårdcentralen Centrum' in one kommun share an identity and the merge is shown."""
        rows = [row(name="VC Centrum"), row(name="Vårdcentralen Centrum", r1="Nej")]
        prepared = prepare_table(make_table(HEADERS, rows), instrument)
        assert len({r.org_key for r in prepared.responses}) == 1
        assert codes(prepared, "merged_organisations")

    def test_org_type_is_inferred_from_name_with_warning(self, instrument: Instrument) -> None:
        """A blank organisation type is derived from a telling name, with a warning."""
        prepared = prepare_table(
            make_table(HEADERS, [row(typ="", name="Socialtjänsten i Lerum", kommun="Lerum")]), instrument
        )
        assert prepared.responses[0].org_typ == "kommun"
        assert codes(prepared, "org_typ_inferred")

    def test_below_half_rule_is_reported(self, instrument: Instrument) -> None:
        """A partly answered dimension below the half rule (2 of 6 rutiner items here) is flagged."""
        prepared = prepare_table(make_table(HEADERS, [row(r6="", v5="")]), instrument)
        findings = codes(prepared, "below_half")
        assert findings and "rutiner" in findings[0].message("en")
