"""On the example data, bortfall and brukarrevision list exactly the generator's truth for every county.

``examples/expected.json`` holds, under ``fieldwork``, per wave and county the register units the
generator left without a response and the organisations whose answer to B6 is yes. All 21 counties
and both waves are imported here with the messy files as they are (spelling variants of kommuner,
a stadsdel for a kommun, a duplicate row, one vårdcentral answering twice under two names).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TRUTH: dict[str, dict[str, dict[str, list[list[str]]]]] = json.loads(
    (EXAMPLES / "expected.json").read_text(encoding="utf-8")
)["fieldwork"]
WAVES = ("2025", "2026")
KOMMUN, VARDCENTRAL = "kommun", "vardcentral"
#: Exports whose submission-time column is not read. None since the importer reads "Svarsdatum" and
#: Netigate's "Skickad" (checked and masked like any stored text); kept so a layout can be listed again.
UNDATED: set[tuple[str, str]] = set()

Unit = tuple[str, str, str]  # (type, kommun name, unit name; '' for a kommun's social services)


def _kommun_name(code: str) -> str:
    from samverkan_cli.reference import kommun_by_code

    return kommun_by_code(code).name


def _unit(typ: str, kommun_code: str, name: str) -> Unit:
    """A kommun's social services are one unit per kommun, whatever name they answered under."""
    return (typ, _kommun_name(kommun_code), name if typ == VARDCENTRAL else "")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every example register and both waves of every county's export, imported as they are."""
    from samverkan_cli.batch.project import init_project
    from samverkan_cli.ingest.pipeline import import_files
    from samverkan_cli.ingest.register import import_frame
    from samverkan_cli.instrument import load_instrument
    from samverkan_cli.store import open_store

    root = tmp_path_factory.mktemp("fieldwork-examples")
    init_project(root)
    mapping = tomllib.loads((EXAMPLES / "mapping.toml").read_text(encoding="utf-8"))["columns"]
    instrument = load_instrument()
    with open_store(root / "samverkan.db") as store:
        for register in sorted((EXAMPLES / "register").iterdir()):
            import_frame(store, register)
        for wave in WAVES:
            exports = sorted((EXAMPLES / "exports" / wave).iterdir())
            import_files(store, instrument, exports, wave, mapping=mapping)
    return root


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _type_code(label: str) -> str:
    from samverkan_cli.instrument import load_instrument

    return KOMMUN if label == load_instrument().org_type_label(KOMMUN, "en") else VARDCENTRAL


def _bortfall(cli: Callable[..., Any], project: Path, wave: str) -> list[dict[str, str]]:
    result = cli("--project", project, "--lang", "en", "bortfall", "--wave", wave, "--format", "csv")
    assert result.code == 0, result.err
    return _rows(result.out)


@pytest.mark.parametrize("wave", WAVES)
class TestBortfallOnExamples:
    def test_every_county_lists_exactly_the_units_without_a_response(
        self, wave: str, project: Path, cli: Callable[..., Any]
    ) -> None:
        """In each of the 21 counties the units listed as missing are the generator's non-respondents."""
        listed: dict[str, set[Unit]] = {lan: set() for lan in TRUTH[wave]}
        for row in _bortfall(cli, project, wave):
            assert row["Status"] == "no response", row  # no spelling variant of a unit in the examples
            listed[row["County"]].add(
                (_type_code(row["Type"]), row["Kommun"], row["Unit"] if _type_code(row["Type"]) == VARDCENTRAL else "")
            )
        assert len(listed) == 21
        for lan, truth in TRUTH[wave].items():
            # A row whose kommun resolves to nothing is quarantined: the unit has no usable response.
            expected = {_unit(*u) for u in truth["no_response"] + truth["unresolvable"]}
            assert listed[lan] == expected, lan
            assert not truth["other_spelling"]

    def test_counts_add_up_to_the_frame(self, wave: str, project: Path, cli: Callable[..., Any]) -> None:
        """Missing units over all counties = the truth's total (504 in 2025, 451 in 2026)."""
        total = sum(len(t["no_response"]) + len(t["unresolvable"]) for t in TRUTH[wave].values())
        assert len(_bortfall(cli, project, wave)) == total == {"2025": 504, "2026": 451}[wave]


@pytest.mark.parametrize("wave", WAVES)
class TestBrukarrevisionOnExamples:
    def test_every_county_lists_exactly_the_yes_answers(
        self, wave: str, project: Path, cli: Callable[..., Any]
    ) -> None:
        """The organisations listed per county are those whose latest generated B6 answer is yes, with its date."""
        result = cli("--project", project, "--lang", "en", "brukarrevision", "--wave", wave, "-f", "csv")
        assert result.code == 0, result.err
        note, body = result.out.split("\n", 1)
        assert next(csv.reader([note]))[0].startswith("INTERNAL WORKING LIST")
        listed: dict[str, set[tuple[Unit, str]]] = {lan: set() for lan in TRUTH[wave]}
        for row in _rows(body):
            typ = _type_code(row["Type"])
            unit = (typ, row["Kommun"], row["Organisation"] if typ == VARDCENTRAL else "")
            listed[row["County"]].add((unit, row["Date of answer"]))
        for lan, truth in TRUTH[wave].items():
            undated = (wave, lan) in UNDATED
            expected = {
                (_unit(typ, k, answered_as), "" if undated else day)
                for typ, k, _, answered_as, day in truth["audit_interest"]
            }
            assert listed[lan] == expected, lan
        assert sum(map(len, listed.values())) == {"2025": 415, "2026": 496}[wave]


# --- Spelling variants: the register names a unit otherwise than its answer ---------------------------


def _brand_dropped(name: str, kommun: str) -> str | None:
    """The register leaves out the provider brand: "Närhälsan Ale vårdcentral" -> "Ale vårdcentral"."""
    return name.removeprefix("Närhälsan ") if name.startswith("Närhälsan ") else None


def _brand_added(name: str, kommun: str) -> str | None:
    """The register has the brand and a genitive: "Vårdcentralen Kvarnen" -> "Capio Kvarnens vårdcentral"."""
    place = name.removeprefix("Vårdcentralen ")
    return f"Capio {place}s vårdcentral" if place != name and len(place) > 6 else None


def _city_added(name: str, kommun: str) -> str | None:
    """The register adds the city to a stadsdel: "Farsta vårdcentral" -> "Farsta vårdcentral Stockholm"."""
    return f"{name} {kommun}" if kommun == "Stockholm" else None


def _typo(name: str, kommun: str) -> str | None:
    """One letter wrong in the place name: "Vårdcentralen Kyrkbacken" -> "Vårdcentralen Kyrkbackan"."""
    place = name.removeprefix("Vårdcentralen ")
    return name[:-2] + "a" + name[-1] if place != name and len(place) > 6 else None


#: (county, how its register respells a unit that answered; None = leave this unit as it is)
VARIANTS: tuple[tuple[str, Callable[[str, str], str | None]], ...] = (
    ("14", _brand_dropped),
    ("12", _brand_added),
    ("01", _city_added),
    ("03", _typo),
)


def _register_rows(lan: str) -> list[list[str]]:
    (path,) = (EXAMPLES / "register").glob(f"{lan}_*")
    if path.suffix == ".csv":
        return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))
    sheet = load_workbook(path, read_only=True).worksheets[0]
    return [["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)]


@pytest.fixture(scope="module")
def respelt(project: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[Unit, str]]:
    """A copy of the project whose registers spell two answering units per county differently.

    Returns the project and, per renamed unit (as the register now names it), the name it answered under.
    """
    from samverkan_cli.ingest.register import import_frame
    from samverkan_cli.store import open_store

    root = tmp_path_factory.mktemp("fieldwork-respelt") / "p"
    shutil.copytree(project, root)
    renamed: dict[Unit, str] = {}
    with open_store(root / "samverkan.db") as store:
        for lan, respell in VARIANTS:
            no_response = {u[2] for u in TRUTH["2026"][lan]["no_response"]}
            rows = _register_rows(lan)
            done = 0
            for row in rows[1:]:
                name, kommun = row[0], row[1]
                new = respell(name, kommun)
                if new is None or name in no_response or done == 2:
                    continue
                row[0] = new
                renamed[(VARDCENTRAL, kommun, new)] = name
                done += 1
            assert done == 2, lan
            path = root / f"{lan}_register.csv"
            path.write_text("\n".join(";".join(r) for r in rows) + "\n", encoding="utf-8")
            import_frame(store, path)
    return root, renamed


class TestSpellingVariantsOnExamples:
    def test_units_that_answered_under_another_spelling_are_probable_matches(
        self, respelt: tuple[Path, dict[Unit, str]], cli: Callable[..., Any]
    ) -> None:
        """A dropped or added brand, a genitive, the city after a stadsdel or a typo: probable match, not missing."""
        root, renamed = respelt
        rows = _bortfall(cli, root, "2026")
        probable = {
            (VARDCENTRAL, r["Kommun"], r["Unit"]): r["Answered as"] for r in rows if r["Status"] == "probable match"
        }
        assert probable == renamed

    def test_the_other_units_are_listed_as_before(
        self, respelt: tuple[Path, dict[Unit, str]], cli: Callable[..., Any]
    ) -> None:
        """Respelling the register changes nothing else: the missing units are still the generator's."""
        root, _ = respelt
        rows = [r for r in _bortfall(cli, root, "2026") if r["Status"] == "no response"]
        for lan, _respell in VARIANTS:
            listed = {
                (_type_code(r["Type"]), r["Kommun"], r["Unit"] if _type_code(r["Type"]) == VARDCENTRAL else "")
                for r in rows
                if r["County"] == lan
            }
            truth = TRUTH["2026"][lan]
            assert listed == {_unit(*u) for u in truth["no_response"] + truth["unresolvable"]}, lan


@pytest.mark.parametrize("wave", WAVES)
class TestProgressOnExamples:
    def test_every_answer_is_on_the_curve(self, wave: str, project: Path) -> None:
        """Every stored submission time is read (Google Forms' fm/em too); the undated are those without one."""
        from samverkan_cli.config import load_config
        from samverkan_cli.fieldwork import field_progress
        from samverkan_cli.store import open_store

        with open_store(project / "samverkan.db") as store:
            progress = field_progress(store, load_config(project), wave)
        assert len(progress.counties) == 21
        for county in progress.counties:
            undated = 1 if (wave, county.lan) == ("2025", "19") else 0  # abandoned: no submitdate
            if (wave, county.lan) in UNDATED:
                undated = county.responded
            assert county.undated == undated, county.lan
            dated = (county.responded - undated) / county.frame
            assert county.curve[-1] == pytest.approx(dated), county.lan
        rates = [c.rate or 0.0 for c in progress.counties]
        assert rates == sorted(rates)  # furthest behind first
