"""Record status dashboard queries: form statuses per patient and visit, overdue visits (no Qt)."""

from vo_crf.dashboard.status import (
    CellState,
    DashboardFilter,
    DashboardRow,
    FormCell,
    RecordHeader,
    SortKey,
    dashboard_columns,
    list_records,
    load_rows,
)
from vo_crf.dashboard.visits import VisitDue, VisitState, visit_schedule

__all__ = [
    "CellState", "DashboardFilter", "DashboardRow", "FormCell", "RecordHeader", "SortKey",
    "VisitDue", "VisitState", "dashboard_columns", "list_records", "load_rows", "visit_schedule",
]
