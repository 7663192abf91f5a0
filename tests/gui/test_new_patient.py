""""New patient" + OK writes nothing: the patient is created by its first saved form, and
leaving it before any save leaves nothing behind (issue 11, item 15)."""

from __future__ import annotations

import pytest
from gui_helpers import focused, open_main_window, press, type_keys
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog

from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import list_record_ids

pytestmark = pytest.mark.gui


def new_patient(qtbot, window, on_modal) -> None:  # noqa: ANN001
    """Dashboard's New patient button, then Enter on the site question (Site 01)."""
    def ok(box) -> None:  # noqa: ANN001
        assert isinstance(box, QInputDialog)
        qtbot.keyClick(box, Qt.Key.Key_Return)

    on_modal(ok)
    qtbot.mouseClick(window.dashboard.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.patient is not None
                    and window.stack.currentWidget() is window.patient)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and QApplication.focusWidget().objectName() == "field_site")


def test_new_patient_is_created_by_its_first_save_only(project, nurse, make_session, qtbot,
                                                       on_modal) -> None:  # noqa: ANN001
    window = open_main_window(qtbot, make_session(nurse))
    new_patient(qtbot, window, on_modal)
    assert list_record_ids(project) == []  # OK alone saves nothing
    assert "01-001" in window.patient.heading.text()
    assert window.patient.editor.rows["site"].value() == "1"
    press(qtbot, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)  # back: nothing typed
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.dashboard)
    assert list_record_ids(project) == []
    assert window.dashboard.model.total == 0

    new_patient(qtbot, window, on_modal)
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, "AB")
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert list_record_ids(project) == ["01-001"]
    values = EntryService(project, nurse).open_form(FormKey("01-001", "m0_arm_1",
                                                            "enrolment")).values
    assert values["site"] == "1" and values["initials"] == "AB"
    assert window.current_record() == "01-001"
    assert focused() is not None
    # the patient now exists: the next form saves as usual, and the dashboard lists it
    press(qtbot, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.patient.editor is not None
                    and window.patient.editor.key.form == "microbiology")
    window.patient.editor.first_focus().setFocus()
    type_keys(qtbot, "S")
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert EntryService(project, nurse).open_form(FormKey(
        "01-001", "m0_arm_1", "microbiology")).values == {"micro_organism": "1"}
    press(qtbot, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.dashboard)
    assert window.dashboard.model.total == 1


def test_a_course_is_the_first_save_of_a_new_patient(project, nurse, make_session, qtbot,
                                                     on_modal) -> None:  # noqa: ANN001
    window = open_main_window(qtbot, make_session(nurse))
    new_patient(qtbot, window, on_modal)
    view = window.patient
    assert list_record_ids(project) == []
    view.open_form("m0_arm_1", "antibiotics")
    assert view.page.table.rowCount() == 0
    view.page.table.setFocus()

    def enter(dialog) -> None:  # noqa: ANN001
        type_keys(qtbot, "V")
        press(qtbot, Qt.Key.Key_Tab)
        type_keys(qtbot, "1")
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    on_modal(enter)
    press(qtbot, Qt.Key.Key_Insert)
    qtbot.waitUntil(lambda: view.page.table.rowCount() == 1)
    assert list_record_ids(project) == ["01-001"]
    (course,) = EntryService(project, nurse).instances("01-001", "m0_arm_1", "antibiotics")
    assert course.values == {"abx_drug": "5", "abx_route": "1"}
    assert view.record_id == "01-001"
