"""The labelled axes of the cell arrays and the output filter over them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from samverkan_cli.analysis.load import ORG_TYPES

__all__ = ["ALLA", "RIKET", "TYPES", "Grid"]

RIKET = "riket"
ALLA = "alla"
TYPES: tuple[str, ...] = (*ORG_TYPES, ALLA)


@dataclass(frozen=True)
class Grid:
    """Waves, lans (+ riket) and org types (+ alla) of the arrays; which of them are output."""

    waves: tuple[str, ...]
    lans: tuple[str, ...]
    measures: tuple[str, ...]
    out_waves: frozenset[str]
    out_lans: frozenset[str] | None
    by: frozenset[str]
    out_measures: frozenset[str] | None = None

    @property
    def all_lans(self) -> tuple[str, ...]:
        return (*self.lans, RIKET)

    def shows(self, wave: int, lan: int, typ: int) -> bool:
        """Whether the group is part of the output (filters only, not disclosure control)."""
        if self.waves[wave] not in self.out_waves:
            return False
        is_riket, is_alla = lan == len(self.lans), typ == len(ORG_TYPES)
        if "lan" not in self.by and not is_riket:
            return False
        if "org_typ" not in self.by and not is_alla:
            return False
        return is_riket or self.out_lans is None or self.lans[lan] in self.out_lans

    def groups(self) -> Iterator[tuple[int, int, int]]:
        """Output groups in a fixed order: wave, lan (riket last), org_typ (alla last)."""
        for w in range(len(self.waves)):
            for lan in range(len(self.lans) + 1):
                for t in range(len(TYPES)):
                    if self.shows(w, lan, t):
                        yield w, lan, t

    def shows_measure(self, measure: str) -> bool:
        return self.out_measures is None or measure in self.out_measures

    def labels(self, w: int, lan: int, t: int) -> tuple[str, str, str]:
        """(wave, lan, org_typ) codes of a group's indexes."""
        return self.waves[w], self.all_lans[lan], TYPES[t]
