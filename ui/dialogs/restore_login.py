"""The admin login asked before a damaged database is replaced by its latest good backup.

The damaged database cannot be trusted (or opened), so the login is checked against the backup
(``vo_crf.auth.file_login.admin_for_restore``): only an admin of the study restores, as in
``vo-crf restore``. The dialog shows what the restore replaces (the core's preview) first.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ui.core_messages import refusal_text
from ui.dialogs.credentials import add_credentials
from vo_crf.auth.file_login import admin_for_restore
from vo_crf.auth.permissions import PermissionDenied
from vo_crf.auth.users import AuthenticationError, CurrentUser

MAX_ATTEMPTS = 5
"""Wrong logins allowed in one dialog (the backup is read-only: failures cannot be counted
there, so the dialog closes after these)."""


class RestoreLoginDialog(QDialog):
    """Say what the restore replaces and ask an admin's name and password; ``admin`` is set
    when an admin of the backup logged in."""

    def __init__(self, backup: Path, replaces: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreLoginDialog")
        self.backup = backup
        self.admin: CurrentUser | None = None
        self.attempts = 0
        self.setWindowTitle(self.tr("Restore the latest backup"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Only an administrator of this study may restore a backup. "
                               "Log in as an administrator to restore:"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.replaces = QLabel(replaces)
        self.replaces.setObjectName("restoreReplaces")
        self.replaces.setWordWrap(True)
        layout.addWidget(self.replaces)
        fields = add_credentials(self, layout, self.tr("&Administrator:"), self.tr("Restore"),
                                 "restoreLoginError")
        self.username, self.password, self.error = fields.username, fields.password, fields.error
        fields.buttons.accepted.connect(self.try_login)
        self.username.setFocus()

    def try_login(self) -> None:
        """Check the login against the backup; stay open with the reason when refused."""
        try:
            self.admin = admin_for_restore(self.backup, self.username.text().strip(),
                                           self.password.text())
        except PermissionDenied:
            self._refuse(self.tr("{0} is not an administrator: only an administrator may "
                                 "restore a backup.").format(self.username.text().strip()))
            return
        except AuthenticationError as exc:
            self._refuse(refusal_text(exc))
            return
        self.accept()

    def _refuse(self, reason: str) -> None:
        self.attempts += 1
        self.password.clear()
        if self.attempts >= MAX_ATTEMPTS:
            self.reject()
            return
        self.error.setText(reason)
        self.error.show()
        self.password.setFocus()


def ask_restoring_admin(backup: Path, replaces: str, parent: QWidget | None = None
                        ) -> CurrentUser | None:
    """Ask for an admin's login before restoring ``backup``; None when cancelled or refused."""
    dialog = RestoreLoginDialog(backup, replaces, parent)
    try:
        return dialog.admin if dialog.exec() else None
    finally:
        dialog.deleteLater()
