"""The queries list and the form's field marks follow query steps taken elsewhere in the
application, without F5: a query raised in the form appears in the open list; a query closed in
the list loses its mark in the open form."""

from __future__ import annotations

from gui_helpers import press, show_active
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from ui.main_window import MainWindow
from ui.queries.list_dialog import QueriesDialog
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record

BIOLOGY = FormKey("01-001", "m0_arm_1", "biology")
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_open_list_and_form_marks_follow_each_other(project, users, make_session, qtbot,
                                                     on_modal, on_popup) -> None:
    create_record(project, users["nurse"], "1")
    EntryService(project, users["nurse"]).save_form(
        BIOLOGY, {"bio_date": "2024-01-02", "bio_crp": "120"}, 2)
    window = MainWindow(make_session(users["inv"]))
    qtbot.addWidget(window)
    show_active(qtbot, window)
    window.open_patient(BIOLOGY.record_id, BIOLOGY.event, BIOLOGY.form)
    editor = window.patient.editor
    crp = editor.rows["bio_crp"]

    window.findChild(QAction, "action_queries").trigger()
    listing = window.findChild(QueriesDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is listing)
    assert listing.model.rowCount() == 0
    assert listing.count.text() == "0 query(ies)"

    # Raise a query in the form (Ctrl+Shift+Q) while the list stays open.
    def write_query(dialog) -> None:  # noqa: ANN001
        qtbot.keyClicks(dialog.text, "CRP 120: please check the lab report")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    show_active(qtbot, window)
    crp.editor.focus_widget().setFocus()
    on_modal(write_query)  # raising is the only action here: its dialog opens at once
    press(qtbot, Qt.Key.Key_Q, CTRL_SHIFT)
    qtbot.waitUntil(lambda: crp.query_mark.isVisibleTo(editor))

    assert listing.isVisible()
    assert listing.model.rowCount() == 1
    assert listing.count.text() == "1 query(ies)"
    assert listing.model.rows[0].text == "CRP 120: please check the lab report"

    # Close it from the list: the mark in the form behind disappears.
    show_active(qtbot, listing)
    cell = listing.table.visualRect(listing.model.index(0, 7)).center()
    qtbot.mouseClick(listing.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)

    def confirm_closing(step) -> None:  # noqa: ANN001
        qtbot.keyClicks(step.text, "Checked: 120 is right")
        qtbot.mouseClick(step.ok_button, Qt.MouseButton.LeftButton)

    on_modal(confirm_closing)
    qtbot.mouseClick(listing.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: listing.model.rowCount() == 0)
    assert "query closed" in crp.query_mark.text()  # the open mark became the closed trace
    assert window.patient.editor is editor  # the form was not reopened
    listing.close()
