"""The Reports menu's save paths: the study database is refused with a message (the dialog's
"replace?" question cannot make it a target); a file the user agreed to replace is replaced."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from report_steps import choose_save_path, export_through_dialog, read_message_box, reports_menu

from ui.reports_menu import ReportsMenu
from vo_crf.entry.records import create_record

EXPORTS = {"export_csv": "REDCap CSV (to import into REDCap)",
           "workbook": "Excel workbook (.xlsx)"}
"""Outputs of the Export data dialog, by the format chosen in it."""
ENTRIES = [*EXPORTS, "all_pdf", "figures"]


def _write(qtbot, on_named_modal, menu: ReportsMenu, entry: str) -> None:  # noqa: ANN001
    """Start the output ``entry``: an export through the Export data dialog, else its entry."""
    if entry in EXPORTS:
        export_through_dialog(qtbot, on_named_modal, menu, EXPORTS[entry])
    else:
        getattr(menu, entry)()


@pytest.mark.parametrize("entry", ENTRIES)
def test_the_study_database_is_refused_as_a_target(db_path, project, users, make_session,
                                                  qtbot, monkeypatch, on_named_modal,
                                                  entry: str) -> None:  # noqa: ANN001
    create_record(project, users["inv"], "1")
    menu = reports_menu(qtbot, make_session(users["inv"]))
    choose_save_path(monkeypatch, db_path)
    shown = read_message_box()
    _write(qtbot, on_named_modal, menu, entry)
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert "study database" in shown[0] and str(db_path) in shown[0]
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("SELECT count(*) FROM records").fetchone()[0] == 1


@pytest.mark.parametrize("entry", ENTRIES)
def test_a_file_the_user_agreed_to_replace_is_replaced(project, users, make_session, qtbot,
                                                       monkeypatch, on_named_modal,
                                                       tmp_path: Path, entry: str) -> None:  # noqa: ANN001
    create_record(project, users["inv"], "1")
    menu = reports_menu(qtbot, make_session(users["inv"]))
    # a PDF report's file name ends in .pdf (the core adds it otherwise)
    target = tmp_path / "exports" / ("out.pdf" if entry in ("all_pdf", "figures")
                                      else "out.file")
    target.parent.mkdir()
    target.write_text("older", encoding="utf-8")
    choose_save_path(monkeypatch, target)  # the dialog asked "replace?" and the user said yes
    shown = read_message_box()
    _write(qtbot, on_named_modal, menu, entry)
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert "Failed" not in shown[0]
    assert target.read_bytes() != b"older"
    beside = ["out_about.txt"] if entry == "export_csv" else []  # the CSV's chain head
    assert sorted(p.name for p in target.parent.iterdir()) == sorted([target.name, *beside])
