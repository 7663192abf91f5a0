"""A stored decimal shows as the user types it in their language (``37,5`` in French, where a
typed comma is accepted), and is still stored with REDCap's point."""

from __future__ import annotations

from gui_helpers import focused, open_patient_window
from PySide6.QtCore import Qt

from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record

CLINICAL = FormKey("01-001", "m0_arm_1", "clinical")


def _seed(project, users) -> None:  # noqa: ANN001
    create_record(project, users["nurse"], "1")
    EntryService(project, users["nurse"]).save_form(CLINICAL, {"clin_temp": "37.5"}, 0)


def test_french_shows_the_decimal_comma_and_stores_the_point(project, users, make_session,
                                                             french, qtbot) -> None:  # noqa: ANN001
    _seed(project, users)
    window = open_patient_window(make_session, qtbot, users["nurse"], "m0_arm_1", "clinical")
    line = window.patient.editor.rows["clin_temp"].editor.focus_widget()
    assert line.text() == "37,5"
    assert not window.patient.editor.dirty  # shown otherwise, the same value
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(focused(), "38,25")
    qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.patient.editor.dirty)
    assert EntryService(project, users["nurse"]).open_form(CLINICAL).values["clin_temp"] == \
        "38.25"
    assert window.patient.editor.rows["clin_temp"].editor.focus_widget().text() == "38,25"


def test_english_keeps_the_point(project, users, make_session, qtbot) -> None:  # noqa: ANN001
    _seed(project, users)
    window = open_patient_window(make_session, qtbot, users["nurse"], "m0_arm_1", "clinical")
    assert window.patient.editor.rows["clin_temp"].editor.focus_widget().text() == "37.5"


def test_french_shows_a_calculated_decimal_with_the_comma(tmp_path, isolated_settings, french,
                                                          qtbot) -> None:  # noqa: ANN001
    from gui_helpers import show_active
    from redcap_studies import ADMIN, classic_study, init_study

    from ui.forms.editor import FormEditor
    from ui.session import AppSession
    from vo_crf.study.loader import CLASSIC_EVENT

    study = init_study(tmp_path, classic_study("Calc", [
        ("pid", "visit", "text", "Participant"),
        ("weight", "visit", "text", "Weight (kg)", "", "number"),
        ("half", "visit", "calc", "Half the weight", "[weight]/2"),
    ]), "calc")
    try:
        record_id = create_record(study, ADMIN, "1", "P-1")
        key = FormKey(record_id, CLASSIC_EVENT, "visit")
        EntryService(study, ADMIN).save_form(key, {"weight": "75"}, 0)
        editor = FormEditor(AppSession(study, ADMIN, isolated_settings,
                                       tmp_path / "drafts.sqlite"), key)
        qtbot.addWidget(editor)
        show_active(qtbot, editor)
        half = editor.rows["half"].editor
        qtbot.waitUntil(lambda: half.label.text() != "")
        assert half.label.text() == "37,5"
        assert half.value() == "37.5"  # the stored form, as the core computes it
        editor.stop()
    finally:
        study.close()
