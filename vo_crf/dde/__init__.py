"""Double data entry: independent entries by two users, comparison, adjudication, report."""

from vo_crf.dde.compare import ComparedField, values_equal
from vo_crf.dde.service import (
    AdjudicationResult,
    Comparison,
    DoubleEntryRefused,
    DoubleEntryService,
    DoubleEntryStatus,
    OwnEntry,
)
from vo_crf.dde.worklist import NextStep, PendingDoubleEntry, pending_csv, pending_double_entries
from vo_crf.reports.discordance import DiscordanceRow, discordance_csv, discordance_report

__all__ = [
    "AdjudicationResult", "ComparedField", "Comparison", "DiscordanceRow", "DoubleEntryRefused",
    "DoubleEntryService", "DoubleEntryStatus", "NextStep", "OwnEntry", "PendingDoubleEntry",
    "discordance_csv", "discordance_report", "pending_csv", "pending_double_entries",
    "values_equal",
]
