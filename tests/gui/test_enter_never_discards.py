"""Enter never throws typed data away; discarding asks first; a reason box confirms on Enter
(issue 11, item 14)."""

from __future__ import annotations

import pytest
from gui_helpers import focused, press, show_active, type_keys
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ui.forms.editor import FormEditor
from ui.patient.repeating import RepeatingFormPage
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record

pytestmark = pytest.mark.gui
TAB = Qt.Key.Key_Tab


@pytest.fixture
def courses(project, nurse, make_session, qtbot) -> RepeatingFormPage:  # noqa: ANN001
    record_id = create_record(project, nurse, "1")
    page = RepeatingFormPage(make_session(nurse), record_id, "m0_arm_1", "antibiotics")
    qtbot.addWidget(page)
    show_active(qtbot, page)
    return page


def course_dialog_values(dialog: QWidget) -> dict[str, str]:
    editor: FormEditor = dialog.editor
    return {name: value for name, value in editor.current_values().items() if value}


def test_enter_in_the_course_dialog_keeps_the_course_and_discarding_asks(
        courses: RepeatingFormPage, project, nurse, qtbot, on_modal) -> None:  # noqa: ANN001
    page = courses
    seen: dict[str, object] = {}

    def keep_answer(box: QMessageBox) -> None:
        seen["question"] = box.text()
        seen["default"] = box.defaultButton() and box.standardButton(box.defaultButton())
        qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter on the question: keeps the course

    def discard_for_real(box: QMessageBox) -> None:
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Discard),
                         Qt.MouseButton.LeftButton)

    def enter(dialog) -> None:  # noqa: ANN001
        assert focused().objectName() == "field_abx_drug"
        type_keys(qtbot, "V")
        press(qtbot, TAB)
        type_keys(qtbot, "1")
        press(qtbot, TAB)
        type_keys(qtbot, "2024-03-01")
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # in a line: nothing is lost
            press(qtbot, key)
            assert dialog.isVisible()
            assert course_dialog_values(dialog) == {
                "abx_drug": "5", "abx_route": "1", "abx_start": "2024-03-01"}
        press(qtbot, TAB)
        type_keys(qtbot, "2024-03-15")
        # Tab to "Discard changes" and press it from the keyboard: a question, Enter keeps.
        while focused() is not dialog.editor.discard_button:
            press(qtbot, TAB)
        press(qtbot, Qt.Key.Key_Return)  # Enter on the focused Discard button: nothing
        assert course_dialog_values(dialog)["abx_stop"] == "2024-03-15"
        on_modal(keep_answer)
        press(qtbot, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: "question" in seen)
        assert QApplication.activeModalWidget() is dialog
        assert course_dialog_values(dialog)["abx_stop"] == "2024-03-15"
        dialog.activateWindow()  # what the window manager does when the question closes
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.editor.discard_button)
        on_modal(discard_for_real)
        press(qtbot, Qt.Key.Key_Space)
        assert course_dialog_values(dialog) == {}
        dialog.activateWindow()
        dialog.editor.first_focus().setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.editor.first_focus())
        press(qtbot, TAB)
        type_keys(qtbot, "2")
        press(qtbot, TAB)
        type_keys(qtbot, "2024-03-02")
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    on_modal(enter)
    press(qtbot, Qt.Key.Key_Insert)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None and page.table.rowCount())
    assert "discard" in str(seen["question"]).lower()
    assert seen["default"] != QMessageBox.StandardButton.Discard
    (course,) = EntryService(project, nurse).instances(page.record_id, "m0_arm_1",
                                                       "antibiotics")
    assert course.values == {"abx_route": "2", "abx_start": "2024-03-02"}


def test_enter_confirms_the_reason_box(courses: RepeatingFormPage, project, nurse,  # noqa: ANN001
                                       qtbot, on_modal) -> None:
    page = courses
    key = FormKey(page.record_id, "m0_arm_1", "antibiotics", 1)
    EntryService(project, nurse).save_form(key, {"abx_drug": "5", "abx_route": "1"}, 0)
    page.reload()
    page.table.setFocus()

    def give_reason(dialog) -> None:  # noqa: ANN001
        assert focused().objectName() == "reason"
        press(qtbot, Qt.Key.Key_Return)  # blank: Enter does nothing yet
        assert dialog.isVisible()
        type_keys(qtbot, "entered twice")
        press(qtbot, Qt.Key.Key_Return)

    on_modal(give_reason)
    press(qtbot, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert EntryService(project, nurse).instances(page.record_id, "m0_arm_1", "antibiotics") == []
    history = EntryService(project, nurse).field_history(key, "abx_drug")
    assert history[-1].reason == "entered twice"
