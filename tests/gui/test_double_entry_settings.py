"""Admin → Double data entry…: forms switched on by keyboard become double-entered."""

from __future__ import annotations

from gui_helpers import show_active
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialogButtonBox, QListWidget

from ui.main_window import MainWindow
from vo_crf.project import open_project


def test_admin_switches_double_entry_on_for_biology(project, users, make_session, qtbot,
                                                     on_modal) -> None:  # noqa: ANN001
    window = MainWindow(make_session(users["admin"]))
    qtbot.addWidget(window)
    window.idle.set_timeout(0)
    show_active(qtbot, window)
    reopened: list[str] = []
    window.reopen_database.connect(reopened.append)
    biology_row = [f.name for f in project.study.forms].index("biology")

    def check_biology(dialog) -> None:  # noqa: ANN001
        forms = dialog.findChild(QListWidget, "doubleEntryForms")
        assert forms.currentRow() == 0
        for _ in range(biology_row):
            qtbot.keyClick(forms, Qt.Key.Key_Down)
        qtbot.keyClick(forms, Qt.Key.Key_Space)
        assert dialog.chosen_forms() == ["biology"]
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    on_modal(check_biology)
    action = window.findChild(QAction, "action_double_entry_settings")
    assert action.isEnabled()
    action.trigger()

    assert reopened == [project.url]
    again = open_project(project.url)
    try:
        assert again.study.protocol.double_entry_forms == ("biology",)
        assert again.definition_version == 2
    finally:
        again.close()


def test_the_setting_is_for_admins_only(users, make_session, qtbot) -> None:  # noqa: ANN001
    window = MainWindow(make_session(users["inv"]))
    qtbot.addWidget(window)
    window.idle.set_timeout(0)
    action = window.findChild(QAction, "action_double_entry_settings")
    assert action is None or not action.isEnabled()
