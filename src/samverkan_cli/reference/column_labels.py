"""Header labels of export bookkeeping columns (the submission time), loaded once from package data."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from samverkan_cli.text import fold

__all__ = ["ColumnLabels", "column_labels", "fold_label"]

_DATA_FILE = "column_labels.toml"


@dataclass(frozen=True)
class ColumnLabels:
    """The contents of ``reference/data/column_labels.toml`` (its header says what each part means)."""

    submitted: tuple[str, ...]  # folded, in order of preference

    def submitted_index(self, headers: list[str]) -> int | None:
        """The column whose whole header is a submission-time label, the most preferred label first.

        >>> column_labels().submitted_index(["Svars-ID", "Skickad", "Datum för senaste mötet"])
        1
        """
        folded = [fold_label(h) for h in headers]
        for label in self.submitted:
            if label in folded:
                return folded.index(label)
        return None


def fold_label(header: str) -> str:
    """A header folded the way the labels are written: ``"Tidsstämpel:"`` -> ``"tidsstämpel"``."""
    return fold(header, markup=True)


@cache
def column_labels() -> ColumnLabels:
    """The column labels shipped with the package (read once)."""
    ref = resources.files("samverkan_cli.reference") / "data" / _DATA_FILE
    data = tomllib.loads(ref.read_text(encoding="utf-8"))
    raw = data["submitted"]["labels"]
    if not isinstance(raw, list) or not all(isinstance(label, str) and label for label in raw):
        raise ValueError(f"{_DATA_FILE}: submitted.labels must be a list of non-empty strings")
    labels = tuple(dict.fromkeys(raw))
    unfolded = [label for label in labels if fold_label(label) != label]
    if unfolded:
        raise ValueError(f"{_DATA_FILE}: labels must be written folded: {unfolded}")
    return ColumnLabels(submitted=labels)
