"""Field-period progress: the cumulative response rate per county, day by day, against the register."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from samverkan_cli.fieldwork.dates import submission_day
from samverkan_cli.fieldwork.units import population

if TYPE_CHECKING:
    from samverkan_cli.config import Config
    from samverkan_cli.store import Store

__all__ = ["CountyProgress", "FieldProgress", "field_progress"]


@dataclass(frozen=True)
class CountyProgress:
    """One county: register size, organisations that answered, and the cumulative rate per day."""

    lan: str
    name: str
    frame: int
    responded: int
    undated: int  # answered without a submission time: in ``rate``, not on the curve
    rate: float | None
    curve: tuple[float, ...]  # one share per day of ``FieldProgress.days``


@dataclass(frozen=True)
class FieldProgress:
    """The wave's days (ISO dates), its declared field period ('' when not declared), counties behind first."""

    wave: str
    start: str
    end: str
    days: tuple[str, ...]
    counties: tuple[CountyProgress, ...]


def _days(first: date | None, last: date | None) -> tuple[str, ...]:
    if first is None or last is None:
        return ()
    count = (last - first).days + 1
    return tuple((first + timedelta(days=n)).isoformat() for n in range(max(count, 1)))


def field_progress(store: Store, config: Config, wave: str, lans: list[str] | None = None) -> FieldProgress:
    """The cumulative response rate per county over the field period, furthest behind first.

    The register decides who should answer (:func:`population`); an organisation counts from the day
    of its first response. The axis covers the declared period and every submission inside the wave.
    """
    from samverkan_cli.reference import lan_name
    from samverkan_cli.store.fieldwork import respondents
    from samverkan_cli.store.rates import response_rate

    declared = next((w for w in config.waves if w.name == wave), None)
    start, end = (declared.start, declared.end) if declared else ("", "")
    units = population(store, lans)
    frame: dict[str, int] = {}
    types: dict[str, set[str]] = {}
    for u in units:
        frame[u.lan_code] = frame.get(u.lan_code, 0) + 1
        types.setdefault(u.lan_code, set()).add(u.org_typ)
    firsts: dict[str, list[date | None]] = {lan: [] for lan in frame}
    for r in respondents(store, wave):
        if r.lan_code in frame and r.org_typ in types[r.lan_code]:
            firsts[r.lan_code].append(submission_day(r.first_submitted))
    dated = [d for values in firsts.values() for d in values if d is not None]
    bounds = [d for d in (submission_day(start), submission_day(end), *dated) if d is not None]
    days = _days(min(bounds, default=None), max(bounds, default=None))
    counties = []
    for lan, size in frame.items():
        values = sorted(d.isoformat() for d in firsts[lan] if d is not None)
        curve, k = [], 0
        for day in days:
            while k < len(values) and values[k] <= day:
                k += 1
            curve.append(min(k / size, 1.0))
        responded = len(firsts[lan])
        rate = response_rate(responded, size)
        counties.append(
            CountyProgress(lan, lan_name(lan), size, responded, responded - len(values), rate, tuple(curve))
        )
    counties.sort(key=lambda c: (c.rate if c.rate is not None else 0.0, c.lan))
    return FieldProgress(wave, start, end, days, tuple(counties))
