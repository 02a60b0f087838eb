"""``samverkan analyze`` prints what the library returns, with disclosure control in every format."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from analysis.builders import all_items, build, resp
from typer.testing import CliRunner

from samverkan_cli.analysis import AnalysisOptions, analyze
from samverkan_cli.cli import analyze_cmd
from samverkan_cli.instrument import load_instrument
from samverkan_cli.store import open_store

INST = load_instrument(None)


def make_app() -> typer.Typer:
    from samverkan_cli.cli.app import app

    if any(c.name == "analyze" for c in app.registered_commands):
        return app
    fresh = typer.Typer()

    @fresh.callback()
    def _root() -> None:
        pass

    analyze_cmd.register(fresh)
    return fresh


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "samverkan.toml").write_text("[analysis]\nbootstrap = 100\n", encoding="utf-8")
    rs = [resp(f"vc{i}", "vardcentral", "1480", **all_items(INST, 3 + i % 2)) for i in range(9)]
    rs += [resp(f"k{i}", "kommun", "1401", **all_items(INST, 2)) for i in range(3)]
    rs += [resp(f"s{i}", "kommun", "0180", **all_items(INST, 1 + i % 4)) for i in range(20)]
    rs += [resp(f"v{i}", "vardcentral", "0180", **all_items(INST, 4 - i % 3)) for i in range(20)]
    rs += [resp(f"u{i}", "kommun", "1280", **all_items(INST, 1 + i % 4)) for i in range(8)]
    rs += [resp(f"w{i}", "vardcentral", "1280", **all_items(INST, 2 + i % 3)) for i in range(20)]
    rs += [resp(f"x{i}", "kommun", "0380", **all_items(INST, 3)) for i in range(6)]
    build(rs, path=tmp_path / "samverkan.db").close()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> str:
    result = CliRunner().invoke(make_app(), ["analyze", *args], catch_exceptions=False, env={"COLUMNS": "220"})
    assert result.exit_code == 0, result.output
    return result.stdout


def library(project: Path, **options: object) -> dict[str, object]:
    with open_store(project / "samverkan.db") as store:
        return analyze(store, INST, AnalysisOptions(bootstrap=100, **options)).to_dict()  # type: ignore[arg-type]


class TestAnalyzeJson:
    def test_json_equals_library(self, project: Path) -> None:
        """--format json prints exactly the library's to_dict()."""
        assert json.loads(run("--format", "json")) == library(project)

    def test_filters_reach_the_library(self, project: Path) -> None:
        """--lan, --dimension and --unit give the same document as the library with those options."""
        out = json.loads(run("--format", "json", "--lan", "14", "--dimension", "rutiner", "--unit", "response"))
        measures = ("rutiner", *(i.id for i in INST.items_of("rutiner")))
        assert out == library(project, lan=("14",), measures=measures, unit="response")

    def test_json_is_byte_identical(self, project: Path) -> None:
        """Two runs write the same bytes."""
        assert run("--format", "json") == run("--format", "json")

    def test_output_file(self, project: Path) -> None:
        """--output writes the document to the file."""
        run("--format", "json", "--output", "out.json")
        assert json.loads((project / "out.json").read_text(encoding="utf-8")) == library(project)


class TestSuppressionInEveryFormat:
    def test_json_hides_small_group(self, project: Path) -> None:
        """The kommun group of Västra Götaland (n=3) has no values in JSON; who answered (n) is public."""
        doc = json.loads(run("--format", "json"))
        row = next(r for r in doc["results"] if (r["lan"], r["org_typ"], r["measure"]) == ("14", "kommun", "index"))
        assert (row["n"], row["mean"], row["ci_low"], row["suppressed"]) == (3, None, None, True)
        assert row["suppression"] == "small_group"

    def test_csv_hides_small_group(self, project: Path) -> None:
        """The code-only CSV (--lang en) has the result columns; the small group's values are empty."""
        rows = list(csv.DictReader(io.StringIO(run("--lang", "en", "--format", "csv"))))
        row = next(r for r in rows if (r["lan"], r["org_typ"], r["measure"]) == ("14", "kommun", "index"))
        assert (row["n"], row["mean"], row["suppressed"], row["suppression"]) == ("3", "", "true", "small_group")
        doc = library(project)
        assert len(rows) == len(doc["results"])  # type: ignore[arg-type]

    def test_swedish_csv_opens_in_excel_columns(self, project: Path) -> None:
        """Under Swedish the CSV starts with a BOM, splits on ';', writes decimal commas, names and comparisons."""
        text = run("--format", "csv")
        assert text.startswith("\ufeff")
        rows = list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))
        assert len(rows) == len(library(project)["results"])  # type: ignore[arg-type]
        hidden = next(r for r in rows if (r["Län"], r["Typ"], r["Mått"]) == ("14", "kommun", "index"))
        assert (hidden["Länsnamn"], hidden["Verksamhetstyp"]) == ("Västra Götalands län", "Kommuner (socialtjänst)")
        assert (hidden["n"], hidden["Medelvärde"], hidden["Dolt"], hidden["Jämfört med riket"]) == ("3", "", "ja", "")
        doc = library(project)
        score = next(
            r
            for r in doc["results"]
            if (r["lan"], r["org_typ"], r["measure"]) == ("01", "vardcentral", "index")  # type: ignore[index]
        )
        vs = next(
            c
            for c in doc["comparisons"]  # type: ignore[union-attr]
            if (c["lan"], c["org_typ"], c["measure"], c["versus"]) == ("01", "vardcentral", "index", "riket")
        )
        shown = next(r for r in rows if (r["Län"], r["Typ"], r["Mått"]) == ("01", "vardcentral", "index"))
        assert float(shown["Medelvärde"].replace(",", ".")) == score["mean"]
        assert "," in shown["SD"] or shown["SD"].isdigit()
        assert float(shown["Skillnad mot riket"].replace(",", ".")) == vs["diff"]
        assert shown["Jämfört med riket"] == {"battre": "bättre", "i_niva": "i nivå", "samre": "sämre"}[vs["verdict"]]

    def test_english_csv_is_the_stable_code_only_csv(self, project: Path) -> None:
        """--lang en writes the library's code-only CSV byte for byte: ',' and '.'."""
        from samverkan_cli.analysis import AnalysisResult

        text = run("--lang", "en", "--format", "csv")
        assert text == AnalysisResult.from_dict(library(project)).to_csv()  # type: ignore[arg-type]
        assert text.splitlines()[0].startswith("wave,lan,org_typ,measure,n,mean")

    def test_table_shows_dots_marks_and_legend(self, project: Path) -> None:
        """The table prints .. for hidden groups, * for uncertain ones, Swedish decimals and a legend."""
        out = run("--lang", "sv", "--lan", "14", "--lan", "12", "--lan", "03")
        lines = out.splitlines()
        vg = [line for line in lines if "Västra" in line]
        assert sum(".." in line for line in vg) >= 5  # the kommun group (n=3) in every measure's table
        uppsala = [line for line in lines if "Uppsala" in line]
        assert any("*" in line and "," in line for line in uppsala)  # n = 6: shown, marked uncertain
        assert any(word in out for word in ("bättre", "i nivå", "sämre"))
        assert "färre än 5" in out

    def test_table_fits_100_columns(self, project: Path) -> None:
        """One table per measure keeps every line within a 100-column terminal."""
        result = CliRunner().invoke(make_app(), ["analyze"], catch_exceptions=False, env={"COLUMNS": "100"})
        assert result.exit_code == 0
        assert max(len(line.rstrip()) for line in result.stdout.splitlines()) <= 100
        assert "Samverkansindex – mätomgång" in result.stdout

    def test_county_filter_keeps_verdicts(self, project: Path) -> None:
        """--lan 01 still compares with the whole riket: verdicts are shown, not withheld as 'itself'."""
        out = run("--lan", "01")
        assert any(word in out for word in ("bättre", "i nivå", "sämre"))
        assert "1 av 21 län" not in out

    def test_dimension_by_name(self, project: Path) -> None:
        """-d accepts the dimension's name in any case and without å/ä/ö, like its id."""
        by_id = run("--format", "json", "-d", "remissvagar")
        assert run("--format", "json", "-d", "Remissvägar") == by_id
        assert run("--format", "json", "-d", "REMISSVAGAR") == by_id
        assert json.loads(by_id)["meta"]["measures"][0] == "remissvagar"

    def test_table_in_english(self, project: Path) -> None:
        """--lang en uses decimal points and English verdicts."""
        out = run("--lang", "en", "--lan", "01")
        assert "Sweden" in out and ("on a par" in out or "better" in out or "worse" in out)


class TestErrors:
    def test_unknown_dimension_is_usage_error(self, project: Path) -> None:
        """An unknown --dimension exits with code 2 and lists the dimensions."""
        from samverkan_cli.errors import UsageError

        result = CliRunner().invoke(make_app(), ["analyze", "--dimension", "nope"])
        assert isinstance(result.exception, UsageError)
        assert result.exception.exit_code == 2
        assert "rutiner" in (result.exception.render_hint("sv") or "")


class TestLazyImports:
    def test_command_module_does_not_import_pandas(self) -> None:
        """Importing the command module leaves pandas, numpy and scipy unloaded."""
        code = (
            "import sys; import samverkan_cli.cli.analyze_cmd; "
            "print([m for m in ('pandas', 'numpy', 'scipy') if m in sys.modules])"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        assert out.strip() == "[]"
