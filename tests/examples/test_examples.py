"""The example exports keep their promises: sizes, formats, quirks, realism and determinism.

The files are read back with plain csv/openpyxl, never with the package's own readers, so these
tests check the examples themselves and not the importer.
"""

from __future__ import annotations

import csv
import io
import json
import re
import statistics
import subprocess
import sys
import tomllib
from collections import Counter
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
EXPECTED: dict[str, Any] = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))
CODEBOOK = REPO / "src/samverkan_cli/instrument/instruments/samverkan-2026.toml"
KOMMUNER = REPO / "src/samverkan_cli/reference/data/kommuner.csv"
FILES: dict[str, dict[str, Any]] = EXPECTED["files"]
WAVES = ("2025", "2026")
PLATFORMS = {"google_forms", "microsoft_forms", "generic", "netigate", "limesurvey", "qualtrics", "surveymonkey"}

Table = list[list[str]]


# --- Reading the files back -----------------------------------------------------------------


def as_text(value: object) -> str:
    """A cell as text: empty for None, ISO for dates, digits for whole numbers."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@cache
def table(rel: str) -> Table:
    """Every row of an export as text cells, header rows included (row 1 = index 0)."""
    truth = FILES[rel]
    path = EXAMPLES / rel
    if path.suffix == ".xlsx":
        wb = load_workbook(path, read_only=True)
        ws = wb.worksheets[0]
        rows = [[as_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
        wb.close()
        return rows
    text = path.read_bytes().decode(truth["encoding"])
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=truth["delimiter"]))


def data_rows(rel: str) -> Table:
    """Rows below the header row(s)."""
    return table(rel)[FILES[rel]["header_rows"] :]


def cell(rel: str, row: list[str], item: str) -> str:
    """The cell of a single-column item in one row."""
    number: int = FILES[rel]["column_numbers"][item]
    return row[number - 1]


def is_blank(row: list[str]) -> bool:
    """True for a row without any content."""
    return all(not c.strip() for c in row)


def responses(rel: str) -> Table:
    """Data rows that are real submissions: no empty rows, an exact duplicate counted once."""
    seen: set[tuple[str, ...]] = set()
    out = []
    for row in data_rows(rel):
        if is_blank(row) or tuple(row) in seen:
            continue
        seen.add(tuple(row))
        out.append(row)
    return out


def files(wave: str | None = None, platform: str | None = None) -> list[str]:
    """Export paths, optionally of one wave and/or platform."""
    return [
        rel
        for rel, t in FILES.items()
        if (wave is None or t["wave"] == wave) and (platform is None or t["platform"] == platform)
    ]


# --- A tiny answer normaliser, only for checking realism --------------------------------------


@cache
def codebook() -> dict[str, Any]:
    """The default instrument."""
    with CODEBOOK.open("rb") as fh:
        return tomllib.load(fh)


@cache
def scored_items() -> dict[str, tuple[str, str, bool]]:
    """Scored item id -> (dimension, scale, reverse)."""
    return {
        i["id"]: (i["dimension"], i["scale"], bool(i.get("reverse", False)))
        for i in codebook()["items"]
        if "dimension" in i
    }


def score(item: str, text: str) -> float | None:
    """Item score 0-100 for a cell, or None when it is missing or matches no label."""
    _, scale, reverse = scored_items()[item]
    labels = {lab["sv"].lower(): lab["value"] for lab in codebook()["scales"][scale]["labels"]}
    key = re.sub(r"\s+", " ", text).strip().lower()
    key = re.sub(r"^\d+ - ", "", key)
    value = int(key) if key.isdigit() and scale == "agree4" else labels.get(key)
    if value is None:
        return None
    points = (value - 1) / 3 * 100 if scale == "agree4" else value * 100.0
    return 100 - points if reverse else points


def referral_labels(rel: str, row: list[str]) -> set[str]:
    """The chosen referral destinations (V1) of one row, as option labels."""
    options = [o["sv"] for o in codebook()["scales"]["remissvag"]["options"]]
    cols = FILES[rel]["column_numbers"]["V1"]
    if isinstance(cols, int):
        return {part.strip() for part in re.split(r"[;,]", row[cols - 1]) if part.strip()}
    return {label for label, col in zip(options, cols, strict=True) if row[col - 1].strip()}


@cache
def scored_rows() -> list[dict[str, Any]]:
    """Every response with wave, county, org type and item scores."""
    out = []
    for rel in FILES:
        truth = FILES[rel]
        for row in responses(rel):
            typ = cell(rel, row, "org_typ")
            out.append(
                {
                    "wave": truth["wave"],
                    "lan": truth["lan"],
                    "file": rel,
                    "typ": "vardcentral" if typ.startswith("Vårdcentral") else "kommun",
                    "scores": {i: score(i, cell(rel, row, i)) for i in scored_items()},
                    "V1": referral_labels(rel, row),
                }
            )
    return out


def cronbach_alpha(rows: list[list[float]]) -> float:
    """Cronbach's alpha of complete rows."""
    k = len(rows[0])
    item_var = sum(statistics.pvariance([r[i] for r in rows]) for i in range(k))
    total_var = statistics.pvariance([sum(r) for r in rows])
    return k / (k - 1) * (1 - item_var / total_var)


def mean_score(rows: list[dict[str, Any]], items: list[str] | None = None) -> float:
    """Mean of the answered item scores over rows."""
    values = [v for r in rows for i, v in r["scores"].items() if v is not None and (items is None or i in items)]
    return statistics.fmean(values)


# --- Tests ----------------------------------------------------------------------------------


@cache
def lan_codes() -> set[str]:
    """The 21 county codes."""
    with KOMMUNER.open(encoding="utf-8") as fh:
        return {r["lan_code"] for r in csv.DictReader(fh)}


class TestSizes:
    def test_every_county_has_one_file_per_wave(self) -> None:
        """Each of the 21 counties has exactly one export in each wave."""
        for wave in WAVES:
            lans = [FILES[rel]["lan"] for rel in files(wave)]
            assert sorted(lans) == sorted(lan_codes())
            assert all(Path(rel).name.startswith(FILES[rel]["lan"] + "_") for rel in files(wave))

    @pytest.mark.parametrize("wave", WAVES)
    def test_total_responses_per_wave_is_realistic(self, wave: str) -> None:
        """Between 800 and 1,100 real submissions per wave, as counted from the files."""
        total = sum(len(responses(rel)) for rel in files(wave))
        assert 800 <= total <= 1100
        assert total == EXPECTED["totals"][wave]["responses"]

    def test_gotland_2026_is_below_the_suppression_limit(self) -> None:
        """Gotland has only three responses in 2026."""
        assert len(responses("exports/2026/09_gotland.xlsx")) == 3

    @pytest.mark.parametrize("wave", WAVES)
    def test_blekinge_is_in_the_uncertain_band(self, wave: str) -> None:
        """Blekinge has 6-9 responses in each wave."""
        (rel,) = [r for r in files(wave) if FILES[r]["lan"] == "10"]
        assert 6 <= len(responses(rel)) <= 9

    def test_response_rates_are_between_40_and_90_percent(self) -> None:
        """Outside the two deliberately small counties, 40-90 % of the frame answered."""
        for rel, truth in FILES.items():
            if truth["lan"] in ("09", "10"):
                continue
            frame = EXPECTED["frame"][truth["lan"]]
            rate = len(responses(rel)) / (frame["kommuner"] + frame["vardcentraler"])
            assert 0.4 <= rate <= 0.9, (rel, rate)

    def test_registers_list_every_vardcentral_that_answered(self) -> None:
        """Each county register has Enhet/Kommun/HSA-id/Driftsform and covers the responders."""
        for lan, info in EXPECTED["frame"].items():
            path = EXAMPLES / info["register"]
            if path.suffix == ".csv":
                text = path.read_text(encoding="utf-8-sig")
                rows = list(csv.reader(io.StringIO(text), delimiter=";"))
            else:
                wb = load_workbook(path, read_only=True)
                rows = [[as_text(v) for v in r] for r in wb.worksheets[0].iter_rows(values_only=True)]
            assert rows[0] == ["Enhet", "Kommun", "HSA-id", "Driftsform"]
            assert len(rows) - 1 == info["vardcentraler"]
            assert {r[3] for r in rows[1:]} <= {"Regional", "Privat"}
            units = {(r[0], r[1]) for r in rows[1:]}
            for rel in files():
                if FILES[rel]["lan"] != lan:
                    continue
                answered = {
                    (cell(rel, row, "org_namn"), cell(rel, row, "kommun"))
                    for row in responses(rel)
                    if "Vårdcentral" in cell(rel, row, "org_typ")
                }
                known = answered & units
                assert len(known) >= len(answered) - 3, (rel, answered - units)

    def test_mostly_the_same_organisations_answer_in_both_waves(self) -> None:
        """At least 60 % of the 2026 organisations also answered in 2025."""
        orgs = {w: {r[1] for f in files(w) for r in FILES[f]["records"]} for w in WAVES}
        assert len(orgs["2026"] & orgs["2025"]) >= 0.6 * len(orgs["2026"])


class TestFormats:
    def test_every_platform_is_present_in_both_waves(self) -> None:
        """Seven layouts, each used in both waves."""
        for wave in WAVES:
            assert {FILES[rel]["platform"] for rel in files(wave)} == PLATFORMS

    def test_google_forms_swedish_csv(self) -> None:
        """Tidstämpel with fm/em timestamps, every field quoted, CRLF, checkboxes joined by ', '."""
        for rel in files(platform="google_forms"):
            raw = (EXAMPLES / rel).read_bytes()
            assert raw.startswith(b'"Tidst\xc3\xa4mpel","')
            assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
            assert not raw.endswith(b"\n")
            stamps = [r[0] for r in data_rows(rel) if not is_blank(r)]
            assert all(re.fullmatch(r"\d{4}/\d\d/\d\d \d{1,2}:\d\d:\d\d (fm|em) CET", s) for s in stamps)
            assert any(", " in cell(rel, r, "V1") for r in data_rows(rel))

    def test_microsoft_forms_workbook(self) -> None:
        """ID/Start time/Completion time/Email/Name, then questions; multi-select `a;b;`."""
        for rel in files(platform="microsoft_forms"):
            head = table(rel)[0]
            assert head[:5] == ["ID", "Start time", "Completion time", "Email", "Name"]
            v1 = [cell(rel, r, "V1") for r in data_rows(rel) if cell(rel, r, "V1")]
            assert all(v.endswith(";") for v in v1)
            emails = {r[3] for r in data_rows(rel)}
            if FILES[rel]["lan"] == "18":
                assert all(e.endswith("@example.se") for e in emails)
            else:
                assert emails == {"anonymous"}

    def test_swedish_excel_csv(self) -> None:
        """cp1252, semicolons, CRLF line ends and a decimal comma in Tid (min)."""
        for rel in files(platform="generic"):
            raw = (EXAMPLES / rel).read_bytes()
            with pytest.raises(UnicodeDecodeError):
                raw.decode("utf-8")
            lines = raw.split(b"\r\n")
            assert lines[-1] == b"" and all(b"\n" not in line for line in lines)
            assert raw.decode("cp1252").startswith("Svarsdatum;Tid (min);")
            minutes = [r[1] for r in data_rows(rel) if not is_blank(r)]
            assert all(re.fullmatch(r"\d+,\d", m) for m in minutes)

    def test_netigate_workbook_uses_item_ids_and_numbers(self) -> None:
        """Item ids as headers and agree4 answers as the numbers 1-4."""
        for rel in files(platform="netigate"):
            head = table(rel)[0]
            assert head[:4] == ["Svars-ID", "Skickad", "org_typ", "org_namn"]
            answers = {cell(rel, r, "R4") for r in data_rows(rel)}
            assert answers <= {"1", "2", "3", "4", "Vet ej", "Ej aktuellt", ""}

    def test_limesurvey_csv(self) -> None:
        """LimeSurvey metadata, every field quoted, V1 sub-questions holding Y or nothing."""
        for rel in files(platform="limesurvey"):
            text = (EXAMPLES / rel).read_text(encoding="utf-8")
            first = text.splitlines()[0]
            assert first.startswith('"id","submitdate","lastpage","startlanguage","seed",')
            assert '"V1[SQ001]"' in first and '"V1[SQ009]"' in first
            requoted = io.StringIO()
            csv.writer(requoted, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(table(rel))
            assert requoted.getvalue() == text
            sub = [r[c - 1] for r in data_rows(rel) for c in FILES[rel]["column_numbers"]["V1"]]
            assert set(sub) <= {"Y", ""}

    def test_qualtrics_csv_has_three_header_rows(self) -> None:
        """BOM, variable names, question texts, then ImportId JSON."""
        for rel in files(platform="qualtrics"):
            assert (EXAMPLES / rel).read_bytes().startswith(b"\xef\xbb\xbfStartDate,EndDate,")
            names, texts, ids = table(rel)[:3]
            assert names[16:18] == ["UserLanguage", "Q1"]
            assert texts[17] == "Vilken typ av verksamhet svarar du för?"
            assert json.loads(ids[17]) == {"ImportId": "QID1"}
            assert all("ImportId" in json.loads(c) for c in ids)

    def test_surveymonkey_workbook_has_two_header_rows(self) -> None:
        """Question text on a question's first column only; Response/Open-Ended/option labels."""
        for rel in files(platform="surveymonkey"):
            row1, row2 = table(rel)[:2]
            assert row1[:3] == ["Respondent ID", "Collector ID", "Start Date"]
            first, *rest = FILES[rel]["column_numbers"]["V1"]
            assert row1[first - 1].startswith("Vart hänvisar") and all(not row1[c - 1] for c in rest)
            assert row2[first - 1] == "Beroendeenhet/beroendemottagning"
            assert {"Response", "Open-Ended Response"} <= set(row2)


ISSUE_VALUES = (
    "Göteborgs Stad", "Gbg", "Angered", "malmö stad ", "Region Gotland", "0380", "Linköpng",
    "Storstaden", "instämmer helt", "Vet ej", "Ej aktuellt", "Kanske", "070-123 45 67",
    "anna.andersson@example.se", "19121212-1212", "121212-1212",
    '=HYPERLINK("http://example.com","klicka")', "<script>alert(1)</script>",
    "Kommentar från enkätansvarig", "4 - Instämmer helt", "VC Centrum",
)  # fmt: skip


class TestQuirks:
    @pytest.mark.parametrize("value", ISSUE_VALUES)
    def test_promised_mess_is_somewhere_in_the_files(self, value: str) -> None:
        """Every messy value the issue lists occurs in at least one cell."""
        assert any(value in c for rel in FILES for row in table(rel) for c in row)

    @pytest.mark.parametrize("quirk", EXPECTED["quirks"], ids=lambda q: f"{q['quirk']}:{Path(q['file']).stem}")
    def test_quirk_is_where_expected_json_says(self, quirk: dict[str, Any]) -> None:
        """Each listed quirk sits in the listed file, row and column."""
        rel, row = quirk["file"], quirk["row"]
        rows = table(rel)
        kind = quirk["quirk"]
        if kind.startswith("header_"):
            assert quirk["value"] in rows[row - 1]
        elif kind == "exact_duplicate":
            a, b = quirk["rows"]
            assert rows[a - 1] == rows[b - 1] and not is_blank(rows[a - 1]) and b == a + 1
        elif kind == "empty_row":
            assert is_blank(rows[row - 1])
        elif kind == "extra_column":
            col = rows[0].index(quirk["column"])
            assert rows[row - 1][col] == quirk["value"]
        elif kind == "partial":
            blanks = [i for i in scored_items() if not cell(rel, rows[row - 1], i).strip()]
            assert blanks
        elif kind == "label_numbered":
            assert any(re.fullmatch(r"[1-4] - Instämmer .+", c) for r in rows for c in r)
        elif kind == "label_number":
            assert {cell(rel, r, "V2") for r in data_rows(rel)} & {"1", "2", "3", "4"}
        else:
            assert cell(rel, rows[row - 1], quirk["item"]) == quirk["value"]

    def test_readme_lists_every_quirk(self) -> None:
        """The README's quirk table names each quirk with its file."""
        readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
        for q in EXPECTED["quirks"]:
            assert f"| {q['quirk']} | `{q['file']}` |" in readme


class TestGroundTruth:
    @pytest.mark.parametrize("rel", sorted(FILES))
    def test_row_counts_match_the_file(self, rel: str) -> None:
        """rows, responses, empty and duplicate rows agree with what the file holds."""
        truth = FILES[rel]
        assert truth["rows"] == len(data_rows(rel))
        assert truth["responses"] == len(responses(rel))
        blank = [n for n, r in enumerate(table(rel), start=1) if is_blank(r)]
        assert blank == truth["empty_rows"]
        assert truth["responses"] == truth["rows"] - len(blank) - len(truth["duplicate_rows"])

    @pytest.mark.parametrize("rel", sorted(FILES))
    def test_kommun_cells_match_the_true_kommun(self, rel: str) -> None:
        """Rows without a kommun quirk hold the kommun's official name."""
        with KOMMUNER.open(encoding="utf-8") as fh:
            names = {r["kommun_code"]: r["kommun_name"] for r in csv.DictReader(fh)}
        odd = {q["row"] for q in EXPECTED["quirks"] if q["file"] == rel and q["item"] == "kommun"}
        rows = table(rel)
        for row, _org, _typ, code in FILES[rel]["records"]:
            if row not in odd:
                assert cell(rel, rows[row - 1], "kommun") == names[code]
            elif code is None:
                assert row in FILES[rel]["unresolvable_kommun_rows"]

    @pytest.mark.parametrize("rel", sorted(FILES))
    def test_below_half_rows_follow_the_half_answered_rule(self, rel: str) -> None:
        """Rows listed as below half are exactly those with a dimension under half answered."""
        rows = table(rel)
        dims = Counter(d for d, _, _ in scored_items().values())
        found = []
        for row, *_ in FILES[rel]["records"]:
            answered = Counter(
                d for i, (d, _, _) in scored_items().items() if score(i, cell(rel, rows[row - 1], i)) is not None
            )
            below = [d for d in dims if answered[d] < 0.5 * dims[d]]
            if below:
                found.append(row)
        assert found == [b["row"] for b in FILES[rel]["below_half_rows"]]

    def test_some_rows_fall_under_the_half_answered_rule(self) -> None:
        """At least three planted responses are below half in some dimension."""
        assert sum(len(t["below_half_rows"]) for t in FILES.values()) >= 3


class TestRealism:
    @pytest.mark.parametrize("wave", WAVES)
    def test_items_within_a_dimension_correlate(self, wave: str) -> None:
        """Cronbach's alpha of every dimension lies between 0.6 and 0.85."""
        rows = [r for r in scored_rows() if r["wave"] == wave]
        dims: dict[str, list[str]] = {}
        for item, (dim, _, _) in scored_items().items():
            dims.setdefault(dim, []).append(item)
        for dim, items in dims.items():
            complete = [[r["scores"][i] for i in items] for r in rows if all(r["scores"][i] is not None for i in items)]
            assert 0.6 <= cronbach_alpha(complete) <= 0.85, dim

    def test_vardcentraler_get_much_less_feedback_after_referral(self) -> None:
        """V4 is at least 20 points lower for vårdcentraler than for kommuner."""
        vc = mean_score([r for r in scored_rows() if r["typ"] == "vardcentral"], ["V4"])
        kommun = mean_score([r for r in scored_rows() if r["typ"] == "kommun"], ["V4"])
        assert kommun - vc >= 20

    def test_some_counties_improve_and_others_do_not(self) -> None:
        """At least four counties gain 5+ points from 2025 to 2026, at least four do not."""
        change = {}
        for lan in lan_codes() - {"09", "10"}:
            means = [mean_score([r for r in scored_rows() if r["lan"] == lan and r["wave"] == w]) for w in WAVES]
            change[lan] = means[1] - means[0]
        assert sum(c >= 5 for c in change.values()) >= 4
        assert sum(abs(c) < 3 for c in change.values()) >= 4

    def test_counties_differ(self) -> None:
        """County means in 2025 spread over at least 10 points."""
        means = [
            mean_score([r for r in scored_rows() if r["lan"] == lan and r["wave"] == "2025"])
            for lan in lan_codes() - {"09", "10"}
        ]
        assert max(means) - min(means) >= 10

    def test_referral_destinations_depend_on_organisation_type(self) -> None:
        """Vårdcentraler refer to socialtjänst, kommuner to psykiatri and vårdcentral."""

        def share(typ: str, label: str) -> float:
            rows = [r for r in scored_rows() if r["typ"] == typ and r["V1"]]
            return sum(label in r["V1"] for r in rows) / len(rows)

        assert share("vardcentral", "Socialtjänst/IFO") > 0.6 > share("kommun", "Socialtjänst/IFO")
        assert share("kommun", "Psykiatrisk mottagning") > share("vardcentral", "Psykiatrisk mottagning")
        assert share("vardcentral", "Beroendeenhet/beroendemottagning") > 0.7

    def test_missing_answers_and_free_text_are_plausible(self) -> None:
        """A few per cent Vet ej/Ej aktuellt; free text mostly empty; all B6 answers occur."""
        cells: Counter[str] = Counter()
        comments = total = 0
        b6_values: set[str] = set()
        for rel in FILES:
            for row in responses(rel):
                total += 1
                cells.update(cell(rel, row, i) for i in ("R4", "V2", "B1", "K2"))
                comments += bool(cell(rel, row, "X1").strip())
                b6_values.add(cell(rel, row, "B6"))
        missing = (cells["Vet ej"] + cells["Ej aktuellt"]) / sum(cells.values())
        assert 0.02 <= missing <= 0.12
        assert comments / total < 0.3
        assert {"Ja", "Nej", "Vet ej"} <= b6_values


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Run the generator as a script twice, into fresh directories."""
    outs = []
    for name in ("a", "b"):
        out = tmp_path_factory.mktemp(name)
        subprocess.run(
            [sys.executable, str(EXAMPLES / "generate.py"), "--out", str(out)], check=True, capture_output=True
        )
        outs.append(out)
    return outs[0], outs[1]


class TestDeterminism:
    @staticmethod
    def tree(root: Path) -> dict[str, bytes]:
        """Relative path -> bytes of every generated file."""
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    def test_two_runs_give_identical_bytes(self, two_runs: tuple[Path, Path]) -> None:
        """Regenerating produces byte-identical files."""
        assert self.tree(two_runs[0]) == self.tree(two_runs[1])

    def test_committed_files_are_up_to_date(self, two_runs: tuple[Path, Path]) -> None:
        """The files in examples/ equal a fresh run of the generator."""
        fresh = self.tree(two_runs[0])
        committed = {
            rel: data
            for rel, data in self.tree(EXAMPLES).items()
            if rel.split("/")[0] in ("exports", "register") or rel in ("expected.json", "README.md")
        }
        assert sorted(committed) == sorted(fresh)
        changed = [rel for rel in fresh if fresh[rel] != committed[rel]]
        assert not changed
