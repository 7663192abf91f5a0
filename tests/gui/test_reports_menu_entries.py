"""The Reports menu has one entry per output: the Excel workbook and the REDCap CSV are formats
of the one "Export data" dialog, not entries of their own beside it; every entry has its own
Alt key, in English and in French."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from gui_helpers import open_main_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QMenu
from report_steps import export_through_dialog, read_message_box, reports_menu

from vo_crf.entry.records import create_record


def _open_reports_menu(qtbot, window) -> QMenu:  # noqa: ANN001
    """Open the Reports menu with its Alt key, as a user would."""
    reports = window.reports.menu
    key = re.search(r"&(\w)", reports.title()).group(1)
    qtbot.keyClick(window, key, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is reports)
    return reports


def _mnemonic(text: str) -> str:
    found = re.search(r"&(\w)", text)
    assert found, f"no Alt key in {text!r}"
    return found.group(1).lower()


@pytest.mark.parametrize(("language", "excel", "redcap"), [
    ("en", "Excel", "REDCap CSV"), ("fr", "Excel", "CSV REDCap")])
def test_each_output_has_one_entry_and_its_own_alt_key(language: str, excel: str, redcap: str,
                                                       project, users, make_session, qtbot,
                                                       on_modal, request) -> None:  # noqa: ANN001
    if language == "fr":
        request.getfixturevalue("french")
    window = open_main_window(qtbot, make_session(users["admin"]))
    menu = _open_reports_menu(qtbot, window)
    entries = [a for a in menu.actions() if not a.isSeparator() and a.isVisible()]
    texts = [a.text() for a in entries]
    assert sum(excel in text for text in texts) == 1, texts
    assert sum(redcap in text for text in texts) == 2, texts  # export data, import
    keys = [_mnemonic(text) for text in texts]
    assert len(set(keys)) == len(keys), dict(zip(texts, keys, strict=True))
    export = next(a for a in entries if a.objectName() == "exportDataAction")
    assert excel in export.text() and redcap in export.text()
    formats: list[str] = []

    def read_formats_and_cancel(dialog: QDialog) -> None:
        box = dialog.findChild(QComboBox)
        formats.extend(box.itemText(i) for i in range(box.count()))
        dialog.reject()

    on_modal(read_formats_and_cancel)
    qtbot.keyClick(menu, _mnemonic(export.text()))  # the entry's Alt key in the open menu
    qtbot.waitUntil(lambda: bool(formats))
    assert any(excel in f for f in formats) and any(redcap in f for f in formats), formats
    window.close()


def test_the_statistician_s_excel_workbook_is_de_identified(project, users, make_session,
                                                            qtbot, monkeypatch, on_named_modal,
                                                            tmp_path) -> None:  # noqa: ANN001
    create_record(project, users["inv"], "1")
    menu = reports_menu(qtbot, make_session(users["stat"]))
    asked: list[str] = []
    target = tmp_path / "stats.xlsx"

    def save_path(_parent, _title, start, _filters):  # noqa: ANN001, ANN202
        asked.append(Path(start).name)
        return target

    monkeypatch.setattr("ui.reports_menu.ask_save_path", save_path)
    locked: list[bool] = []
    shown = read_message_box()
    export_through_dialog(qtbot, on_named_modal, menu, "Excel workbook (.xlsx)",
                          deidentified=True, look=lambda dialog: locked.append(
                              dialog.deidentified_box.isChecked()
                              and not dialog.deidentified_box.isEnabled()))
    qtbot.waitUntil(lambda: bool(shown), timeout=30_000)
    assert locked == [True]
    assert "Workbook written (1 patients)." in shown[0]
    assert asked == ["Bacterial_vertebral_osteomyelitis_cohort_VO_deidentified.xlsx"]
    assert target.exists()
