"""Charts as inline SVG text, written directly from report-model numbers (no plotting library).

Every function takes model data and returns an ``<svg>`` string ready to inline in HTML. Layout is
in points (1 inch = 72) with the proportions the reports have always had; positions are computed
from the numbers, so output is deterministic. Text stays text (escaped), every chart carries
``role="img"``, an ``aria-label`` and a ``<title>``, states n and says when a value is suppressed
(``..``) or uncertain. The ``viewBox`` lets CSS scale a chart to the page width.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from samverkan_cli.i18n import Lang, Msg
from samverkan_cli.reports.format import fmt_number, fmt_percent
from samverkan_cli.reports.model import (
    DimensionItems,
    Estimate,
    ItemDistribution,
    OptionShares,
    OrgScores,
    RankRow,
    TrendRow,
)
from samverkan_cli.reports.style import PALETTE
from samverkan_cli.reports.svg import Scale, Svg, text_width

__all__ = [
    "choice_chart",
    "dimension_chart",
    "item_chart",
    "options_chart",
    "ranking_chart",
    "trend_chart",
]

_T: dict[str, Msg] = {
    "riket": Msg("Riket", "Sweden"),
    "score": Msg("Poäng 0–100 (högre är bättre)", "Score 0–100 (higher is better)"),
    # Short enough for the value column at full size (the page explains ".." at length).
    "too_few": Msg(".. färre än {min_n} svar", ".. fewer than {min_n} answers"),
    "protects": Msg(".. dold för att skydda", ".. hidden to protect"),
    "uncertain": Msg("osäkert", "uncertain"),
    "missing_group": Msg("Vet ej / ej aktuellt", "Don't know / not applicable"),
    "share": Msg("Andel verksamheter", "Share of organisations"),
    "reverse": Msg("omvänd fråga: att instämma är negativt", "reversed item: agreeing is negative"),
    "rank": Msg(
        "Rangplats (1 = högst index), med osäkerhetsintervall", "Rank (1 = highest index), with uncertainty band"
    ),
    "ci_note": Msg("Streck: 95 % KI", "Line: 95% CI"),
    "missing_axis": Msg("Vet ej /|ej aktuellt", "Don't know|/ n/a"),
}

_IN = 72.0  # points per inch
_WIDTH = 7.6 * _IN


def _t(key: str, lang: Lang, **params: object) -> str:
    return _T[key].render(lang, **params)


def _n(n: int | None, lang: Lang) -> str:
    return f"n\u00a0=\u00a0{fmt_number(n, 0, lang)}" if n is not None else "n\u00a0=\u00a0.."


def _radius(area: float) -> float:
    """Marker radius for a matplotlib scatter size (area in points²)."""
    return math.sqrt(area) / 2


@dataclass(frozen=True)
class _Plot:
    """The plot area of a chart (points) and its data scales."""

    left: float
    top: float
    right: float
    bottom: float
    x: Scale
    y: Scale

    @classmethod
    def of(
        cls,
        height: float,
        margins: tuple[float, float, float, float],
        xlim: tuple[float, float],
        ylim: tuple[float, float],
    ) -> _Plot:
        """Plot area from margins in inches (left, right, top, bottom); ``ylim`` is (top, bottom) data."""
        left, right, top, bottom = (m * _IN for m in margins)
        x0, x1, y0, y1 = left, _WIDTH - right, top, height - bottom
        return cls(x0, y0, x1, y1, Scale(xlim[0], xlim[1], x0, x1), Scale(ylim[0], ylim[1], y0, y1))

    @property
    def width(self) -> float:
        return self.right - self.left


# --------------------------------------------------------------------------------------- parts


def _xaxis(svg: Svg, plot: _Plot, values: Sequence[float], labels: Sequence[str], title: str, grid: bool) -> None:
    """Bottom axis: optional vertical grid, the axis line, tick labels and the axis title."""
    if grid:
        for value in values:
            x = plot.x(value)
            svg.line(x, plot.top, x, plot.bottom, PALETTE.rule, 0.6)
    svg.line(plot.left, plot.bottom, plot.right, plot.bottom, PALETTE.rule, 0.8)
    for value, label in zip(values, labels, strict=True):
        x, half = plot.x(value), text_width(label, 8 * Svg.font_scale) / 2
        if x - half < 1:  # a label at the chart's very edge stays inside it, left-aligned
            svg.text(1, plot.bottom + 4, label, 8, PALETTE.muted, valign="top")
        else:
            svg.text(x, plot.bottom + 4, label, 8, PALETTE.muted, anchor="middle", valign="top")
    svg.text((plot.left + plot.right) / 2, plot.bottom + 16, title, 9, PALETTE.ink, anchor="middle", valign="top")


def _ylabels(svg: Svg, plot: _Plot, positions: Sequence[float], labels: Sequence[str | list[str]]) -> None:
    """Row labels left of the plot, right-aligned (a list is several lines), smaller where one would not fit."""
    x = plot.left - 6
    for y, label in zip(positions, labels, strict=True):
        lines = [label] if isinstance(label, str) else label
        widest = max((text_width(line, 8.5 * Svg.font_scale) for line in lines), default=1.0)
        size = min(8.5, 8.5 * (x - 2) / max(widest, 1.0))
        svg.text(x, plot.y(y), label, size, PALETTE.ink, anchor="end")


def _right_text(svg: Svg, plot: _Plot, y: float, text: str, colour: str) -> None:
    """A value label just right of the plot area, made smaller where it would run past the chart's edge."""
    x = plot.right + 0.02 * plot.width
    room = svg.width - x - 2
    size = min(8.0, 8.0 * room / max(text_width(text, 8 * Svg.font_scale), 1.0))
    svg.text(x, plot.y(y), text, size, colour)


def _dot(svg: Svg, x: float, y: float, colour: str, hollow: bool, area: float) -> None:
    svg.circle(x, y, _radius(area), "white" if hollow else colour, colour, 1.6 if area > 40 else 1.5)


@dataclass(frozen=True)
class _Key:
    """One legend entry: a handle drawn in ``kind`` style, in ``colour``, and its label."""

    kind: str  # patch, outline, line_dot, hollow_dot, dot, tick
    colour: str
    label: str


def _legend(
    svg: Svg,
    x: float,
    bottom: float,
    keys: Sequence[_Key],
    ncol: int,
    size: float,
    handle: float = 2.0,
    gap: float = 2.0,
) -> None:
    """A frameless legend above the plot, filled column by column like matplotlib's."""
    rows = math.ceil(len(keys) / ncol) if keys else 0
    size_on_page = size * Svg.font_scale
    row_h = size * 1.5
    top = bottom - rows * row_h - size * 0.7
    hw, pad = handle * size, 0.6 * size
    col_x = x + 0.4 * size
    for start in range(0, len(keys), rows or 1):
        column = keys[start : start + rows]
        for r, key in enumerate(column):
            cy = top + r * row_h + row_h / 2
            _handle(svg, key, col_x, cy, hw, size)
            svg.text(col_x + hw + pad, cy, key.label, size, PALETTE.ink)
        widest = max(text_width(k.label, size_on_page) for k in column)
        col_x += hw + pad + widest + gap * size


def _handle(svg: Svg, key: _Key, x: float, cy: float, width: float, size: float) -> None:
    mid = x + width / 2
    if key.kind == "patch":
        svg.rect(x, cy - size * 0.35, width, size * 0.7, key.colour)
    elif key.kind == "outline":
        svg.rect(x, cy - size * 0.35, width, size * 0.7, "white", PALETTE.rule, 0.8)
    elif key.kind == "line_dot":
        svg.line(x, cy, x + width, cy, key.colour, 1.6)
        svg.circle(mid, cy, 3, key.colour, key.colour, 1)
    elif key.kind == "hollow_dot":
        svg.circle(mid, cy, 3, "white", key.colour, 1.2)
    elif key.kind == "dot":
        svg.circle(mid, cy, 3, key.colour, key.colour, 1)
    else:  # tick: the riket marker
        svg.line(mid, cy - 4.5, mid, cy + 4.5, key.colour, 2.2)


# --------------------------------------------------------------------------------------- forest


def _hidden_text(est: Estimate, lang: Lang, min_n: int) -> str:
    """Why a value is not shown: too few answers, or hidden to protect a smaller group."""
    return _t("protects", lang) if est.protects_other else _t("too_few", lang, min_n=min_n)


def _value_text(est: Estimate, lang: Lang, min_n: int) -> str:
    if not est.shown:
        return _hidden_text(est, lang, min_n)
    text = f"{fmt_number(est.mean, 1, lang)}\u2002({_n(est.n, lang)}"
    if est.uncertain:
        text += ", " + _t("uncertain", lang)
    return text + ")"


def _forest_row(
    svg: Svg, plot: _Plot, yk: float, county: Estimate, riket: Estimate, colour: str, lang: Lang, min_n: int
) -> None:
    """One row of the forest plot: riket tick, county CI and mean, and the value text on the right."""
    y = plot.y(yk)
    if county.shown and county.mean is not None:
        if county.ci_low is not None and county.ci_high is not None:
            svg.line(plot.x(county.ci_low), y, plot.x(county.ci_high), y, colour, 1.6)
            for end in (county.ci_low, county.ci_high):
                svg.line(plot.x(end), plot.y(yk - 0.18), plot.x(end), plot.y(yk + 0.18), colour, 1.2)
        _dot(svg, plot.x(county.mean), y, colour, county.uncertain, 46)
    if riket.shown and riket.mean is not None:
        # Drawn last, with a white edge, so a dot at the same value cannot hide it.
        x, top, bottom = plot.x(riket.mean), plot.y(yk - 0.36), plot.y(yk + 0.36)
        svg.line(x, top - 0.8, x, bottom + 0.8, "white", 4.0)
        svg.line(x, top, x, bottom, PALETTE.riket, 2.2)
    _right_text(svg, plot, yk, _value_text(county, lang, min_n), PALETTE.ink if county.shown else PALETTE.muted)


def dimension_chart(scores: Sequence[OrgScores], lang: Lang, min_n: int, chart_id: str = "dim") -> str:
    """Forest plot: each measure by organisation type, county mean with 95 % CI, riket as a grey tick."""
    measures = len(scores[0].measures) if scores else 0
    row_h, gap = 0.24, 0.18
    height = (measures * len(scores) * row_h + measures * gap + 1.0) * _IN
    y = 0.0
    heads: list[tuple[float, str]] = []
    rows: list[tuple[float, OrgScores, int]] = []
    for i in range(measures):
        y += gap / row_h
        heads.append((y, scores[0].measures[i].label))
        y += 1.0
        for org in scores:
            rows.append((y, org, i))
            y += 1.0
    plot = _Plot.of(height, (2.55, 1.85, 0.45, 0.5), (0, 100), (-0.2, y - 0.3))
    svg = Svg(_WIDTH, height, chart_id, _t("score", lang))
    ticks = [0, 25, 50, 75, 100]
    _xaxis(svg, plot, ticks, [str(t) for t in ticks], _t("score", lang), grid=True)
    for yk, org, i in rows:
        m = org.measures[i]
        _forest_row(svg, plot, yk, m.county, m.riket, PALETTE.org_colour(org.org_typ), lang, min_n)
    for yh, label in heads:
        svg.text(plot.left - 0.02 * plot.width, plot.y(yh), label, 9.5, PALETTE.ink, anchor="end", weight="bold")
    _ylabels(svg, plot, [r[0] for r in rows], [r[1].label for r in rows])
    # One key per organisation type: each row's colour says which type it is.
    keys = [_Key("line_dot", PALETTE.org_colour(org.org_typ), org.label) for org in scores]
    keys += [
        _Key("hollow_dot", PALETTE.ink, _t("uncertain", lang).capitalize() + f" (n < {min_n * 2})"),
    ]
    if any(m.riket.shown for org in scores for m in org.measures):
        keys.append(_Key("tick", PALETTE.riket, _t("riket", lang)))
    _legend(svg, plot.left - 0.15 * plot.width, plot.top, keys, ncol=3, size=8)
    svg.text(plot.right + 0.02 * plot.width, plot.top - 6, _t("ci_note", lang), 7.5, PALETTE.muted, valign="bottom")
    return svg.render()


# --------------------------------------------------------------------------------------- items


def _segments(item: ItemDistribution) -> list[tuple[float, float, str, str, float]]:
    """(left, width, colour, label, share) of each answer: negative left of 0, positive right."""
    scored = [a for a in item.answers if not a.missing]
    if not scored:
        return []
    levels = scored[0].levels
    colours = PALETTE.diverging_for(levels)
    out: list[tuple[float, float, str, str, float]] = []
    negatives = [a for a in scored if a.level < levels // 2]
    middle = [a for a in scored if levels % 2 and a.level == levels // 2]
    positives = [a for a in scored if a.level >= (levels + 1) // 2]
    offset = 0.0
    for mid in middle:
        w = (mid.share or 0.0) * 100
        out.append((-w / 2, w, colours[mid.level], mid.label, mid.share or 0.0))
        offset = w / 2
    left = -offset
    for a in sorted(negatives, key=lambda a: -a.level):
        w = (a.share or 0.0) * 100
        left -= w
        out.append((left, w, colours[a.level], a.label, a.share or 0.0))
    right = offset
    for a in sorted(positives, key=lambda a: a.level):
        w = (a.share or 0.0) * 100
        out.append((right, w, colours[a.level], a.label, a.share or 0.0))
        right += w
    return out


def _item_title(it: ItemDistribution, lang: Lang) -> list[str]:
    note = _n(it.n, lang) if not it.suppressed else ""
    if it.uncertain:
        note += ", " + _t("uncertain", lang)
    lines = textwrap.wrap(f"{it.item}. {it.text}" + (f"  ({note})" if note else ""), 84)
    if it.reverse:
        lines.append("(" + _t("reverse", lang) + ")")
    return lines


#: Where the separate "Vet ej" column starts, in the item chart's percent units (the scored bars end at 100).
_MISSING_AT = 112.0


def _missing_share(item: ItemDistribution) -> float:
    return sum(a.share or 0.0 for a in item.answers if a.missing)


def _item_bar(
    svg: Svg, plot: _Plot, it: ItemDistribution, bar_y: float, lang: Lang, legend: dict[str, list[str]]
) -> None:
    """One diverging bar (answers around 0) and the 'Vet ej' bar in its own column on the right."""
    bar_h = 0.26 * _IN
    y0 = plot.y(bar_y) - bar_h / 2
    for left, w, colour, label, share in _segments(it):
        svg.rect(plot.x(left), y0, plot.x(left + w) - plot.x(left), bar_h, colour, "white", 0.6)
        if w >= 9:
            ink = "white" if colour in (PALETTE.diverging[0], PALETTE.diverging[-1]) else PALETTE.ink
            svg.text(plot.x(left + w / 2), plot.y(bar_y), fmt_percent(share, 0, lang), 7.5, ink, anchor="middle")
        if not it.reverse:
            names = legend.setdefault(colour, [])
            if label not in names:
                names.append(label)
    # The centre line belongs to the bar only, so it never runs through the question texts.
    svg.line(plot.x(0), y0 - 3, plot.x(0), y0 + bar_h + 3, PALETTE.ink, 0.8)
    m_share = _missing_share(it)
    start = plot.x(_MISSING_AT)
    svg.rect(start, y0, plot.x(_MISSING_AT + m_share * 100) - start, bar_h, PALETTE.missing, "white", 0.6)
    svg.text(
        plot.x(_MISSING_AT + m_share * 100 + 1.5), plot.y(bar_y), fmt_percent(m_share, 0, lang), 7.5, PALETTE.muted
    )


def _item_axes(svg: Svg, plot: _Plot, lang: Lang) -> None:
    """The share axis under the scored bars (100 % to 100 %), and apart from it the 'Vet ej' column's base."""
    ticks = [-100, -50, 0, 50, 100]
    svg.line(plot.x(-100), plot.bottom, plot.x(100), plot.bottom, PALETTE.rule, 0.8)
    for value in ticks:
        label = fmt_percent(abs(value) / 100, 0, lang)
        svg.line(plot.x(value), plot.bottom, plot.x(value), plot.bottom + 2.5, PALETTE.rule, 0.8)
        svg.text(plot.x(value), plot.bottom + 4, label, 8, PALETTE.muted, anchor="middle", valign="top")
    mid = (plot.x(-100) + plot.x(100)) / 2
    svg.text(mid, plot.bottom + 16, _t("share", lang), 9, PALETTE.ink, anchor="middle", valign="top")
    start = plot.x(_MISSING_AT)
    svg.line(start, plot.bottom, plot.right, plot.bottom, PALETTE.rule, 0.8)
    svg.text(start, plot.bottom + 4, _t("missing_axis", lang).split("|"), 8, PALETTE.muted, valign="top")


def item_chart(group: DimensionItems, lang: Lang, min_n: int, chart_id: str = "items") -> str:
    """Diverging stacked bars, one per item: negative answers left of 0, positive right, 'Vet ej' apart."""
    items = group.items
    text_lines = [_item_title(it, lang) for it in items]
    unit, bar_h = 0.16, 0.26  # inches per text line, bar height
    heights = [len(lines) * unit + bar_h + 0.26 for lines in text_lines]
    height = (sum(heights) + 0.95) * _IN
    # The "Vet ej" column is as wide as its longest bar plus its label, on the same scale as the answers.
    widest = max((_missing_share(it) * 100 for it in items if not it.suppressed), default=0.0)
    x_max = _MISSING_AT + max(widest + 14, 34)
    # Left margin: room for half of the "100 %" tick label, so it is centred under its tick, not clipped.
    plot = _Plot.of(height, (0.32, 0.1, 0.55, 0.42), (-100, x_max), (0, sum(heights)))
    svg = Svg(_WIDTH, height, chart_id, group.label)
    legend: dict[str, list[str]] = {}
    y = 0.0
    for it, lines, h in zip(items, text_lines, heights, strict=True):
        svg.text(plot.x(-100), plot.y(y + 0.04), lines, 8.5, PALETTE.ink, valign="top", line_height=1.3)
        bar_y = y + len(lines) * unit + 0.1 + bar_h / 2
        if it.suppressed or not it.answers or all(a.share is None for a in it.answers):
            svg.text(plot.x(-100), plot.y(bar_y), _t("too_few", lang, min_n=min_n), 8, PALETTE.muted, italic=True)
        else:
            _item_bar(svg, plot, it, bar_y, lang, legend)
        y += h
    _item_axes(svg, plot, lang)
    keys = [_Key("patch", c, " / ".join(legend[c])) for c in PALETTE.diverging if c in legend]
    keys.append(_Key("patch", PALETTE.missing, _t("missing_group", lang)))
    _legend(svg, plot.left, plot.top, keys, ncol=3, size=7.5, handle=1.2, gap=1.0)
    return svg.render()


# --------------------------------------------------------------------------------------- options


def options_chart(shares: OptionShares, lang: Lang, min_n: int, chart_id: str = "opts") -> str:
    """Grouped horizontal bars: share choosing each option, one bar per organisation type with n."""
    groups = list(shares.groups)
    shown = [g for g in groups if not g.suppressed]
    options = list(shares.options)
    bar = 0.8 / max(len(shown), 1)
    height = (len(options) * max(len(shown), 1) * 0.2 + 1.1) * _IN
    plot = _Plot.of(height, (2.6, 0.6, 0.5, 0.45), (0, 105), (-0.5, len(options) - 0.5))
    svg = Svg(_WIDTH, height, chart_id, shares.text)
    pcts = [0, 25, 50, 75, 100]
    _xaxis(svg, plot, pcts, [fmt_percent(v / 100, 0, lang) for v in pcts], _t("share", lang), grid=False)
    svg.line(plot.left, plot.top, plot.left, plot.bottom, PALETTE.rule, 0.8)
    for gi, g in enumerate(shown):
        colour = PALETTE.org_colour(g.org_typ)
        for oi, (_label, share) in enumerate(g.shares):
            yv = oi + (gi - (len(shown) - 1) / 2) * bar
            if share is None:
                svg.text(plot.x(1), plot.y(yv), "..", 7.5, PALETTE.muted)
                continue
            top, bottom = plot.y(yv - bar * 0.46), plot.y(yv + bar * 0.46)
            svg.rect(plot.left, top, plot.x(share * 100) - plot.left, bottom - top, colour, "white", 0.6)
            svg.text(plot.x(share * 100 + 1), plot.y(yv), fmt_percent(share, 0, lang), 7.5, PALETTE.ink)
    _ylabels(svg, plot, range(len(options)), [textwrap.wrap(o, 34) for o in options])
    keys = []
    for g in groups:
        if g.suppressed:
            keys.append(_Key("outline", PALETTE.rule, f"{g.label}: {_t('too_few', lang, min_n=min_n)}"))
        else:
            extra = ", " + _t("uncertain", lang) if g.uncertain else ""
            keys.append(_Key("patch", PALETTE.org_colour(g.org_typ), f"{g.label} ({_n(g.n, lang)}{extra})"))
    _legend(svg, plot.left - 0.3 * plot.width, plot.top, keys, ncol=2, size=8)
    return svg.render()


def _choice_colours(options: Sequence[str], neutral: Sequence[str]) -> list[str]:
    categorical = (PALETTE.county, PALETTE.worse, PALETTE.annan, PALETTE.kommun, PALETTE.vardcentral)
    colours: list[str] = []
    k = 0
    for o in options:
        if o in neutral:
            colours.append(PALETTE.missing)
        else:
            colours.append(categorical[k % len(categorical)])
            k += 1
    return colours


def choice_chart(
    shares: OptionShares, lang: Lang, min_n: int, neutral: Sequence[str] = (), chart_id: str = "choice"
) -> str:
    """100 % stacked bar per organisation type for a single-choice item (e.g. interest in brukarrevision)."""
    options = list(shares.options)
    colours = _choice_colours(options, neutral)
    groups = list(shares.groups)
    height = (len(groups) * 0.42 + 1.05) * _IN
    plot = _Plot.of(height, (2.6, 0.3, 0.45, 0.45), (0, 100), (-0.5, len(groups) - 0.5))
    svg = Svg(_WIDTH, height, chart_id, shares.text)
    pcts = [0, 25, 50, 75, 100]
    _xaxis(svg, plot, pcts, [fmt_percent(v / 100, 0, lang) for v in pcts], _t("share", lang), grid=False)
    svg.line(plot.left, plot.top, plot.left, plot.bottom, PALETTE.rule, 0.8)
    for gi, g in enumerate(groups):
        if g.suppressed or any(s is None for _o, s in g.shares):
            svg.text(plot.x(1), plot.y(gi), _t("too_few", lang, min_n=min_n), 8, PALETTE.muted, italic=True)
            continue
        left = 0.0
        top, bottom = plot.y(gi - 0.31), plot.y(gi + 0.31)
        for (_o, share), colour in zip(g.shares, colours, strict=True):
            w = (share or 0.0) * 100
            svg.rect(plot.x(left), top, plot.x(left + w) - plot.x(left), bottom - top, colour, "white", 0.6)
            if w >= 7:
                ink = "white" if colour != PALETTE.missing else PALETTE.ink
                svg.text(plot.x(left + w / 2), plot.y(gi), fmt_percent(share, 0, lang), 8, ink, anchor="middle")
            left += w
    labels: list[str | list[str]] = []
    for g in groups:
        extra = ", " + _t("uncertain", lang) if g.uncertain else ""
        labels.append([g.label, f"({_n(g.n, lang)}{extra})"])
    _ylabels(svg, plot, range(len(groups)), labels)
    keys = [_Key("patch", c, o) for o, c in zip(options, colours, strict=True)]
    _legend(svg, plot.left, plot.top, keys, ncol=max(len(keys), 1), size=8)
    return svg.render()


# --------------------------------------------------------------------------------------- trend, rank


def trend_chart(trend: Sequence[TrendRow], lang: Lang, min_n: int, chart_id: str = "trend") -> str:
    """Each measure in the previous and the current wave (arrow from then to now), with n."""
    rows = list(trend)
    height = (len(rows) * 0.36 + 1.0) * _IN
    waves = [w for w, _e in rows[0].points] if rows else []
    plot = _Plot.of(height, (2.55, 1.85, 0.45, 0.5), (0, 100), (-0.5, len(rows) - 0.5))
    svg = Svg(_WIDTH, height, chart_id, _t("score", lang))
    ticks = [0, 25, 50, 75, 100]
    _xaxis(svg, plot, ticks, [str(t) for t in ticks], _t("score", lang), grid=True)
    for yi, row in enumerate(rows):
        (_w0, before), (_w1, now) = row.points[0], row.points[-1]
        y = plot.y(yi)
        both = before.shown and now.shown and before.mean is not None and now.mean is not None
        if both and before.mean is not None and now.mean is not None:
            x0, x1 = plot.x(before.mean), plot.x(now.mean)
            # Arrow only when the dots do not cover it (they are ~7 points wide).
            if abs(x1 - x0) > 9:
                direction = 1 if x1 > x0 else -1
                svg.arrow(x0 + 4 * direction, x1 - 5 * direction, y, PALETTE.muted, 1.1)
        for est, colour in ((before, PALETTE.previous), (now, PALETTE.county)):
            if est.shown and est.mean is not None:
                _dot(svg, plot.x(est.mean), y, colour, est.uncertain, 44)
        if now.shown and before.shown:
            text = f"{fmt_number(before.mean, 1, lang)} → {fmt_number(now.mean, 1, lang)}  ({_n(now.n, lang)})"
        else:
            text = _hidden_text(now if not now.shown else before, lang, min_n)
        _right_text(svg, plot, yi, text, PALETTE.ink if now.shown and before.shown else PALETTE.muted)
    _ylabels(svg, plot, range(len(rows)), [r.label for r in rows])
    keys = [
        _Key("dot", PALETTE.previous, waves[0] if waves else ""),
        _Key("dot", PALETTE.county, waves[-1] if waves else ""),
    ]
    _legend(svg, plot.left, plot.top, keys, ncol=2, size=8)
    return svg.render()


def ranking_chart(rows: Sequence[RankRow], total: int, lang: Lang, chart_id: str = "rank") -> str:
    """Counties by rank on the index: dot at the rank, bar over the rank's uncertainty band."""
    ranked = list(rows)
    height = (len(ranked) * 0.24 + 0.95) * _IN
    top = max(total, 1)
    plot = _Plot.of(height, (2.1, 1.3, 0.2, 0.5), (0.5, top + 0.5), (-0.6, len(ranked) - 0.5))
    svg = Svg(_WIDTH, height, chart_id, _t("rank", lang))
    ticks = sorted({1, *range(5, top + 1, 5), top})
    _xaxis(svg, plot, ticks, [str(t) for t in ticks], _t("rank", lang), grid=True)
    for yi, r in enumerate(ranked):
        y = plot.y(yi)
        svg.line(plot.x(r.rank_low), y, plot.x(r.rank_high), y, PALETTE.previous, 6, cap="round")
        _dot(svg, plot.x(r.rank), y, PALETTE.county, r.estimate.uncertain, 34)
        label = fmt_number(r.estimate.mean, 1, lang)
        if r.estimate.uncertain:
            label += f" ({_t('uncertain', lang)})"
        _right_text(svg, plot, yi, label, PALETTE.ink)
    _ylabels(svg, plot, range(len(ranked)), [r.name for r in ranked])
    return svg.render()
