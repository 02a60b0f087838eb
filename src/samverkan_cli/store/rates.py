"""The response rate, computed in one place for ``status`` and the analysis tables."""

from __future__ import annotations

__all__ = ["response_rate"]


def response_rate(organisations: float, frame: int | None) -> float | None:
    """Share of the frame's organisations that answered, capped at 1, 3 decimals; ``None`` without a frame.

    >>> response_rate(7, 10), response_rate(12, 10), response_rate(3, None)
    (0.7, 1.0, None)
    """
    if not frame:
        return None
    return round(min(float(organisations) / frame, 1.0), 3) + 0.0
