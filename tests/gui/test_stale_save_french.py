"""Another program saved the open form: the French nurse is told so in French, by form label."""

from __future__ import annotations

from gui_helpers import focused, press
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from query_steps import BIOLOGY, biology_window

from vo_crf.entry import EntryService
from vo_crf.entry.records import create_record
from vo_crf.project import open_project


def test_stale_save_is_explained_in_french(project, users, make_session, french, qtbot,
                                           on_modal) -> None:
    create_record(project, users["nurse"], "1")
    EntryService(project, users["nurse"]).save_form(BIOLOGY, {"bio_date": "2024-01-02"}, 0)
    nurse = biology_window(make_session, qtbot, users["nurse"])
    other_process = open_project(project.url)  # a second program on the same database file
    try:
        EntryService(other_process, users["inv"]).save_form(BIOLOGY, {"bio_crp": "99"}, 0)
    finally:
        other_process.close()
    nurse.patient.editor.rows["bio_crp"].editor.focus_widget().setFocus()
    qtbot.keyClicks(focused(), "45")
    seen: list[str] = []

    def keep_my_values(box) -> None:  # noqa: ANN001
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        seen.append(box.informativeText())
        keep = next(b for b in box.findChildren(QPushButton) if b.text() == "Garder mes valeurs")
        qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)

    on_modal(keep_my_values)
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(seen))
    text = seen[0]
    assert "Biology" in text and "M0" in text and "inv" in text  # the form as the nurse sees it
    assert "enregistré" in text and "saved" not in text and "m0_arm_1" not in text
    assert nurse.patient.editor.rows["bio_crp"].value() == "45"  # kept, still to be saved
    assert nurse.patient.editor.dirty
    nurse.patient.editor.drop_changes()  # closing the window would ask about them
