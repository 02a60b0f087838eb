"""Per-invocation state shared by commands: global options, config and consoles."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from samverkan_cli.i18n import LANGS, Lang

if TYPE_CHECKING:
    from rich.console import Console

    from samverkan_cli.config import Config
    from samverkan_cli.instrument import Instrument
    from samverkan_cli.store import Store

__all__ = ["State", "state"]


@dataclass
class State:
    """Global options plus lazily created project objects."""

    lang: Lang = "sv"
    quiet: bool = False
    debug: bool = False
    project: Path | None = None
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
        from samverkan_cli.store import open_store

        return open_store(self.config().database)

    def instrument(self) -> Instrument:
        from samverkan_cli.instrument import load_instrument

        return load_instrument(self.config().instrument_path())

    @property
    def out(self) -> Console:
        import sys

        from rich.console import Console

        # Piped output (logs, files) gets a fixed comfortable width instead of Rich's 80 columns.
        return Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 140)

    @property
    def err(self) -> Console:
        from rich.console import Console

        return Console(stderr=True, highlight=False, quiet=self.quiet, soft_wrap=True)


def state(ctx: typer.Context) -> State:
    """The :class:`State` of this invocation (created by the app callback)."""
    obj = ctx.find_root().obj
    if not isinstance(obj, State):
        obj = State()
        ctx.find_root().obj = obj
    return obj
