"""A query or a data-quality finding on a repeating form (antibiotic course #2) opens THAT
course's form with the keyboard focus in the field, not just the list of courses."""

from __future__ import annotations

from gui_helpers import open_main_window, press, show_active
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from ui.patient.repeating import InstanceDialog, RepeatingFormPage
from ui.queries.list_dialog import QueriesDialog
from ui.tasks import tasks_running
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.queries import FieldKey, QueryService

COURSE_2 = ("m0_arm_1", "antibiotics", 2)


def _two_courses(project, nurse) -> str:  # noqa: ANN001
    """Course 1 complete; course 2 without its route (a missing required value)."""
    record_id = create_record(project, nurse, "1")
    service = EntryService(project, nurse)
    service.save_form(FormKey(record_id, "m0_arm_1", "antibiotics", 1),
                      {"abx_drug": "1", "abx_route": "1", "abx_start": "2024-01-05",
                       "abx_stop": "2024-02-05"}, 2)
    service.save_form(FormKey(record_id, *COURSE_2),
                      {"abx_drug": "4", "abx_start": "2024-02-06"}, 0)
    return record_id


def _expect_course_2_at(qtbot, on_modal, field: str,  # noqa: ANN001
                        seen: list[tuple[FormKey, str]]) -> None:
    """When the course window opens: record which form and field have the focus, then leave."""

    def check(dialog) -> None:  # noqa: ANN001
        assert isinstance(dialog, InstanceDialog)
        row = dialog.editor.rows[field]
        qtbot.waitUntil(lambda: row.isAncestorOf(QApplication.focusWidget()))
        seen.append((dialog.editor.key, field))
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)

    on_modal(check)


def test_query_on_course_2_opens_that_course_at_the_field(
        project, users, make_session, qtbot, on_modal) -> None:
    record_id = _two_courses(project, users["nurse"])
    QueryService(project, users["inv"]).open_query(
        FieldKey(record_id, "m0_arm_1", "antibiotics", "abx_start", 2),
        "Start date of course 2: the day after course 1 ended?")
    window = open_main_window(qtbot, make_session(users["nurse"]))
    window.findChild(QAction, "action_queries").trigger()
    dialog = window.findChild(QueriesDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert dialog.model.rowCount() == 1
    dialog.table.setFocus()
    dialog.table.selectRow(0)

    seen: list[tuple[FormKey, str]] = []
    _expect_course_2_at(qtbot, on_modal, "abx_start", seen)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [(FormKey(record_id, *COURSE_2), "abx_start")]
    page = window.patient.page
    assert isinstance(page, RepeatingFormPage)
    assert page.table.currentRow() == 1  # course 2 stays selected in the list afterwards


def test_finding_on_course_2_opens_that_course_at_the_field(
        project, users, make_session, qtbot, on_modal) -> None:
    record_id = _two_courses(project, users["nurse"])
    window = open_main_window(qtbot, make_session(users["inv"]))
    qtbot.mouseClick(window.dashboard.quality_button, Qt.MouseButton.LeftButton)
    panel = window.quality.panel
    qtbot.waitUntil(lambda: not panel.running and tasks_running() == 0)
    show_active(qtbot, panel)
    qtbot.keyClicks(panel.search, "abx_route")
    assert panel.proxy.rowCount() == 1
    assert panel.proxy.index(0, 3).data().startswith("Antibiotic")
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.proxy.index(0, 0))

    seen: list[tuple[FormKey, str]] = []
    _expect_course_2_at(qtbot, on_modal, "abx_route", seen)
    press(qtbot, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [(FormKey(record_id, *COURSE_2), "abx_route")]
    assert not panel.isVisible()
