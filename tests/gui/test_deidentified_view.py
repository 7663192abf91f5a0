"""A statistician's screens show what the de-identified exports show (issue 12 item 1)."""

from __future__ import annotations

from gui_helpers import open_main_window
from PySide6.QtCore import Qt

from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.exchange.deidentify import Deidentifier


def test_statistician_sees_pseudonyms_and_read_only_forms_without_identifiers(
        project, users, make_session, qtbot) -> None:  # noqa: ANN001
    record_id = create_record(project, users["nurse"], "1")
    EntryService(project, users["nurse"]).save_form(
        FormKey(record_id, "m0_arm_1", "enrolment"),
        {"initials": "ZQ", "birth_date": "1941-07-14", "sex": "2"}, 0)
    pseudonym = Deidentifier(project).record_id(record_id)
    window = open_main_window(qtbot, make_session(users["stat"]))
    dashboard = window.dashboard
    model = dashboard.model
    assert [model.data(model.index(r, 0)) for r in range(model.rowCount())] == [pseudonym]

    qtbot.keyClicks(dashboard.search, record_id)  # the real study number finds nothing
    qtbot.waitUntil(lambda: model.rowCount() == 0)
    dashboard.search.clear()
    qtbot.keyClicks(dashboard.search, pseudonym[:6])
    qtbot.waitUntil(lambda: model.rowCount() == 1)

    dashboard.table.setFocus()
    dashboard.table.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(dashboard.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.patient is not None and window.patient.editor is not None)
    editor = window.patient.editor
    assert window.patient.record_id == pseudonym and editor.key.form == "enrolment"
    assert editor.read_only
    assert editor.rows["record_id"].value() == pseudonym
    assert editor.rows["initials"].value() == "" and editor.rows["birth_date"].value() == ""
    assert editor.rows["sex"].value() == "2"
