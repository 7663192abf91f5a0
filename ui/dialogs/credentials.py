"""The name and password fields, the error line and the buttons every login dialog shows."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout


@dataclass(frozen=True)
class CredentialFields:
    """The widgets ``add_credentials`` put in a dialog."""

    username: QLineEdit
    password: QLineEdit
    error: QLabel
    buttons: QDialogButtonBox


def add_credentials(dialog: QDialog, layout: QVBoxLayout, name_label: str, ok_text: str,
                    error_name: str, username: str = "") -> CredentialFields:
    """Add the name and password fields, a hidden red error line and OK/Cancel to ``layout``.

    ``name_label`` and ``ok_text`` come translated by the caller; OK calls nothing (the caller
    connects ``buttons.accepted``), Cancel rejects the dialog.
    """
    form = QFormLayout()
    name = QLineEdit(username)
    name.setObjectName("username")
    password = QLineEdit()
    password.setObjectName("password")
    password.setEchoMode(QLineEdit.EchoMode.Password)
    form.addRow(name_label, name)
    form.addRow(QCoreApplication.translate("Credentials", "&Password:"), password)
    layout.addLayout(form)
    error = QLabel()
    error.setObjectName(error_name)
    error.setStyleSheet("color: #b3261e;")
    error.setWordWrap(True)
    error.hide()
    layout.addWidget(error)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    return CredentialFields(name, password, error, buttons)
