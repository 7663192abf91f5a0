"""Reports → Patient timeline (PDF) is enabled only while a patient is shown (it used to be
enabled on the dashboard, only to answer "Open a patient first")."""

from __future__ import annotations

from gui_helpers import open_main_window, seed_complete_biology
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from report_steps import menu_entry


def _timeline(window) -> QAction:  # noqa: ANN001
    return menu_entry(window.reports.menu, "Patient timeline (PDF)…")


def test_the_patient_timeline_needs_an_open_patient(project, users, make_session,
                                                    qtbot) -> None:  # noqa: ANN001
    seed_complete_biology(project, users)
    window = open_main_window(qtbot, make_session(users["inv"]))
    assert not _timeline(window).isEnabled()
    assert menu_entry(window.reports.menu, "All patients").isEnabled()
    table = window.dashboard.table
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_record() == "01-001")
    assert _timeline(window).isEnabled()
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.dashboard)
    assert not _timeline(window).isEnabled()

