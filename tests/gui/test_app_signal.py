"""One app-wide signal tells every screen what a write changed (issue 15 item 2).

Seen stale before: the patient tree kept the Verified icon after a query answer un-verified the
form; F5 in an open form did not show another user's save or unlock; the refusal of a stale
save said "reopen it" and offered no way to do so.
"""

from __future__ import annotations

from gui_helpers import focused, press, seed_complete_biology
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from query_steps import (
    BIOLOGY,
    answer_by_right_click,
    biology_window,
    write_correction,
)

from ui.main_window import MainWindow
from vo_crf.entry import EntryService
from vo_crf.entry.records import create_record
from vo_crf.entry.review import lock, unlock, verify
from vo_crf.queries.service import FieldKey, QueryService


def _tree_state(window: MainWindow) -> str:
    """The state the patient tree shows for the biology form (its tooltip)."""
    assert window.patient is not None
    item = window.patient.tree.currentItem()
    assert item.data(0, Qt.ItemDataRole.UserRole + 1) == (BIOLOGY.event, BIOLOGY.form)
    return item.toolTip(0)


def test_query_answer_that_unverifies_updates_the_patient_tree(
        project, users, make_session, qtbot, on_modal, on_popup) -> None:
    seed_complete_biology(project, users)
    verify(project, users["inv"], BIOLOGY)
    QueryService(project, users["mon"]).open_query(
        FieldKey(BIOLOGY.record_id, BIOLOGY.event, BIOLOGY.form, "bio_crp"),
        "CRP 120: check the lab report", "12")
    nurse = biology_window(make_session, qtbot, users["nurse"])
    assert _tree_state(nurse).startswith("Verified")
    crp = nurse.patient.editor.rows["bio_crp"]

    answer_by_right_click(qtbot, on_modal, on_popup, crp.label, lambda dialog: write_correction(
        qtbot, dialog, "Typo: the report says 12", "12", "transcription error"))
    qtbot.waitUntil(lambda: crp.value() == "12")
    assert EntryService(project, users["inv"]).open_form(BIOLOGY).verified_by is None
    qtbot.waitUntil(lambda: _tree_state(nurse).startswith("Complete"))


def test_f5_in_an_open_form_shows_another_users_save(project, users, make_session,
                                                     qtbot) -> None:
    seed_complete_biology(project, users)
    nurse = biology_window(make_session, qtbot, users["nurse"])
    editor = nurse.patient.editor
    assert editor.rows["bio_crp"].value() == "120"
    # another user, in another session, corrects the value
    EntryService(project, users["inv"]).save_form(BIOLOGY, {"bio_crp": "99"}, 2,
                                                  reason="lab report re-read")
    editor.rows["bio_date"].editor.focus_widget().setFocus()
    press(qtbot, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: nurse.patient.editor.rows["bio_crp"].value() == "99")
    assert not nurse.patient.editor.dirty


def test_f5_in_an_open_form_shows_another_users_unlock(project, users, make_session,
                                                       qtbot) -> None:
    seed_complete_biology(project, users)
    lock(project, users["inv"], BIOLOGY.record_id, BIOLOGY, reason="monitoring")
    nurse = biology_window(make_session, qtbot, users["nurse"])
    assert nurse.patient.editor.read_only
    assert _tree_state(nurse).startswith("Locked")
    unlock(project, users["inv"], BIOLOGY.record_id, "a correction is due", BIOLOGY)
    nurse.patient.tree.setFocus()
    press(qtbot, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: not nurse.patient.editor.read_only)
    assert _tree_state(nurse).startswith("Complete")


def test_a_stale_save_is_refused_with_a_reload_button(project, users, make_session, qtbot,
                                                      on_modal) -> None:
    create_record(project, users["nurse"], "1")
    EntryService(project, users["nurse"]).save_form(BIOLOGY, {"bio_date": "2024-01-02"}, 0)
    nurse = biology_window(make_session, qtbot, users["nurse"])
    editor = nurse.patient.editor
    EntryService(project, users["inv"]).save_form(BIOLOGY, {"bio_crp": "99"}, 0)
    crp = editor.rows["bio_crp"]
    crp.editor.focus_widget().setFocus()
    qtbot.keyClicks(focused(), "45")
    seen: list[str] = []

    def reload_from_refusal(box) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        button = next(b for b in box.findChildren(QPushButton) if "Reload" in b.text())
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    on_modal(reload_from_refusal)
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(seen))
    assert "someone else" in seen[0] or "saved by" in seen[0]
    assert "reopen" not in seen[0]
    qtbot.waitUntil(lambda: nurse.patient.editor.rows["bio_crp"].value() == "99")
    assert not nurse.patient.editor.dirty
