"""Outcomes of library calls -> exit codes (SPEC section 9), decided here and nowhere else.

Errors carry their code on their class (:mod:`samverkan_cli.errors`); finished calls return an
outcome, and the commands ask this module which code it means.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from samverkan_cli.errors import ValidationFailed

if TYPE_CHECKING:
    from samverkan_cli.batch.run import BatchResult
    from samverkan_cli.ingest.pipeline import ImportOutcome, ImportSummary

__all__ = ["batch_exit_code", "import_exit_code", "outcome_exit_code"]

EXIT_OK = 0


def outcome_exit_code(outcome: ImportOutcome) -> int:
    """0 for a clean import; 4 when validation failed (strict findings, all quarantined, unusable file)."""
    from samverkan_cli.ingest.pipeline import ImportOutcome

    return EXIT_OK if outcome is ImportOutcome.OK else ValidationFailed.exit_code


def import_exit_code(summary: ImportSummary) -> int:
    """The exit code of ``samverkan import``."""
    return outcome_exit_code(summary.outcome)


def batch_exit_code(result: BatchResult) -> int:
    """The exit code of ``samverkan run``/``demo``: the highest code of a file that failed or waits."""
    return max((f.exit_code for f in result.unfinished), default=EXIT_OK)
