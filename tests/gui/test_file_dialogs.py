"""Every file dialog of the application lists a folder without opening the files in it.

Opening and closing the study database (or its ``-wal``/``-shm``) from the GUI process drops
SQLite's POSIX locks (issue 11 item 3). Qt's dialogs did it to sniff file types; a dialog
started on the database file looked it up in its constructor. inotify sees every open.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from file_opens import FileOpenWatcher
from gui_helpers import open_main_window, show_active, type_keys
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QFileSystemModel,
    QLineEdit,
    QPushButton,
)
from report_steps import menu_entry

from ui.app import _ask_other_database
from ui.dialogs.first_start import OPEN, FirstStartDialog
from ui.dialogs.settings_dialog import SettingsDialog

pytestmark = pytest.mark.skipif(not FileOpenWatcher.available(), reason="inotify is Linux's")


@pytest.fixture
def database_folder(tmp_path: Path) -> Path:
    """A folder holding what a study database's folder holds (none of these may be opened)."""
    folder = tmp_path / "site-data"
    folder.mkdir()
    connection = sqlite3.connect(folder / "other.sqlite")
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    (folder / "other.sqlite-wal").write_bytes(b"\x37\x7f\x06\x82" + bytes(4092))
    (folder / "other.sqlite-shm").write_bytes(bytes(32768))
    (folder / "notes").write_text("no extension: its type is a guess", encoding="utf-8")
    (folder / "visits").mkdir()
    return folder


def list_then_cancel(qtbot, dialog: QFileDialog, folder: Path) -> None:  # noqa: ANN001
    """As a user: type the folder's path (the dialog lists it), wait for the list, cancel."""
    assert isinstance(dialog, QFileDialog), type(dialog).__name__
    model = dialog.findChild(QFileSystemModel)
    file_name = dialog.findChild(QLineEdit, "fileNameEdit")
    file_name.setFocus()
    file_name.selectAll()
    type_keys(qtbot, str(folder) + os.sep)
    qtbot.waitUntil(lambda: model.rowCount(model.index(str(folder))) > 0, timeout=10_000)
    qtbot.wait(300)  # the details (types, icons) of every entry have arrived by now
    dialog.reject()


def reports_entry(text: str) -> Callable[..., None]:
    def run(qtbot, make_session, users, tmp_path, folder) -> None:  # noqa: ANN001
        window = open_main_window(qtbot, make_session(users["admin"]))
        menu_entry(window.reports.menu, text).trigger()
        window.close()
    return run


def settings_browse(qtbot, make_session, users, tmp_path, folder) -> None:  # noqa: ANN001
    from ui.settings import Settings

    settings = Settings()
    settings.database_url = str(folder / "other.sqlite")
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    browse = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Browse…")
    qtbot.mouseClick(browse, Qt.MouseButton.LeftButton)
    dialog.reject()


def open_another_database(qtbot, make_session, users, tmp_path, folder) -> None:  # noqa: ANN001
    assert _ask_other_database(f"sqlite:///{folder / 'other.sqlite'}").endswith("other.sqlite")


def first_start_open(qtbot, make_session, users, tmp_path, folder) -> None:  # noqa: ANN001
    dialog = FirstStartDialog(str(tmp_path / "new.sqlite"), demo_available=False)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    dialog.options[OPEN].click()
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    dialog.reject()


def amendment_folder(qtbot, make_session, users, tmp_path, folder) -> None:  # noqa: ANN001
    window = open_main_window(qtbot, make_session(users["admin"]))
    action = next(a for a in window.menuBar().findChildren(type(window.reports.menu.menuAction()))
                  if a.objectName() == "action_amendment")
    action.trigger()
    window.close()


@pytest.mark.parametrize("open_dialog", [
    reports_entry("All patients' timelines"), reports_entry("Import REDCap CSV"),
    settings_browse, open_another_database, first_start_open, amendment_folder,
], ids=["timelines-pdf", "import-csv", "settings-browse", "open-another-database",
        "first-start-open", "amendment-folder"])
def test_a_file_dialog_opens_none_of_the_files_it_lists(
        open_dialog, database_folder, make_session, users, tmp_path, monkeypatch, qtbot,
        on_modal) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(home)
    with FileOpenWatcher(database_folder) as watcher:
        on_modal(lambda dialog: list_then_cancel(qtbot, dialog, database_folder))
        open_dialog(qtbot, make_session, users, tmp_path, database_folder)
        opened = watcher.collect()
    assert opened == [], f"the dialog opened {sorted(set(opened))}"


def test_every_file_dialog_goes_through_the_one_helper() -> None:
    ui = Path(__file__).resolve().parents[2] / "ui"
    helper = ui / "file_dialogs.py"
    direct = [f"{path.relative_to(ui.parent)}:{number}"
              for path in sorted(ui.rglob("*.py")) if path != helper
              for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
              if "QFileDialog" in line or "QFileSystemModel" in line]
    assert direct == [], "use ui.file_dialogs (it never opens the files it lists): " + \
        ", ".join(direct)
