"""Double data entry: independent entries by two users, comparison, adjudication, report."""

from vo_crf.dde.compare import ComparedField, values_equal
from vo_crf.dde.report import DiscordanceRow, discordance_csv, discordance_report
from vo_crf.dde.service import (
    AdjudicationResult,
    Comparison,
    DoubleEntryRefused,
    DoubleEntryService,
    DoubleEntryStatus,
    OwnEntry,
)

__all__ = [
    "AdjudicationResult", "ComparedField", "Comparison", "DiscordanceRow", "DoubleEntryRefused",
    "DoubleEntryService", "DoubleEntryStatus", "OwnEntry", "discordance_csv",
    "discordance_report", "values_equal",
]
