"""Steps of the Reports menu tests: the menu in a shown window, an entry by its text, an export
through the "Export data" dialog, the file the user picks, and the message box an export ends
with."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from gui_helpers import choose, show_active
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QMainWindow,
    QMenu,
    QMessageBox,
    QWidget,
)

from ui.reports_menu import ReportsMenu
from ui.session import AppSession


def reports_menu(qtbot, session: AppSession) -> ReportsMenu:  # noqa: ANN001
    """The Reports menu of ``session`` in a shown, active main window."""
    window = QMainWindow()
    qtbot.addWidget(window)
    show_active(qtbot, window)
    return ReportsMenu(window, session, lambda: None)


def menu_entry(menu: QMenu, text: str) -> QAction:
    """The entry of ``menu`` whose text, its Alt key's ``&`` left out, starts with ``text``."""
    return next(a for a in menu.actions() if a.text().replace("&", "").startswith(text))


def export_action(menu: ReportsMenu) -> QAction:
    """Reports → Export data…: the one entry of every export format."""
    return next(a for a in menu.menu.actions() if a.objectName() == "exportDataAction")


def export_through_dialog(qtbot, on_named_modal, menu: ReportsMenu, format_name: str,  # noqa: ANN001
                          deidentified: bool = False,
                          look: Callable[[QWidget], None] | None = None) -> None:
    """Reports → Export data…: ``look(dialog)`` reads the dialog as it opens; choose
    ``format_name`` (and tick "De-identified") by keyboard and mouse, then press Export (the
    save dialog and the work follow)."""

    def fill(dialog: QWidget) -> None:
        if look is not None:
            look(dialog)
        choose(qtbot, dialog.format_box, format_name)  # by its widget: any language
        box = dialog.deidentified_box
        if box.isChecked() != deidentified:
            qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    on_named_modal("exportDialog", fill)
    export_action(menu).trigger()


def import_refusal_shown(qtbot, on_named_modal, monkeypatch, menu: ReportsMenu,  # noqa: ANN001
                         path: Path, entry: str) -> str:
    """Reports → ``entry`` (the import, by its text) on the file ``path``: return why the
    preview says it is refused (Import stays disabled), then Cancel."""
    monkeypatch.setattr("ui.reports_menu.ask_open_path", lambda *a, **k: path)
    said: list[str] = []

    def read_and_cancel(dialog) -> None:  # noqa: ANN001
        said.append(dialog.heading.text())
        assert not dialog.import_button.isEnabled()
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel),
                         Qt.MouseButton.LeftButton)

    on_named_modal("importPreview", read_and_cancel)
    menu_entry(menu.menu, entry).trigger()
    qtbot.waitUntil(lambda: bool(said), timeout=60_000)
    return said[0]


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
