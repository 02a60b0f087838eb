"""The one progress bar of long commands (import, run, demo, report): Rich on a TTY, else silent."""

from __future__ import annotations

import contextlib
import sys
from typing import TYPE_CHECKING, Any

from samverkan_cli.i18n import Msg

if TYPE_CHECKING:
    from samverkan_cli.cli.context import State
    from samverkan_cli.progress import Progress

__all__ = ["progress_bar"]

_STAGES = {"import": Msg("Importerar", "Importing"), "report": Msg("Rapporter", "Reports")}


def progress_bar(st: State) -> tuple[Progress | None, contextlib.AbstractContextManager[Any]]:
    """A Rich progress bar on a terminal (not with --quiet, not in cron); returns (callback, context)."""
    if st.quiet or not sys.stderr.isatty():
        return None, contextlib.nullcontext()
    from rich.progress import BarColumn, TaskID, TextColumn
    from rich.progress import Progress as Bar

    bar = Bar(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TextColumn("{task.fields[label]}"),
        console=st.err,
        transient=True,
    )
    tasks: dict[str, TaskID] = {}

    def callback(stage: str, done: int, total: int, label: str) -> None:
        if stage not in tasks:
            name = _STAGES.get(stage, Msg(stage, stage))
            tasks[stage] = bar.add_task(name.render(st.lang), total=total, label="")
        bar.update(tasks[stage], completed=done, total=total, label=label)

    return callback, bar
