"""InputError helpers shared by the readers, so every message names the file."""

from __future__ import annotations

from pathlib import Path

from samverkan_cli.errors import InputError
from samverkan_cli.i18n import Msg

__all__ = ["damaged_workbook", "not_a_workbook", "unreadable"]


def unreadable(path: Path, why: Msg, hint: Msg | None = None) -> InputError:
    """An :class:`InputError` saying ``path`` could not be read and why.

    ``why`` may use ``{file}``; it is filled in with the file name.
    """
    message = Msg(
        "Kan inte läsa {file}: " + why.sv,
        "Cannot read {file}: " + why.en,
    ).format(file=path.name)
    return InputError(message, hint=hint)


def not_a_workbook(path: Path, what: Msg) -> InputError:
    """The file has a workbook name (.xlsx, .xls ...) but holds text that is not an export."""
    return unreadable(
        path,
        Msg(
            "filen heter {ext} men är ingen Excel-arbetsbok utan en textfil, och " + what.sv + ".",
            "the file is named {ext} but is not an Excel workbook: it is a text file, and " + what.en + ".",
        ).format(ext=path.suffix),
        Msg(
            "Kontrollera att det är rätt fil och exportera svaren på nytt som .xlsx eller .csv.",
            "Check that this is the right file and export the responses again as .xlsx or .csv.",
        ),
    )


def damaged_workbook(path: Path, exc: Exception) -> InputError:
    """A workbook whose container or records are damaged, with what to do about it."""
    return unreadable(
        path,
        Msg("arbetsboken är skadad ({err}).", "the workbook is corrupt ({err}).").format(err=exc),
        Msg(
            "Öppna den i Excel och spara som .xlsx, eller exportera den på nytt.",
            "Open it in Excel and save as .xlsx, or export it again.",
        ),
    )
