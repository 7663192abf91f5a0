"""Patient → Double data entry worklist…: the forms whose double entry is not finished.

One line per form instance with an entry but no final values: patient, visit, form, where it
stands, who made the entries, when it last changed and what the user can do next. Enter or a
double-click opens the form in the main window, where the double-entry strip takes over (the
user's own entry, or "Compare entries…" for an adjudicator).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.dde.entry_bar import status_text
from ui.forms.dates import moment_text
from ui.session import AppSession
from ui.signals import app_signals, emit
from ui.tables import StudyRowsModel, make_list_view
from vo_crf.dde import DoubleEntryStatus, NextStep, PendingDoubleEntry, pending_double_entries
from vo_crf.write.changes import ChangeKind, Changes

if TYPE_CHECKING:
    from ui.main_window import MainWindow

Index = QModelIndex | QPersistentModelIndex
STATUS_COLUMN = 4
STEP_COLUMN = 8
_STATUS_COLOURS = {DoubleEntryStatus.AWAITING_ENTRY_1: "#b3261e",
                   DoubleEntryStatus.AWAITING_ENTRY_2: "#8a5a00",
                   DoubleEntryStatus.READY: "#5b2a86"}


def next_step_text(step: NextStep) -> str:
    """Return the translated label of what the user can do next."""
    return {
        NextStep.FINISH_YOUR_ENTRY: QCoreApplication.translate("DoubleEntryWorklist",
                                                               "finish your entry"),
        NextStep.MAKE_ENTRY_2: QCoreApplication.translate("DoubleEntryWorklist",
                                                          "make the other entry"),
        NextStep.COMPARE: QCoreApplication.translate("DoubleEntryWorklist",
                                                     "compare and adjudicate"),
        NextStep.WAIT: QCoreApplication.translate("DoubleEntryWorklist", "—"),
    }[step]


class DoubleEntryWorklistModel(StudyRowsModel):
    """The worklist rows from the core, one per form instance."""

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(session.study, parent)
        self.rows: list[PendingDoubleEntry] = []
        self._date_format = session.settings.date_format

    def headers(self) -> tuple[str, ...]:
        """The column titles."""
        return (self.tr("Patient"), self.tr("Site"), self.tr("Visit"), self.tr("Form"),
                self.tr("Status"), self.tr("Entry 1 by"), self.tr("Entry 2 by"),
                self.tr("Last change"), self.tr("Your next step"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell texts; the status is coloured; the user's own work is in bold."""
        row = self.row_at(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS_COLUMN:
            return QBrush(QColor(_STATUS_COLOURS.get(row.status, "#000000")))
        if role == Qt.ItemDataRole.FontRole and column == STEP_COLUMN \
                and row.next_step is not NextStep.WAIT:
            bold = QFont()
            bold.setBold(True)
            return bold
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, column)
        return None

    def _text(self, row: PendingDoubleEntry, column: int) -> str:
        key = row.key
        event, form = self.visit_label(key.event), self.form_label(key.form, key.instance)
        entrants = list(row.entrants) + [""] * (2 - len(row.entrants))
        status = status_text(row.status)
        if row.status is not DoubleEntryStatus.READY:
            status += " " + self.tr("({0} of 2 complete)").format(row.entries_complete)
        texts = (key.record_id, self.site_label(row.site), event, form, status,
                 entrants[0], entrants[1], moment_text(row.last_change, self._date_format),
                 next_step_text(row.next_step))
        return texts[column]


class DoubleEntryWorklistDialog(QDialog):
    """The forms in double entry; open one to make an entry or to compare the two."""

    open_form = Signal(str, str, str, int)
    """record id, event, form, instance: show that form in the main window."""

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("doubleEntryWorklist")
        self.setWindowTitle(self.tr("Double data entry worklist"))
        self.resize(1080, 460)
        self.session = session
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Forms entered once or twice whose final values are not made "
                               "yet. Enter or double-click opens the form."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        bar = QHBoxLayout()
        self.mine_only = QCheckBox(self.tr("Only forms with a &step for me"))
        self.mine_only.setObjectName("worklistMineOnly")
        self.mine_only.toggled.connect(self.reload)
        bar.addWidget(self.mine_only)
        bar.addStretch(1)
        self.count = QLabel()
        self.count.setObjectName("worklistCount")
        self.count.setStyleSheet("color: gray;")
        bar.addWidget(self.count)
        layout.addLayout(bar)
        self.model = DoubleEntryWorklistModel(session, self)
        self.table = QTableView()
        self.table.setObjectName("worklistTable")
        self.table.setModel(self.model)
        make_list_view(self.table, (80, 70, 60, 150, 220, 90, 90, 140, 160))
        self.model.hide_visits(self.table, 2)
        self.table.activated.connect(self._activated)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(self.tr("&Open form"))
        self.open_button.setObjectName("worklistOpenButton")
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self.open_selected)
        done = QPushButton(self.tr("Done"))
        done.setAutoDefault(False)
        done.clicked.connect(self.accept)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(done)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.reload)
        app_signals().operation_did_execute.connect(self._changed)  # entries saved meanwhile
        self.reload()
        self.table.setFocus()

    def _changed(self, changes: Changes, _initiator: object) -> None:
        if changes.everything or changes.has(ChangeKind.STATUS) or changes.has(
                ChangeKind.VALUES):
            self.reload()

    def reload(self) -> None:
        """Read the worklist again (F5)."""
        rows = pending_double_entries(self.session.project, self.session.user)
        if self.mine_only.isChecked():
            rows = [row for row in rows if row.next_step is not NextStep.WAIT]
        self.model.set_rows(rows)
        self.count.setText(self.tr("{0} form(s) in double entry").format(len(rows)))
        if rows:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> PendingDoubleEntry | None:
        """The selected instance, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _update_buttons(self, *_args: object) -> None:
        self.open_button.setEnabled(self.selected() is not None)

    def _activated(self, index: QModelIndex) -> None:
        self.table.selectRow(index.row())
        self.open_selected()

    def open_selected(self) -> None:
        """Show the selected form in the main window (closes the list)."""
        row = self.selected()
        if row is not None:
            emit(self.open_form, row.key.record_id, row.key.event, row.key.form,
                 row.key.instance)
            self.accept()


def show_double_entry_worklist(window: MainWindow) -> DoubleEntryWorklistDialog:
    """Open the worklist over the main window; opening a line shows its form."""
    dialog = DoubleEntryWorklistDialog(window.session, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open_form.connect(window.open_patient)
    dialog.show()
    return dialog
