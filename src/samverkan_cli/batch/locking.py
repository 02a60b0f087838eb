"""The project lock: one writing command at a time, and a clear message naming who holds it."""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from samverkan_cli.errors import Locked, StorageError
from samverkan_cli.i18n import Msg

__all__ = ["LOCK_NAME", "project_lock"]

LOCK_NAME = ".samverkan.lock"


@contextmanager
def project_lock(
    root: Path, wait: float = 0.0, command: str = "run", on_wait: Callable[[Msg], None] | None = None
) -> Iterator[None]:
    """Hold the project's lock for the duration of the block; wait up to ``wait`` seconds, then raise :class:`Locked`.

    The lock is an OS file lock (``filelock``): the kernel releases it when the holding process
    dies, so a run killed with SIGKILL never blocks the next one. Who holds it (process, host,
    command, start) is written beside; ``on_wait`` is told once when this process has to wait.
    """
    from filelock import FileLock, Timeout

    lock = FileLock(str(root / LOCK_NAME), timeout=0)
    info_path = root / (LOCK_NAME + ".json")
    try:
        try:
            lock.acquire(timeout=0)
        except Timeout:
            if wait <= 0:
                raise
            if on_wait is not None:
                on_wait(
                    Msg(
                        "Väntar upp till {s} s på {what} (process {pid} på {host}, startad {t}) …",
                        "Waiting up to {s} s for {what} (process {pid} on {host}, started {t}) …",
                    ).format(s=f"{wait:g}", **_read_holder(info_path))
                )
            lock.acquire(timeout=wait, poll_interval=0.1)
    except Timeout:
        holder = _read_holder(info_path)
        raise Locked(
            Msg(
                "En annan körning pågår redan i {d}: {what} (process {pid} på {host}, startad {t}).",
                "Another run is already in progress in {d}: {what} (process {pid} on {host}, started {t}).",
            ).format(d=root, **holder),
            Msg(
                "Vänta tills den är klar (eller vänta längre med --lock-timeout SEKUNDER). "
                "Låset släpps automatiskt om processen avslutas.",
                "Wait until it has finished (or wait longer with --lock-timeout SECONDS). "
                "The lock is released automatically when that process ends.",
            ),
        ) from None
    except OSError as exc:
        raise StorageError(
            Msg("Projektlåset {p} kunde inte skapas: {e}.", "The project lock {p} could not be created: {e}.").format(
                p=root / LOCK_NAME, e=exc.strerror or exc
            ),
            Msg(
                "Kontrollera att projektkatalogen går att skriva i (behörigheter, skrivskyddat filsystem).",
                "Check that the project folder can be written (permissions, read-only file system).",
            ),
        ) from exc
    try:
        info_path.write_text(
            json.dumps(
                {
                    "pid": os.getpid(),
                    "host": socket.gethostname(),
                    "command": command,
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
        what = f"samverkan {data.get('command', 'run')}"
        return {"pid": str(data["pid"]), "host": str(data["host"]), "t": str(data["started"]), "what": what}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {"pid": "?", "host": "?", "t": "?", "what": "samverkan"}
