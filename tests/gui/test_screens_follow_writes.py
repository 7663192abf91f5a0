"""Every screen follows the one app-wide signal (issue 15 item 2): what a save changed reaches
the screens that show it, without F5 and without reopening them."""

from __future__ import annotations

import shutil

from gui_helpers import focused, open_main_window, press, seed_complete_biology, show_active
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication
from query_steps import write_correction
from test_sync import _site

from ui.main_window import MainWindow
from ui.patient.timeline import TimelinePage
from ui.patient.view import TIMELINE
from ui.queries.list_dialog import QueriesDialog
from ui.session import AppSession
from ui.tasks import tasks_running
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.entry.review import verify
from vo_crf.quality import run_quality_checks
from vo_crf.queries import FieldKey, QueryService
from vo_crf.sync.run import synchronise

M0_BIOLOGY = FormKey("01-001", "m0_arm_1", "biology")
M3_BIOLOGY = FormKey("01-001", "m3_arm_1", "biology")


def _patient_at_m0(project, nurse) -> None:  # noqa: ANN001
    create_record(project, nurse, "1")
    EntryService(project, nurse).save_form(M0_BIOLOGY, {"bio_date": "2024-01-10",
                                                        "bio_crp": "20"}, 1)


def _type_m3_crp(qtbot, window, crp: str) -> None:  # noqa: ANN001
    """In the open M3 biology form: the date, the CRP, Ctrl+S."""
    editor = window.patient.editor
    editor.rows["bio_date"].editor.focus_widget().setFocus()
    qtbot.keyClicks(focused(), "2024-04-10")
    editor.rows["bio_crp"].editor.focus_widget().setFocus()
    qtbot.keyClicks(focused(), crp)
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.patient.editor.dirty)


def test_the_dashboard_quality_count_follows_a_saved_form(
        project, users, make_session, isolated_settings, qtbot) -> None:  # noqa: ANN001
    isolated_settings.check_quality_on_dashboard = True
    _patient_at_m0(project, users["nurse"])
    before = len(run_quality_checks(project, users["nurse"]))
    window = open_main_window(qtbot, make_session(users["nurse"]), wait_for_tasks=False)
    button = window.dashboard.quality_button
    qtbot.waitUntil(lambda: button.text() == f"&Data quality ({before})")

    window.open_patient(M3_BIOLOGY.record_id, M3_BIOLOGY.event, M3_BIOLOGY.form)
    _type_m3_crp(qtbot, window, "60")  # CRP rose from 20 to 60: the VO rule flags it
    after = len(run_quality_checks(project, users["nurse"]))
    assert after == before + 1
    qtbot.waitUntil(lambda: button.text() == f"&Data quality ({after})", timeout=10_000)


def test_the_quality_panel_shown_again_lists_the_findings_of_now(
        project, users, make_session, qtbot) -> None:  # noqa: ANN001
    _patient_at_m0(project, users["nurse"])
    window = open_main_window(qtbot, make_session(users["nurse"]))
    panel = window.quality.show_panel()
    qtbot.waitUntil(lambda: not panel.running)
    before = panel.model.rowCount()
    panel.hide()
    show_active(qtbot, window)

    window.open_patient(M3_BIOLOGY.record_id, M3_BIOLOGY.event, M3_BIOLOGY.form)
    _type_m3_crp(qtbot, window, "60")
    press(qtbot, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier
          | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: panel.isVisible() and not panel.running)
    qtbot.waitUntil(lambda: panel.model.rowCount() == before + 1, timeout=10_000)
    panel.hide()


def test_the_open_queries_list_shows_queries_a_sync_brought(
        template_db, tmp_path, users, isolated_settings, qtbot, on_named_modal) -> None:  # noqa: ANN001
    central = tmp_path / "central" / "central.sqlite"
    central.parent.mkdir()
    shutil.copy(template_db, central)
    site_a = _site(template_db, tmp_path / "a", "1", users["admin"])
    site_b = _site(template_db, tmp_path / "b", "2", users["admin"])
    record_id = create_record(site_a, users["nurse"], "1")
    EntryService(site_a, users["nurse"]).save_form(
        FormKey(record_id, "m0_arm_1", "biology"), {"bio_date": "2024-01-10", "bio_crp": "20"}, 1)
    synchronise(site_a, users["nurse"], str(central))
    synchronise(site_b, users["nurse"], str(central))
    QueryService(site_a, users["mon"]).open_query(
        FieldKey(record_id, "m0_arm_1", "biology", "bio_crp"), "CRP 20: check the lab report")
    synchronise(site_a, users["nurse"], str(central))

    isolated_settings.central_url = str(central)
    window = MainWindow(AppSession(site_b, users["inv"], isolated_settings,
                                   tmp_path / "drafts.sqlite"))
    qtbot.addWidget(window)
    window.idle.set_timeout(0)
    show_active(qtbot, window)
    qtbot.waitUntil(lambda: tasks_running() == 0)
    window.findChild(QAction, "action_queries").trigger()
    listing = window.findChild(QueriesDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is listing)
    assert listing.model.rowCount() == 0

    done: list[str] = []

    def report(box) -> None:  # noqa: ANN001
        done.append(box.text())
        box.accept()

    on_named_modal("syncDoneBox", report)
    window.sync.sync_action.trigger()
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)
    qtbot.waitUntil(lambda: listing.model.rowCount() == 1)
    assert listing.model.rows[0].text == "CRP 20: check the lab report"
    listing.close()
    site_a.close()
    site_b.close()


def _tree_state(window, key: FormKey) -> str:  # noqa: ANN001
    """The state the patient tree shows for a form (its tooltip)."""
    item = window.patient._item_for(key.event, key.form)
    return item.toolTip(0)


def _crp_on_timeline(window) -> list[float]:  # noqa: ANN001
    page = window.patient.page
    assert isinstance(page, TimelinePage) and page.timeline is not None
    series = page.timeline.marker("bio_crp")
    return [point.value for point in series.points] if series else []


def test_the_timeline_shown_follows_a_correction_made_in_the_queries_list(
        project, users, make_session, qtbot, on_modal) -> None:  # noqa: ANN001
    seed_complete_biology(project, users)
    QueryService(project, users["mon"]).open_query(
        FieldKey(M0_BIOLOGY.record_id, M0_BIOLOGY.event, M0_BIOLOGY.form, "bio_crp"),
        "CRP 120: check the lab report", "12")
    verify(project, users["inv"], M0_BIOLOGY)
    window = open_main_window(qtbot, make_session(users["nurse"]))
    window.open_patient(M0_BIOLOGY.record_id, TIMELINE, TIMELINE)
    assert _crp_on_timeline(window) == [120.0]
    assert _tree_state(window, M0_BIOLOGY).startswith("Verified")

    window.findChild(QAction, "action_queries").trigger()
    listing = window.findChild(QueriesDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is listing)
    listing.table.selectRow(0)

    on_modal(lambda dialog: write_correction(qtbot, dialog, "Typo: the report says 12", "12",
                                             "transcription error"))
    qtbot.mouseClick(listing.answer_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: listing.model.rowCount() == 1
                    and listing.model.rows[0].status == "answered")
    qtbot.waitUntil(lambda: _crp_on_timeline(window) == [12.0])
    # the correction withdrew the verification: the patient tree says so, not reopened
    qtbot.waitUntil(lambda: _tree_state(window, M0_BIOLOGY).startswith("Complete"))
    listing.close()
