"""One exception hierarchy; exit codes (SPEC section 9) are mapped here and only here."""

from __future__ import annotations

from samverkan_cli.i18n import Lang, Msg

__all__ = [
    "ConfigError",
    "InputError",
    "InternalError",
    "Locked",
    "SamverkanError",
    "StorageError",
    "UsageError",
    "ValidationFailed",
]


class SamverkanError(Exception):
    """A problem the user can act on: a message, an optional hint and an exit code."""

    exit_code = 1

    def __init__(self, message: Msg | str, hint: Msg | str | None = None) -> None:
        self.message = message if isinstance(message, Msg) else Msg(message, message)
        self.hint = hint if isinstance(hint, Msg) or hint is None else Msg(hint, hint)
        super().__init__(self.message.en)

    def __reduce__(self) -> tuple[type[SamverkanError], tuple[Msg, Msg | None]]:
        # Report workers raise these in another process; pickle the message in both languages.
        return (self.__class__, (self.message, self.hint))

    def render(self, lang: Lang = "sv") -> str:
        return self.message.render(lang)

    def render_hint(self, lang: Lang = "sv") -> str | None:
        return self.hint.render(lang) if self.hint else None


class InternalError(SamverkanError):
    """Something the tool did wrong (exit 1)."""

    exit_code = 1


class UsageError(SamverkanError):
    """Bad option or missing file (exit 2)."""

    exit_code = 2


class InputError(SamverkanError):
    """An input file could not be read: unknown format, corrupt, undecodable (exit 3)."""

    exit_code = 3


class ValidationFailed(SamverkanError):
    """Findings under ``--strict``, or every row of a file quarantined (exit 4)."""

    exit_code = 4


class Locked(SamverkanError):
    """Another run holds the project lock (exit 5)."""

    exit_code = 5


class ConfigError(SamverkanError):
    """The project config or a codebook is invalid (exit 6)."""

    exit_code = 6

    def __init__(
        self,
        message: Msg | str,
        hint: Msg | str | None = None,
        problems: list[Msg] | None = None,
    ) -> None:
        super().__init__(message, hint)
        self.problems = problems or []

    def __reduce__(self) -> tuple[type[SamverkanError], tuple[Msg, Msg | None, list[Msg]]]:  # type: ignore[override]
        return (self.__class__, (self.message, self.hint, self.problems))

    def render(self, lang: Lang = "sv") -> str:
        lines = [self.message.render(lang)]
        lines += [f"  - {p.render(lang)}" for p in self.problems]
        return "\n".join(lines)


class StorageError(SamverkanError):
    """The project database or an output cannot be written or read back: damaged, read-only, disk full (exit 6).

    Nothing the user gave is wrong and nothing was changed; the message names the path and what to do.
    A batch run stops at such an error instead of blaming the file it was importing.
    """

    exit_code = 6
