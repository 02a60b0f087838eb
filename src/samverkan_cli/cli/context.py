"""Per-invocation state shared by commands: global options, config and consoles."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from samverkan_cli.i18n import LANGS, Lang, Msg

if TYPE_CHECKING:
    from rich.console import Console

    from samverkan_cli.config import Config
    from samverkan_cli.instrument import Instrument
    from samverkan_cli.store import Store

__all__ = ["DEFAULT_LOCK_WAIT", "WRITING_COMMANDS", "State", "state"]

# Commands that change the project (database, reports/) take the project lock while their store is
# open; `run` takes it itself (batch.run). Readers (status, analyze) never wait.
WRITING_COMMANDS = frozenset({"import", "frame", "report"})
# Seconds a writing command waits for another one to finish before it gives up with exit 5.
DEFAULT_LOCK_WAIT = 120.0


@dataclass
class State:
    """Global options plus lazily created project objects."""

    lang: Lang = "sv"
    quiet: bool = False
    debug: bool = False
    project: Path | None = None
    command: str | None = None
    lock_wait: float = DEFAULT_LOCK_WAIT
    dry_run: bool = False
    _config: Config | None = field(default=None, repr=False)

    def use_lang(self, lang: Lang | None) -> Lang:
        """Let a command's own ``--lang`` override the global one."""
        if lang is not None:
            self.lang = lang
        return self.lang

    def config(self) -> Config:
        if self._config is None:
            from samverkan_cli.config import find_project, load_config

            root = find_project(explicit=self.project)
            self._config = load_config(root)
            if self._config.report.lang in LANGS and self.lang_from_default:
                self.lang = self._config.report.lang
        return self._config

    lang_from_default: bool = True

    def store(self) -> Store:
        """The project's store; for a writing command it holds the project lock until it is closed."""
        from contextlib import ExitStack

        from samverkan_cli.store import open_store

        config = self.config()
        with ExitStack() as stack:
            if self._writes():
                from samverkan_cli.batch.locking import project_lock

                stack.enter_context(project_lock(config.root, self.lock_wait, self.command or "", self.notify))
            store = open_store(config.database)
            store.on_close(stack.pop_all().close)
        return store

    def notify(self, message: Msg) -> None:
        """Tell the user something on stderr (unless --quiet), e.g. that the command waits for the lock."""
        self.err.print(message.render(self.lang), markup=False)

    def _writes(self) -> bool:
        # `import --dry-run` stores nothing, so it does not wait for a writer.
        return self.command in WRITING_COMMANDS and not self.dry_run

    def instrument(self) -> Instrument:
        from samverkan_cli.instrument import load_instrument

        return load_instrument(self.config().instrument_path())

    @property
    def out(self) -> Console:
        import sys

        # Piped output (logs, files) gets a fixed comfortable width instead of Rich's 80 columns.
        return safe_console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 140)

    @property
    def err(self) -> Console:
        return safe_console(stderr=True, highlight=False, quiet=self.quiet, soft_wrap=True)


def state(ctx: typer.Context) -> State:
    """The :class:`State` of this invocation (created by the app callback)."""
    obj = ctx.find_root().obj
    if not isinstance(obj, State):
        obj = State()
        ctx.find_root().obj = obj
    return obj


def safe_console(**options: Any) -> Console:
    """A Rich console that never writes a control character from data to the terminal.

    Every text segment passes through :func:`samverkan_cli.text.printable` (escape sequences and
    control characters from file names, response ids or sheet names are dropped); Rich's own
    styling codes are added afterwards and stay.
    """
    from rich.console import Console
    from rich.segment import Segment

    from samverkan_cli.text import printable

    class _SafeConsole(Console):
        def _render_buffer(self, buffer: Iterable[Segment]) -> str:
            clean = [seg if seg.control else Segment(printable(seg.text), seg.style, seg.control) for seg in buffer]
            return super()._render_buffer(clean)

    return _SafeConsole(**options)
