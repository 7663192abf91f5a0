"""From the French GUI, Reports → Chronologie du patient (PDF)… writes a French timeline and
Reports → Exporter des données… (Excel) a workbook whose About sheet is French (sheet names
unchanged)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from gui_helpers import open_main_window, seed_complete_biology
from printed_pdfs import pdf_text
from PySide6.QtCore import Qt
from report_steps import (
    choose_save_path,
    export_through_dialog,
    menu_entry,
    read_message_box,
)

from ui.tasks import tasks_running


def test_the_french_gui_writes_a_french_timeline_and_workbook(
        french, project, users, make_session, qtbot, monkeypatch, on_named_modal,  # noqa: ANN001
        tmp_path: Path) -> None:
    seed_complete_biology(project, users)  # 01-001: CRP 120 on 2024-01-02
    window = open_main_window(qtbot, make_session(users["inv"]))
    table = window.dashboard.table
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_record() == "01-001")

    target = tmp_path / "chronologie.pdf"
    choose_save_path(monkeypatch, target)
    shown = read_message_box()
    window.reports.menu.aboutToShow.emit()  # as when the user opens the menu
    menu_entry(window.reports.menu, "Chronologie du patient (PDF)…").trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert shown == ["La chronologie de 01-001 a été écrite."]
    text = pdf_text(target)
    for expected in ("Patient 01-001", "chronologie du patient", "Biologie par visite",
                     "Diagnostic", "02/01/2024", "Jours depuis", "Statut du dossier",
                     "page 1 sur", "Généré le"):
        assert expected in text, expected
    for english in ("Biology by visit", "Imaging findings", "page 1 of", "Generated",
                    "2024-01-02"):
        assert english not in text, english

    book = tmp_path / "classeur.xlsx"
    choose_save_path(monkeypatch, book)
    shown = read_message_box()
    export_through_dialog(qtbot, on_named_modal, window.reports, "Classeur Excel (.xlsx)")
    qtbot.waitUntil(lambda: bool(shown), timeout=30_000)
    qtbot.waitUntil(lambda: tasks_running() == 0)
    workbook = openpyxl.load_workbook(book, read_only=True)
    assert workbook.sheetnames[:3] == ["About", "Codebook", "Data"]
    about = list(workbook["About"].iter_rows(max_row=2, values_only=True))
    assert about[0][:2] == ("Élément", "Valeur") and about[1][0] == "Étude"
    workbook.close()
