"""The one visual style of every report: colour-blind-safe palette, chart settings, CSS colours.

Colours come from the Okabe-Ito palette (categorical) and ColorBrewer's PuOr and Blues schemes
(diverging / sequential), all readable with the common forms of colour blindness. Meaning is
never carried by colour alone: verdicts also have a word and a symbol, suppressed cells ``..``.
Charts (SVG text), HTML (CSS custom properties) and Excel (fills) read from here.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PALETTE", "Palette", "heat_colour", "text_on"]


@dataclass(frozen=True)
class Palette:
    """Named colours used by all renderers."""

    county: str = "#0072B2"  # Okabe-Ito blue: the county being reported
    riket: str = "#6B6B6B"  # neutral grey: the national reference
    vardcentral: str = "#E69F00"  # Okabe-Ito orange
    kommun: str = "#009E73"  # Okabe-Ito bluish green
    annan: str = "#CC79A7"  # Okabe-Ito reddish purple
    previous: str = "#9AC3E3"  # lighter county blue: the previous wave
    # Diverging scale from most negative to most positive answer (ColorBrewer PuOr, 4 classes).
    diverging: tuple[str, ...] = ("#E66101", "#FDB863", "#B2ABD2", "#5E3C99")
    missing: str = "#C8C8C8"  # "Vet ej", "Ej aktuellt"
    suppressed: str = "#E3E3E3"  # cells with too few answers
    better: str = "#0072B2"
    level: str = "#6B6B6B"
    worse: str = "#D55E00"
    # Sequential scale for heatmaps, low to high (ColorBrewer Blues, 6 classes).
    sequential: tuple[str, ...] = ("#EFF3FF", "#C6DBEF", "#9ECAE1", "#6BAED6", "#3182BD", "#08519C")
    ink: str = "#1F1F1F"
    muted: str = "#595959"
    rule: str = "#D0D0D0"
    paper: str = "#FFFFFF"
    band: str = "#F4F6F8"

    def org_colour(self, org_typ: str) -> str:
        return {"vardcentral": self.vardcentral, "kommun": self.kommun, "annan": self.annan}.get(org_typ, self.county)

    def diverging_for(self, n_levels: int) -> tuple[str, ...]:
        """Colours for ``n_levels`` ordered answers (negative to positive), e.g. Nej/Ja -> the outer two."""
        if n_levels == 2:
            return (self.diverging[0], self.diverging[-1])
        if n_levels == len(self.diverging):
            return self.diverging
        if n_levels == 3:
            return (self.diverging[0], self.missing, self.diverging[-1])
        step = (len(self.diverging) - 1) / max(n_levels - 1, 1)
        return tuple(self.diverging[round(i * step)] for i in range(n_levels))


PALETTE = Palette()


def heat_colour(value: float | None, low: float = 0.0, high: float = 100.0) -> str:
    """The sequential colour for a score (``None`` -> the suppressed grey)."""
    if value is None:
        return PALETTE.suppressed
    steps = PALETTE.sequential
    share = min(max((value - low) / (high - low), 0.0), 0.999999)
    return steps[int(share * len(steps))]


def text_on(background: str) -> str:
    """Black or white text, whichever reads better on ``background`` (``#RRGGBB``)."""
    red, green, blue = (int(background[i : i + 2], 16) / 255 for i in (1, 3, 5))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return "#FFFFFF" if luminance < 0.45 else PALETTE.ink
