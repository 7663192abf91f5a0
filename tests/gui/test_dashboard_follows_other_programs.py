"""Another program (a colleague's vo-crf on the shared database, a command-line import) saves:
the open dashboard shows it by itself, without the user knowing about F5."""

from __future__ import annotations

from gui_helpers import open_main_window

from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.project import open_project


def test_dashboard_shows_a_patient_saved_by_another_program(project, users, make_session,
                                                            qtbot, monkeypatch) -> None:  # noqa: ANN001
    # the test does not wait the seconds a user would
    monkeypatch.setattr("ui.dashboard.view.WATCH_INTERVAL_MS", 50, raising=False)
    window = open_main_window(qtbot, make_session(users["nurse"]))
    dashboard = window.dashboard
    assert dashboard.model.total == 0
    other_program = open_project(project.url)
    try:
        record_id = create_record(other_program, users["inv"], "1")
        EntryService(other_program, users["inv"]).save_form(
            FormKey(record_id, "m0_arm_1", "enrolment"), {"diagnosis_date": "2024-03-01"}, 0)
    finally:
        other_program.close()
    qtbot.waitUntil(lambda: dashboard.model.total == 1, timeout=3000)
    assert dashboard.model.record_id(0) == record_id


def test_the_cell_the_user_is_on_stays_current(project, users, make_session, qtbot,
                                               monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr("ui.dashboard.view.WATCH_INTERVAL_MS", 50, raising=False)
    service = EntryService(project, users["inv"])
    first, second = (create_record(project, users["inv"], "1") for _ in range(2))
    for record_id in (first, second):
        service.save_form(FormKey(record_id, "m0_arm_1", "enrolment"),
                          {"diagnosis_date": "2024-03-01"}, 0)
    window = open_main_window(qtbot, make_session(users["nurse"]))
    table, model = window.dashboard.table, window.dashboard.model
    table.setFocus()
    table.setCurrentIndex(model.index(1, 7))
    with qtbot.waitSignal(model.modelReset, timeout=3000):  # read again by itself
        other_program = open_project(project.url)
        try:
            EntryService(other_program, users["inv"]).save_form(
                FormKey(first, "m0_arm_1", "clinical"), {"clin_date": "2024-03-02"}, 0)
        finally:
            other_program.close()
    assert (table.currentIndex().row(), table.currentIndex().column()) == (1, 7)
    assert model.record_id(1) == second
