"""HTML renderer: report model -> one self-contained HTML file (inline CSS and SVG, no URLs).

Templates are Jinja2 files shipped in the package (``PackageLoader``) with autoescape on; a
directory given with ``--templates DIR`` is searched first, so a user can override one template
(e.g. ``style.css.j2``) and keep the rest. Charts are the only markup inserted unescaped, and
they come from :mod:`samverkan_cli.reports.charts`, which escapes every text it writes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samverkan_cli.i18n import Lang, Msg
from samverkan_cli.reports import format as fmt
from samverkan_cli.reports import wording
from samverkan_cli.reports.commentary import render_commentary
from samverkan_cli.reports.model import CountyReport, OverviewReport, verdict_label
from samverkan_cli.reports.style import PALETTE, heat_colour, text_on

if TYPE_CHECKING:
    from jinja2 import Environment

__all__ = [
    "county_charts",
    "css_string",
    "environment",
    "inline_markdown",
    "overview_charts",
    "render_county",
    "render_overview",
    "render_sources",
]

_SYMBOLS = {"battre": "▲", "i_niva": "●", "samre": "▼", "ej_jamforbar": "–"}


@cache
def environment(lang: Lang = "sv", templates_dir: str | None = None) -> Environment:
    """The Jinja environment for ``lang``: user templates first, then the package's."""
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined
    from jinja2.loaders import BaseLoader
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    loaders: list[BaseLoader] = []
    if templates_dir:
        # FileSystemLoader refuses names with "..", so an include cannot leave the templates folder.
        loaders.append(FileSystemLoader(templates_dir, followlinks=False))
    loaders.append(PackageLoader("samverkan_cli.reports", "templates"))
    # A user's template is code someone else wrote: it runs sandboxed (no attribute tricks, no mutation).
    kind = ImmutableSandboxedEnvironment if templates_dir else Environment
    env = kind(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters.update(
        num=lambda v, d=1: fmt.fmt_number(v, d, lang),
        int=lambda v: fmt.fmt_int(v, lang),
        pct=lambda v, d=0: fmt.fmt_percent(v, d, lang),
        signed=lambda v, d=1: fmt.fmt_signed(v, d, lang),
        ci=lambda est, d=1: fmt.fmt_ci(est.ci_low, est.ci_high, d, lang),
        date=lambda v, with_time=True: fmt.fmt_date(v, lang, with_time),
        verdict=lambda v: verdict_label(v, lang),
        symbol=lambda v: _SYMBOLS.get(v or "", ""),
        md=inline_markdown,
        commentary=render_commentary,
        css_string=css_string,
        heat=heat_colour,
        ink=text_on,
    )
    env.globals.update(
        lang=lang,
        palette=PALETTE,
        t=lambda sv, en: Msg(sv, en).render(lang),
        suppressed=fmt.SUPPRESSED,
        titled=lambda title, wave: wording.titled(title, wave, lang),
        with_wave=wording.with_wave,
        finding=lambda code: wording.finding_label(code, lang),
        severity=lambda level: wording.severity_label(level, lang),
        verdict_sentence=lambda name, dims: wording.verdict_sentence(name, dims, lang),
    )
    return env


def _markup(svg: str) -> Any:
    from markupsafe import Markup

    # SVG from our own chart functions, which escape every text they write.
    return Markup(svg)


def css_string(text: object) -> Any:
    r"""``text`` as a quoted CSS string, safe inside ``<style>`` (no quote, backslash or ``<`` left bare).

    >>> str(css_string('Län "x" </style>'))
    '"Län \\22 x\\22  \\3c /style>"'
    """
    from markupsafe import Markup

    escaped = str(text).replace("\\", "\\5c ").replace('"', "\\22 ").replace("<", "\\3c ").replace("\n", " ")
    return Markup(f'"{escaped}"')


def inline_markdown(text: str) -> Any:
    """Escape ``text``, then turn ``**bold**`` and ``*italic*`` into ``<strong>``/``<em>``.

    >>> str(inline_markdown("**Poäng.** <b>*bättre*</b>"))
    '<strong>Poäng.</strong> &lt;b&gt;<em>bättre</em>&lt;/b&gt;'
    """
    from markupsafe import Markup, escape

    html = str(escape(text))
    html = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", html)
    html = re.sub(r"(?<![\w*])\*(?=\w)([^*]+?)(?<=\w)\*(?![\w*])", r"<em>\1</em>", html)
    return Markup(html)


def county_charts(report: CountyReport) -> dict[str, Any]:
    """All charts of one county report as SVG markup, keyed by section."""
    from samverkan_cli.reports import charts

    lang, min_n = report.lang, report.methods.min_n
    out: dict[str, Any] = {}
    if any(m.county.shown for org in report.scores for m in org.measures):
        out["dimensions"] = _markup(charts.dimension_chart(report.scores, lang, min_n, chart_id="c-dim"))
    out["items"] = [
        _markup(charts.item_chart(group, lang, min_n, chart_id=f"c-items-{i}"))
        if any(not item.suppressed for item in group.items)
        else None
        for i, group in enumerate(report.items)
    ]
    if report.referrals is not None and any(not g.suppressed for g in report.referrals.groups):
        out["referrals"] = _markup(charts.options_chart(report.referrals, lang, min_n, chart_id="c-ref"))
    if report.brukarrevision is not None and any(not g.suppressed for g in report.brukarrevision.groups):
        audit = report.brukarrevision
        out["brukarrevision"] = _markup(
            charts.choice_chart(audit, lang, min_n, neutral=audit.neutral, chart_id="c-audit")
        )
    if report.trend and any(all(p.shown for _w, p in row.points) for row in report.trend):
        out["trend"] = _markup(charts.trend_chart(report.trend, lang, min_n, chart_id="c-trend"))
    return out


def overview_charts(overview: OverviewReport) -> dict[str, Any]:
    from samverkan_cli.reports import charts

    out: dict[str, Any] = {}
    if overview.ranking:
        out["ranking"] = _markup(
            charts.ranking_chart(overview.ranking, overview.ranked_of, overview.lang, chart_id="c-rank")
        )
    return out


def render_county(report: CountyReport, templates_dir: Path | None = None, charts: dict[str, Any] | None = None) -> str:
    """The complete HTML document of one county report."""
    env = environment(report.lang, str(templates_dir) if templates_dir else None)
    with _template_errors(templates_dir):
        return env.get_template("county.html.j2").render(
            r=report, provenance=report.provenance, charts=county_charts(report) if charts is None else charts
        )


def render_overview(
    overview: OverviewReport, templates_dir: Path | None = None, charts: dict[str, Any] | None = None
) -> str:
    """The complete HTML document of the national overview (``index.html``)."""
    env = environment(overview.lang, str(templates_dir) if templates_dir else None)
    with _template_errors(templates_dir):
        return env.get_template("overview.html.j2").render(
            o=overview, provenance=overview.provenance, charts=overview_charts(overview) if charts is None else charts
        )


def render_sources(overview: OverviewReport, templates_dir: Path | None = None) -> str:
    """The shared ``kallor.html``: the method and every input file, linked from each report."""
    env = environment(overview.lang, str(templates_dir) if templates_dir else None)
    with _template_errors(templates_dir):
        return env.get_template("kallor.html.j2").render(o=overview, provenance=overview.provenance)


@contextmanager
def _template_errors(templates_dir: Path | None) -> Iterator[None]:
    """A broken or escaping user template is a configuration error naming the folder (exit 6)."""
    from jinja2 import TemplateError

    try:
        yield
    except TemplateError as exc:
        if templates_dir is None:
            raise
        from samverkan_cli.errors import ConfigError

        raise ConfigError(
            Msg(
                "En mall i {d} gick inte att använda: {e}",
                "A template in {d} could not be used: {e}",
            ).format(d=templates_dir, e=f"{type(exc).__name__}: {exc}"),
            Msg(
                "Rätta mallen; en mall kan bara ta med (include) andra mallar i samma katalog.",
                "Fix the template; a template can only include other templates in the same folder.",
            ),
        ) from None
