"""Readers: any supported export file -> :class:`RawTable`."""

from samverkan_cli.readers.base import PLATFORMS, ColumnMeta, RawTable

__all__ = ["PLATFORMS", "ColumnMeta", "RawTable"]
