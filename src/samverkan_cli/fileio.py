"""File helpers: atomic writes (a reader never sees a half-written report) and content hashes."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from functools import cache
from pathlib import Path

__all__ = ["file_sha256", "remove_leftovers", "write_atomic"]

# mkstemp's name: "." + final name + "." + 8 random characters + ".tmp" (see write_atomic).
_TEMP_NAME = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, as lower-case hex (identity of an import or a report)."""
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk and rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp creates the file 0600; a report is for colleagues and web servers, so the mode
        # a plain open() would give (the umask's) is restored.
        if os.name == "posix":
            os.fchmod(handle, 0o666 & ~_umask())
        with os.fdopen(handle, "wb") as fh:
            fh.write(data)
            fh.flush()
            # Without fsync a crash after the rename can leave an empty file under the final name.
            os.fsync(fh.fileno())
        Path(tmp).replace(path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        if exc.filename is None:
            # A full disk shows up in write() without a file name; the user needs to know which file.
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def remove_leftovers(directory: Path) -> list[Path]:
    """Delete the temporary files :func:`write_atomic` left in ``directory`` when a process was killed.

    Call it only while holding the project lock: then no other process is writing there.
    """
    removed: list[Path] = []
    if not directory.is_dir():
        return removed
    for entry in directory.iterdir():
        if _TEMP_NAME.match(entry.name) and entry.is_file() and not entry.is_symlink():
            entry.unlink(missing_ok=True)
            removed.append(entry)
    return removed


@cache
def _umask() -> int:
    """The process's umask: read from /proc where possible, since setting it to read it races threads."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable; Windows cannot open a directory, so it is skipped there."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        with contextlib.suppress(OSError):  # some file systems refuse fsync on a directory
            os.fsync(fd)
    finally:
        os.close(fd)
