"""Every form of a REDCap project with every field and validation type opens and takes input
in the field's own format (issue 13): dates day first or month first, comma decimals, times,
sliders by keyboard, and the read-only sql and file fields with their note."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import press, show_active, type_keys
from PySide6.QtCore import Qt
from redcap_studies import ALL_TYPES, init_study

from ui.forms.editor import FormEditor
from ui.forms.redcap_fields import SQL_NOTE, ReadOnlyFieldEditor, SliderFieldEditor
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.exchange.redcap_import import import_redcap_csv
from vo_crf.project import Project

EVENT = "event_1_arm_1"


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    """The all-types study (overrides the VO study database of the GUI tests)."""
    opened = init_study(tmp_path, ALL_TYPES, "types")
    yield opened
    opened.close()


@pytest.fixture
def open_form(project, make_session, qtbot):  # noqa: ANN001, ANN201
    from vo_crf.auth.permissions import Role
    from vo_crf.auth.users import CurrentUser

    admin = CurrentUser("admin", Role.ADMIN)
    record_id = create_record(project, admin, "1", "T-01")

    def build(form: str) -> FormEditor:
        editor = FormEditor(make_session(admin), FormKey(record_id, EVENT, form))
        qtbot.addWidget(editor)
        editor.resize(1100, 900)
        show_active(qtbot, editor)
        return editor

    build.admin = admin  # type: ignore[attr-defined]
    build.record_id = record_id  # type: ignore[attr-defined]
    return build


def test_every_form_of_the_all_types_study_opens(open_form, project) -> None:  # noqa: ANN001
    for form in project.study.forms:
        editor = open_form(form.name)
        shown = {name for name, row in editor.rows.items()}
        assert shown == {f.name for f in form.fields}
        editor.close()


def test_values_typed_in_the_fields_own_format_are_stored_as_redcap_stores_them(
        open_form, project, qtbot) -> None:  # noqa: ANN001
    editor = open_form("measures")
    typed = {"v_date_dmy": "31-12-2024", "v_date_mdy": "12-31-2024",
             "v_datetime_seconds_dmy": "31-12-2024 14:05:09", "v_time_mm_ss": "05:09",
             "v_number_comma_decimal": "38.5", "v_number_2dp_comma_decimal": "1,25",
             "v_number_1dp": "7,5"}
    for name, text in typed.items():
        widget = editor.rows[name].editor.focus_widget()
        assert widget is not None
        widget.setFocus()
        type_keys(qtbot, text)
        press(qtbot, Qt.Key.Key_Tab)
    assert editor.rows["v_date_dmy"].editor.focus_widget().placeholderText() == "DD-MM-YYYY"
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not editor.dirty)
    values = EntryService(project, open_form.admin).open_form(editor.key).values
    assert {name: values[name] for name in typed} == {
        "v_date_dmy": "2024-12-31", "v_date_mdy": "2024-12-31",
        "v_datetime_seconds_dmy": "2024-12-31 14:05:09", "v_time_mm_ss": "05:09",
        "v_number_comma_decimal": "38,5", "v_number_2dp_comma_decimal": "1,25",
        "v_number_1dp": "7.5"}
    assert editor.rows["v_date_mdy"].editor.focus_widget().text() == "12-31-2024"


def test_slider_by_keyboard_and_read_only_server_fields(open_form, project, tmp_path,
                                                         qtbot) -> None:  # noqa: ANN001
    incoming = tmp_path / "server.csv"
    incoming.write_text("subject,site_pick,consent_scan,other_types_complete\n"
                        "T-01,3,consent.pdf,0\n", encoding="utf-8")
    import_redcap_csv(project, open_form.admin, incoming)
    editor = open_form("other_types")
    pain, mood = editor.rows["pain"].editor, editor.rows["mood"].editor
    assert isinstance(pain, SliderFieldEditor) and isinstance(mood, SliderFieldEditor)
    assert [label.text() for label in pain.labels] == ["None", "Moderate", "Worst"]
    assert pain.number.isVisible() and not mood.number.isVisible()
    assert pain.value() == ""
    pain.slider.setFocus()
    for _ in range(3):
        press(qtbot, Qt.Key.Key_Right)
    assert pain.number.text() == "3"
    sql = editor.rows["site_pick"].editor
    assert isinstance(sql, ReadOnlyFieldEditor)
    assert sql.value() == "3" and sql.note.text() == SQL_NOTE and sql.focus_widget() is None
    assert editor.rows["consent_scan"].editor.value() == "consent.pdf"
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not editor.dirty)
    values = EntryService(project, open_form.admin).open_form(editor.key).values
    assert (values["pain"], values.get("mood", ""), values["site_pick"],
            values["consent_scan"]) == ("3", "", "3", "consent.pdf")


def test_every_form_of_a_classic_study_opens(tmp_path, isolated_settings,
                                             qtbot) -> None:  # noqa: ANN001
    from gui_helpers import classic_patient

    classic, record_id, session = classic_patient(tmp_path, isolated_settings)
    try:
        for form in classic.study.forms:
            editor = FormEditor(session, FormKey(record_id, EVENT, form.name))
            qtbot.addWidget(editor)
            show_active(qtbot, editor)
            assert set(editor.rows) == {f.name for f in form.fields}
            editor.close()
    finally:
        classic.close()


def test_patient_timeline_page_of_a_study_without_plan_says_so(open_form, make_session,
                                                               qtbot) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QLabel

    from ui.patient.timeline import TimelinePage

    page = TimelinePage(make_session(open_form.admin), open_form.record_id)
    qtbot.addWidget(page)
    texts = [label.text() for label in page.findChildren(QLabel)]
    assert any("has no analysis plan" in text for text in texts)
