"""The Reports menu's save paths: the study database is refused with a message (the dialog's
"replace?" question cannot make it a target); a file the user agreed to replace is replaced."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from gui_helpers import show_active
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from ui.reports_menu import ReportsMenu
from vo_crf.entry.records import create_record

ENTRIES = ["export_csv", "workbook", "all_pdf", "figures"]


def _menu(qtbot, make_session, user) -> ReportsMenu:  # noqa: ANN001
    window = QMainWindow()
    qtbot.addWidget(window)
    show_active(qtbot, window)
    return ReportsMenu(window, make_session(user), lambda: None)


def _choose(monkeypatch, target: Path) -> None:  # noqa: ANN001
    """The user picks ``target`` in the save dialog (tests/gui/test_file_dialogs.py drives it)."""
    monkeypatch.setattr("ui.reports_menu.ask_save_path", lambda *a, **k: target)


def _answer() -> list[str]:
    """Read and close the message box shown when the export ends (not its progress dialog)."""
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


@pytest.mark.parametrize("entry", ENTRIES)
def test_the_study_database_is_refused_as_a_target(db_path, project, users, make_session,
                                                  qtbot, monkeypatch,
                                                  entry: str) -> None:  # noqa: ANN001
    create_record(project, users["inv"], "1")
    menu = _menu(qtbot, make_session, users["inv"])
    _choose(monkeypatch, db_path)
    shown = _answer()
    getattr(menu, entry)()
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert "study database" in shown[0] and str(db_path) in shown[0]
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("SELECT count(*) FROM records").fetchone()[0] == 1


@pytest.mark.parametrize("entry", ENTRIES)
def test_a_file_the_user_agreed_to_replace_is_replaced(project, users, make_session, qtbot,
                                                       monkeypatch, tmp_path: Path,
                                                       entry: str) -> None:  # noqa: ANN001
    create_record(project, users["inv"], "1")
    menu = _menu(qtbot, make_session, users["inv"])
    # a PDF report's file name ends in .pdf (the core adds it otherwise)
    target = tmp_path / "exports" / ("out.pdf" if entry in ("all_pdf", "figures")
                                      else "out.file")
    target.parent.mkdir()
    target.write_text("older", encoding="utf-8")
    _choose(monkeypatch, target)  # the dialog asked "replace?" and the user said yes
    shown = _answer()
    getattr(menu, entry)()
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert "Failed" not in shown[0]
    assert target.read_bytes() != b"older"
    beside = ["out_about.txt"] if entry == "export_csv" else []  # the CSV's chain head
    assert sorted(p.name for p in target.parent.iterdir()) == sorted([target.name, *beside])
