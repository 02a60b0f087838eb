"""The one progress-callback type every long library call takes (import, report, run)."""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["Progress"]

# progress(stage, done, total, label): stage is "import" or "report"; label names the file or
# report just finished. Only the CLI turns calls into a progress bar (on a TTY, not with --quiet).
Progress = Callable[[str, int, int, str], None]
