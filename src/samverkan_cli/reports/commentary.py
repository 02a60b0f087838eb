"""The analyst's own commentary: ``comments/lan-14.md`` and ``comments/riket.md`` in the project.

The text is Markdown written by a person, rendered into the county report (after the summary),
the overview and the workbook. It is rendered safely: raw HTML is escaped, a link whose target
is ``javascript:``, ``vbscript:``, ``file:`` or ``data:`` stays plain text (markdown-it's link
validation), and images are not loaded (a report must not fetch anything when opened).
A missing file is simply no commentary.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

__all__ = ["COMMENTS_DIR", "EXAMPLE", "commentary_file", "read_commentary", "render_commentary"]

#: The project directory the commentary files live in.
COMMENTS_DIR = "comments"
#: Larger files are not commentary; they are read only up to this many characters.
_MAX_CHARS = 100_000

#: ``samverkan init`` writes this as ``comments/README.md`` (a name no report reads).
EXAMPLE = """\
# Egna kommentarer i rapporterna

Skriv en fil per län, `lan-14.md` (länskoden), så hamnar texten i länsrapporten direkt efter
sammanfattningen och i Excel-arbetsboken. `riket.md` hamnar i översikten. Finns ingen fil blir
det ingen kommentar.

Skriv i Markdown: **fetstil**, *kursiv*, listor, rubriker med `###` och länkar
`[text](https://…)`. HTML visas som vanlig text och bilder hämtas inte.

Exempel att kopiera till `lan-14.md`:

    ### Analytikerns kommentar

    Svarsfrekvensen bland kommunerna var lägre än förra året, så jämför **kommunernas**
    värden med försiktighet. Läs mer i [länets sammanställning](https://www.example.se/).
"""


def commentary_file(directory: Path, lan: str) -> Path:
    """``comments/lan-14.md`` for a county, ``comments/riket.md`` for riket."""
    return directory / ("riket.md" if lan == "riket" else f"lan-{lan}.md")


def read_commentary(directory: Path | None, lan: str) -> str | None:
    """The commentary text for ``lan`` (or ``"riket"``), or ``None`` when there is none."""
    if directory is None:
        return None
    path = commentary_file(directory, lan)
    if not path.is_file():
        return None
    with path.open(encoding="utf-8-sig", errors="replace") as fh:
        text = fh.read(_MAX_CHARS).strip()
    return text or None


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable("image")
    return md


def render_commentary(text: str) -> Any:
    """Markdown to HTML markup that is safe to put in a report page.

    >>> str(render_commentary("<script>x</script> [a](javascript:alert(1))"))
    '<p>&lt;script&gt;x&lt;/script&gt; [a](javascript:alert(1))</p>\\n'
    """
    from markupsafe import Markup

    # Raw HTML is off, so markdown-it escapes every tag; unsafe link targets fail its validation.
    return Markup(_parser().render(text))
