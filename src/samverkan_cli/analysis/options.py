"""What to analyse and how: :class:`AnalysisOptions` (filters and thresholds of ``analyze``)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from samverkan_cli.config import Config

__all__ = ["AnalysisOptions"]


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
    protection_points: float = 20.0
    seed: int = 20260101
    bootstrap: int = 1000
    compare_previous: bool = True
    by: tuple[str, ...] = ("lan", "org_typ")
    measures: tuple[str, ...] | None = None

    @classmethod
    def from_config(cls, config: Config, **overrides: Any) -> AnalysisOptions:
        """Options from ``[analysis]`` and ``[disclosure]`` of ``samverkan.toml``, with overrides."""
        analysis, disclosure = config.analysis, config.disclosure
        base = cls(
            unit="response" if analysis.unit == "response" else "organisation",
            min_n=disclosure.min_n,
            uncertain_below=disclosure.uncertain_below,
            protection_points=disclosure.protection_points,
            seed=analysis.seed,
            bootstrap=analysis.bootstrap,
        )
        return replace(base, **{k: v for k, v in overrides.items() if v is not None})
