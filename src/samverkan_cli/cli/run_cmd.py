"""``samverkan run``: the unattended batch (cron, systemd timer, Task Scheduler)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from samverkan_cli.cli.context import State, state
from samverkan_cli.cli.options import LangOpt
from samverkan_cli.cli.outcomes import batch_exit_code
from samverkan_cli.cli.progress import progress_bar
from samverkan_cli.i18n import Msg, counted

if TYPE_CHECKING:
    from samverkan_cli.batch.run import BatchResult

__all__ = ["register", "summary_lines"]


def summary_lines(result: BatchResult, st: State, verbose: bool = False) -> list[str]:
    """A short plain-language account of a batch run."""
    lg = st.lang
    stored = [i for i in result.inputs if i.status == "stored"]
    lines = [
        Msg(
            "{n} i inkorgen: {s} importerade, {a} redan importerade, {f} misslyckade.",
            "{n} in the inbox: {s} imported, {a} already imported, {f} failed.",
        ).render(
            lg,
            n=counted(len(result.inputs), "ny fil|nya filer", "new file|new files").render(lg),
            s=len(stored) + sum(1 for i in result.inputs if i.status == "frame"),
            a=sum(1 for i in result.inputs if i.status == "already_imported"),
            f=len(result.failed),
        ),
    ]
    responses = result.counts.get("responses", {})
    if responses:
        from samverkan_cli.text import wave_key

        waves = ", ".join(f"{w}: {n}" for w, n in sorted(responses.items(), key=lambda wn: wave_key(wn[0])))
        lines.append(
            Msg(
                "Svar i databasen per mätomgång: {w}; i karantän: {q}.",
                "Responses in the database per wave: {w}; quarantined: {q}.",
            ).render(lg, w=waves, q=result.counts.get("quarantined", 0))
        )
    if result.reports_skipped:
        lines.append(
            Msg("Inget nytt: rapporterna är redan aktuella.", "Nothing new: the reports are up to date.").render(lg)
        )
    else:
        lines.append(
            Msg(
                "Rapporter för mätomgång {w}: {n} ({c}).",
                "Reports for wave {w}: {n} ({c}).",
            ).render(
                lg,
                w=result.wave or "–",
                n=counted(len(result.rendered), "fil skriven|filer skrivna", "file written|files written").render(lg),
                c=counted(result.counts.get("counties", 0), "län", "county|counties").render(lg),
            )
        )
    lines.extend(m.render(lg) for m in result.attention)
    lines.extend(_finding_lines(result, st, verbose))
    return lines


_FILE_FINDINGS = Msg("{f}: {w}, {e}:", "{f}: {w}, {e}:")
_MORE = Msg(
    "    … {n} till av samma slag (alla står i {m})",
    "    … {n} more of the same kind (all are listed in {m})",
)
_EXAMPLES = 3


def _finding_lines(result: BatchResult, st: State, verbose: bool) -> list[str]:
    """Every warning and error of the files the run imported, grouped by kind, a few rows of each."""
    from samverkan_cli.ingest.findings import SEVERITY_WORDS

    lg = st.lang
    lines: list[str] = []
    for item in result.inputs:
        if not item.findings:
            continue
        warnings = counted(item.warnings, "varning|varningar", "warning|warnings").render(lg)
        errors = counted(item.errors, "fel", "error|errors").render(lg)
        lines.append(_FILE_FINDINGS.render(lg, f=item.file, w=warnings, e=errors))
        groups: dict[str, list[dict[str, Any]]] = {}
        for finding in item.findings:
            groups.setdefault(finding["code"], []).append(finding)
        for findings in groups.values():
            first = findings[0]
            word = SEVERITY_WORDS.get(first["severity"], SEVERITY_WORDS["warning"]).render(lg)
            lines.append(f"  {word} ({len(findings)}×): {first['hint']}")
            shown = findings if verbose else findings[:_EXAMPLES]
            for f in shown:
                where = ", ".join(
                    part
                    for part in (
                        Msg("rad {n}", "row {n}").render(lg, n=f["row"]) if f["row"] is not None else "",
                        repr(f["column"]) if f["column"] else "",
                    )
                    if part
                )
                lines.append(f"    {where + ': ' if where else ''}{f['message']}")
            if len(findings) > len(shown):
                lines.append(_MORE.render(lg, n=len(findings) - len(shown), m=result.manifest or "manifest.json"))
    return lines


def run(
    ctx: typer.Context,
    force: Annotated[bool, typer.Option("--force", help="Skriv om alla rapporter även om inget ändrats.")] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Berätta vad som gjordes även när allt gick bra.")
    ] = False,
    lang: LangOpt = None,
) -> None:
    """Importera nya filer i inbox/, analysera och skriv alla rapporter (för schemalagda körningar)."""
    from samverkan_cli.batch.run import run_batch

    st = state(ctx)
    lg = st.use_lang(lang)
    config = st.config()
    callback, bar = progress_bar(st)
    with bar:
        result = run_batch(config, force=force, progress=callback, lang=lg, lock_wait=st.lock_wait, on_wait=st.notify)
    if verbose or result.needs_attention:
        for line in summary_lines(result, st, verbose):
            st.err.print(line, markup=False)
        st.err.print(Msg("Logg: {l}", "Log: {l}").render(lg, l=result.log), markup=False)
    code = batch_exit_code(result)
    if code:
        raise typer.Exit(code)


def register(app: typer.Typer) -> None:
    app.command("run")(run)
