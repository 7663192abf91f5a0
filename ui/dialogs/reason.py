"""Small dialogs that ask for a reason: change of a Complete form, out-of-range values, deletes."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.core_messages import message_text
from vo_crf.entry import Message


class ReasonDialog(QDialog):
    """Ask for one reason (required: OK stays disabled while it is blank).

    Enter in the reason box confirms (once a reason is typed); Shift+Enter starts a new line.
    """

    def __init__(self, title: str, explanation: str, parent: QWidget | None = None,
                 password_for: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reasonDialog")
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        text = QLabel(explanation)
        text.setWordWrap(True)
        layout.addWidget(text)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(70)
        self.reason.setPlaceholderText(self.tr("Reason (required, kept in the audit trail)"))
        self.reason.installEventFilter(self)
        layout.addWidget(self.reason)
        self.password: QLineEdit | None = None
        if password_for is not None:
            form = QFormLayout()
            self.password = QLineEdit()
            self.password.setObjectName("password")
            self.password.setEchoMode(QLineEdit.EchoMode.Password)
            form.addRow(self.tr("Password of {0}:").format(password_for), self.password)
            layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(self._update)
        if self.password is not None:
            self.password.textChanged.connect(self._update)
        self._update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Enter in the reason box: confirm when OK is enabled (never a blank line)."""
        if watched is self.reason and event.type() == QEvent.Type.KeyPress:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            if key_event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                    key_event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
                ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
                if ok.isEnabled():
                    ok.click()
                elif self.password is not None and self.reason.toPlainText().strip():
                    self.password.setFocus()
                return True
        return super().eventFilter(watched, event)

    def _update(self) -> None:
        ready = bool(self.reason.toPlainText().strip()) and (
            self.password is None or bool(self.password.text()))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)

    def value(self) -> str:
        """The reason typed."""
        return self.reason.toPlainText().strip()


def ask_reason(parent: QWidget | None, title: str, explanation: str) -> str | None:
    """Return the reason typed, or None when the user cancelled."""
    dialog = ReasonDialog(title, explanation, parent)
    try:
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


class ConfirmWarningsDialog(QDialog):
    """Out-of-range or out-of-window values: one reason per field to keep them."""

    def __init__(self, warnings: list[Message], titles: dict[str, str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confirmWarningsDialog")
        self.setWindowTitle(self.tr("Confirm unusual values"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("These values are outside the expected range or visit window. "
                               "Correct them, or give a reason to keep each one (it is kept "
                               "in the audit trail)."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.reasons: dict[str, QLineEdit] = {}
        for message in warnings:
            if message.field in self.reasons:
                continue
            title = html.escape(titles.get(message.field, message.field))
            text = QLabel(f"<b>{title}</b><br>{html.escape(message_text(message))}")
            text.setWordWrap(True)
            edit = QLineEdit()
            edit.setObjectName(f"reason_{message.field}")
            edit.setPlaceholderText(self.tr("Reason, e.g. value checked in the source file"))
            form.addRow(text)
            form.addRow(edit)
            edit.textChanged.connect(self._update)
            self.reasons[message.field] = edit
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Keep values"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            self.tr("Correct them"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update()

    def _update(self) -> None:
        ready = all(edit.text().strip() for edit in self.reasons.values())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)

    def confirmations(self) -> dict[str, str]:
        """Return the reason given for each field."""
        return {name: edit.text().strip() for name, edit in self.reasons.items()}
