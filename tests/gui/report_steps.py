"""Steps of the Reports menu tests: the menu in a shown window, the file the user picks, and
the message box an export ends with."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import show_active
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from ui.reports_menu import ReportsMenu
from ui.session import AppSession


def reports_menu(qtbot, session: AppSession) -> ReportsMenu:  # noqa: ANN001
    """The Reports menu of ``session`` in a shown, active main window."""
    window = QMainWindow()
    qtbot.addWidget(window)
    show_active(qtbot, window)
    return ReportsMenu(window, session, lambda: None)


def choose_save_path(monkeypatch, target: Path) -> None:  # noqa: ANN001
    """The user picks ``target`` in the save dialog (tests/gui/test_file_dialogs.py drives it)."""
    monkeypatch.setattr("ui.reports_menu.ask_save_path", lambda *a, **k: target)


def read_message_box() -> list[str]:
    """Read and close the next message box shown (not a progress dialog): the list returned
    gets its text."""
    shown: list[str] = []
    tries = [3000]

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            shown.append(box.text())
            box.close()
        elif tries[0] > 0:
            tries[0] -= 1
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)
    return shown
