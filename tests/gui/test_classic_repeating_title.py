"""A classic project's repeating form is titled by the form alone, as its other forms and its
PDFs are: its one implicit event ("Event 1") is named nowhere."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import classic_patient, show_active
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from redcap_studies import REPEATING

from ui.patient.view import PatientView


def test_the_repeating_page_of_a_classic_study_names_no_event(tmp_path: Path,
                                                              isolated_settings,
                                                              qtbot) -> None:  # noqa: ANN001
    study, record_id, session = classic_patient(tmp_path, isolated_settings, REPEATING)
    try:
        view = PatientView(session, record_id)
        qtbot.addWidget(view)
        show_active(qtbot, view)
        tree = view.tree
        item = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                    if tree.topLevelItem(i).text(0).startswith("Adverse event"))
        tree.setFocus()
        tree.setCurrentItem(tree.topLevelItem(0))
        while tree.currentItem() is not item:
            qtbot.keyClick(tree, Qt.Key.Key_Down)
        page = view.findChild(QLabel, "repeatingTitle")
        assert page is not None and page.isVisible()
        assert "Adverse event" in page.text()
        assert "Event 1" not in page.text(), page.text()
        view.stop()
        view.close()
    finally:
        study.close()
