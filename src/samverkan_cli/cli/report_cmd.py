"""``samverkan report``: county reports, the national overview and the Excel workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from samverkan_cli.cli.context import state
from samverkan_cli.cli.options import LangOpt, LanOpt, WaveOpt
from samverkan_cli.errors import UsageError
from samverkan_cli.i18n import Msg, counted

__all__ = ["register"]


def report(
    ctx: typer.Context,
    wave: WaveOpt = None,
    lan: LanOpt = None,
    all_: Annotated[bool, typer.Option("--all", help="Alla län (standard) / every county.")] = False,
    fmt: Annotated[
        str | None, typer.Option("--format", "-f", help="html, xlsx eller html,xlsx.", show_default=False)
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Katalog för rapporterna (standard: reports/ i projektet).")
    ] = None,
    lang: LangOpt = None,
    include_comments: Annotated[
        bool, typer.Option("--include-comments", help="Ta med maskerade fritextsvar (aldrig för små grupper).")
    ] = False,
    templates: Annotated[
        Path | None, typer.Option("--templates", help="Katalog med egna mallar (se templates/README.md).")
    ] = None,
    workers: Annotated[int, typer.Option("--workers", help="Parallella processer för länsrapporterna.")] = 2,
    compare: Annotated[
        list[str] | None,
        typer.Option(
            "--compare", help="Län att visa bredvid riket i varje länsrapport, t.ex. 13,14.", show_default=False
        ),
    ] = None,
    charts: Annotated[
        Path | None,
        typer.Option(
            "--charts", help="Skriv även varje diagram som SVG och PNG (300 dpi) i denna katalog.", show_default=False
        ),
    ] = None,
) -> None:
    """Skriv en rapport per län (HTML), en översikt (index.html) och en Excel-arbetsbok."""
    from samverkan_cli.cli.progress import progress_bar
    from samverkan_cli.reports.build import ReportOptions, make_report
    from samverkan_cli.reports.commentary import COMMENTS_DIR
    from samverkan_cli.reports.format import fmt_decimal

    st = state(ctx)
    config = st.config()
    lg = st.use_lang(lang)
    if lan and all_:
        raise UsageError(
            Msg("Ange antingen --lan eller --all, inte båda.", "Give either --lan or --all, not both."),
            Msg("T.ex. samverkan report --lan 14 --lan 13", "E.g. samverkan report --lan 14 --lan 13"),
        )
    formats = tuple(f.strip() for f in (fmt.split(",") if fmt else config.report.formats) if f.strip())
    codes = tuple(code.zfill(2) for code in lan) if lan else None
    out_dir = out if out is not None else config.path("reports")
    template_dir = templates if templates is not None else config.templates_path()
    options = ReportOptions(
        wave=wave,
        lans=codes,
        formats=formats,
        lang=lg,
        include_comments=include_comments or config.report.include_comments,
        templates=template_dir,
        workers=max(workers, 1),
        title=config.report.title or None,
        compare=_compare_codes(compare if compare else config.report.compare),
        comments_dir=config.root / COMMENTS_DIR,
        charts_dir=charts,
    )
    from samverkan_cli.analysis import AnalysisOptions

    analysis = AnalysisOptions.from_config(config)
    callback, bar = progress_bar(st)
    with st.store() as store, bar:
        result = make_report(store, st.instrument(), out_dir, options, analysis, progress=callback)
    for path in result.files:
        print(path)
    seconds = fmt_decimal(result.seconds, 1, lg)
    st.err.print(
        Msg(
            "{n} till {d} (mätomgång {w}, {c}) på {s} s.",
            "{n} to {d} (wave {w}, {c}) in {s} s.",
        ).render(
            lg,
            n=counted(len(result.files), "fil skriven|filer skrivna", "file written|files written").render(lg),
            d=result.out_dir,
            w=result.wave,
            c=counted(len(result.counties), "län", "county|counties").render(lg),
            s=seconds,
        )
    )
    if result.charts:
        st.err.print(
            Msg("{n} i {d} (SVG och PNG, 300 dpi).", "{n} in {d} (SVG and PNG, 300 dpi).").render(
                lg,
                n=counted(len(result.charts) // 2, "diagram", "chart|charts").render(lg),
                d=charts,
            )
        )


def _compare_codes(values: list[str]) -> tuple[str, ...]:
    """``--compare 13,14`` (or repeated, or ``[report] compare``) as known two-digit county codes."""
    from samverkan_cli.reference import lan as all_lan

    known = {c.code for c in all_lan()}
    codes = tuple(dict.fromkeys(v.strip().zfill(2) for value in values for v in value.split(",") if v.strip()))
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise UsageError(
            Msg("Okänd länskod i --compare: {c}.", "Unknown county code in --compare: {c}.").format(
                c=", ".join(unknown)
            ),
            Msg(
                "Ange tvåsiffriga länskoder, t.ex. --compare 13,14.",
                "Give two-digit county codes, e.g. --compare 13,14.",
            ),
        )
    return codes


def register(app: typer.Typer) -> None:
    app.command("report")(report)
