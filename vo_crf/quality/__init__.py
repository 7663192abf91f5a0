"""Data-quality checks: built-in checks and the study's own rules, run on demand.

``run_quality_checks(project, user)`` returns the findings (``QualityIssue``), each located at
the field (record, event, form, instance) it links to.
"""

from vo_crf.quality.freshness import VersionedFindings, data_version, run_versioned_checks
from vo_crf.quality.issue import CHECK_NAMES, QUALITY_HEADERS, QualityIssue
from vo_crf.quality.run import CheckSelection, quality_issues, run_quality_checks, select_checks

__all__ = [
    "CHECK_NAMES",
    "QUALITY_HEADERS",
    "CheckSelection",
    "QualityIssue",
    "VersionedFindings",
    "data_version",
    "quality_issues",
    "run_quality_checks",
    "run_versioned_checks",
    "select_checks",
]
