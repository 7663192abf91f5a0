"""First start (no study database yet): create the demo study, an empty study, or open one."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.password_rule import password_hint, password_refusal
from ui.file_dialogs import ask_open_path
from vo_crf.auth.passwords import WeakPassword, check_password_strength

DEMO, EMPTY, OPEN = "demo", "empty", "open"


class FirstStartDialog(QDialog):
    """Choose what to do when the database file does not exist; see ``choice`` after exec()."""

    def __init__(self, location: str, demo_available: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstStartDialog")
        self.setWindowTitle(self.tr("vo-crf — first start"))
        self.setMinimumWidth(560)
        self.choice = ""
        self.open_path = ""
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("There is no study database at<br><b>{0}</b><br>What do you want "
                               "to do?").format(location))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.group = QButtonGroup(self)
        self.options: dict[str, QRadioButton] = {}
        for key, text in ((DEMO, self.tr("Create the demo study (29 patients)")),
                          (EMPTY, self.tr("Create an empty study")),
                          (OPEN, self.tr("Open another database…"))):
            button = QRadioButton(text)
            button.setObjectName(f"choice_{key}")
            self.group.addButton(button)
            layout.addWidget(button)
            self.options[key] = button
        self.options[DEMO].setEnabled(demo_available)
        self.options[DEMO if demo_available else EMPTY].setChecked(True)
        form = QFormLayout()
        self.admin = QLineEdit("admin")
        self.admin.setObjectName("adminName")
        self.password = QLineEdit()
        self.password.setObjectName("adminPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(password_hint())
        form.addRow(self.tr("Administrator name:"), self.admin)
        form.addRow(self.tr("Administrator password:"), self.password)
        self.admin_box = QWidget()
        self.admin_box.setLayout(form)
        layout.addWidget(self.admin_box)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.group.buttonToggled.connect(self._update)
        self._update()

    def _selected(self) -> str:
        return next(key for key, button in self.options.items() if button.isChecked())

    def _update(self, *_args: object) -> None:
        self.admin_box.setEnabled(self._selected() != OPEN)

    def show_error(self, text: str) -> None:
        """Show why the last attempt failed (the dialog stays open)."""
        self.error.setText(text)
        self.error.show()

    def _accept(self) -> None:
        choice = self._selected()
        if choice == OPEN:
            path = ask_open_path(self, self.tr("Open a study database"), "",
                                 self.tr("Study database (*.sqlite *.db)"))
            if path is None:
                return
            self.open_path = str(path)
        elif not self.admin.text().strip() or not self.password.text():
            self.show_error(self.tr("Give the administrator's name and password."))
            return
        else:
            try:
                check_password_strength(self.password.text(), self.admin.text().strip())
            except WeakPassword as exc:
                self.show_error(password_refusal(exc))
                self.password.setFocus()
                return
        self.choice = choice
        self.accept()
