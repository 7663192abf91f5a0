"""One look for the read-only list tables, and one model for the study's list dialogs."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTableWidget

from ui.labels import event_label, form_label
from vo_crf.dashboard.status import site_choices
from vo_crf.study.model import Study

_ROOT = QModelIndex()


def make_list_table(table: QTableWidget) -> QTableWidget:
    """Make ``table`` a read-only list: single whole-row selection, no row numbers."""
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


class StudyRowsModel(QAbstractTableModel):
    """A read-only table of rows from the core, one per line, for the study's list dialogs.

    Subclasses give ``headers()`` and ``data()``; this class holds the rows, counts them, titles
    the columns and names visits, forms (with the instance) and sites the way every list does.
    """

    def __init__(self, study: Study, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.study = study
        self.sites = dict(site_choices(study))
        self.rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        """Show these rows."""
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def headers(self) -> tuple[str, ...]:
        """The column titles."""
        raise NotImplementedError

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        """One line per row."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        """The columns of ``headers``."""
        return 0 if parent.isValid() else len(self.headers())

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < self.columnCount():
            return self.headers()[section]
        return None

    def row_at(self, index: QModelIndex | QPersistentModelIndex) -> Any:
        """Return the row of a cell, None for an invalid index."""
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        return self.rows[index.row()]

    def visit_label(self, event: str) -> str:
        """Return the short label of a visit (its name when the study does not know it; none
        in a classic project, whose list hides its visit column: ``hide_visits``)."""
        return event_label(self.study, event, short=True)

    def form_label(self, form: str, instance: int = 1) -> str:
        """Return a form's label, with ``#n`` for a repeating form's instance n > 1."""
        return form_label(self.study, form, instance)

    def hide_visits(self, view: QTableView, column: int) -> None:
        """Hide the visit ``column`` of ``view`` in a classic project (no event to name)."""
        view.setColumnHidden(column, self.study.classic)

    def site_label(self, site: str) -> str:
        """Return the label of a site code."""
        return self.sites.get(site, site)


def make_list_view(view: QTableView, widths: tuple[int, ...]) -> QTableView:
    """Make ``view`` a read-only list of whole rows, one line each, with these column widths."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for column, width in enumerate(widths):
        header.resizeSection(column, width)
    header.setStretchLastSection(True)
    return view
