"""Scores, group results, comparisons, reliability and descriptives, disclosure-controlled.

>>> # from samverkan_cli.analysis import AnalysisOptions, analyze
>>> # analyze(store, instrument, AnalysisOptions(waves=("2026",))).score("2026", "14", "alla", "index")
"""

from samverkan_cli.analysis.core import analyze
from samverkan_cli.analysis.method import method_text
from samverkan_cli.analysis.options import AnalysisOptions
from samverkan_cli.analysis.result import RESULT_COLUMNS, AnalysisResult
from samverkan_cli.analysis.rows import (
    AnswerShare,
    CommentGroup,
    Comparison,
    GroupScore,
    KommunRow,
    Meta,
    OptionShare,
    Ranking,
    Reliability,
    ResponseRate,
)

__all__ = [
    "RESULT_COLUMNS",
    "AnalysisOptions",
    "AnalysisResult",
    "AnswerShare",
    "CommentGroup",
    "Comparison",
    "GroupScore",
    "KommunRow",
    "Meta",
    "OptionShare",
    "Ranking",
    "Reliability",
    "ResponseRate",
    "analyze",
    "method_text",
]
