"""Platform fingerprints on synthetic header rows in the shapes each platform exports."""

from __future__ import annotations

from samverkan_cli.readers.platform import clean_header, recognise


class TestRecognise:
    def test_qualtrics_json_import_ids(self) -> None:
        """A third row of ImportId JSON makes a three-header-row Qualtrics export."""
        layout = recognise(
            [
                ["StartDate", "ResponseId", "R4"],
                ["Start Date", "Response ID", "Rutinerna fungerar väl"],
                [
                    '{"ImportId":"startDate","timeZone":"Europe/Stockholm"}',
                    '{"ImportId":"_recordId"}',
                    '{"ImportId":"QID4"}',
                ],
            ]
        )
        assert (layout.platform, layout.header_rows, layout.response_id_column) == ("qualtrics", 3, 1)
        assert layout.columns[2].import_id == "QID4"
        assert layout.columns[2].question == "Rutinerna fungerar väl"

    def test_surveymonkey_new_headers(self) -> None:
        """``Respondent ID``/``Collector ID`` with a second row of sub-labels."""
        layout = recognise(
            [
                ["Respondent ID", "Collector ID", "Start Date", "End Date", "Din roll", "V1", ""],
                ["", "", "", "", "Response", "Beroendeenhet", "Annat (ange)"],
            ]
        )
        assert layout.platform == "surveymonkey" and layout.header_rows == 2
        assert layout.columns[6].question == "V1" and layout.columns[6].option == "Annat (ange)"
        assert layout.columns[4].option == ""
        assert layout.submitted_column == 3

    def test_microsoft_forms_swedish_ui(self) -> None:
        """The Swedish MS Forms headers are recognised; multi answers split on ``;``."""
        layout = recognise([["ID", "Starttid", "Slutförandetid", "E-post", "Namn", "R1"]])
        assert layout.platform == "microsoft_forms" and layout.multi_separator == ";"

    def test_google_forms_grid_question(self) -> None:
        """Google Forms grid headers ``Question [Row]`` give question and option."""
        layout = recognise([["Tidsstämpel", "Hur väl fungerar det? [Remisser]"]])
        assert layout.platform == "google_forms"
        assert layout.columns[1].question == "Hur väl fungerar det?"
        assert layout.columns[1].option == "Remisser"

    def test_limesurvey_codes(self) -> None:
        """LimeSurvey code headers, with and without space, with question text after."""
        layout = recognise(
            [
                [
                    "id",
                    "submitdate",
                    "lastpage",
                    "startlanguage",
                    "seed",
                    "V1[SQ001]",
                    "V1 [SQ002]",
                    "V1[SQ003]. Vart hänvisar ni? [Vårdcentral]",
                    "R1",
                ]
            ]
        )
        assert layout.platform == "limesurvey" and layout.submitted_column == 1
        assert [c.variable for c in layout.columns[5:9]] == ["V1[SQ001]", "V1[SQ002]", "V1[SQ003]", "R1"]
        assert layout.columns[6].option == "SQ002"
        assert layout.columns[7].question == "Vart hänvisar ni?"
        assert layout.columns[7].option == "Vårdcentral"

    def test_limesurvey_english_localised(self) -> None:
        """Localised metadata headers are enough to recognise LimeSurvey."""
        layout = recognise([["Response ID", "Date submitted", "Last page", "Start language", "Rutiner [Ja]"]])
        assert layout.platform == "limesurvey" and layout.response_id_column == 0

    def test_netigate_item_codes(self) -> None:
        """Bare item codes for a third of the columns mark a Netigate/Esmaker-style export."""
        layout = recognise([["Verksamhet", "Kommun", "R1", "R2", "V2"]])
        assert layout.platform == "netigate"
        assert layout.columns[2].variable == "R1"

    def test_generic_fallback(self) -> None:
        """Question texts with no fingerprint are generic with one header row."""
        layout = recognise([["Verksamhetens namn", "Kommun", "Det finns en överenskommelse"]])
        assert (layout.platform, layout.header_rows) == ("generic", 1)


def test_clean_header() -> None:
    """``<br>``, NBSP and repeated spaces are tidied in header text."""
    assert clean_header("Fråga<br/>ett\u00a0 två ") == "Fråga ett två"
