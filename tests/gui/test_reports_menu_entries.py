"""The Reports menu has one entry per output: the Excel workbook and the REDCap CSV are formats
of the one "Export data" dialog, not entries of their own beside it; every entry has its own
Alt key, in English and in French."""

from __future__ import annotations

import re

import pytest
from gui_helpers import open_main_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QMenu


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
