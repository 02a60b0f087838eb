"""Scores, group results, comparisons, reliability and descriptives, disclosure-controlled.

>>> # from samverkan_cli.analysis import AnalysisOptions, analyze
>>> # analyze(store, instrument, AnalysisOptions(waves=("2026",))).to_dict()
"""

from samverkan_cli.analysis.core import analyze
from samverkan_cli.analysis.method import method_text
from samverkan_cli.analysis.result import RESULT_COLUMNS, AnalysisOptions, AnalysisResult

__all__ = ["RESULT_COLUMNS", "AnalysisOptions", "AnalysisResult", "analyze", "method_text"]
