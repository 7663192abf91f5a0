"""Queries in the GUI: raise (Ctrl+Shift+Q), answer with a correction (right-click), close from
the queries list; the field mark and the dashboard count follow."""

from __future__ import annotations

from gui_helpers import focused, press, seed_complete_biology
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel
from query_steps import BIOLOGY, answer_by_right_click, biology_window, write_correction

from ui.dashboard.model import QUERIES_COLUMN
from ui.main_window import MainWindow
from ui.queries.list_dialog import QueriesDialog
from vo_crf.entry import EntryService
from vo_crf.queries import list_queries

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _dashboard_count(window: MainWindow) -> str | None:
    window.show_dashboard()
    model = window.dashboard.model
    return model.data(model.index(0, QUERIES_COLUMN))


def test_raise_answer_and_close_a_query_by_mouse_and_keyboard(
        project, users, make_session, qtbot, on_modal, on_popup) -> None:
    seed_complete_biology(project, users)

    # The monitor raises a query on the focused CRP field with Ctrl+Shift+Q.
    monitor = biology_window(make_session, qtbot, users["mon"])
    editor = monitor.patient.editor
    crp = editor.rows["bio_crp"]
    assert not crp.query_mark.isVisibleTo(editor)

    def write_query(dialog) -> None:
        qtbot.keyClicks(dialog.text, "CRP 120 at M0: check the lab report")
        qtbot.keyClick(dialog.text, Qt.Key.Key_Tab)
        qtbot.keyClicks(focused(), "12")  # the suggested value
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    crp.editor.focus_widget().setFocus()
    on_modal(write_query)  # the monitor's only action here: the dialog opens at once
    press(qtbot, Qt.Key.Key_Q, CTRL_SHIFT)
    qtbot.waitUntil(lambda: crp.query_mark.isVisibleTo(editor))
    assert "open" in crp.query_mark.text()
    assert "CRP 120 at M0: check the lab report" in crp.query_mark.toolTip()
    assert _dashboard_count(monitor) == "1"
    assert "1 open query" in monitor.dashboard.count.text()
    monitor.hide()

    # The nurse right-clicks the field and answers, correcting the value with a reason.
    nurse = biology_window(make_session, qtbot, users["nurse"])
    editor = nurse.patient.editor
    crp = editor.rows["bio_crp"]
    assert "open" in crp.query_mark.text()

    def write_answer(dialog) -> None:
        assert "suggested: 12" in dialog.value.placeholderText()
        write_correction(qtbot, dialog, "Typo: the report says 12", "12", "transcription error")

    answer_by_right_click(qtbot, on_modal, on_popup, crp.label, write_answer)
    qtbot.waitUntil(lambda: crp.value() == "12")
    assert "answered" in crp.query_mark.text()
    assert not editor.dirty
    assert EntryService(project, users["inv"]).open_form(BIOLOGY).value("bio_crp") == "12"
    assert _dashboard_count(nurse) == "1"  # answered is not closed yet
    nurse.hide()

    # The monitor (the opener) closes it from the queries list, then opens the field from it.
    monitor.show()
    monitor.activateWindow()
    monitor.findChild(QAction, "action_queries").trigger()
    dialog = monitor.findChild(QueriesDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert dialog.model.rowCount() == 1
    row_rect = dialog.table.visualRect(dialog.model.index(0, 7))
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=row_rect.center())
    assert not dialog.answer_button.isEnabled()  # a monitor does not answer

    def write_closing(step) -> None:
        assert "Typo: the report says 12" in step.findChild(QLabel, "queryIntro").text()
        qtbot.keyClicks(step.text, "Thanks")
        qtbot.mouseClick(step.ok_button, Qt.MouseButton.LeftButton)

    on_modal(write_closing)
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0)  # the list shows queries not closed
    dialog.status.setFocus()
    qtbot.keyClick(dialog.status, Qt.Key.Key_End)  # Any status
    assert [r.status for r in dialog.model.rows] == ["closed"]
    dialog.table.setFocus()
    dialog.table.selectRow(0)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    editor = monitor.patient.editor
    assert editor.key == BIOLOGY
    monitor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.rows["bio_crp"].editor
                    .focus_widget())
    closed_mark = editor.rows["bio_crp"].query_mark
    assert closed_mark.isVisibleTo(editor) and "query closed" in closed_mark.text()
    assert "Typo: the report says 12" in closed_mark.toolTip()  # the trace of the query
    assert _dashboard_count(monitor) is None
    closed = list_queries(project, users["mon"])
    assert [(q.status, q.latest_answer) for q in closed] == [
        ("closed", "Typo: the report says 12")]


def test_nurse_has_no_raise_action(project, users, make_session, qtbot, on_popup) -> None:
    seed_complete_biology(project, users)
    window = biology_window(make_session, qtbot, users["nurse"])
    row = window.patient.editor.rows["bio_crp"]
    seen: list[list[str]] = []

    def read(menu) -> None:
        seen.append([a.text() for a in menu.actions()])
        menu.close()

    row.editor.focus_widget().setFocus()
    on_popup(read)
    press(qtbot, Qt.Key.Key_Q, CTRL_SHIFT)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [["No query action for your role here"]]


def test_queries_model_passes_the_model_tester(project, users, make_session,
                                               qtmodeltester) -> None:
    from ui.queries.list_dialog import QueriesModel
    from vo_crf.queries import FieldKey, QueryService

    seed_complete_biology(project, users)
    QueryService(project, users["inv"]).open_query(
        FieldKey("01-001", "m0_arm_1", "biology", "bio_crp"), "check")
    model = QueriesModel(make_session(users["inv"]))
    model.set_rows(list_queries(project, users["inv"]))
    qtmodeltester.check(model, force_py=True)
    assert model.data(model.index(0, 7)) == "check"
