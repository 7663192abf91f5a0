"""A repeating form (antibiotic courses) as a table of instances: add, edit, delete."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.core_messages import refusal_text
from ui.dialogs.reason import ask_reason
from ui.forms.dates import format_date
from ui.forms.editor import FormEditor
from ui.icons import status_icon
from ui.labels import place_label, state_label
from ui.session import AppSession
from ui.signals import emit
from ui.tables import make_list_table
from vo_crf.auth.permissions import Action, PermissionDenied
from vo_crf.dashboard.status import cell_state
from vo_crf.entry import EntryError, FormKey, FormState
from vo_crf.entry.new_record import NewRecord
from vo_crf.study.model import FieldDef, FieldType


def display_value(field: FieldDef, value: str, date_format: str) -> str:
    """Return how a stored value reads in a table (labels for codes, dates as set)."""
    if not value:
        return ""
    if field.field_type is FieldType.CHECKBOX:
        return ", ".join(field.choice_label(code) for code in value.split(","))
    if field.is_coded:
        if field.field_type is FieldType.YESNO:
            return {"1": "Yes", "0": "No"}.get(value, value)
        return field.choice_label(value)
    if field.is_date:
        return format_date(value, date_format)
    return value


class InstanceDialog(QDialog):
    """One instance of a repeating form in its own window (closing asks about unsaved edits)."""

    def __init__(self, session: AppSession, key: FormKey, parent: QWidget | None = None,
                 focus_field: str = "", new_record: NewRecord | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("instanceDialog")
        self._focus_field = focus_field
        self.setWindowTitle(session.study.form(key.form).label)
        self.resize(860, 560)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.editor = FormEditor(session, key, self, new_record=new_record)
        layout.addWidget(self.editor)
        self.editor.next_requested.connect(self.accept)
        self.editor.next_button.setText(self.tr("Save && &close"))
        target = self.editor.first_focus()
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """Once shown (laid out), scroll to the field asked for and focus it."""
        super().showEvent(event)
        if self._focus_field:
            field, self._focus_field = self._focus_field, ""
            QTimer.singleShot(0, self, lambda: self.editor.queries.focus_field(field))

    def done(self, result: int) -> None:
        """Close only when unsaved edits are saved or dropped."""
        if self.editor.maybe_leave():
            self.editor.stop()
            super().done(result)


class RepeatingFormPage(QWidget):
    """The instances of a repeating form at one event, with add / edit / delete."""

    changed = Signal()
    record_created = Signal(str)
    """The first course saved created the new patient (its study number)."""

    def __init__(self, session: AppSession, record_id: str, event: str, form: str,
                 parent: QWidget | None = None, new_record: NewRecord | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("repeatingPage")
        self.session = session
        self.new_record = new_record
        self.record_id, self.event_name, self.form_name = record_id, event, form
        self.form = session.study.form(form)
        self.fields = [f for f in self.form.fields if f.holds_data]
        self.instances: list[FormState] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        heading = place_label(session.study, event, self.form.name)
        title = QLabel(f"<span style='font-size:15pt; font-weight:600'>{heading}</span>"
                       f"&nbsp;&nbsp;<span style='color:gray'>{record_id}</span>")
        title.setObjectName("repeatingTitle")
        layout.addWidget(title)
        self.table = QTableWidget(0, len(self.fields) + 2)
        self.table.setObjectName("instancesTable")
        self.table.setHorizontalHeaderLabels(["#"] + [f.label for f in self.fields]
                                             + [self.tr("Status")])
        make_list_table(self.table)
        self.table.activated.connect(lambda _index: self.edit_instance())
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        can_edit = session.user.can(Action.EDIT_DATA)
        self.add_button = QPushButton(self.tr("&Add course"), self)
        self.add_button.setObjectName("addInstance")
        self.add_button.clicked.connect(self.add_instance)
        self.edit_button = QPushButton(self.tr("&Edit…"), self)
        self.edit_button.setObjectName("editInstance")
        self.edit_button.clicked.connect(self.edit_instance)
        self.delete_button = QPushButton(self.tr("&Delete…"), self)
        self.delete_button.setObjectName("deleteInstance")
        self.delete_button.clicked.connect(self.delete_instance)
        self.add_button.setEnabled(can_edit)
        self.delete_button.setVisible(session.user.can(Action.DELETE_INSTANCE))
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        hint = QLabel(self.tr("Enter: edit · Insert: add · Delete: delete"))
        hint.setStyleSheet("color: gray;")
        buttons.addWidget(hint)
        layout.addLayout(buttons)
        QShortcut(QKeySequence(Qt.Key.Key_Insert), self, self.add_instance)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table,
                  self.delete_instance)
        self.reload()

    def reload(self) -> None:
        """Read the instances again from the core."""
        self.instances = [] if self.new_record is not None else self.session.service.instances(
            self.record_id, self.event_name, self.form_name)
        date_format = self.session.settings.date_format
        self.table.setRowCount(len(self.instances))
        for row, state in enumerate(self.instances):
            number = QTableWidgetItem(str(state.key.instance))
            number.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setItem(row, 0, number)
            for column, field in enumerate(self.fields, start=1):
                text = display_value(field, state.value(field.name), date_format)
                self.table.setItem(row, column, QTableWidgetItem(text))
            cell = cell_state(state.status, state.verified_by, state.locked_by, state.signed_by)
            status = QTableWidgetItem(status_icon(cell), state_label(cell))
            self.table.setItem(row, len(self.fields) + 1, status)
        if self.instances and not self.table.selectedItems():
            self.table.selectRow(0)
        has_rows = bool(self.instances)
        self.edit_button.setEnabled(has_rows)
        self.delete_button.setEnabled(has_rows and self.session.user.can(Action.DELETE_INSTANCE))

    def _selected(self) -> FormState | None:
        row = self.table.currentRow()
        return self.instances[row] if 0 <= row < len(self.instances) else None

    def _open(self, key: FormKey, focus_field: str = "") -> None:
        dialog = InstanceDialog(self.session, key, self, focus_field, self.new_record)
        dialog.exec()
        created = self.new_record is not None and dialog.editor.new_record is None
        dialog.deleteLater()
        if created:
            self.new_record = None
            self.record_id = dialog.editor.key.record_id
            emit(self.record_created, self.record_id)
        self.reload()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)  # keyboard users carry on here
        emit(self.changed)

    def add_instance(self) -> None:
        """Open a new, empty instance."""
        if not self.session.user.can(Action.EDIT_DATA):
            return
        number = 1 if self.new_record is not None else self.session.service.next_instance(
            self.record_id, self.event_name, self.form_name)
        self._open(FormKey(self.record_id, self.event_name, self.form_name, number))

    def open_instance_later(self, instance: int, field: str = "") -> None:
        """Select an instance and open it once the caller has returned (a query, a finding).

        The instance window is modal: opening it from the event loop lets the list or panel
        that asked for it close first. An instance that no longer exists stays unopened.
        """
        for row, state in enumerate(self.instances):
            if state.key.instance == instance:
                self.table.selectRow(row)
                QTimer.singleShot(0, self, lambda key=state.key: self._open(key, field))
                return

    def edit_instance(self) -> None:
        """Open the selected instance."""
        state = self._selected()
        if state is not None:
            self._open(state.key)

    def delete_instance(self) -> None:
        """Delete the selected instance after asking for a reason (audited by the core)."""
        state = self._selected()
        if state is None or not self.session.user.can(Action.DELETE_INSTANCE):
            return
        reason = ask_reason(self, self.tr("Delete {0} #{1}").format(self.form.label,
                                                                    state.key.instance),
                            self.tr("The course and its values are deleted; the audit trail "
                                    "keeps them. Why delete it?"))
        if reason is None:
            return
        try:
            self.session.service.delete_instance(state.key, reason)
        except (EntryError, PermissionDenied) as exc:
            QMessageBox.warning(self, self.tr("Not deleted"),
                                refusal_text(exc, self.session.study))
            return
        self.reload()
        emit(self.changed)
