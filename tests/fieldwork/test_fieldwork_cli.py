"""The field-period commands end to end from the CLI on a small Blekinge project with a register."""

from __future__ import annotations

import csv
import io
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TEMPLATE = EXAMPLES / "exports" / "2026" / "10_blekinge.csv"

#: (submitdate, org_typ, org_namn, kommun, B6) of each response in the test export
RESPONSES = (
    ("2026-02-10 09:00:00", "Vårdcentral", "Vårdcentralen Norr", "Karlskrona", "Ja"),
    ("2026-02-20 10:00:00", "Vårdcentral", "Vårdcentralen Brunnsparken", "Ronneby", "Nej"),
    ("2026-03-01 11:00:00", "Kommun (socialtjänst/IFO)", "Socialtjänsten Karlskrona", "Karlskrona", "Ja"),
    ("2026-03-02 12:00:00", "Kommun (socialtjänst/IFO)", "Socialtjänsten Sölvesborg", "Sölvesborg", "Vet ej"),
)
REGISTER = (
    "Enhet;Kommun;E-post;Telefon\n"
    "Vårdcentralen Norr;Karlskrona;norr@example.se;0455-100\n"
    "Brunnsparkens vårdcentral;Ronneby;brunnsparken@example.se;0457-200\n"
    "Vårdcentralen Olofström;Olofström;olofstrom@example.se;0454-300\n"
    "Vårdcentralen Sölvesborg;Sölvesborg;solvesborg@example.se;0456-400\n"
)


def _export(path: Path, year: str = "2026") -> None:
    """A LimeSurvey-style export: the example file's first row as a template, with our identities, sent in ``year``."""
    rows = list(csv.reader(TEMPLATE.open(encoding="utf-8-sig")))
    header, template = rows[0], rows[1]
    col = {name: i for i, name in enumerate(header)}
    out = [header]
    for n, (when, typ, name, kommun, b6) in enumerate(RESPONSES, start=1):
        row = list(template)
        row[col["id"]], row[col["submitdate"]], row[col["org_typ"]] = str(n), year + when[4:], typ
        row[col["org_namn"]], row[col["kommun"]], row[col["B6"]], row[col["X1"]] = name, kommun, b6, ""
        out.append(row)
    buffer = io.StringIO()
    csv.writer(buffer).writerows(out)
    path.write_text(buffer.getvalue(), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path, cli: Callable[..., Any]) -> Path:
    root = tmp_path / "proj"
    assert cli("init", root).code == 0
    with (root / "samverkan.toml").open("a", encoding="utf-8") as fh:
        fh.write('\n[[waves]]\nname = "2026"\nstart = "2026-02-01"\nend = "2026-03-15"\n')
    (root / "register.csv").write_text(REGISTER, encoding="utf-8")
    _export(root / "export.csv")
    assert cli("--project", root, "frame", "import", root / "register.csv").code == 0
    result = cli("--project", root, "import", root / "export.csv", "--wave", "2026")
    assert result.code == 0, result.err
    return root


def _csv_rows(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


class TestBortfall:
    def test_csv_lists_exactly_the_units_without_a_response(self, project: Path, cli: Callable[..., Any]) -> None:
        """The CSV (UTF-8 BOM, ';') holds every unanswered register unit and kommun, contacts carried through."""
        out = project / "bortfall.csv"
        result = cli("--project", project, "bortfall", "--format", "csv", "-o", out)
        assert result.code == 0, result.err
        rows = _csv_rows(out)
        assert rows[0] == ["Län", "Länsnamn", "Kommun", "Typ", "Enhet", "Status", "Svarat som", "E-post", "Telefon"]
        units = {(r[2], r[4]): r for r in rows[1:]}
        assert set(units) == {
            ("Ronneby", "Brunnsparkens vårdcentral"),
            ("Olofström", "Vårdcentralen Olofström"),
            ("Sölvesborg", "Vårdcentralen Sölvesborg"),
            ("Karlshamn", "Socialtjänsten Karlshamn"),
            ("Olofström", "Socialtjänsten Olofström"),
            ("Ronneby", "Socialtjänsten Ronneby"),
        }
        assert units[("Olofström", "Vårdcentralen Olofström")][5:] == [
            "saknar svar",
            "",
            "olofstrom@example.se",
            "0454-300",
        ]

    def test_other_spelling_is_a_probable_match(self, project: Path, cli: Callable[..., Any]) -> None:
        """A unit that answered under another spelling is flagged as a probable match with the name it used."""
        out = project / "b.csv"
        result = cli("--project", project, "bortfall", "--format", "csv", "-o", out)
        row = next(r for r in _csv_rows(out) if r[4] == "Brunnsparkens vårdcentral")
        assert row[5:7] == ["trolig matchning", "Vårdcentralen Brunnsparken"]
        assert "trolig matchning" in result.err

    def test_english_csv_uses_commas(self, project: Path, cli: Callable[..., Any]) -> None:
        """Under --lang en the CSV is comma-separated with English headers."""
        result = cli("--project", project, "--lang", "en", "bortfall", "--format", "csv")
        assert result.code == 0, result.err
        assert result.out.splitlines()[0].startswith("County,County name,Kommun,Type,Unit,Status")

    def test_xlsx_reads_back(self, project: Path, cli: Callable[..., Any]) -> None:
        """The workbook has one sheet whose rows equal the CSV's."""
        xlsx, csv_path = project / "b.xlsx", project / "b.csv"
        assert cli("--project", project, "bortfall", "--format", "xlsx", "-o", xlsx).code == 0
        assert cli("--project", project, "bortfall", "--format", "csv", "-o", csv_path).code == 0
        book = load_workbook(xlsx)
        rows = [[c if c is not None else "" for c in r] for r in book.worksheets[0].iter_rows(values_only=True)]
        assert rows == _csv_rows(csv_path)

    def test_lan_filter_and_unknown_county(self, project: Path, cli: Callable[..., Any]) -> None:
        """--lan keeps one county; an unknown code is a usage error (exit 2)."""
        result = cli("--project", project, "bortfall", "--lan", "01", "--format", "csv")
        assert result.code == 0
        assert len(result.out.splitlines()) == 1 + 26  # Stockholm: no register, its 26 kommuner
        assert cli("--project", project, "bortfall", "--lan", "99").code == 2


class TestBrukarrevision:
    def test_lists_exactly_the_yes_answers_and_says_it_is_internal(
        self, project: Path, cli: Callable[..., Any]
    ) -> None:
        """The CSV's first line is the internal note; the rows are the organisations that answered yes."""
        out = project / "br.csv"
        assert cli("--project", project, "brukarrevision", "--format", "csv", "-o", out).code == 0
        rows = _csv_rows(out)
        assert rows[0][0].startswith("INTERN ARBETSLISTA")
        assert rows[1][:6] == ["Län", "Länsnamn", "Kommun", "Typ", "Verksamhet", "Svarsdatum"]
        assert [(r[4], r[5]) for r in rows[2:]] == [
            ("Socialtjänsten Karlskrona", "2026-03-01"),
            ("Vårdcentralen Norr", "2026-02-10"),
        ]
        norr = next(r for r in rows[2:] if r[4] == "Vårdcentralen Norr")
        assert norr[6:] == ["norr@example.se", "0455-100"]

    def test_xlsx_opens_with_the_internal_sheet(self, project: Path, cli: Callable[..., Any]) -> None:
        """Without -o the workbook goes to reports/intern/; its first sheet says it is never published."""
        result = cli("--project", project, "--lang", "en", "brukarrevision", "--format", "xlsx")
        assert result.code == 0, result.err
        book = load_workbook(project / "reports" / "intern" / "brukarrevision-2026.xlsx")
        assert book.sheetnames == ["About", "User-led audit"]
        assert "never published" in str(book["About"]["A1"].value)
        names = [r[4] for r in book["User-led audit"].iter_rows(min_row=2, values_only=True)]
        assert sorted(names) == ["Socialtjänsten Karlskrona", "Vårdcentralen Norr"]


class TestProgress:
    def test_progress_table_and_page(self, project: Path, cli: Callable[..., Any]) -> None:
        """status --progress prints the county's rate and writes the internal page with the period marked."""
        result = cli("--project", project, "status", "--progress")
        assert result.code == 0, result.err
        assert "10 Blekinge län" in result.out
        page = (project / "reports" / "intern" / "faltarbete.html").read_text(encoding="utf-8")
        assert "<svg" in page and 'class="period"' in page and "2026-03-15" in page
        assert "4 / 9" in page  # 4 answering organisations of 4 vårdcentraler + 5 kommuner
        assert not (project / "reports" / "index.html").exists()  # no published output is written

    def test_progress_json_curve(self, project: Path, cli: Callable[..., Any]) -> None:
        """The JSON curve rises on the days of the first answers and covers the declared period."""
        import json

        result = cli("--project", project, "status", "--progress", "--format", "json", "--lan", "10")
        doc = json.loads(result.out)
        assert doc["days"][0] == "2026-02-01" and doc["days"][-1] == "2026-03-15"
        curve = dict(zip(doc["days"], doc["counties"][0]["curve"], strict=True))
        assert curve["2026-02-09"] == 0.0
        assert curve["2026-02-10"] == pytest.approx(1 / 9)
        assert curve["2026-03-15"] == pytest.approx(4 / 9)


class TestWaveNew:
    def test_appends_the_wave_and_keeps_comments(self, project: Path, cli: Callable[..., Any]) -> None:
        """wave new appends [[waves]] text after the existing file, which stays byte for byte."""
        toml = project / "samverkan.toml"
        before = toml.read_text(encoding="utf-8")
        result = cli("--project", project, "wave", "new", "2027", "--open", "2027-02-01", "--close", "2027-03-15")
        assert result.code == 0, result.err
        after = toml.read_text(encoding="utf-8")
        assert after.startswith(before)
        waves = tomllib.loads(after)["waves"]
        assert waves[-1] == {"name": "2027", "start": "2027-02-01", "end": "2027-03-15"}
        assert "samverkan bortfall --wave 2027" in result.out
        assert "4 enheter" in result.out  # the register carries over

    def test_refuses_a_duplicate_and_bad_dates(self, project: Path, cli: Callable[..., Any]) -> None:
        """A declared name or an unreadable date is a usage error and leaves the file as it was."""
        toml = project / "samverkan.toml"
        before = toml.read_text(encoding="utf-8")
        assert cli("--project", project, "wave", "new", "2026").code == 2
        assert cli("--project", project, "wave", "new", "2027", "--open", "1 mars").code == 2
        backwards = ("--open", "2027-03-01", "--close", "2027-02-01")
        assert cli("--project", project, "wave", "new", "2027", *backwards).code == 2
        assert toml.read_text(encoding="utf-8") == before

    def test_new_wave_lists_everyone_as_missing(self, project: Path, cli: Callable[..., Any]) -> None:
        """After wave new, bortfall defaults to the new wave, where every unit still has to answer."""
        assert cli("--project", project, "wave", "new", "2027").code == 0
        result = cli("--project", project, "bortfall", "--format", "csv", "--lan", "10")
        assert len(result.out.splitlines()) == 1 + 4 + 5

    def test_first_declaration_declares_the_stored_waves_too(
        self, tmp_path: Path, project: Path, cli: Callable[..., Any]
    ) -> None:
        """With no [[waves]] yet, the waves holding responses are declared before the new one."""
        toml = project / "samverkan.toml"
        text = toml.read_text(encoding="utf-8")
        toml.write_text(text[: text.index("\n[[waves]]")] + "\n", encoding="utf-8")
        result = cli("--project", project, "wave", "new", "2027")
        assert result.code == 0, result.err
        assert [w["name"] for w in tomllib.loads(toml.read_text(encoding="utf-8"))["waves"]] == ["2026", "2027"]


class TestKommunRegister:
    def test_an_imported_kommun_register_replaces_the_built_in_kommuner(
        self, project: Path, cli: Callable[..., Any]
    ) -> None:
        """With a kommun register for the county, its units and columns are listed instead of the 290."""
        register = project / "kommuner.csv"
        register.write_text(
            "Enhet;Kommun;Funktionsbrevlåda\nIFO Karlshamn;Karlshamn;ifo@karlshamn.example.se\n"
            "IFO Karlskrona;Karlskrona;ifo@karlskrona.example.se\n",
            encoding="utf-8",
        )
        assert cli("--project", project, "frame", "import", register, "--org-typ", "kommun").code == 0
        out = project / "b.csv"
        assert cli("--project", project, "bortfall", "--format", "csv", "-o", out).code == 0
        rows = _csv_rows(out)
        kommun_rows = [r for r in rows[1:] if r[3].startswith("Kommun")]
        assert [(r[4], r[-1]) for r in kommun_rows] == [("IFO Karlshamn", "ifo@karlshamn.example.se")]


class TestNextYearsFiles:
    def test_after_wave_new_run_imports_the_inbox_folder_of_the_new_wave(
        self, project: Path, cli: Callable[..., Any]
    ) -> None:
        """wave new 2027, then a file in inbox/2027/ is imported by run into wave 2027 and bortfall follows it."""
        assert (
            cli("--project", project, "wave", "new", "2027", "--open", "2027-02-01", "--close", "2027-03-15").code == 0
        )
        empty = cli("--project", project, "bortfall", "--format", "csv", "--lan", "10")
        assert len(empty.out.splitlines()) == 1 + 4 + 5  # nobody has answered 2027 yet
        inbox = project / "inbox" / "2027"
        inbox.mkdir(parents=True, exist_ok=True)
        _export(inbox / "blekinge-2027.csv", "2027")
        result = cli("--project", project, "run")
        assert result.code == 0, result.err
        assert not list(inbox.glob("*.csv"))  # moved to the archive once imported
        status = cli("--project", project, "status", "--format", "json")
        assert '"2027"' in status.out
        by_wave = {
            w: cli("--project", project, "bortfall", "--wave", w, "--format", "csv", "--lan", "10").out
            for w in ("2026", "2027")
        }
        assert by_wave["2027"] == by_wave["2026"]  # the same four answered, in the new wave
        assert len(by_wave["2027"].splitlines()) == 1 + 6

    def test_import_with_the_new_wave_needs_no_new_wave_flag(self, project: Path, cli: Callable[..., Any]) -> None:
        """Once declared, import --wave 2027 is accepted; an undeclared wave is still refused."""
        _export(project / "next.csv", "2027")
        assert cli("--project", project, "import", project / "next.csv", "--wave", "2028").code != 0
        assert cli("--project", project, "wave", "new", "2027").code == 0
        result = cli("--project", project, "import", project / "next.csv", "--wave", "2027")
        assert result.code == 0, result.err
        csv_out = cli("--project", project, "bortfall", "--wave", "2027", "--format", "csv", "--lan", "10").out
        assert len(csv_out.splitlines()) == 1 + 6
