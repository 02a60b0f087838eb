"""``samverkan frame import FILE...``: the vårdcentral register for response rates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from samverkan_cli.cli.context import state
from samverkan_cli.cli.options import LangOpt, TextFormatOpt
from samverkan_cli.i18n import Msg, counted

__all__ = ["register"]

frame_app = typer.Typer(help="Urvalsram: register över vårdcentraler för svarsfrekvens.", no_args_is_help=True)


@frame_app.command("import")
def frame_import(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Register (XLSX/CSV) med enhetens namn och kommun.")],
    org_typ: Annotated[str, typer.Option("--org-typ", help="vardcentral (standard) eller annan.")] = "vardcentral",
    sheet: Annotated[str | None, typer.Option("--sheet", help="Bladets namn eller nummer.")] = None,
    fmt: TextFormatOpt = "text",
    lang: LangOpt = None,
) -> None:
    """Läs in ett register över enheter; ersätter tidigare register för samma län."""
    from rich.markup import escape

    from samverkan_cli.ingest.findings import SEVERITY_WORDS
    from samverkan_cli.ingest.register import import_frame
    from samverkan_cli.reference import lan_name

    st = state(ctx)
    lg = st.use_lang(lang)
    reports = []
    with st.store() as store:
        for file in files:
            reports.append(import_frame(store, file, org_typ, sheet))
    if fmt == "json":
        print(json.dumps([r.to_dict(lg) for r in reports], ensure_ascii=False, indent=2))
        return
    for r in reports:
        if r.already_imported:
            st.err.print(
                Msg("{f}: redan inläst – inget ändrades.", "{f}: already imported – nothing changed.").render(
                    lg, f=r.file
                )
            )
            continue
        counties = ", ".join(f"{c} {lan_name(c)}" for c in r.counties)
        st.err.print(
            escape(
                Msg("{f}: {s} i {c} ({r}).", "{f}: {s} in {c} ({r}).").render(
                    lg,
                    f=r.file,
                    s=counted(r.stored, "enhet|enheter", "unit|units").render(lg),
                    c=counties or "–",
                    r=counted(r.rows, "rad|rader", "row|rows").render(lg),
                )
            )
        )
        for f in r.findings:
            st.err.print(
                escape(
                    f"  {SEVERITY_WORDS[f.severity].render(lg)}: "
                    + Msg("rad {row}: ", "row {row}: ").render(lg, row=f.row)
                    + f.message(lg)
                    + " → "
                    + f.hint(lg)
                )
            )


def register(app: typer.Typer) -> None:
    app.add_typer(frame_app, name="frame")
