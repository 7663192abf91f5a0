"""Sync conflicts: values changed here and at another site; keep one side, with a reason.

The list and the resolution are the core's (``vo_crf.sync.conflicts``); this dialog only shows
the open conflicts and calls ``resolve_conflict`` for the selected one.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.core_messages import refusal_text
from ui.labels import event_label
from ui.session import AppSession
from ui.signals import emit
from ui.tables import make_list_table
from vo_crf.auth.permissions import PermissionDenied
from vo_crf.db.models import SyncConflict
from vo_crf.entry import EntryError
from vo_crf.study.model import Study
from vo_crf.sync.conflicts import (
    ConflictError,
    conflict_locks,
    list_conflicts,
    resolve_conflict,
)


class SyncConflictsDialog(QDialog):
    """The open sync conflicts of the study database, resolved one at a time."""

    resolved = Signal()
    """A conflict was resolved (the data shown elsewhere may have changed)."""

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncConflictsDialog")
        self.session = session
        self.setWindowTitle(self.tr("Sync conflicts"))
        self.resize(1120, 380)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "These values were changed here and at another site since the last "
            "synchronisation. Nothing was overwritten: the local value is kept until you choose "
            "which value to keep. Your choice and its reason are kept in the audit trail and "
            "reach the other sites at the next synchronisation."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        headers = [self.tr("Patient"), self.tr("Visit"), self.tr("Form"), self.tr("#"),
                   self.tr("Field"), self.tr("Local value"), self.tr("Changed here by"),
                   self.tr("Remote value"), self.tr("Changed there by")]
        self.table = QTableWidget(0, len(headers))
        self.table.setObjectName("conflictsTable")
        self.table.setHorizontalHeaderLabels(headers)
        make_list_table(self.table)
        self.table.setWordWrap(False)
        layout.addWidget(self.table, 1)
        self.empty = QLabel(self.tr("There are no open sync conflicts."))
        self.empty.setObjectName("noConflicts")
        self.empty.setStyleSheet("color: gray;")
        layout.addWidget(self.empty)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(self.tr(
            "Reason (required, kept in the audit trail), e.g. checked the source document"))
        layout.addWidget(self.reason)
        buttons = QHBoxLayout()
        self.keep_local = QPushButton(self.tr("Keep &local value"))
        self.keep_local.setObjectName("keepLocal")
        self.keep_local.clicked.connect(lambda: self.resolve("local"))
        self.keep_remote = QPushButton(self.tr("Keep &remote value"))
        self.keep_remote.setObjectName("keepRemote")
        self.keep_remote.clicked.connect(lambda: self.resolve("remote"))
        close = QPushButton(self.tr("Close"))
        close.setObjectName("close")
        close.clicked.connect(self.accept)
        buttons.addWidget(self.keep_local)
        buttons.addWidget(self.keep_remote)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.reason.textChanged.connect(self._update_buttons)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.conflicts: list[SyncConflict] = []
        self.reload()

    # ----- contents ------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the open conflicts again."""
        self.conflicts = list_conflicts(self.session.project, self.session.user)
        locks = conflict_locks(self.session.project, self.conflicts)
        study = self.session.study
        self.table.setRowCount(len(self.conflicts))
        for row, conflict in enumerate(self.conflicts):
            event = event_label(study, conflict.event)  # none in a classic project
            form = study.form(conflict.form).label if _has_form(study, conflict.form) \
                else conflict.form
            if conflict.id in locks:
                form += " " + self.tr("(locked by {0}: the local edit was not taken)").format(
                    locks[conflict.id])
            cells = [conflict.record_id, event, form, str(conflict.instance),
                     self._field_label(conflict.field, conflict.form),
                     self._value_text(conflict.field, conflict.local_value),
                     self._who(conflict.local_user, conflict.local_at, ""),
                     self._value_text(conflict.field, conflict.remote_value),
                     self._who(conflict.remote_user, conflict.remote_at, conflict.remote_site)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column in (5, 7):
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, column, item)
        self.table.setVisible(bool(self.conflicts))
        self.empty.setVisible(not self.conflicts)
        if self.conflicts:
            self.table.selectRow(0)
        self._update_buttons()

    def _field_label(self, name: str, form: str) -> str:
        study = self.session.study
        if name == f"{form}_complete":
            return self.tr("Form status")
        return study.field(name).label if study.has_field(name) else name

    def _value_text(self, name: str, value: str | None) -> str:
        if value is None:
            return self.tr("(deleted)")
        if value == "":
            return self.tr("(empty)")
        study = self.session.study
        if study.has_field(name):
            field = study.field(name)
            if field.choices:
                labels = [field.choice_label(code) for code in value.split(",")]
                return f"{', '.join(labels)} ({value})"
        return value

    def _who(self, user: str, at: dt.datetime, site: str) -> str:
        local = at.replace(tzinfo=dt.UTC).astimezone()
        stamp = local.strftime("%d/%m/%Y %H:%M" if self.session.settings.date_format == "dmy"
                               else "%Y-%m-%d %H:%M")
        if site:
            return self.tr("{0} at site {1}, {2}").format(user, site, stamp)
        return self.tr("{0}, {1}").format(user, stamp)

    def selected(self) -> SyncConflict | None:
        """The conflict of the selected row."""
        row = self.table.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def _update_buttons(self) -> None:
        ready = self.selected() is not None and bool(self.reason.text().strip())
        self.keep_local.setEnabled(ready)
        self.keep_remote.setEnabled(ready)

    # ----- resolving -----------------------------------------------------------------------
    def resolve(self, keep: str) -> bool:
        """Keep the ``local`` or ``remote`` value of the selected conflict (core operation)."""
        conflict = self.selected()
        reason = self.reason.text().strip()
        if conflict is None or not reason:
            return False
        try:
            resolve_conflict(self.session.project, self.session.user, conflict.id, keep, reason)
        except (ConflictError, EntryError, PermissionDenied, ValueError) as exc:
            QMessageBox.warning(self, self.tr("Sync conflicts"), refusal_text(exc))
            self.reload()
            return False
        self.reason.clear()
        self.reload()
        emit(self.resolved)
        return True


def _has_form(study: Study, name: str) -> bool:
    return any(f.name == name for f in study.forms)

