"""The record status dashboard model: lazy, so 10,000 patients open instantly.

The model holds the ordered list of patient ids (one light query). Rows are exposed in batches
through ``canFetchMore``/``fetchMore`` and built on demand, a chunk at a time, into a cache by the
core's ``load_rows`` when ``data()`` first asks for them. ``flags()`` never queries.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ui.dde.icons import double_entry_icon
from ui.dde.labels import double_entry_text
from ui.forms.dates import format_date
from ui.icons import status_icon
from ui.labels import (
    event_label,
    place_label,
    signature_text,
    state_label,
    visit_state_label,
)
from ui.queries.labels import patient_queries_tooltip
from vo_crf.auth.record_view import IDENTIFIED, RecordView
from vo_crf.dashboard import (
    CellState,
    DashboardFilter,
    DashboardRow,
    RecordHeader,
    SortKey,
    VisitState,
    dashboard_columns,
    list_records,
    load_rows,
)
from vo_crf.project import Project
from vo_crf.queries import open_query_counts

CELL_STATE_ROLE = Qt.ItemDataRole.UserRole + 1
"""data() role giving a status cell's CellState (for tests and delegates)."""
RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 2
"""data() role giving the row's record id (any column)."""

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_FIXED = (SortKey.RECORD, SortKey.SITE, SortKey.BASELINE, SortKey.NEXT_VISIT,
          SortKey.OPEN_QUERIES)
PATIENT_COLUMNS = len(_FIXED)
"""Columns about the patient before the first status column."""
QUERIES_COLUMN = _FIXED.index(SortKey.OPEN_QUERIES)
"""The column counting the patient's queries that are not closed."""
_EVENT_TINTS = (QColor(255, 255, 255), QColor(244, 247, 251))
MARK_OVERDUE = "#f9d6d3"
"""Background of the empty cells of a visit past its window."""
MARK_BEFORE_EARLIER_VISIT = "#fbe0b4"
"""Background of the cells of a visit dated before an earlier visit (M3 before M0)."""


class ColumnKey(NamedTuple):
    """The visit and form of a status column."""

    event: str
    form: str


class DashboardModel(QAbstractTableModel):
    """Patients × (patient columns + one status column per event and form)."""

    BATCH = 200
    """Rows made available to the view per fetchMore()."""
    CHUNK = 60
    """Rows built per query when data() needs a row that is not cached."""

    def __init__(self, project: Project, today: dt.date | None = None,
                 parent: Any = None, view: RecordView = IDENTIFIED,
                 date_format: str = "iso") -> None:
        super().__init__(parent)
        self.date_format = date_format
        """How dates are shown (the user's setting: ``iso`` or ``dmy``)."""
        self.project = project
        self.view = view
        """What the user is shown (the core's record view: pseudonyms for statisticians)."""
        self.study = project.study
        self._today = today
        self.columns = dashboard_columns(self.study)
        self._sites = {code: label for code, label in self.site_choices()}
        self._filter = DashboardFilter()
        self._sort: SortKey | tuple[str, str] = SortKey.RECORD
        self._descending = False
        self._headers: list[RecordHeader] = []
        self._available = 0
        self._cache: dict[int, DashboardRow] = {}
        self.chunk_loads = 0
        """How many times rows were built (tests assert the model stays lazy)."""
        self._event_index = {e.unique_name: i for i, e in enumerate(self.study.events)}
        self._reload()

    def site_choices(self) -> list[tuple[str, str]]:
        """Return the (code, label) pairs of the study's sites."""
        name = self.study.protocol.site_field
        if not name or not self.study.has_field(name):
            return []
        return [(c.code, c.label) for c in self.study.field(name).choices]

    # ----- loading -------------------------------------------------------------------------
    def _reload(self) -> None:
        self._headers = list_records(self.project, self._filter, self._sort, self._descending,
                                     self._today, view=self.view)
        self._available = min(self.BATCH, len(self._headers))
        self._cache.clear()
        counts = open_query_counts(self.project)
        self._queries_total = sum(counts.get(self.view.real_id(h.record_id) or "", 0)
                                  for h in self._headers) \
            if counts else 0

    def refresh(self) -> None:
        """Query the list again (after a save, a new patient, an import)."""
        self.beginResetModel()
        self._reload()
        self.endResetModel()

    def set_filter(self, where: DashboardFilter) -> None:
        """Show only the patients matching ``where``."""
        self._filter = where
        self.refresh()

    @property
    def total(self) -> int:
        """Number of patients matching the filter (loaded or not)."""
        return len(self._headers)

    @property
    def cached_rows(self) -> int:
        """Number of rows built so far."""
        return len(self._cache)

    def canFetchMore(self, parent: Index = _ROOT) -> bool:
        """True while some matching patients are not exposed yet."""
        return not parent.isValid() and self._available < len(self._headers)

    def fetchMore(self, parent: Index = _ROOT) -> None:
        """Expose the next batch of rows (they are built later, when shown)."""
        if parent.isValid():
            return
        more = min(self.BATCH, len(self._headers) - self._available)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._available, self._available + more - 1)
        self._available += more
        self.endInsertRows()

    def _row(self, number: int) -> DashboardRow:
        header = self._headers[number]
        row = self._cache.get(header.pk)
        if row is None:
            start = max(0, number - self.CHUNK // 4)
            chunk = [h for h in self._headers[start:start + self.CHUNK]
                     if h.pk not in self._cache]
            self._cache.update(load_rows(self.project, chunk, self._today, view=self.view))
            self.chunk_loads += 1
            row = self._cache[header.pk]
        return row

    # ----- Qt model API --------------------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:
        """Rows exposed so far."""
        return 0 if parent.isValid() else self._available

    def columnCount(self, parent: Index = _ROOT) -> int:
        """Patient columns plus one per (event, form)."""
        return 0 if parent.isValid() else len(_FIXED) + len(self.columns)

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Selectable and enabled; never queries."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def column_key(self, column: int) -> ColumnKey | None:
        """Return the (event, form) of a status column, None for patient columns."""
        if column < len(_FIXED) or column >= self.columnCount():
            return None
        event, form = self.columns[column - len(_FIXED)]
        return ColumnKey(event.unique_name, form.name)

    def record_id(self, row: int) -> str:
        """Return the record id of a row (no query)."""
        return self._headers[row].record_id

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column titles: patient columns, then "event / form" for status columns."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        if section < len(_FIXED):
            if role == Qt.ItemDataRole.DisplayRole:
                return (self.tr("Patient"), self.tr("Site"), self.tr("Day 0"),
                        self.tr("Next visit"), self.tr("Open\nqueries"))[section]
            if role == Qt.ItemDataRole.ToolTipRole and section == QUERIES_COLUMN:
                return self.tr("Data clarification queries not closed yet (open or answered)")
            return None
        event, form = self.columns[section - len(_FIXED)]
        if role == Qt.ItemDataRole.DisplayRole:  # a classic project's event: named nowhere
            visit = event_label(self.study, event.unique_name, short=True)
            return f"{visit}\n{form.label}" if visit else form.label
        if role == Qt.ItemDataRole.ToolTipRole:
            return place_label(self.study, event.unique_name, form.name)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell contents; builds the row's chunk the first time a row is asked for."""
        if not index.isValid() or not 0 <= index.row() < self._available:
            return None
        column = index.column()
        if role == RECORD_ID_ROLE:
            return self._headers[index.row()].record_id
        if column == 0 and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[index.row()].record_id
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole,
                        Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole,
                        Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.TextAlignmentRole,
                        CELL_STATE_ROLE):
            return None
        key = self.column_key(column)
        if key is None:
            return self._patient_data(index.row(), column, role)
        return self._cell_data(index.row(), key, role)

    def _patient_data(self, number: int, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignHCenter if column == QUERIES_COLUMN else \
                Qt.AlignmentFlag.AlignLeft
            return int(Qt.AlignmentFlag.AlignVCenter | horizontal)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole,
                        Qt.ItemDataRole.ToolTipRole):
            return None
        row = self._row(number)
        if column == QUERIES_COLUMN:
            if role == Qt.ItemDataRole.ToolTipRole and row.open_queries:
                return patient_queries_tooltip(self.project, row.record_id,  # hovered row only
                                               view=self.view)
            return self._queries_data(row.open_queries, role)
        if column == 1:
            return self._sites.get(row.site, row.site) if role == Qt.ItemDataRole.DisplayRole \
                else None
        if column == 2:
            return self._date(row.baseline) if row.baseline and \
                role == Qt.ItemDataRole.DisplayRole else None
        visit = row.next_visit if column == 3 else None
        if visit is None:
            if column == 3 and row.follow_up_over:
                if role == Qt.ItemDataRole.ForegroundRole:
                    return QBrush(QColor("#5f6368"))
                return self.tr("follow-up ended") if role == Qt.ItemDataRole.DisplayRole \
                    else None
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#b3261e")) if visit.state is VisitState.OVERDUE else None
        label = self.study.event(visit.event).label
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("{0}: window {1} to {2}").format(
                label, self._date(visit.first_day), self._date(visit.last_day))
        when = visit.last_day if visit.state is not VisitState.UPCOMING else visit.first_day
        return f"{label} {visit_state_label(visit.state)} · {self._date(when)}"

    def _date(self, date: dt.date) -> str:
        return format_date(date.isoformat(), self.date_format)

    def _queries_data(self, count: int, role: int) -> Any:
        if not count:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#b3261e"))
        return str(count) if role == Qt.ItemDataRole.DisplayRole else None

    @property
    def open_queries_total(self) -> int:
        """Queries not closed, over the patients matching the filter."""
        return self._queries_total

    def _visit_mark(self, row: DashboardRow, key: ColumnKey,
                    cell_state: CellState) -> tuple[str, str] | None:
        """Return (colour, text) marking this visit's cell: dated before an earlier visit, or
        overdue (or missed: no colour) while the form is empty; None when nothing is wrong."""
        before = row.visits_before.get(key.event)
        if before is not None:
            text = self.tr("{0} dated {1}, before the {2} visit ({3})").format(
                self.study.event(key.event).label, self._date(row.visit_dates[key.event]),
                self.study.event(before[0]).label, self._date(before[1]))
            return MARK_BEFORE_EARLIER_VISIT, text
        visit = row.visit(key.event)
        if visit is None or cell_state is not CellState.EMPTY:
            return None
        window = self.tr("window {0} to {1}").format(self._date(visit.first_day),
                                                     self._date(visit.last_day))
        if visit.state is VisitState.OVERDUE:
            return MARK_OVERDUE, f"{visit.label} {visit_state_label(visit.state)}: {window}"
        if visit.state is VisitState.MISSED:  # told in the tooltip; nothing left to do
            return "", f"{visit.label} {visit_state_label(visit.state)}: {window}"
        return None

    def _cell_data(self, number: int, key: ColumnKey, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            return None
        row = self._row(number)
        cell = row.cell(*key)
        mark = self._visit_mark(row, key, cell.state)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(mark[0])) if mark and mark[0] else \
                QBrush(_EVENT_TINTS[self._event_index[key.event] % 2])
        if role == CELL_STATE_ROLE:
            return cell.state
        progress = cell.double_entry
        in_double_entry = progress if cell.state is CellState.EMPTY else None
        if role == Qt.ItemDataRole.DecorationRole:
            return double_entry_icon(in_double_entry.fewest_complete) \
                if in_double_entry is not None else status_icon(cell.state)
        if role == Qt.ItemDataRole.DisplayRole:
            count = in_double_entry.instances if in_double_entry is not None else cell.instances
            return f"×{count}" if count > 1 else None
        place = place_label(self.study, key.event, key.form)
        text = f"{place}: {state_label(cell.state)}"
        if in_double_entry is not None:
            text = f"{place}: {double_entry_text(in_double_entry)}"
        elif progress is not None:
            text += "; " + double_entry_text(progress)
        signed = signature_text(cell.signed_by, cell.signed_at, self.date_format)
        if signed:
            text += f" — {signed}"
        if cell.instances > 1:
            text += " " + self.tr("({0} instances; worst shown)").format(cell.instances)
        return f"{text}\n{mark[1]}" if mark else text

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort through the core query (all matching patients, not only the loaded rows)."""
        if not 0 <= column < self.columnCount():
            return
        sort_key = _FIXED[column] if column < len(_FIXED) else self.column_key(column)
        if sort_key is None:
            return
        self._sort = sort_key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()
