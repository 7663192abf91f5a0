"""The data-quality panel: run from the dashboard, filter, open a finding's form, raise queries."""

from __future__ import annotations

from gui_helpers import (
    focused,
    open_main_window,
    patient_whose_crp_rose,
    press,
    show_active,
    type_keys,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from ui.main_window import MainWindow
from ui.quality.model import QualityFilter, QualityModel
from ui.tasks import tasks_running
from vo_crf.db.engine import read_session
from vo_crf.db.models import Query
from vo_crf.entry import FormKey
from vo_crf.quality import run_quality_checks


def _run_from_dashboard(window: MainWindow, qtbot):  # noqa: ANN001, ANN202
    qtbot.mouseClick(window.dashboard.quality_button, Qt.MouseButton.LeftButton)
    panel = window.quality.panel
    assert panel is not None and panel.isVisible()
    qtbot.waitUntil(lambda: not panel.running and tasks_running() == 0)
    return panel


def test_finding_opens_its_form_at_the_field(project, users, make_session, qtbot) -> None:
    record_id = patient_whose_crp_rose(project, users["nurse"])
    window = open_main_window(qtbot, make_session(users["inv"]))

    panel = _run_from_dashboard(window, qtbot)

    total = len(run_quality_checks(project, users["inv"]))
    assert panel.model.rowCount() == total > 1
    assert window.dashboard.quality_button.text() == f"&Data quality ({total})"
    qtbot.keyClicks(panel.search, "CRP rose")
    assert panel.proxy.rowCount() == 1
    index = panel.proxy.index(0, 0)
    assert [panel.proxy.index(0, c).data() for c in range(7)] == [
        "Study rule", record_id, "M3", "Biology", "bio_crp", "60", "CRP rose at M3"]
    cell = panel.table.visualRect(index).center()
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)

    assert not panel.isVisible()
    page = window.patient.page
    assert page.key == FormKey(record_id, "m3_arm_1", "biology", 1)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert page.rows["bio_crp"].isAncestorOf(focused())


def test_selected_findings_become_queries_in_one_action(project, users, make_session,
                                                        qtbot) -> None:
    patient_whose_crp_rose(project, users["nurse"])
    window = open_main_window(qtbot, make_session(users["mon"]))
    panel = _run_from_dashboard(window, qtbot)
    assert panel.raise_button.isVisible()
    assert panel.raise_button.text() == "Raise &queries (1)"  # the first finding is current
    panel.check.setFocus()
    panel.check.setCurrentIndex(panel.check.findData("Study rule"))
    assert panel.proxy.rowCount() == 1
    panel.check.setCurrentIndex(0)
    shown = panel.proxy.rowCount()

    panel.table.setFocus()
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert panel.raise_button.text() == f"Raise &queries ({shown})"
    qtbot.mouseClick(panel.raise_button, Qt.MouseButton.LeftButton)

    assert panel.status.text() == f"{shown} query(ies) opened"
    with read_session(project.engine) as session:
        queries = list(session.scalars(select(Query)))
    assert len(queries) == shown
    assert {q.source for q in queries} == {"quality"}
    assert any(q.field == "bio_crp" and q.event == "m3_arm_1"
               and q.text == "Study rule: CRP rose at M3" for q in queries)
    qtbot.mouseClick(panel.raise_button, Qt.MouseButton.LeftButton)
    assert panel.status.text() == f"0 query(ies) opened · {shown} already open"


def test_nurse_opens_a_finding_by_keyboard_but_cannot_raise_queries(
        project, users, make_session, qtbot) -> None:
    record_id = patient_whose_crp_rose(project, users["nurse"])
    window = open_main_window(qtbot, make_session(users["nurse"]))
    window.dashboard.table.setFocus()
    press(qtbot, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier
          | Qt.KeyboardModifier.ShiftModifier)
    panel = window.quality.panel
    assert panel is not None
    qtbot.waitUntil(lambda: not panel.running and tasks_running() == 0)
    assert not panel.raise_button.isVisible()

    show_active(qtbot, panel)
    panel.search.setFocus()
    type_keys(qtbot, "rose at M3")
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.proxy.index(0, 0))
    press(qtbot, Qt.Key.Key_Return)

    assert window.patient.page.key == FormKey(record_id, "m3_arm_1", "biology", 1)
    window.quality.show_panel()  # shown again with the same findings, not re-run
    assert not panel.running and panel.proxy.rowCount() == 1
    panel.close()


def test_findings_model_passes_the_model_tester(project, users, qtmodeltester) -> None:
    patient_whose_crp_rose(project, users["nurse"])
    model = QualityModel(project.study)
    model.set_issues(run_quality_checks(project, users["inv"]))
    proxy = QualityFilter(model)
    proxy.set_check("Study rule")
    qtmodeltester.check(proxy, force_py=True)
    assert proxy.rowCount() == 1
