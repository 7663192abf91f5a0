"""The login's refusals reach a French user in French (the core words them, ``vo_crf.wording``):
the first words of the application a user may read."""

from __future__ import annotations

from gui_helpers import press, show_active, type_keys
from PySide6.QtCore import Qt

from ui.dialogs.login import LoginDialog
from vo_crf.auth.users import set_active


def _log_in(qtbot, project, name: str, password: str) -> LoginDialog:  # noqa: ANN001
    dialog = LoginDialog(project)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    type_keys(qtbot, name)
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, password)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.error.isVisible)
    return dialog


def test_a_wrong_password_and_a_deactivated_account_are_refused_in_french(
        project, users, french, qtbot) -> None:  # noqa: ANN001
    dialog = _log_in(qtbot, project, "nurse", "wrong-password")
    assert dialog.error.text() == "nom d’utilisateur ou mot de passe incorrect"
    assert dialog.user is None
    dialog.close()
    set_active(project.engine, users["admin"], "stat", False)
    dialog = _log_in(qtbot, project, "stat", "wrong-password")
    assert dialog.error.text() == "le compte 'stat' est désactivé"
    dialog.close()
