"""Double data entry in the form editor: the strip saying which entry the user makes.

While a double-entered form is not adjudicated, the editor's entry mode is
``ui.forms.entry_mode.DoubleEntry``: it shows the user's own entry (never the other one) and
saves it through ``DoubleEntryService``. This strip only shows that mode: which entry of two
the user is making; it offers adjudicators the comparison of the two entries.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from ui.core_messages import refusal_text
from ui.forms.entry_mode import DoubleEntry, EntryMode
from ui.session import AppSession
from ui.signals import emit
from vo_crf.auth.permissions import Action, PermissionDenied
from vo_crf.dde import DoubleEntryStatus, OwnEntry
from vo_crf.entry import EntryError, FormKey


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

    def show_mode(self, mode: EntryMode) -> None:
        """Show the user's entry while the form is in double entry; hide otherwise."""
        if isinstance(mode, DoubleEntry):
            self.key = mode.key
            self._show_entry(mode.entry)
        else:
            self.hide()

    def _show_entry(self, entry: OwnEntry) -> None:
        if entry.entry_number is None:
            refusal = (refusal_text(entry.refused, self.session.study) if entry.refused
                       else entry.refusal)
            text = self.tr("Double data entry: {0}.").format(refusal)
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

    def open_comparison(self) -> None:
        """Show the two entries side by side and let the user adjudicate them."""
        from ui.dde.comparison import ComparisonDialog

        try:
            comparison = self.session.double_entry.comparison(self.key)
        except (EntryError, PermissionDenied) as exc:
            QMessageBox.warning(self, self.tr("Double data entry"),
                                refusal_text(exc, self.session.study))
            return
        dialog = ComparisonDialog(self.session.double_entry, comparison, self)
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
