"""The users dialog (admin): add, activate/deactivate, reset password, change role."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.password_rule import password_hint, password_refusal
from ui.labels import role_label
from ui.session import AppSession
from ui.tables import make_list_table
from vo_crf.auth.permissions import PermissionDenied, Role
from vo_crf.auth.users import create_user, list_users, reset_password, set_active, set_role
from vo_crf.db.models import User, utcnow


class AddUserDialog(QDialog):
    """Name, full name, role and first password of a new user."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addUserDialog")
        self.setWindowTitle(self.tr("Add a user"))
        self.setMinimumWidth(420)
        form = QFormLayout(self)
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.full_name = QLineEdit()
        self.full_name.setObjectName("fullName")
        self.role = QComboBox()
        self.role.setObjectName("role")
        for role in Role:
            self.role.addItem(role_label(role), role.value)
        self.role.setCurrentIndex(self.role.findData(Role.NURSE.value))
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(password_hint())
        form.addRow(self.tr("User name:"), self.username)
        form.addRow(self.tr("Full name:"), self.full_name)
        form.addRow(self.tr("Role:"), self.role)
        form.addRow(self.tr("First password:"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class UsersDialog(QDialog):
    """Every user with their role and state; actions act on the selected user."""

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usersDialog")
        self.session = session
        self.setWindowTitle(self.tr("Users"))
        self.resize(780, 420)
        layout = QVBoxLayout(self)
        headers = [self.tr("User name"), self.tr("Full name"), self.tr("Role"),
                   self.tr("State")]
        self.table = QTableWidget(0, len(headers))
        self.table.setObjectName("usersTable")
        self.table.setHorizontalHeaderLabels(headers)
        make_list_table(self.table)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        specs = [("addUser", self.tr("&Add…"), self.add_user),
                 ("toggleActive", self.tr("&Deactivate"), self.toggle_active),
                 ("resetPassword", self.tr("&Reset password…"), self.reset_password),
                 ("changeRole", self.tr("Change r&ole…"), self.change_role)]
        self.buttons: dict[str, QPushButton] = {}
        for name, text, slot in specs:
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons[name] = button
        buttons.addStretch(1)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.users: list[User] = []
        self.reload()

    def reload(self) -> None:
        """Read the users again."""
        selected = self.selected()
        self.users = list_users(self.session.project.engine)
        self.table.setRowCount(len(self.users))
        now = utcnow()
        for row, user in enumerate(self.users):
            if not user.active:
                state = self.tr("Deactivated")
            elif user.locked_until and user.locked_until > now:
                state = self.tr("Locked out until {0}").format(
                    user.locked_until.strftime("%H:%M"))
            else:
                state = self.tr("Active")
            cells = [user.username, user.full_name, role_label(user.role), state]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if not user.active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(row, column, item)
        names = [u.username for u in self.users]
        self.table.selectRow(names.index(selected.username) if selected and
                             selected.username in names else 0)
        self._update_buttons()

    def selected(self) -> User | None:
        """The selected user."""
        row = self.table.currentRow()
        return self.users[row] if 0 <= row < len(self.users) else None

    def _update_buttons(self) -> None:
        user = self.selected()
        for name in ("toggleActive", "resetPassword", "changeRole"):
            self.buttons[name].setEnabled(user is not None)
        if user is not None:
            self.buttons["toggleActive"].setText(
                self.tr("&Deactivate") if user.active else self.tr("Re&activate"))

    def _act(self, work: Callable[[], object]) -> None:  # one core operation
        try:
            work()
        except (ValueError, PermissionDenied) as exc:
            QMessageBox.warning(self, self.tr("Users"), password_refusal(exc))
            return
        self.reload()

    def add_user(self) -> None:
        """Create a user."""
        dialog = AddUserDialog(self)
        if dialog.exec():
            self._act(lambda: create_user(
                self.session.project.engine, self.session.user, dialog.username.text().strip(),
                dialog.password.text(), str(dialog.role.currentData()),
                dialog.full_name.text().strip()))
        dialog.deleteLater()

    def toggle_active(self) -> None:
        """Deactivate (or reactivate) the selected user."""
        user = self.selected()
        if user is not None:
            self._act(lambda: set_active(self.session.project.engine, self.session.user,
                                         user.username, not user.active))

    def reset_password(self) -> None:
        """Give the selected user a new password (also clears a lockout)."""
        user = self.selected()
        if user is None:
            return
        password, ok = QInputDialog.getText(
            self, self.tr("Reset password"),
            self.tr("New password for {0}:").format(user.username), QLineEdit.EchoMode.Password)
        if ok and password:
            self._act(lambda: reset_password(self.session.project.engine, self.session.user,
                                             user.username, password))

    def change_role(self) -> None:
        """Change the selected user's role."""
        user = self.selected()
        if user is None:
            return
        roles = list(Role)
        labels = [role_label(r) for r in roles]
        label, ok = QInputDialog.getItem(self, self.tr("Change role"),
                                         self.tr("Role of {0}:").format(user.username), labels,
                                         roles.index(Role(user.role)), False)
        if ok:
            role = roles[labels.index(label)]
            self._act(lambda: set_role(self.session.project.engine, self.session.user,
                                       user.username, role))

