"""``analyze``: scores, groups, comparisons, reliability and descriptives from the store."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from samverkan_cli.analysis import comparisons, descriptives, reliability, tables
from samverkan_cli.analysis.grid import Grid
from samverkan_cli.analysis.groups import Cells, cell_sums, make_units, unit_mean
from samverkan_cli.analysis.inference import clip_interval, frame_summary
from samverkan_cli.analysis.load import Data, load, store_waves
from samverkan_cli.analysis.options import AnalysisOptions, ordered_waves
from samverkan_cli.analysis.publication import SMALL_GROUP, Publication, plan_publication
from samverkan_cli.analysis.result import AnalysisResult
from samverkan_cli.analysis.rows import GroupScore, Meta, rnd
from samverkan_cli.analysis.scored import FloatArray, Scored
from samverkan_cli.analysis.scoring import Scoring, score_responses
from samverkan_cli.analysis.stats import Summary
from samverkan_cli.errors import UsageError
from samverkan_cli.i18n import Msg

if TYPE_CHECKING:
    from samverkan_cli.instrument import Instrument
    from samverkan_cli.store import Store

__all__ = ["Scored", "analyze"]


def analyze(store: Store, instrument: Instrument, options: AnalysisOptions | None = None) -> AnalysisResult:
    """Score and analyse the store's responses; every output is disclosure-controlled.

    >>> # result = analyze(store, load_instrument(None), AnalysisOptions(waves=("2026",)))
    """
    from samverkan_cli import __version__

    opts = options or AnalysisOptions()
    available = store_waves(store)
    selected = _select_waves(available, opts.waves)
    scoring = Scoring.from_instrument(instrument)
    _check_filters(opts, scoring)
    ordered = ordered_waves(available, opts.wave_order)  # "previous" follows the declared order
    selected = [w for w in ordered if w in set(selected)]  # and so do the waves shown, the last one latest
    previous = {ordered[i]: ordered[i - 1] for i in range(1, len(ordered))}
    needed = set(selected)
    if opts.compare_previous:
        needed |= {previous[w] for w in selected if w in previous}
    meta = Meta(
        tool_version=__version__,
        instrument_id=instrument.id,
        instrument_version=instrument.version,
        waves=tuple(selected),
        unit=opts.unit,
        min_n=opts.min_n,
        uncertain_below=opts.uncertain_below,
        lan=tuple(sorted(opts.lan)) if opts.lan else None,
        by=tuple(b for b in ("lan", "org_typ") if b in opts.by),
        measures=tuple(opts.measures) if opts.measures else None,
        previous_wave={w: previous[w] for w in selected if w in previous and opts.compare_previous},
        bootstrap=opts.bootstrap,
        seed=opts.seed,
    )
    if not needed:
        return AnalysisResult(meta)
    data = load(store, instrument, sorted(needed))
    frame = tables.frame_array(store, data.lans) if opts.unit == "organisation" else None
    scored = _score(data, scoring, opts, previous, frame)
    meta = replace(meta, protection_points=opts.protection_points, frame_correction=frame is not None)
    option_table = descriptives.option_table(scored, instrument)
    answer_table = descriptives.answer_table(scored, instrument)
    multi = frozenset(i.id for i in instrument.descriptive_items if i.scale.type == "multi")
    publication = plan_publication(scored, option_table, answer_table, multi)
    scored = replace(scored, suppressed=publication.suppressed, primary=publication.primary)
    return AnalysisResult(
        meta=meta,
        results=_results(scored, publication),
        comparisons=comparisons.comparisons(scored),
        rankings=comparisons.rankings(scored),
        reliability=reliability.reliability(scored),
        descriptives=descriptives.option_rows(scored, option_table, publication.shows_counts, publication.public_n),
        distributions=descriptives.answer_rows(scored, answer_table, publication.shows_counts, publication.public_n),
        response_rates=tables.response_rates(scored, store),
        kommun_table=tables.kommun_table(scored),
        comments=tables.comments(scored, instrument),
    )


def _select_waves(available: list[str], wanted: tuple[str, ...] | None) -> list[str]:
    if wanted is None:
        return available
    missing = [w for w in wanted if w not in available]
    if missing:
        raise UsageError(
            Msg("Mätomgången {w} finns inte i databasen.", "The wave {w} is not in the database.").format(
                w=", ".join(missing)
            ),
            Msg("Tillgängliga: {a}", "Available: {a}").format(a=", ".join(available) or "–"),
        )
    return sorted(set(wanted))


def _check_filters(opts: AnalysisOptions, scoring: Scoring) -> None:
    from samverkan_cli.reference import lan

    codes = {entry.code for entry in lan()}
    bad = [code for code in opts.lan or () if code not in codes]
    if bad:
        raise UsageError(
            Msg("Okänd länskod {c}.", "Unknown county code {c}.").format(c=", ".join(bad)),
            Msg("Länskoder: {a}", "County codes: {a}").format(a=", ".join(sorted(codes))),
        )
    unknown = [m for m in opts.measures or () if m not in scoring.measures]
    if unknown:
        raise UsageError(
            Msg("Okänt mått {m}.", "Unknown measure {m}.").format(m=", ".join(unknown)),
            Msg("Välj bland: {a}", "Choose from: {a}").format(a=", ".join(scoring.measures)),
        )
    unknown_by = [b for b in opts.by if b not in ("lan", "org_typ")]
    if unknown_by:
        raise UsageError(
            Msg("Okänd gruppering {b}.", "Unknown grouping {b}.").format(b=", ".join(unknown_by)),
            Msg("Använd --by lan,org_typ, --by lan eller --by org_typ.", "Use --by lan,org_typ, lan or org_typ."),
        )


def _raw_matrix(data: Data, scoring: Scoring) -> FloatArray:
    answers = data.answers
    categories = list(answers["item"].cat.categories)
    lookup = np.full(len(categories) + 1, -1, dtype=np.int64)  # code -1 (unknown item) maps to the end
    for j, item in enumerate(scoring.items):
        lookup[categories.index(item)] = j
    col = lookup[answers["item"].cat.codes.to_numpy()]
    numeric = answers["numeric"].to_numpy(dtype=float)
    ok = (col >= 0) & ~np.isnan(numeric)
    raw = np.full((len(data.response_id), len(scoring.items)), np.nan)
    raw[answers["resp"].to_numpy()[ok], col[ok]] = numeric[ok]
    return raw


def _score(
    data: Data, scoring: Scoring, opts: AnalysisOptions, previous: dict[str, str], frame: FloatArray | None = None
) -> Scored:
    scores = score_responses(_raw_matrix(data, scoring), scoring)
    units = make_units(data, opts.unit)
    values = unit_mean(scores.values, units)
    positive = unit_mean(scores.positive, units)
    cells = cell_sums(values, positive, units)
    primary = (cells.n > 0) & (cells.n < opts.min_n)  # the full plan replaces this in ``analyze``
    grid = Grid(
        waves=data.waves,
        lans=data.lans,
        measures=scoring.measures,
        out_waves=frozenset(w for w in data.waves if opts.waves is None or w in opts.waves),
        out_lans=frozenset(opts.lan) if opts.lan else None,
        by=frozenset(opts.by),
        out_measures=frozenset(opts.measures) if opts.measures else None,
    )
    return Scored(
        data=data,
        grid=grid,
        scoring=scoring,
        units=units,
        unit_values=values,
        cells=cells,
        summary=_summary(cells, frame),
        suppressed=primary,
        primary=primary,
        previous=previous,
        options=opts,
        frame=frame,
    )


def _summary(cells: Cells, frame: FloatArray | None) -> Summary:
    """Means and SDs, and t intervals centred on the published (rounded) mean, inside 0–100.

    Centring on the published mean keeps the exact mean unpublished; with a register the standard
    error has the finite-population correction.
    """
    est = frame_summary(cells.n, cells.s, cells.ss, None if frame is None else frame[None, :, :, None])
    half = (est.ci_high - est.ci_low) / 2
    mean = np.round(est.mean, 1)
    low, high = clip_interval(mean - half, mean + half)
    return Summary(est.mean, est.sd, low, high)


def _results(sc: Scored, publication: Publication) -> tuple[GroupScore, ...]:
    grid, cells, summ = sc.grid, sc.cells, sc.summary
    with np.errstate(divide="ignore", invalid="ignore"):
        share = cells.pos / cells.n
    rows: list[GroupScore] = []
    for w, lan, t in grid.groups():
        wave, lan_code, org_typ = grid.labels(w, lan, t)
        small = 0 < publication.participation[w, lan, t] < publication.min_n
        for m, measure in enumerate(grid.measures):
            n = int(cells.n[w, lan, t, m])
            # A small group keeps its row even when nobody in it has a value: a missing row would tell
            # that its organisations all answered "Vet ej" or nothing on the measure.
            if (n == 0 and not small) or not grid.shows_measure(measure):
                continue
            at = (w, lan, t, m)
            hidden = bool(sc.suppressed[at]) or n == 0
            rows.append(
                GroupScore(
                    wave=wave,
                    lan=lan_code,
                    org_typ=org_typ,
                    measure=measure,
                    n=publication.public_n(w, lan, t, n, not hidden, m),
                    mean=None if hidden else rnd(summ.mean[at], 1),
                    sd=None if hidden else rnd(summ.sd[at], 1),
                    ci_low=None if hidden else rnd(summ.ci_low[at], 1),
                    ci_high=None if hidden else rnd(summ.ci_high[at], 1),
                    share_positive=None if hidden else rnd(share[at], 3),
                    suppressed=hidden,
                    uncertain=not hidden and n < sc.options.uncertain_below,
                    suppression=publication.reason(at) or (SMALL_GROUP if hidden else None),
                )
            )
    return tuple(rows)
