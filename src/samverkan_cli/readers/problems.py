"""InputError helpers shared by the readers, so every message names the file."""

from __future__ import annotations

from pathlib import Path

from samverkan_cli.errors import InputError
from samverkan_cli.i18n import Msg

__all__ = ["unreadable"]


def unreadable(path: Path, why: Msg, hint: Msg | None = None) -> InputError:
    """An :class:`InputError` saying ``path`` could not be read and why.

    ``why`` may use ``{file}``; it is filled in with the file name.
    """
    message = Msg(
        "Kan inte läsa {file}: " + why.sv,
        "Cannot read {file}: " + why.en,
    ).format(file=path.name)
    return InputError(message, hint=hint)
