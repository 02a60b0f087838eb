"""Import outcomes and the exit codes the CLI maps them to (SPEC section 9)."""

from __future__ import annotations

from samverkan_cli.cli.outcomes import import_exit_code, outcome_exit_code
from samverkan_cli.ingest.findings import Finding
from samverkan_cli.ingest.pipeline import FileReport, ImportOutcome, ImportSummary


def _summary(report: FileReport, strict: bool = False) -> ImportSummary:
    return ImportSummary([report], strict=strict)


class TestImportOutcome:
    def test_clean_file_is_ok_and_exits_0(self) -> None:
        """A file with imported rows and no strict findings is OK, exit 0."""
        summary = _summary(FileReport("a.csv", "x", rows=3, imported=3))
        assert summary.outcome is ImportOutcome.OK
        assert import_exit_code(summary) == 0

    def test_warning_under_strict_fails_with_4(self) -> None:
        """A warning under --strict is STRICT_FINDINGS, exit 4; without --strict it is OK."""
        report = FileReport("a.csv", "x", rows=3, imported=3, findings=[Finding.make("kommun_guessed", 2, kommun="K")])
        assert _summary(report, strict=True).outcome is ImportOutcome.STRICT_FINDINGS
        assert import_exit_code(_summary(report, strict=True)) == 4
        assert _summary(report).outcome is ImportOutcome.OK

    def test_all_rows_quarantined_and_unusable_file_fail_with_4(self) -> None:
        """Every row quarantined, or no item columns, each exits 4."""
        quarantined = _summary(FileReport("a.csv", "x", rows=3, imported=0, quarantined=3))
        assert quarantined.outcome is ImportOutcome.ALL_QUARANTINED
        unusable = _summary(
            FileReport("a.csv", "x", findings=[Finding.make("no_item_columns", instrument="i", file="a")])
        )
        assert unusable.outcome is ImportOutcome.UNUSABLE_FILE
        assert {outcome_exit_code(o) for o in ImportOutcome if o is not ImportOutcome.OK} == {4}

    def test_already_imported_file_does_not_count(self) -> None:
        """A file imported before is skipped when judging the outcome."""
        report = FileReport("a.csv", "x", rows=3, imported=0, already_imported=True)
        assert _summary(report, strict=True).outcome is ImportOutcome.OK

    def test_summary_message_in_both_languages(self) -> None:
        """The summary line is a Msg with the counts in Swedish and English, dry run worded as such."""
        summary = ImportSummary([FileReport("a.csv", "x", rows=3, imported=3)], dry_run=True)
        assert summary.summary().render("sv") == "1 fil · 3 svar skulle importeras · 0 i karantän · 0 varningar"
        assert summary.summary().render("en") == "1 file · 3 responses would be imported · 0 quarantined · 0 warnings"
