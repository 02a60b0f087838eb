"""On the example data, bortfall lists exactly the register units the generator left without a response."""

from __future__ import annotations

import csv
import importlib.util
import io
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
#: (wave, county) files the generator leaves clean (no MESS), so its truth is what the tool must find
CLEAN = (("2026", "10"), ("2026", "07"), ("2025", "17"), ("2026", "23"), ("2026", "09"))


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("examples_generate", EXAMPLES / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def truth() -> dict[tuple[str, str], set[tuple[str, str, str]]]:
    """(wave, county) -> {(type, kommun, name)} of the frame organisations with no generated response."""
    gen = _generator()
    frame = gen.build_frame(gen.load_kommuner())
    records = gen.build_records(frame, gen.load_codebook())
    out = {}
    for wave, lan in CLEAN:
        answered = {r.org.id for r in records[(wave, lan)] if r.org is not None}
        out[(wave, lan)] = {
            (o.typ, o.kommun.name, o.name if o.typ == "vardcentral" else "") for o in frame[lan] if o.id not in answered
        }
    return out


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from samverkan_cli.batch.project import init_project
    from samverkan_cli.ingest.pipeline import import_files
    from samverkan_cli.ingest.register import import_frame
    from samverkan_cli.instrument import load_instrument
    from samverkan_cli.store import open_store

    root = tmp_path_factory.mktemp("fieldwork-examples")
    init_project(root)
    with open_store(root / "samverkan.db") as store:
        for wave, lan in CLEAN:
            (register,) = (EXAMPLES / "register").glob(f"{lan}_*")
            import_frame(store, register)
            (export,) = (EXAMPLES / "exports" / wave).glob(f"{lan}_*")
            import_files(store, load_instrument(), [export], wave)
    return root


@pytest.mark.parametrize(("wave", "lan"), CLEAN)
class TestBortfallOnExamples:
    def test_lists_exactly_the_generators_non_respondents(
        self,
        wave: str,
        lan: str,
        project: Path,
        truth: dict[tuple[str, str], set[tuple[str, str, str]]],
        cli: Callable[..., Any],
    ) -> None:
        """Every unit without a generated response, and no other, is listed as missing in its county."""
        result = cli("--project", project, "--lang", "en", "bortfall", "--wave", wave, "--lan", lan, "--format", "csv")
        assert result.code == 0, result.err
        from samverkan_cli.instrument import load_instrument

        kommun_label = load_instrument().org_type_label("kommun", "en")
        rows = list(csv.DictReader(io.StringIO(result.out)))
        listed = {
            ("kommun" if r["Type"] == kommun_label else "vardcentral", r["Kommun"], r["Unit"])
            for r in rows
            if r["Status"] == "no response"
        }
        listed = {(t, k, n if t == "vardcentral" else "") for t, k, n in listed}
        assert listed == truth[(wave, lan)]
        assert all(r["Status"] == "no response" for r in rows)


@pytest.fixture(scope="module")
def interested() -> dict[tuple[str, str], set[tuple[str, str]]]:
    """(wave, county) -> {(kommun, organisation name)} of the generated responses answering yes to B6."""
    gen = _generator()
    cb = gen.load_codebook()
    records = gen.build_records(gen.build_frame(gen.load_kommuner()), cb)
    yes = cb.label("B6", "ja")
    # A kommun's social services are stored under one name per kommun, so kommuner compare by kommun.
    return {
        key: {
            (r.org.kommun.name, r.org_namn if r.org.typ == "vardcentral" else "")
            for r in records[key]
            if r.org is not None and r.answers.get("B6") in ("ja", yes)
        }
        for key in CLEAN
    }


@pytest.mark.parametrize(("wave", "lan"), CLEAN)
class TestBrukarrevisionOnExamples:
    def test_lists_exactly_the_yes_answers(
        self,
        wave: str,
        lan: str,
        project: Path,
        interested: dict[tuple[str, str], set[tuple[str, str]]],
        cli: Callable[..., Any],
    ) -> None:
        """The organisations listed are those whose generated B6 answer is yes, no more, no fewer."""
        result = cli("--project", project, "--lang", "en", "brukarrevision", "--wave", wave, "--lan", lan, "-f", "csv")
        assert result.code == 0, result.err
        from samverkan_cli.instrument import load_instrument

        kommun_label = load_instrument().org_type_label("kommun", "en")
        rows = list(csv.DictReader(io.StringIO(result.out.split("\n", 1)[1])))
        listed = {(r["Kommun"], "" if r["Type"] == kommun_label else r["Organisation"]) for r in rows}
        assert listed == interested[(wave, lan)]
        assert interested[(wave, lan)] or (wave == "2026" and lan == "09")
