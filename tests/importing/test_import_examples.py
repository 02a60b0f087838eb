"""Every shipped example export imports with the counts and findings examples/expected.json promises."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from samverkan_cli.batch.project import init_project
from samverkan_cli.ingest.pipeline import ImportOutcome, ImportSummary, import_files
from samverkan_cli.instrument import load_instrument
from samverkan_cli.store import Store, open_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXPECTED: dict[str, Any] = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))
WAVES = ("2025", "2026")


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, ImportSummary]]:
    root = tmp_path_factory.mktemp("examples")
    init_project(root)
    summaries = {}
    instrument = load_instrument()
    with open_store(root / "samverkan.db") as store:
        for wave in WAVES:
            files = sorted((EXAMPLES / "exports" / wave).iterdir())
            summaries[wave] = import_files(store, instrument, files, wave)
    return root, summaries


def report_for(summaries: dict[str, ImportSummary], key: str) -> Any:
    wave = key.split("/")[1]
    name = key.rsplit("/", 1)[1]
    return next(r for r in summaries[wave].files if r.file == name)


FILES = sorted(EXPECTED["files"])


class TestExampleImport:
    @pytest.mark.parametrize("key", FILES)
    def test_platform_and_counts(self, imported, key: str) -> None:  # type: ignore[no-untyped-def]
        """Each file is recognised as its platform and imports the promised number of responses."""
        expected = EXPECTED["files"][key]
        report = report_for(imported[1], key)
        assert report.platform == expected["platform"]
        stored = report.imported + report.quarantined
        assert stored == expected["responses"]
        assert report.quarantined == len(expected["unresolvable_kommun_rows"])
        assert report.duplicates == len(expected["duplicate_rows"])

    @pytest.mark.parametrize("key", FILES)
    def test_row_findings_name_the_promised_rows(self, imported, key: str) -> None:  # type: ignore[no-untyped-def]
        """Unknown kommun, duplicates, half-rule and unknown labels are reported at their rows."""
        expected = EXPECTED["files"][key]
        report = report_for(imported[1], key)
        by_code: dict[str, list[Any]] = {}
        for f in report.findings:
            by_code.setdefault(f.code, []).append(f)
        assert sorted(f.row for f in by_code.get("unknown_kommun", [])) == expected["unresolvable_kommun_rows"]
        assert sorted(f.row for f in by_code.get("duplicate_row", [])) == expected["duplicate_rows"]
        half = {f.row: f.message("en") for f in by_code.get("below_half", [])}
        for entry in expected["below_half_rows"]:
            assert entry["row"] in half
            for dim in entry["dimensions"]:
                assert dim in half[entry["row"]]
        labels = {(f.row, f.value) for f in by_code.get("unknown_label", [])}
        for entry in expected["unmatched_labels"]:
            assert (entry["row"], entry["value"]) in labels

    def test_totals_per_wave_and_county(self, imported) -> None:  # type: ignore[no-untyped-def]
        """The database holds the expected responses per wave and county (quarantined rows excluded)."""
        root, _ = imported
        with open_store(root / "samverkan.db") as store:
            for wave in WAVES:
                rows = store.query(
                    "SELECT o.lan_code, COUNT(*) AS n FROM responses r JOIN organisations o ON o.id = r.organisation_id"
                    " WHERE r.wave = ? GROUP BY o.lan_code",
                    (wave,),
                )
                counts = {r["lan_code"]: r["n"] for r in rows}
                quarantined = Counter(
                    EXPECTED["files"][k]["lan"]
                    for k in FILES
                    if k.split("/")[1] == wave
                    for _ in EXPECTED["files"][k]["unresolvable_kommun_rows"]
                )
                for lan, n in EXPECTED["totals"][wave]["by_lan"].items():
                    assert counts.get(lan, 0) == n - quarantined.get(lan, 0), lan

    def test_two_staff_of_one_organisation_are_one_unit(self, imported) -> None:  # type: ignore[no-untyped-def]
        """In 2026 there are 966 responses but 965 organisations: two staff of one unit were merged."""
        root, _ = imported
        with open_store(root / "samverkan.db") as store:
            orgs = store.scalar("SELECT COUNT(DISTINCT organisation_id) FROM responses WHERE wave = '2026'")
            responses = store.scalar("SELECT COUNT(*) FROM responses WHERE wave = '2026'")
        assert (responses, orgs) == (966, 965)


class TestPrivacy:
    SECRETS = (b"anna.andersson@example.se", b"121212-1212", b"19121212-1212", b"070-123 45 67", b"0701234567")

    def test_no_personal_data_reaches_the_database_file(self, imported) -> None:  # type: ignore[no-untyped-def]
        """Grep the raw bytes of the database and WAL: no e-mail, personnummer or phone number is stored."""
        root, _ = imported
        with open_store(root / "samverkan.db") as store:
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        data = b"".join(p.read_bytes() for p in root.glob("samverkan.db*"))
        for secret in self.SECRETS:
            assert secret not in data, secret
        for ip_prefix in (b"192.0.2.", b"198.51.100.", b"203.0.113."):
            assert ip_prefix not in data
        assert b"[e-post]" in data

    def test_free_text_is_stored_masked_and_escaping_is_left_to_renderers(self, imported) -> None:  # type: ignore[no-untyped-def]
        """Formula-like and script-like free text is stored verbatim as text, for the renderers to escape."""
        root, _ = imported
        with open_store(root / "samverkan.db") as store:
            texts = [r[0] for r in store.query("SELECT value FROM answers WHERE item_id = 'X1'")]
        assert any(t.startswith("=HYPERLINK") for t in texts)
        assert any("<script>" in t for t in texts)


class TestReimport:
    def test_same_file_again_changes_nothing(self, imported) -> None:  # type: ignore[no-untyped-def]
        """Importing an already imported file reports it and leaves the database byte-identical."""
        root, _ = imported
        db = root / "samverkan.db"
        with open_store(db) as store:
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        before = db.read_bytes()
        with open_store(db) as store:
            summary = import_files(store, load_instrument(), [EXAMPLES / "exports/2026/03_uppsala.xlsx"], "2026")
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        assert summary.files[0].already_imported
        assert summary.outcome is ImportOutcome.OK
        assert db.read_bytes() == before


def _count(store: Store) -> int:
    return int(store.scalar("SELECT COUNT(*) FROM responses"))


class TestOverlap:
    def test_overlapping_export_does_not_duplicate(self, tmp_path: Path) -> None:
        """A later export containing the earlier responses plus new ones adds only the new ones."""
        src = (EXAMPLES / "exports/2026/06_jonkoping.csv").read_text(encoding="utf-8")
        lines = src.splitlines(keepends=True)
        first = tmp_path / "jkpg_part1.csv"
        first.write_text("".join(lines[:20]), encoding="utf-8")
        full = tmp_path / "jkpg_full.csv"
        full.write_text(src, encoding="utf-8")
        init_project(tmp_path / "p")
        instrument = load_instrument()
        with open_store(tmp_path / "p" / "samverkan.db") as store:
            s1 = import_files(store, instrument, [first], "2026")
            n1 = _count(store)
            s2 = import_files(store, instrument, [full], "2026")
            n2 = _count(store)
        assert n1 == s1.files[0].imported == 19
        assert n2 == 37
        assert s2.files[0].imported == 37 - 19
        assert s2.files[0].duplicates == 19
