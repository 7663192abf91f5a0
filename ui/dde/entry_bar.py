"""Double data entry in the form editor: the strip saying which entry the user makes.

While a double-entered form is not adjudicated, the editor shows the user's own entry (never
the other one) and saves it through ``DoubleEntryService``; this strip tells the user which
entry of two they are making, and offers adjudicators the comparison of the two entries.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from ui.core_messages import message_text, with_labels
from ui.session import AppSession
from ui.signals import emit
from vo_crf.auth.permissions import Action, PermissionDenied
from vo_crf.dde import DoubleEntryService, DoubleEntryStatus, OwnEntry
from vo_crf.dde.service import OPEN_STATUSES
from vo_crf.entry import EntryError, FormKey, FormState, Message, SaveRefused


class EntryEditor(Protocol):
    """What the bar asks of the editor showing the entry (``ui.forms.editor.FormEditor``)."""

    def current_values(self) -> dict[str, str]: ...
    def current_status(self) -> int: ...
    def show_messages(self, messages: list[Message]) -> None: ...
    def show_banner(self, text: str, kind: str) -> None: ...
    def show_state(self, state: FormState) -> None: ...


class DoubleEntryBar(QFrame):
    """The double-entry strip of a form editor (hidden when the form is an ordinary form)."""

    adjudicated = Signal()

    def __init__(self, session: AppSession, key: FormKey, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("doubleEntryBar")
        self.setStyleSheet("#doubleEntryBar { background: #f3e8fd; border-bottom: 1px solid "
                           "#d7bde2; } QLabel { color: #5b2a86; }")
        self.session = session
        self.key = key
        self.service = DoubleEntryService(session.project, session.user)
        self.entry: OwnEntry | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 6, 16, 6)
        self.label = QLabel()
        self.label.setObjectName("doubleEntryLabel")
        self.label.setWordWrap(True)
        row.addWidget(self.label, 1)
        self.compare_button = QPushButton(self.tr("&Compare entries…"))
        self.compare_button.setObjectName("compareEntriesButton")
        self.compare_button.clicked.connect(self.open_comparison)
        row.addWidget(self.compare_button)
        self.hide()

    @property
    def active(self) -> bool:
        """True when the form is still entered twice (the editor shows the user's entry)."""
        return self.entry is not None

    @property
    def blocks_editing(self) -> bool:
        """True when the user cannot make an entry (a third user, or entries closed)."""
        return self.entry is not None and self.entry.entry_number is None

    def refresh(self) -> bool:
        """Read the user's entry; return True when the form is in double entry."""
        self.entry = None
        if not self.service.is_double_entered(self.key.form):
            self.hide()
            return False
        entry = self.service.open_entry(self.key)
        if entry.instance_status not in OPEN_STATUSES:
            self.hide()
            return False
        self._show_entry(entry)
        return True

    def _show_entry(self, entry: OwnEntry) -> None:
        self.entry = entry
        if entry.entry_number is None:
            text = self.tr("Double data entry: {0}.").format(entry.refusal)
        elif not self.session.user.can(Action.EDIT_DATA):
            text = self.tr("Double data entry: the final values are not made yet.")
        else:
            text = self.tr("Double data entry: entry {0} of 2. The other entry is made "
                           "independently by another user and is not shown.").format(
                entry.entry_number)
        status = entry.instance_status
        text += " " + self.tr("Status: {0}.").format(status_text(status))
        self.label.setText(text)
        may_compare = self.session.user.can(Action.ADJUDICATE) and not entry.exists
        self.compare_button.setVisible(may_compare)
        self.compare_button.setEnabled(status is DoubleEntryStatus.READY)
        self.compare_button.setToolTip(
            "" if status is DoubleEntryStatus.READY
            else self.tr("Both entries must be Complete before they are compared."))
        self.show()

    def open_state(self) -> FormState:
        """The editor's view of the user's own entry (branching and calculations applied)."""
        assert self.entry is not None
        state = self.session.service.assess(self.key, self.entry.values, self.entry.status)
        state.status = self.entry.status
        return state

    def save(self, editor: EntryEditor) -> bool:
        """Save the editor's values as the user's entry; return True when saved."""
        try:
            entry = self.service.save_entry(self.key, editor.current_values(),
                                            editor.current_status())
        except SaveRefused as refused:
            editor.show_messages(refused.messages)
            editor.show_banner(self.tr("Not saved: correct the fields marked in red."), "error")
            return False
        except (EntryError, PermissionDenied) as exc:
            QMessageBox.warning(self.window(), self.tr("Not saved"),
                                with_labels(str(exc), self.session.study))
            return False
        self.session.drafts.discard(self.key)
        self._show_entry(entry)
        editor.show_state(self.open_state())
        notes = [self.tr("Your entry {0} of 2 is saved.").format(entry.entry_number)]
        notes += [message_text(message, self.session.settings.date_format)
                  for message in entry.messages]
        editor.show_banner("\n".join(notes), "warning" if len(notes) > 1 else "success")
        return True

    def open_comparison(self) -> None:
        """Show the two entries side by side and let the user adjudicate them."""
        from ui.dde.comparison import ComparisonDialog

        try:
            comparison = self.service.comparison(self.key)
        except (EntryError, PermissionDenied) as exc:
            QMessageBox.warning(self, self.tr("Double data entry"), str(exc))
            return
        dialog = ComparisonDialog(self.service, comparison, self)
        try:
            if dialog.exec() == ComparisonDialog.DialogCode.Accepted:
                emit(self.adjudicated)
        finally:
            dialog.deleteLater()


def status_text(status: DoubleEntryStatus) -> str:
    """Return the translated label of a double-entry status."""
    from PySide6.QtCore import QCoreApplication

    texts = {
        DoubleEntryStatus.AWAITING_ENTRY_1: QCoreApplication.translate(
            "DoubleEntryBar", "awaiting entry 1"),
        DoubleEntryStatus.AWAITING_ENTRY_2: QCoreApplication.translate(
            "DoubleEntryBar", "awaiting entry 2"),
        DoubleEntryStatus.READY: QCoreApplication.translate(
            "DoubleEntryBar", "ready to compare"),
        DoubleEntryStatus.ADJUDICATED: QCoreApplication.translate(
            "DoubleEntryBar", "adjudicated"),
        DoubleEntryStatus.ENTERED_DIRECTLY: QCoreApplication.translate(
            "DoubleEntryBar", "entered without double entry"),
    }
    return texts[status]
