"""The GUI's exports and "Back up now" verify the audit trail first: an audit row edited with
sqlite3 while the application is open (triggers dropped, then put back) is named, and nothing is
written (issue 12 item 9, every path)."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import open_main_window
from PySide6.QtWidgets import QMessageBox
from report_steps import choose_save_path, export_through_dialog, read_message_box, reports_menu
from tampering import edit_an_old_row, save_a_clinical_date

from ui.tasks import tasks_running
from vo_crf.db.backup import list_backups


@pytest.mark.parametrize("format_name", ["REDCap CSV (to import into REDCap)",
                                         "Excel workbook (.xlsx)"])
def test_a_gui_export_refuses_an_edited_trail_naming_the_row(
        db_path, project, users, make_session, qtbot, monkeypatch, on_named_modal,
        tmp_path: Path, format_name: str) -> None:  # noqa: ANN001
    save_a_clinical_date(project, users["inv"])
    menu = reports_menu(qtbot, make_session(users["inv"]))
    edited = edit_an_old_row(db_path)
    target = tmp_path / "exports" / "out.file"
    target.parent.mkdir()
    choose_save_path(monkeypatch, target)
    shown = read_message_box()
    export_through_dialog(qtbot, on_named_modal, menu, format_name)
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert "export refused" in shown[0] and f"audit row {edited} (" in shown[0]
    assert list(target.parent.iterdir()) == []


def test_back_up_now_refuses_an_edited_trail_naming_the_row(
        db_path, project, users, make_session, qtbot, on_modal) -> None:  # noqa: ANN001
    save_a_clinical_date(project, users["admin"])
    window = open_main_window(qtbot, make_session(users["admin"]))
    qtbot.waitUntil(lambda: tasks_running() == 0)
    before = list_backups(db_path)
    edited = edit_an_old_row(db_path)
    shown: list[str] = []

    def read_and_close(box) -> None:  # noqa: ANN001
        shown.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    on_modal(read_and_close)
    window.backups.back_up_now()
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert "The backup failed" in shown[0] and f"audit row {edited} (" in shown[0]
    assert list_backups(db_path) == before
    on_modal(read_and_close)  # the backup made at close is refused the same way
    window.close()
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=20_000)
    assert f"audit row {edited} (" in shown[1]
