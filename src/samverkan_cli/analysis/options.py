"""What to analyse and how: :class:`AnalysisOptions` (filters and thresholds of ``analyze``)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

from samverkan_cli.text import wave_key

if TYPE_CHECKING:
    from samverkan_cli.config import Config

__all__ = ["AnalysisOptions", "ordered_waves"]


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
    #: the declared waves in order (``[[waves]]``); None when undeclared: then waves sort as text
    wave_order: tuple[str, ...] | None = None

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
            wave_order=config.declared_waves or None,
        )
        return replace(base, **{k: v for k, v in overrides.items() if v is not None})


def ordered_waves(available: list[str], order: tuple[str, ...] | None) -> list[str]:
    """``available`` in the declared order; waves not declared (imported with --new-wave) follow in time order.

    >>> ordered_waves(["2025", "2025h", "2026"], ("2025", "2025h", "2026"))
    ['2025', '2025h', '2026']
    >>> ordered_waves(["10", "9"], ("9", "10"))
    ['9', '10']
    >>> ordered_waves(["2026-höst", "2026-vår"], None)
    ['2026-vår', '2026-höst']
    """
    by_time = sorted(set(available), key=lambda w: (wave_key(w), w))
    if not order:
        return by_time
    declared = [w for w in order if w in set(available)]
    return declared + [w for w in by_time if w not in set(declared)]
