"""Impossible facts in the form: typed by keyboard, marked red at both fields, no plausible age."""

from __future__ import annotations

from gui_helpers import show_active
from PySide6.QtCore import Qt

from ui.forms.editor import FormEditor
from vo_crf.entry import FormKey
from vo_crf.entry.records import create_record


def test_birth_after_enrolment_is_marked_and_the_age_left_blank(project, nurse, make_session,
                                                                qtbot) -> None:  # noqa: ANN001
    record_id = create_record(project, nurse, "1")
    editor = FormEditor(make_session(nurse), FormKey(record_id, "m0_arm_1", "enrolment"))
    qtbot.addWidget(editor)
    editor.resize(1000, 900)
    show_active(qtbot, editor)
    for name, text in (("birth_date", "2056-01-01"), ("enrol_date", "2024-03-01")):
        widget = editor.rows[name].editor.focus_widget()
        widget.setFocus()
        qtbot.keyClicks(widget, text)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    age = editor.rows["age"]
    qtbot.waitUntil(lambda: "born_before_enrolment" in age.message.text())
    assert age.message.isVisible() and age.editor.value() == ""  # not the plausible 32
    assert "is not calculated" in age.message.text()
    birth = editor.rows["birth_date"].message.text()
    assert "Date of enrolment (2024-03-01) is before Date of birth (2056-01-01): impossible" \
        in birth  # fields by label on the form (the variable names are in the rule's name)
    assert not editor.save()
    assert "born_before_enrolment" in editor.rows["birth_date"].message.text()
