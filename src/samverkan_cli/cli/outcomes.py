"""Outcomes of library calls -> exit codes (SPEC section 9), decided here and nowhere else.

Errors carry their code on their class (:mod:`samverkan_cli.errors`); finished calls return an
outcome, and the commands ask this module which code it means.
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import TYPE_CHECKING

from samverkan_cli.errors import SamverkanError, StorageError, UsageError, ValidationFailed
from samverkan_cli.i18n import Msg

if TYPE_CHECKING:
    from samverkan_cli.batch.run import BatchResult
    from samverkan_cli.ingest.pipeline import ImportOutcome, ImportSummary

__all__ = ["batch_exit_code", "import_exit_code", "outcome_exit_code", "translate_error"]

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


def translate_error(exc: BaseException) -> SamverkanError | None:
    """The user-facing error for an exception raised by the system, or None when it is the tool's fault.

    Operating-system errors (a full disk, a file where a folder belongs, no permission) and SQLite
    errors that escaped a store's own translation get a message naming the path and what to do.
    """
    import sqlite3

    if isinstance(exc, sqlite3.Error):
        from samverkan_cli.store.db import database_error, last_opened

        path = last_opened()
        return database_error(exc, path) if path is not None else None
    if isinstance(exc, OSError) and exc.errno in _OS_ERRORS:
        kind, message, hint = _OS_ERRORS[exc.errno]
        name = Path(str(exc.filename)) if exc.filename is not None else "?"
        return kind(message.format(p=name, e=exc.strerror or exc), hint.format(p=name))
    return None


_PERMISSION = (
    UsageError,
    Msg("Behörighet saknas för {p} ({e}).", "No permission to use {p} ({e})."),
    Msg(
        "Välj en annan sökväg eller ändra behörigheterna för filen och dess katalog.",
        "Choose another path or change the permissions of the file and its folder.",
    ),
)
_FULL = Msg(
    "Frigör utrymme på disken eller höj gränsen för filstorlek (ulimit -f) och kör igen. Databasen är oförändrad.",
    "Free space on the disk or raise the file-size limit (ulimit -f) and run again. The database is unchanged.",
)
_OS_ERRORS: dict[int, tuple[type[SamverkanError], Msg, Msg]] = {
    errno.EISDIR: (
        UsageError,
        Msg("{p} är en katalog, inte en fil.", "{p} is a directory, not a file."),
        Msg("Ange ett filnamn, t.ex. {p}/resultat.json.", "Give a file name, e.g. {p}/results.json."),
    ),
    errno.ENOTDIR: (
        UsageError,
        Msg("{p}: en del av sökvägen är en fil, inte en katalog.", "{p}: part of the path is a file, not a directory."),
        Msg(
            "Ange en katalog, eller ta bort filen som står i vägen.", "Give a directory, or remove the file in the way."
        ),
    ),
    errno.EEXIST: (
        UsageError,
        Msg("{p} finns redan och är inte en katalog.", "{p} already exists and is not a directory."),
        Msg(
            "Ange en katalog, eller ta bort filen som står i vägen.", "Give a directory, or remove the file in the way."
        ),
    ),
    errno.ENOENT: (
        UsageError,
        Msg("{p} finns inte ({e}).", "{p} does not exist ({e})."),
        Msg("Kontrollera sökvägen, eller skapa katalogen först.", "Check the path, or create the folder first."),
    ),
    errno.EACCES: _PERMISSION,
    errno.EPERM: _PERMISSION,
    errno.EROFS: (
        StorageError,
        Msg("{p} ligger på ett skrivskyddat filsystem.", "{p} is on a read-only file system."),
        Msg("Använd en katalog som går att skriva i.", "Use a folder that can be written."),
    ),
    errno.ENOSPC: (
        StorageError,
        Msg("Disken är full: {p} kunde inte skrivas.", "The disk is full: {p} could not be written."),
        _FULL,
    ),
    errno.EDQUOT: (
        StorageError,
        Msg("Diskkvoten är slut: {p} kunde inte skrivas.", "The disk quota is used up: {p} could not be written."),
        _FULL,
    ),
    errno.EFBIG: (
        StorageError,
        Msg("{p} blev större än gränsen för filstorlek ({e}).", "{p} grew beyond the file-size limit ({e})."),
        _FULL,
    ),
}
