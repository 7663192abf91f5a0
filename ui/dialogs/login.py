"""Login, and the idle lock screen that only the same user's password opens."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.core_messages import refusal_text
from ui.database_failure import DATABASE_ERRORS, failure_text
from ui.dialogs.credentials import add_credentials
from vo_crf.auth.users import (
    AuthenticationError,
    CurrentUser,
    authenticate,
    confirm_password,
    lockout_minutes,
)
from vo_crf.db.file_guard import database_unusable
from vo_crf.project import Project


class LoginDialog(QDialog):
    """Ask for a user name and password; ``user`` is set when the login succeeds."""

    def __init__(self, project: Project, last_username: str = "",
                 parent: QWidget | None = None,
                 before_login: Callable[[], str | None] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.project = project
        self.user: CurrentUser | None = None
        self._before_login = before_login
        self.damage: str | None = None
        self.setWindowTitle(self.tr("vo-crf — log in"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        title = QLabel(f"<span style='font-size:15pt; font-weight:600'>"
                       f"{project.study.name}</span>")
        title.setWordWrap(True)
        layout.addWidget(title)
        where = QLabel(project.url.removeprefix("sqlite:///"))
        where.setStyleSheet("color: gray;")
        where.setWordWrap(True)
        layout.addWidget(where)
        layout.addSpacing(10)
        fields = add_credentials(self, layout, self.tr("&User name:"), self.tr("Log in"),
                                 "loginError", last_username)
        self.username, self.password, self.error = fields.username, fields.password, fields.error
        fields.buttons.accepted.connect(self.try_login)
        (self.password if last_username else self.username).setFocus(
            Qt.FocusReason.OtherFocusReason)

    def try_login(self) -> None:
        """Check the credentials with the core; stay open with the reason when refused.

        ``before_login`` (the database's integrity check, running since the window opened) must
        pass first: a damaged database closes the dialog with ``damage`` set, nothing written.
        """
        if self._before_login is not None:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                self.damage = self._before_login()
            finally:
                QApplication.restoreOverrideCursor()
            if self.damage:
                self.reject()
                return
            self._before_login = None
        try:
            self.user = authenticate(self.project.engine, self.username.text().strip(),
                                     self.password.text())
        except AuthenticationError as exc:
            self.error.setText(refusal_text(exc))
            self.error.show()
            self.password.clear()
            self.password.setFocus()
            return
        except DATABASE_ERRORS as exc:
            self.error.setText(failure_text(exc))
            self.error.show()
            return
        self.accept()


class UnlockDialog(QDialog):
    """The screen is locked after inactivity: the same user's password unlocks it."""

    def __init__(self, project: Project, user: CurrentUser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unlockDialog")
        self.project = project
        self.user = user
        self.failure: Exception | None = None
        """Set when the database failed for good while checking the password."""
        self.setWindowTitle(self.tr("vo-crf — locked"))
        self.setMinimumWidth(400)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        layout = QVBoxLayout(self)
        text = QLabel(self.tr("The screen was locked after a period of inactivity. Your open "
                              "form is kept. Enter the password of <b>{0}</b> to continue.")
                      .format(user.full_name or user.username))
        text.setWordWrap(True)
        layout.addWidget(text)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        layout.addWidget(self.password)
        self.error = QLabel()
        self.error.setObjectName("unlockError")
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Unlock"))
        buttons.accepted.connect(self.try_unlock)
        layout.addWidget(buttons)

    def try_unlock(self) -> None:
        """Accept only the locked user's password.

        When the database cannot check it: a passing failure (busy) is shown here, to try
        again; an unusable database ends the dialog with ``failure`` set (still locked).
        """
        try:
            confirmed = confirm_password(self.project.engine, self.user, self.password.text())
        except DATABASE_ERRORS as exc:
            if database_unusable(exc):
                self.failure = exc
                self.done(QDialog.DialogCode.Rejected)
                return
            self.error.setText(self.tr("The password could not be checked: {0}").format(
                failure_text(exc)))
            self.error.show()
            return
        if confirmed:
            self.accept()
            return
        minutes = lockout_minutes(self.project.engine, self.user.username)
        self.error.setText(self.tr("Too many wrong passwords: the account is locked for {0} "
                                   "more minute(s).").format(minutes) if minutes
                           else self.tr("Wrong password."))
        self.error.show()
        self.password.clear()

    def reject(self) -> None:
        """Escape does not unlock."""
