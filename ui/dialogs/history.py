"""The audit trail of one field: who changed it, when, from what to what, and why."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.core_messages import refusal_text
from ui.forms.dates import moment_text
from vo_crf.audit.trail import TrailEntry
from vo_crf.entry import EntryError, EntryService, FormKey
from vo_crf.entry.values import field_title
from vo_crf.study.model import FieldDef


class FieldHistoryDialog(QDialog):
    """A read-only table of a field's audit rows, oldest first; times are local, in the user's
    date format (``date_format``: iso or dmy), as lock and signature times."""

    def __init__(self, title: str, entries: list[TrailEntry],
                 parent: QWidget | None = None, date_format: str = "iso") -> None:
        super().__init__(parent)
        self.setObjectName("fieldHistoryDialog")
        self.setWindowTitle(self.tr("Field history"))
        self.resize(820, 360)
        layout = QVBoxLayout(self)
        heading = QLabel(f"<b>{title}</b>")
        layout.addWidget(heading)
        headers = [self.tr("When"), self.tr("Who"), self.tr("Action"), self.tr("Old value"),
                   self.tr("New value"), self.tr("Reason")]
        self.table = QTableWidget(len(entries), len(headers))
        self.table.setObjectName("historyTable")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        for row, entry in enumerate(entries):
            cells = [moment_text(entry.at, date_format), entry.username,
                     entry.action.replace("_", " "), entry.old_value or "",
                     entry.new_value or "", entry.reason or ""]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table)
        if not entries:
            layout.addWidget(QLabel(self.tr("No change recorded for this field yet.")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def show_field_history(parent: QWidget, service: EntryService, key: FormKey,
                       field: FieldDef, date_format: str = "iso") -> None:
    """Open the history dialog of one field (a message when the role may not see it)."""
    try:
        entries = service.field_history(key, field.name)
    except (EntryError, PermissionError) as exc:
        QMessageBox.warning(parent, QCoreApplication.translate("History", "Field history"),
                            refusal_text(exc))
        return
    dialog = FieldHistoryDialog(field_title(field), entries, parent, date_format)
    dialog.exec()
    dialog.deleteLater()
