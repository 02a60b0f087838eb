"""Options in, plain data out: :class:`AnalysisOptions` and :class:`AnalysisResult` (SPEC section 11)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from samverkan_cli.config import AnalysisConfig

__all__ = ["RESULT_COLUMNS", "AnalysisOptions", "AnalysisResult", "rnd"]

Row = dict[str, Any]

RESULT_COLUMNS: tuple[str, ...] = (
    "wave",
    "lan",
    "org_typ",
    "measure",
    "n",
    "mean",
    "sd",
    "ci_low",
    "ci_high",
    "share_positive",
    "suppressed",
    "uncertain",
)


@dataclass(frozen=True)
class AnalysisOptions:
    """What to analyse and how; ``waves``/``lan``/``by``/``measures`` filter the output only.

    Statistics are always computed over every county, so riket, ranks and suppression do not
    change when the output is narrowed to some counties.
    """

    waves: tuple[str, ...] | None = None
    lan: tuple[str, ...] | None = None
    unit: Literal["organisation", "response"] = "organisation"
    min_n: int = 5
    uncertain_below: int = 10
    seed: int = 20260101
    bootstrap: int = 1000
    compare_previous: bool = True
    by: tuple[str, ...] = ("lan", "org_typ")
    measures: tuple[str, ...] | None = None

    @classmethod
    def from_config(cls, config: AnalysisConfig, **overrides: Any) -> AnalysisOptions:
        """Options from the ``[analysis]`` section of ``samverkan.toml``, with overrides."""
        base = cls(
            unit="response" if config.unit == "response" else "organisation",
            min_n=config.min_n,
            uncertain_below=config.uncertain_below,
            seed=config.seed,
            bootstrap=config.bootstrap,
        )
        return replace(base, **{k: v for k, v in overrides.items() if v is not None})


def rnd(value: Any, digits: int) -> float | None:
    """Round for output; NaN/inf become ``None`` and ``-0.0`` becomes ``0.0``."""
    if value is None:
        return None
    x = float(value)
    if not math.isfinite(x):
        return None
    return round(x, digits) + 0.0


@dataclass
class AnalysisResult:
    """Everything ``samverkan analyze`` reports, already suppressed and rounded.

    ``to_dict()`` is the JSON document of SPEC section 11 plus ``rankings``, ``distributions``,
    ``response_rates``, ``kommun_table`` and ``comments``.
    """

    meta: Row
    results: list[Row] = field(default_factory=list)
    comparisons: list[Row] = field(default_factory=list)
    reliability: list[Row] = field(default_factory=list)
    descriptives: list[Row] = field(default_factory=list)
    rankings: list[Row] = field(default_factory=list)
    distributions: list[Row] = field(default_factory=list)
    response_rates: list[Row] = field(default_factory=list)
    kommun_table: list[Row] = field(default_factory=list)
    comments: list[Row] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "meta": self.meta,
            "results": self.results,
            "comparisons": self.comparisons,
            "reliability": self.reliability,
            "descriptives": self.descriptives,
            "rankings": self.rankings,
            "distributions": self.distributions,
            "response_rates": self.response_rates,
            "kommun_table": self.kommun_table,
            "comments": self.comments,
        }

    def to_json(self) -> str:
        """The JSON document, byte-identical for identical inputs."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2, allow_nan=False) + "\n"

    def to_csv_rows(self) -> list[Row]:
        """The ``results`` rows with the same column names (``None`` for null)."""
        return [{c: row[c] for c in RESULT_COLUMNS} for row in self.results]

    def result(self, wave: str, lan: str, org_typ: str, measure: str) -> Row | None:
        """The results row of one group and measure, if present."""
        for row in self.results:
            if (row["wave"], row["lan"], row["org_typ"], row["measure"]) == (wave, lan, org_typ, measure):
                return row
        return None
