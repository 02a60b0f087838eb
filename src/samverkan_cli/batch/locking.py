"""The project lock: one batch run at a time, and a clear message naming who holds it."""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from samverkan_cli.errors import Locked
from samverkan_cli.i18n import Msg

__all__ = ["LOCK_NAME", "project_lock"]

LOCK_NAME = ".samverkan.lock"


@contextmanager
def project_lock(root: Path) -> Iterator[None]:
    """Hold the project's lock for the duration of the block, or raise :class:`Locked` at once.

    The lock is an OS file lock (``filelock``): the kernel releases it when the holding process
    dies, so a run killed with SIGKILL never blocks the next one. Who holds it is written beside.
    """
    from filelock import FileLock, Timeout

    lock = FileLock(str(root / LOCK_NAME), timeout=0)
    info_path = root / (LOCK_NAME + ".json")
    try:
        lock.acquire()
    except Timeout:
        holder = _read_holder(info_path)
        raise Locked(
            Msg(
                "En annan körning pågår redan i {d} (process {pid} på {host}, startad {t}).",
                "Another run is already in progress in {d} (process {pid} on {host}, started {t}).",
            ).format(d=root, **holder),
            Msg(
                "Vänta tills den är klar. Låset släpps automatiskt om processen avslutas.",
                "Wait until it has finished. The lock is released automatically when that process ends.",
            ),
        ) from None
    try:
        info_path.write_text(
            json.dumps(
                {
                    "pid": os.getpid(),
                    "host": socket.gethostname(),
                    "started": datetime.now(UTC).replace(microsecond=0).isoformat(),
                }
            ),
            encoding="utf-8",
        )
        yield
    finally:
        info_path.unlink(missing_ok=True)
        lock.release()


def _read_holder(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {"pid": str(data["pid"]), "host": str(data["host"]), "t": str(data["started"])}
    except (OSError, ValueError, KeyError, TypeError):
        return {"pid": "?", "host": "?", "t": "?"}
