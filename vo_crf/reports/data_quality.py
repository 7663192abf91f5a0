"""The Excel "Data quality" sheet's listing; the checks themselves live in ``vo_crf.quality``."""

from __future__ import annotations

from vo_crf.quality.issue import (
    MISSING,
    OUT_OF_RANGE,
    OUT_OF_WINDOW,
    QUALITY_HEADERS,
    QUALITY_WIDTHS,
    QualityIssue,
)
from vo_crf.quality.reasons import add_reasons
from vo_crf.quality.run import find_issues, quality_issues

__all__ = [
    "MISSING",
    "OUT_OF_RANGE",
    "OUT_OF_WINDOW",
    "QUALITY_HEADERS",
    "QUALITY_WIDTHS",
    "QualityIssue",
    "add_reasons",
    "find_issues",
    "quality_issues",
]
