"""File helpers: the one content hash and atomic writes."""

from __future__ import annotations

import hashlib
from pathlib import Path

from samverkan_cli.fileio import file_sha256, write_atomic


class TestFileio:
    def test_file_sha256_is_the_hash_of_the_bytes(self, tmp_path: Path) -> None:
        """file_sha256 equals hashlib's SHA-256 of the whole file, also past one read block."""
        data = bytes(range(256)) * 9000
        path = tmp_path / "f.bin"
        path.write_bytes(data)
        assert file_sha256(path) == hashlib.sha256(data).hexdigest()

    def test_write_atomic_replaces_and_leaves_no_temp_file(self, tmp_path: Path) -> None:
        """An atomic write replaces the old content and leaves only the target behind."""
        path = tmp_path / "sub" / "out.txt"
        write_atomic(path, b"old")
        write_atomic(path, b"new")
        assert path.read_bytes() == b"new"
        assert [p.name for p in path.parent.iterdir()] == ["out.txt"]
