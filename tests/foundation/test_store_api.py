"""The store's query and write functions, and the rule that ingest never imports the store."""

from __future__ import annotations

import ast
from pathlib import Path

from samverkan_cli.ingest.pipeline import ImportOutcome, import_files
from samverkan_cli.instrument import load_instrument
from samverkan_cli.store import open_store, queries, writes

REPO = Path(__file__).resolve().parents[2]
EXPORT = REPO / "examples" / "exports" / "2026" / "07_kronoberg.csv"


class TestQueriesAndWrites:
    def test_import_is_visible_through_the_queries(self, tmp_path: Path) -> None:
        """After one import the queries report its wave, responses, groups and state; nothing else."""
        with open_store(tmp_path / "s.db", create=True) as store:
            summary = import_files(store, load_instrument(), [EXPORT], "2026")
            assert summary.outcome is ImportOutcome.OK
            report = summary.files[0]
            assert queries.waves(store) == ["2026"]
            assert queries.import_wave(store, report.sha256) == "2026"
            assert queries.import_wave(store, "0" * 64) is None
            assert queries.responses_in_wave(store, "2026") == report.imported
            responses, organisations = queries.response_counts(store, "2026")
            assert responses == report.imported and 0 < organisations <= responses
            groups = queries.status_groups(store, "2026")
            assert sum(g[2] for g in groups) == report.imported
            assert {g[0] for g in groups} == {"07"}
            state = queries.batch_state(store)
            assert [row[1:] for row in state["imports"]] == [[report.sha256, "2026"]]
            assert state["frame"] == []
            assert len(queries.response_rows(store, ["2026"])) == report.imported
            found = queries.answer_arrays(store, ["2026"])
            long = store.scalar("SELECT COUNT(*) FROM answers")
            assert len(found.numbered_value) + len(found.other_item) == long > report.imported
            assert len(queries.answer_arrays(store, ["2026", "x"]).other_item) == len(found.other_item)
            assert len(queries.answer_arrays(store, ["x"]).numbered_value) == 0
            assert [w for w, _ in queries.import_signatures(store, ["2026"])] == ["2026"]

    def test_replace_frame_replaces_the_counties_it_names(self, tmp_path: Path) -> None:
        """A register replaces the earlier frame of its counties and of its organisation type only."""
        with open_store(tmp_path / "s.db", create=True) as store:
            first = [("A", "a", "0780", "07"), ("B", "b", "0780", "07"), ("C", "c", "1480", "14")]
            assert writes.replace_frame(store, "vardcentral", ["07", "14"], first, "r1.xlsx", "s1") == 0
            assert queries.frame_has_file(store, "s1")
            replaced = writes.replace_frame(store, "vardcentral", ["07"], [("D", "d", "0780", "07")], "r2.xlsx", "s2")
            assert replaced == 2
            assert queries.frame_counts(store) == {("07", "vardcentral"): 1, ("14", "vardcentral"): 1}
            assert queries.frame_units(store) == 2
            assert queries.frame_sizes(store)[("07", "vardcentral")] == 1


class TestLayering:
    def test_ingest_does_not_import_the_store_at_run_time(self) -> None:
        """Ingest sits below the store: it may name Store in annotations but never import it to run."""
        offenders = []
        for path in sorted((REPO / "src" / "samverkan_cli" / "ingest").glob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            guarded = {
                id(node)
                for block in ast.walk(tree)
                if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
                for node in ast.walk(block)
            }
            for node in ast.walk(tree):
                if not isinstance(node, ast.ImportFrom) or id(node) in guarded:
                    continue
                if (node.module or "").startswith("samverkan_cli.store"):
                    offenders.append(f"{path.name}:{node.lineno}")
        assert offenders == []
