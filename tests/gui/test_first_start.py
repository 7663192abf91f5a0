"""First start as a new user meets it: no second login, one password rule in the user's language,
Help → About."""

from __future__ import annotations

from gui_helpers import open_main_window
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTableWidget,
)

from ui.app import run
from ui.dialogs.first_start import FirstStartDialog
from ui.i18n import install_translation
from ui.main_window import MainWindow, active_main_window
from vo_crf.auth.passwords import MIN_PASSWORD_LENGTH


def _ok(qtbot, dialog) -> None:  # noqa: ANN001
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(
        QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_the_demo_opens_without_asking_for_the_password_again(tmp_path, qtbot, on_modal,
                                                              monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    seen: list[str] = []

    def close_main_window() -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None:  # a login dialog would be the second question
            seen.append(modal.objectName())
            modal.close()
            return
        window = active_main_window()
        if window is None or not window.isVisible():
            QTimer.singleShot(20, close_main_window)
            return
        seen.append(f"main window of {window.session.user.username}")
        window.close()

    def create_demo(dialog) -> None:
        assert dialog.objectName() == "firstStartDialog"
        dialog.findChild(QRadioButton, "choice_demo").setChecked(True)
        password = dialog.findChild(QLineEdit, "adminPassword")
        password.setFocus()
        qtbot.keyClicks(password, "first-admin-pass")
        QTimer.singleShot(0, close_main_window)
        _ok(qtbot, dialog)

    on_modal(create_demo)
    assert run(str(tmp_path / "new.sqlite")) == 0
    assert seen == ["main window of admin"]
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, MainWindow) and w.isVisible()]


def _short_password_message(qtbot) -> tuple[str, str]:  # noqa: ANN001
    dialog = FirstStartDialog("/tmp/x.sqlite", demo_available=True)
    qtbot.addWidget(dialog)
    dialog.show()
    password = dialog.findChild(QLineEdit, "adminPassword")
    placeholder = password.placeholderText()
    password.setFocus()
    qtbot.keyClicks(password, "short")
    _ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert dialog.focusWidget() is password
    return placeholder, dialog.error.text()


def test_one_password_rule_one_message(qtbot) -> None:
    assert MIN_PASSWORD_LENGTH == 8
    placeholder, message = _short_password_message(qtbot)
    assert placeholder == "at least 8 characters"
    assert message == "The password must have at least 8 characters."


def test_the_password_rule_is_french_in_the_french_gui(qtbot) -> None:
    app = QApplication.instance()
    try:
        assert install_translation(app, "fr") == "fr"
        placeholder, message = _short_password_message(qtbot)
    finally:
        install_translation(app, "en")
    assert placeholder == "au moins 8 caractères"
    assert message == "Le mot de passe doit comporter au moins 8 caractères."


def test_help_about_names_version_database_definition_and_licences(
        project, users, make_session, qtbot, on_modal, db_path) -> None:
    window = open_main_window(qtbot, make_session(users["nurse"]))
    facts: dict[str, str] = {}
    licences: list[tuple[str, str]] = []

    def read_and_close(dialog) -> None:
        assert dialog.objectName() == "aboutDialog"
        for name in ("aboutVersion", "aboutDatabase", "aboutDefinition"):
            facts[name] = dialog.findChild(QLabel, name).text()
        table = dialog.findChild(QTableWidget, "aboutLicences")
        licences.extend((table.item(r, 0).text(), table.item(r, 2).text())
                        for r in range(table.rowCount()))
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    on_modal(read_and_close)
    about = window.findChild(type(window.menuBar().actions()[0]), "action_about")
    help_menu = next(a.menu() for a in window.menuBar().actions() if "Help" in a.text())
    assert about in help_menu.actions()
    about.trigger()
    assert facts["aboutVersion"].startswith("vo-crf 0.")
    assert facts["aboutDatabase"] == str(db_path)
    assert facts["aboutDefinition"] == str(project.definition_version)
    by_part = dict(licences)
    assert by_part["Qt 6 and PySide6 (Qt for Python)"] == "LGPL-3.0-only"
    assert by_part["SQLAlchemy"] == "MIT" and by_part["openpyxl"] == "MIT"
    assert by_part["reportlab"].startswith("BSD")
    assert "DejaVu fonts" in by_part and by_part["vo-crf"] == "MIT"
