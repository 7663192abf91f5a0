"""The queries list: filters (site, status, age, user), a table, and the steps on the selection.

Double-click or Enter on a query opens its form in the main window with the focus in the field.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.forms.dates import moment_text
from ui.queries.dialogs import answer_query_dialog, close_query_dialog, reopen_query_dialog
from ui.queries.labels import status_text
from ui.session import AppSession
from ui.signals import app_signals, emit
from ui.tables import StudyRowsModel, make_list_view
from vo_crf.auth.permissions import Action
from vo_crf.auth.users import list_users
from vo_crf.dashboard.status import site_choices
from vo_crf.queries import QueryRow, QueryStatus, list_queries
from vo_crf.write.changes import ChangeKind, Changes

if TYPE_CHECKING:
    from ui.main_window import MainWindow

Index = QModelIndex | QPersistentModelIndex
NOT_CLOSED = "not_closed"
"""Status filter value: open or answered."""
_STATUS_COLOURS = {"open": "#b3261e", "answered": "#8a5a00", "closed": "#5f6368"}


class QueriesModel(StudyRowsModel):
    """Query rows from the core, one per line."""

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(session.study, parent)
        self.rows: list[QueryRow] = []
        self.date_format = session.settings.date_format

    def headers(self) -> tuple[str, ...]:
        """The column titles."""
        return (self.tr("#"), self.tr("Site"), self.tr("Patient"), self.tr("Visit"),
                self.tr("Form"), self.tr("Field"), self.tr("Status"), self.tr("Query"),
                self.tr("Latest answer"), self.tr("Opened by"), self.tr("Age (days)"),
                self.tr("Last step"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell texts; the status is coloured; tooltips show long texts whole."""
        row = self.row_at(index)
        if row is None:
            return None
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 6:
            return QBrush(QColor(_STATUS_COLOURS.get(row.status, "#000000")))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, index.column(), role == Qt.ItemDataRole.ToolTipRole)
        return None

    def _text(self, row: QueryRow, column: int, whole: bool) -> str:
        event, form = self.visit_label(row.event), self.form_label(row.form, row.instance)
        updated = moment_text(row.updated_at, self.date_format)
        texts = (str(row.id), self.site_label(row.site), row.record_id, event, form,
                 row.field_label if whole else _clip(row.field_label, 40),
                 status_text(row.status), row.text if whole else _clip(row.text, 60),
                 row.latest_answer if whole else _clip(row.latest_answer, 50), row.opened_by,
                 str(row.age_days), f"{updated} {row.updated_by}")
        return texts[column]


def _clip(text: str, length: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length - 1] + "…"


class QueriesDialog(QDialog):
    """Every query of the study, filtered; answer, close or re-open the selected one."""

    open_field = Signal(str, str, str, int, str)
    """record id, event, form, instance, field: show that field in its form."""

    def __init__(self, session: AppSession, parent: QWidget | None = None,
                 now: dt.datetime | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queriesDialog")
        self.setWindowTitle(self.tr("Queries"))
        self.resize(1320, 560)
        self.session = session
        self._now = now
        layout = QVBoxLayout(self)
        layout.addLayout(self._filters())
        self.model = QueriesModel(session, self)
        self.table = QTableView()
        self.table.setObjectName("queriesTable")
        self.table.setModel(self.model)
        make_list_view(self.table, (36, 60, 70, 50, 110, 150, 80, 230, 180, 84, 84, 150))
        self.model.hide_visits(self.table, 3)
        self.table.activated.connect(self._activated)
        layout.addWidget(self.table, 1)
        layout.addLayout(self._buttons())
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.reload)
        app_signals().operation_did_execute.connect(self._changed)  # a form, a sync
        self.reload()

    def _changed(self, changes: Changes, _initiator: object) -> None:
        """A write somewhere (a query step, a sync): read the queries again if they changed."""
        if changes.has(ChangeKind.QUERIES):
            self.reload()

    def _filters(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.site = QComboBox()
        self.site.setObjectName("querySiteFilter")
        self.site.addItem(self.tr("All sites"), "")
        for code, label in site_choices(self.session.study):
            self.site.addItem(label, code)
        self.status = QComboBox()
        self.status.setObjectName("queryStatusFilter")
        self.status.addItem(self.tr("Not closed"), NOT_CLOSED)
        for status in QueryStatus:
            self.status.addItem(status_text(status.value), status.value)
        self.status.addItem(self.tr("Any status"), "")
        self.min_age = QSpinBox()
        self.min_age.setObjectName("queryAgeFilter")
        self.min_age.setRange(0, 3650)
        self.min_age.setSuffix(self.tr(" days"))
        self.min_age.setSpecialValueText(self.tr("any age"))
        self.user = QComboBox()
        self.user.setObjectName("queryUserFilter")
        self.user.addItem(self.tr("Anyone"), "")
        for account in list_users(self.session.project.engine):
            self.user.addItem(account.username, account.username)
        for label, widget in ((self.tr("Site:"), self.site), (self.tr("Status:"), self.status),
                              (self.tr("Open for at least:"), self.min_age),
                              (self.tr("User:"), self.user)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            bar.addWidget(caption)
            bar.addWidget(widget)
        bar.addStretch(1)
        self.count = QLabel()
        self.count.setStyleSheet("color: gray;")
        bar.addWidget(self.count)
        for combo in (self.site, self.status, self.user):
            combo.currentIndexChanged.connect(self.reload)
        self.min_age.valueChanged.connect(self.reload)
        return bar

    def _buttons(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.open_button = QPushButton(self.tr("&Open form"))
        self.answer_button = QPushButton(self.tr("&Answer…"))
        self.close_button = QPushButton(self.tr("&Close query…"))
        self.reopen_button = QPushButton(self.tr("&Re-open…"))
        done = QPushButton(self.tr("Done"))
        done.clicked.connect(self.accept)
        for button, slot in ((self.open_button, self.open_selected),
                             (self.answer_button, lambda: self._step(answer_query_dialog)),
                             (self.close_button, lambda: self._step(close_query_dialog)),
                             (self.reopen_button, lambda: self._step(reopen_query_dialog))):
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(done)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        return bar

    def reload(self) -> None:
        """Query the list again with the filters shown (F5)."""
        status = str(self.status.currentData() or "")
        rows = list_queries(
            self.session.project, self.session.user,
            status=status if status not in ("", NOT_CLOSED) else None,
            site=str(self.site.currentData() or "") or None,
            min_age_days=self.min_age.value() or None,
            user_name=str(self.user.currentData() or "") or None, now=self._now)
        if status == NOT_CLOSED:
            rows = [row for row in rows if not row.is_closed]
        kept = self.selected()
        self.model.set_rows(rows)
        self.count.setText(self.tr("{0} query(ies)").format(len(rows)))
        if kept is not None:
            self._select(kept.id)
        self._update_buttons()

    def selected(self) -> QueryRow | None:
        """The selected query, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _update_buttons(self, *_args: object) -> None:
        query = self.selected()
        user = self.session.user
        may_close = query is not None and self.session.queries.may_close(query.opened_by)
        self.open_button.setEnabled(query is not None)
        self.answer_button.setEnabled(query is not None and query.status == "open"
                                      and user.can(Action.ANSWER_QUERY))
        self.close_button.setEnabled(may_close and query is not None and not query.is_closed)
        self.reopen_button.setEnabled(may_close and query is not None
                                      and query.status != "open")

    def _step(self, dialog: Any) -> None:
        query = self.selected()
        if query is not None:
            dialog(self, self.session, query)  # the list reloads on the queries-changed event

    def _select(self, query_id: int) -> None:
        for number, row in enumerate(self.model.rows):
            if row.id == query_id:
                self.table.selectRow(number)
                return

    def _activated(self, index: QModelIndex) -> None:
        self.table.selectRow(index.row())
        self.open_selected()

    def open_selected(self) -> None:
        """Show the selected query's field in its form (closes the list)."""
        query = self.selected()
        if query is not None:
            emit(self.open_field, query.record_id, query.event, query.form, query.instance,
                 query.field)
            self.accept()


def show_queries_dialog(window: MainWindow) -> QueriesDialog:
    """Open the queries list over the main window; opening a query shows its field."""
    dialog = QueriesDialog(window.session, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open_field.connect(lambda *where: open_query_field(window, *where))
    dialog.show()
    return dialog


def open_query_field(window: MainWindow, record_id: str, event: str, form: str,
                     instance: int, field: str) -> None:
    """Open a patient at a form (a repeating form's instance) with the focus in a field."""
    window.open_patient(record_id, event, form, instance, field)
