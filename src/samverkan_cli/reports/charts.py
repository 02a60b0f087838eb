"""Charts as inline SVG strings, drawn with matplotlib from report-model objects.

Every function takes model data, returns an ``<svg>`` string ready to inline in HTML and leaves no
figure behind (figures are plain :class:`matplotlib.figure.Figure` objects, never registered with
pyplot). Output is deterministic: fixed ``svg.hashsalt``, no dates or creator in the metadata,
element ids prefixed per chart so several charts can live in one document. Text stays text
(``svg.fonttype = 'none'``). Every chart states n and says when a value is suppressed (``..``)
or uncertain. matplotlib is imported inside the functions so ``samverkan --help`` stays fast.
"""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

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
from samverkan_cli.reports.style import PALETTE, RC_PARAMS

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

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
    "too_few": Msg(".. för få svar (färre än {min_n})", ".. too few answers (fewer than {min_n})"),
    "uncertain": Msg("osäkert", "uncertain"),
    "missing_group": Msg("Vet ej / ej aktuellt", "Don't know / not applicable"),
    "share": Msg("Andel verksamheter", "Share of organisations"),
    "reverse": Msg("omvänd fråga: att instämma är negativt", "reversed item: agreeing is negative"),
    "rank": Msg(
        "Rangplats (1 = högst index), med osäkerhetsintervall", "Rank (1 = highest index), with uncertainty band"
    ),
    "county_ci": Msg("Länet (95 % KI)", "County (95% CI)"),
}


def _t(key: str, lang: Lang, **params: object) -> str:
    return _T[key].render(lang, **params)


def _n(n: int | None, lang: Lang) -> str:
    return f"n\u00a0=\u00a0{fmt_number(n, 0, lang)}" if n is not None else "n\u00a0=\u00a0.."


def _figure(width: float, height: float) -> Figure:
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=72)


_HEADER = re.compile(r"^.*?(<svg\b)", re.S)
_XMLNS = re.compile(r'\s+xmlns(:xlink)?="[^"]*"')
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.S)
_ID = re.compile(r'\bid="([^"]+)"')


def _to_svg(fig: Figure, chart_id: str, label: str) -> str:
    """Serialise ``fig`` to a clean, self-contained, id-prefixed ``<svg>`` element and drop it."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    fig.clear()
    text = buffer.getvalue()
    text = _HEADER.sub(r"\1", text, count=1)
    text = _METADATA.sub("", text)
    text = _XMLNS.sub("", text)
    ids = set(_ID.findall(text))
    prefix = f"{chart_id}-"

    def ref(match: re.Match[str]) -> str:
        name = match.group(2)
        return f"{match.group(1)}{prefix}{name}" if name in ids else match.group(0)

    text = _ID.sub(lambda m: f'id="{prefix}{m.group(1)}"', text)
    text = re.sub(r"(url\(#|href=\"#)([^\")]+)", ref, text)
    # Width and height come from CSS (responsive); the viewBox keeps the proportions.
    text = re.sub(r'<svg width="[^"]*" height="[^"]*"', "<svg", text, count=1)
    from html import escape

    attrs = f'<svg class="chart" role="img" aria-label="{escape(label)}" id="{chart_id}"'
    return text.replace("<svg", attrs, 1).strip() + "\n"


def _rc() -> Any:
    import matplotlib as mpl

    return mpl.rc_context(RC_PARAMS)  # type: ignore[arg-type]


def _value_text(est: Estimate, lang: Lang, min_n: int) -> str:
    if not est.shown:
        return _t("too_few", lang, min_n=min_n)
    text = f"{fmt_number(est.mean, 1, lang)}   ({_n(est.n, lang)}"
    if est.uncertain:
        text += ", " + _t("uncertain", lang)
    return text + ")"


def _axes(fig: Figure, width: float, height: float, left: float, right: float, top: float, bottom: float) -> Axes:
    """Bare axes placed by margins in inches, so layout is fixed and needs no extra draw pass.

    matplotlib's own ticks are switched off: creating Tick objects is the slowest part of a small
    chart, so tick labels and the axis line are drawn as plain text and lines (``_xaxis``, ``_ylabels``).
    """
    ax = fig.add_axes((left / width, bottom / height, 1 - (left + right) / width, 1 - (top + bottom) / height))
    ax.xaxis.set_visible(False)
    ax.yaxis.set_visible(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    return ax


class _Bars:
    """Rectangles collected and drawn as one PolyCollection: far cheaper than one ``barh`` patch each."""

    def __init__(self) -> None:
        self.verts: list[list[tuple[float, float]]] = []
        self.colours: list[str] = []

    def add(self, left: float, y: float, width: float, height: float, colour: str) -> None:
        top, bottom = y - height / 2, y + height / 2
        self.verts.append([(left, top), (left + width, top), (left + width, bottom), (left, bottom)])
        self.colours.append(colour)

    def draw(self, ax: Axes, edge: str = "white", linewidth: float = 0.6) -> None:
        from matplotlib.collections import PolyCollection

        if self.verts:
            ax.add_collection(
                PolyCollection(self.verts, facecolors=self.colours, edgecolors=edge, linewidths=linewidth),
                autolim=False,
            )


def _xaxis(ax: Axes, values: Sequence[float], labels: Sequence[str], title: str, grid: bool = False) -> None:
    """A bottom axis: line, tick labels and title, drawn as text (cheap, and stays text in SVG)."""
    ax.plot([0, 1], [0, 0], transform=ax.transAxes, color=PALETTE.rule, lw=0.8, clip_on=False)
    for value, label in zip(values, labels, strict=True):
        ax.annotate(
            label,
            xy=(value, 0),
            xycoords=("data", "axes fraction"),
            xytext=(0, -4),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=8,
            color=PALETTE.muted,
        )
        if grid:
            ax.axvline(value, color=PALETTE.rule, lw=0.6, zorder=0)
    ax.annotate(
        title,
        xy=(0.5, 0),
        xycoords="axes fraction",
        xytext=(0, -16),
        textcoords="offset points",
        ha="center",
        va="top",
        fontsize=9,
        color=PALETTE.ink,
    )


def _ylabels(ax: Axes, positions: Sequence[float], labels: Sequence[str]) -> None:
    """Row labels left of the axes, right-aligned."""
    for y, label in zip(positions, labels, strict=True):
        ax.annotate(
            label,
            xy=(0, y),
            xycoords=("axes fraction", "data"),
            xytext=(-6, 0),
            textcoords="offset points",
            ha="right",
            va="center",
            fontsize=8.5,
            color=PALETTE.ink,
        )


def _forest_row(ax: Axes, yk: float, county: Estimate, riket: Estimate, colour: str, lang: Lang, min_n: int) -> None:
    """One row of the forest plot: riket tick, county CI and mean, and the value text on the right."""
    if riket.shown and riket.mean is not None:
        ax.plot([riket.mean, riket.mean], [yk - 0.36, yk + 0.36], color=PALETTE.riket, lw=2.2, zorder=2)
    if county.shown and county.mean is not None:
        if county.ci_low is not None and county.ci_high is not None:
            ax.plot([county.ci_low, county.ci_high], [yk, yk], color=colour, lw=1.6, zorder=3)
            for end in (county.ci_low, county.ci_high):
                ax.plot([end, end], [yk - 0.18, yk + 0.18], color=colour, lw=1.2, zorder=3)
        face = "white" if county.uncertain else colour
        ax.scatter([county.mean], [yk], s=46, color=face, edgecolors=colour, linewidths=1.6, zorder=4)
    ax.text(
        1.02,
        yk,
        _value_text(county, lang, min_n),
        transform=ax.get_yaxis_transform(),
        va="center",
        ha="left",
        fontsize=8,
        color=PALETTE.ink if county.shown else PALETTE.muted,
    )


def _forest_legend(ax: Axes, lang: Lang, min_n: int) -> None:
    from matplotlib.lines import Line2D

    handles = [
        Line2D(
            [],
            [],
            marker="o",
            color=PALETTE.county,
            lw=1.6,
            markersize=6,
            label=_t("county_ci", lang),
        ),
        Line2D(
            [],
            [],
            marker="o",
            color=PALETTE.county,
            markerfacecolor="white",
            lw=0,
            markersize=6,
            label=_t("uncertain", lang).capitalize() + f" (n < {min_n * 2})",
        ),
        Line2D(
            [], [], color=PALETTE.riket, lw=2.2, marker="|", markersize=9, linestyle="none", label=_t("riket", lang)
        ),
    ]
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=3, fontsize=8, handletextpad=0.4)


def dimension_chart(scores: Sequence[OrgScores], lang: Lang, min_n: int, chart_id: str = "dim") -> str:
    """Forest plot: each measure by organisation type, county mean with 95 % CI, riket as a grey tick."""

    rows: list[tuple[str, str, Estimate, Estimate, bool]] = []  # (label, org, county, riket, first of measure)
    measures = [m.measure for m in scores[0].measures] if scores else []
    for i, _measure in enumerate(measures):
        for j, org in enumerate(scores):
            m = org.measures[i]
            rows.append((m.label if j == 0 else "", org.label, m.county, m.riket, j == 0))
    row_h, width = 0.24, 7.6
    gap = 0.18
    height = len(rows) * row_h + len(measures) * gap + 1.0
    with _rc():
        fig = _figure(width, height)
        ax = _axes(fig, width, height, left=2.55, right=1.85, top=0.45, bottom=0.5)
        y = 0.0
        ys: list[float] = []
        heads: list[tuple[float, str]] = []
        for label, _org, _county, _riket, first in rows:
            if first:
                y += gap / row_h
                heads.append((y, label))
                y += 1.0
            ys.append(y)
            y += 1.0
        for k, (_label, _org, county, riket, _first) in enumerate(rows):
            colour = PALETTE.org_colour(scores[k % len(scores)].org_typ)
            _forest_row(ax, ys[k], county, riket, colour, lang, min_n)
        for yh, label in heads:
            ax.text(
                -0.02,
                yh,
                label,
                transform=ax.get_yaxis_transform(),
                ha="right",
                va="center",
                fontsize=9.5,
                fontweight="bold",
                color=PALETTE.ink,
            )
        _ylabels(ax, ys, [r[1] for r in rows])
        ax.set_ylim(y - 0.3, -0.2)
        ax.set_xlim(0, 100)
        _xaxis(ax, [0, 25, 50, 75, 100], ["0", "25", "50", "75", "100"], _t("score", lang), grid=True)
        _forest_legend(ax, lang, min_n)
        return _to_svg(fig, chart_id, _t("score", lang))


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


def item_chart(group: DimensionItems, lang: Lang, min_n: int, chart_id: str = "items") -> str:
    """Diverging stacked bars, one per item: negative answers left of 0, positive right, 'Vet ej' apart."""
    from matplotlib.patches import Patch

    wrap = 84
    items = group.items

    def title(it: ItemDistribution) -> list[str]:
        note = _n(it.n, lang) if not it.suppressed else ""
        if it.uncertain:
            note += ", " + _t("uncertain", lang)
        lines = textwrap.wrap(f"{it.item}. {it.text}" + (f"  ({note})" if note else ""), wrap)
        if it.reverse:
            lines.append("(" + _t("reverse", lang) + ")")
        return lines

    text_lines = [title(it) for it in items]
    unit = 0.16  # inches per text line
    bar_h = 0.26
    heights = [len(lines) * unit + bar_h + 0.26 for lines in text_lines]
    width = 7.6
    height = sum(heights) + 0.95
    with _rc():
        fig = _figure(width, height)
        ax = _axes(fig, width, height, left=0.15, right=0.15, top=0.55, bottom=0.42)
        bars = _Bars()
        ax.set_xlim(-100, 140)
        ax.set_ylim(sum(heights), 0)
        y = 0.0
        legend: dict[str, list[str]] = {}
        for it, lines, h in zip(items, text_lines, heights, strict=True):
            ax.text(
                -100, y + 0.04, "\n".join(lines), va="top", ha="left", fontsize=8.5, color=PALETTE.ink, linespacing=1.3
            )
            bar_y = y + len(lines) * unit + 0.1 + bar_h / 2
            if it.suppressed or not it.answers or all(a.share is None for a in it.answers):
                ax.text(
                    -100,
                    bar_y,
                    _t("too_few", lang, min_n=min_n),
                    va="center",
                    ha="left",
                    fontsize=8,
                    color=PALETTE.muted,
                    style="italic",
                )
            else:
                for left, w, colour, label, share in _segments(it):
                    bars.add(left, bar_y, w, bar_h, colour)
                    if w >= 9:
                        ax.text(
                            left + w / 2,
                            bar_y,
                            fmt_percent(share, 0, lang),
                            ha="center",
                            va="center",
                            fontsize=7.5,
                            color="white" if colour in (PALETTE.diverging[0], PALETTE.diverging[-1]) else PALETTE.ink,
                        )
                    if not it.reverse:
                        names = legend.setdefault(colour, [])
                        if label not in names:
                            names.append(label)
                missing = [a for a in it.answers if a.missing]
                m_share = sum(a.share or 0.0 for a in missing)
                bars.add(106, bar_y, m_share * 100, bar_h, PALETTE.missing)
                ax.text(
                    106 + m_share * 100 + 1.5,
                    bar_y,
                    fmt_percent(m_share, 0, lang),
                    va="center",
                    ha="left",
                    fontsize=7.5,
                    color=PALETTE.muted,
                )
            y += h
        ax.axvline(0, color=PALETTE.ink, lw=0.8)
        ticks = [-100, -50, 0, 50, 100]
        _xaxis(ax, ticks, [fmt_percent(abs(v) / 100, 0, lang) for v in ticks], _t("share", lang))
        colours = [c for c in PALETTE.diverging if c in legend]
        handles = [Patch(color=c, label=" / ".join(legend[c])) for c in colours]
        handles.append(Patch(color=PALETTE.missing, label=_t("missing_group", lang)))
        ax.legend(
            handles=handles,
            loc="lower left",
            bbox_to_anchor=(0, 1.0),
            ncol=3,
            fontsize=7.5,
            handlelength=1.2,
            columnspacing=1.0,
        )
        bars.draw(ax)
        return _to_svg(fig, chart_id, group.label)


def options_chart(shares: OptionShares, lang: Lang, min_n: int, chart_id: str = "opts") -> str:
    """Grouped horizontal bars: share choosing each option, one bar per organisation type with n."""
    from matplotlib.patches import Patch

    groups = list(shares.groups)
    shown = [g for g in groups if not g.suppressed]
    options = list(shares.options)
    bar = 0.8 / max(len(shown), 1)
    width = 7.6
    height = len(options) * max(len(shown), 1) * 0.2 + 1.1
    with _rc():
        fig = _figure(width, height)
        ax = _axes(fig, width, height, left=2.6, right=0.6, top=0.5, bottom=0.45)
        bars = _Bars()
        for gi, g in enumerate(shown):
            colour = PALETTE.org_colour(g.org_typ)
            for oi, (_label, share) in enumerate(g.shares):
                yv = oi + (gi - (len(shown) - 1) / 2) * bar
                if share is None:
                    ax.text(1, yv, "..", va="center", fontsize=7.5, color=PALETTE.muted)
                    continue
                bars.add(0, yv, share * 100, bar * 0.92, colour)
                ax.text(share * 100 + 1, yv, fmt_percent(share, 0, lang), va="center", fontsize=7.5, color=PALETTE.ink)
        _ylabels(ax, range(len(options)), ["\n".join(textwrap.wrap(o, 34)) for o in options])
        ax.set_ylim(len(options) - 0.5, -0.5)
        ax.set_xlim(0, 105)
        pcts = [0, 25, 50, 75, 100]
        _xaxis(ax, pcts, [fmt_percent(v / 100, 0, lang) for v in pcts], _t("share", lang))
        ax.plot([0, 0], [0, 1], transform=ax.transAxes, color=PALETTE.rule, lw=0.8)
        handles = []
        for g in groups:
            if g.suppressed:
                label = f"{g.label}: {_t('too_few', lang, min_n=min_n)}"
                handles.append(Patch(facecolor="white", edgecolor=PALETTE.rule, label=label))
            else:
                extra = ", " + _t("uncertain", lang) if g.uncertain else ""
                handles.append(Patch(color=PALETTE.org_colour(g.org_typ), label=f"{g.label} ({_n(g.n, lang)}{extra})"))
        ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(-0.3, 1.0), ncol=2, fontsize=8)
        bars.draw(ax)
        return _to_svg(fig, chart_id, shares.text)


def choice_chart(
    shares: OptionShares, lang: Lang, min_n: int, neutral: Sequence[str] = (), chart_id: str = "choice"
) -> str:
    """100 % stacked bar per organisation type for a single-choice item (e.g. interest in brukarrevision)."""
    from matplotlib.patches import Patch

    options = list(shares.options)
    categorical = (PALETTE.county, PALETTE.worse, PALETTE.annan, PALETTE.kommun, PALETTE.vardcentral)
    colours: list[str] = []
    k = 0
    for o in options:
        if o in neutral:
            colours.append(PALETTE.missing)
        else:
            colours.append(categorical[k % len(categorical)])
            k += 1
    groups = list(shares.groups)
    width = 7.6
    height = len(groups) * 0.42 + 1.05
    with _rc():
        fig = _figure(width, height)
        ax = _axes(fig, width, height, left=2.6, right=0.3, top=0.45, bottom=0.45)
        bars = _Bars()
        for gi, g in enumerate(groups):
            if g.suppressed or any(s is None for _o, s in g.shares):
                ax.text(
                    1,
                    gi,
                    _t("too_few", lang, min_n=min_n),
                    va="center",
                    fontsize=8,
                    color=PALETTE.muted,
                    style="italic",
                )
                continue
            left = 0.0
            for (_o, share), colour in zip(g.shares, colours, strict=True):
                w = (share or 0.0) * 100
                bars.add(left, gi, w, 0.62, colour)
                if w >= 7:
                    ink = "white" if colour != PALETTE.missing else PALETTE.ink
                    ax.text(
                        left + w / 2, gi, fmt_percent(share, 0, lang), ha="center", va="center", fontsize=8, color=ink
                    )
                left += w
        labels = []
        for g in groups:
            extra = ", " + _t("uncertain", lang) if g.uncertain else ""
            labels.append(f"{g.label}\n({_n(g.n, lang)}{extra})")
        _ylabels(ax, range(len(groups)), labels)
        ax.set_ylim(len(groups) - 0.5, -0.5)
        ax.set_xlim(0, 100)
        pcts = [0, 25, 50, 75, 100]
        _xaxis(ax, pcts, [fmt_percent(v / 100, 0, lang) for v in pcts], _t("share", lang))
        ax.plot([0, 0], [0, 1], transform=ax.transAxes, color=PALETTE.rule, lw=0.8)
        handles = [Patch(color=c, label=o) for o, c in zip(options, colours, strict=True)]
        ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=len(handles), fontsize=8)
        bars.draw(ax)
        return _to_svg(fig, chart_id, shares.text)


def trend_chart(trend: Sequence[TrendRow], lang: Lang, min_n: int, chart_id: str = "trend") -> str:
    """Each measure in the previous and the current wave (arrow from then to now), with n."""
    from matplotlib.lines import Line2D

    rows = list(trend)
    width = 7.6
    height = len(rows) * 0.36 + 1.0
    waves = [w for w, _e in rows[0].points] if rows else []
    with _rc():
        fig = _figure(width, height)
        ax = _axes(fig, width, height, left=2.55, right=1.85, top=0.45, bottom=0.5)
        for yi, row in enumerate(rows):
            (_w0, before), (_w1, now) = row.points[0], row.points[-1]
            if before.shown and now.shown and before.mean is not None and now.mean is not None:
                ax.annotate(
                    "",
                    xy=(now.mean, yi),
                    xytext=(before.mean, yi),
                    arrowprops={"arrowstyle": "->", "color": PALETTE.muted, "lw": 1.1, "shrinkA": 4, "shrinkB": 5},
                )
            for est, colour in ((before, PALETTE.previous), (now, PALETTE.county)):
                if est.shown and est.mean is not None:
                    face = "white" if est.uncertain else colour
                    ax.scatter([est.mean], [yi], s=44, color=face, edgecolors=colour, linewidths=1.6, zorder=4)
            if now.shown and before.shown:
                text = f"{fmt_number(before.mean, 1, lang)} → {fmt_number(now.mean, 1, lang)}  ({_n(now.n, lang)})"
            else:
                text = _t("too_few", lang, min_n=min_n)
            ax.text(
                1.02,
                yi,
                text,
                transform=ax.get_yaxis_transform(),
                va="center",
                fontsize=8,
                color=PALETTE.ink if now.shown and before.shown else PALETTE.muted,
            )
        _ylabels(ax, range(len(rows)), [r.label for r in rows])
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.set_xlim(0, 100)
        _xaxis(ax, [0, 25, 50, 75, 100], ["0", "25", "50", "75", "100"], _t("score", lang), grid=True)
        handles = [
            Line2D([], [], marker="o", color=PALETTE.previous, lw=0, markersize=6, label=waves[0] if waves else ""),
            Line2D([], [], marker="o", color=PALETTE.county, lw=0, markersize=6, label=waves[-1] if waves else ""),
        ]
        ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2)
        return _to_svg(fig, chart_id, _t("score", lang))


def ranking_chart(rows: Sequence[RankRow], total: int, lang: Lang, chart_id: str = "rank") -> str:
    """Counties by rank on the index: dot at the rank, bar over the rank's uncertainty band."""
    ranked = list(rows)
    width = 7.6
    height = len(ranked) * 0.24 + 0.95
    with _rc():
        fig = _figure(width, height)
        ax = _axes(fig, width, height, left=2.1, right=1.3, top=0.2, bottom=0.5)
        for yi, r in enumerate(ranked):
            ax.plot([r.rank_low, r.rank_high], [yi, yi], color=PALETTE.previous, lw=6, solid_capstyle="round", zorder=2)
            face = "white" if r.estimate.uncertain else PALETTE.county
            ax.scatter([r.rank], [yi], s=34, color=face, edgecolors=PALETTE.county, linewidths=1.5, zorder=3)
            label = fmt_number(r.estimate.mean, 1, lang)
            if r.estimate.uncertain:
                label += f" ({_t('uncertain', lang)})"
            ax.text(1.02, yi, label, transform=ax.get_yaxis_transform(), va="center", fontsize=8, color=PALETTE.ink)
        _ylabels(ax, range(len(ranked)), [f"{r.name}" for r in ranked])
        ax.set_ylim(len(ranked) - 0.5, -0.6)
        top = max(total, 1)
        ax.set_xlim(0.5, top + 0.5)
        ticks = sorted({1, *range(5, top + 1, 5), top})
        _xaxis(ax, ticks, [str(t) for t in ticks], _t("rank", lang), grid=True)
        return _to_svg(fig, chart_id, _t("rank", lang))
