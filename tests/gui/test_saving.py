"""Saving through the dialogs the core asks for: range confirmations, reasons for change."""

from __future__ import annotations

import pytest
from gui_helpers import focused, press, show_active, type_keys
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QPlainTextEdit

from ui.forms.editor import FormEditor
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record


def ok_button(dialog) -> object:
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)


@pytest.fixture
def open_clinical(project, nurse, make_session, qtbot):
    def build(values: dict[str, str] | None = None, status: int = 0) -> FormEditor:
        record_id = create_record(project, nurse, "1")
        key = FormKey(record_id, "m0_arm_1", "clinical")
        if values:
            EntryService(project, nurse).save_form(key, values, status)
        editor = FormEditor(make_session(nurse), key)
        qtbot.addWidget(editor)
        editor.resize(1000, 800)
        show_active(qtbot, editor)
        return editor

    return build


def test_out_of_range_value_warns_and_needs_a_reason(open_clinical, project, nurse, qtbot,
                                                     on_modal) -> None:
    editor = open_clinical()
    editor.rows["clin_temp"].editor.focus_widget().setFocus()
    type_keys(qtbot, "45")
    press(qtbot, Qt.Key.Key_Tab)
    message = editor.rows["clin_temp"].message
    qtbot.waitUntil(message.isVisible)
    assert "above the maximum 42" in message.text()

    def confirm(dialog) -> None:
        assert dialog.objectName() == "confirmWarningsDialog"
        assert not ok_button(dialog).isEnabled()
        qtbot.keyClicks(dialog.findChild(QLineEdit, "reason_clin_temp"), "checked twice")
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)

    on_modal(confirm)
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not editor.dirty)
    service = EntryService(project, nurse)
    assert service.open_form(editor.key).values["clin_temp"] == "45"
    (entry,) = service.field_history(editor.key, "clin_temp")
    assert entry.new_value == "45" and entry.reason == "checked twice"


def test_cancelled_confirmation_saves_nothing(open_clinical, project, nurse, qtbot,
                                              on_modal) -> None:
    editor = open_clinical()
    editor.rows["clin_pain_vas"].editor.focus_widget().setFocus()
    type_keys(qtbot, "12")
    on_modal(lambda dialog: dialog.reject())
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.dirty
    assert not EntryService(project, nurse).open_form(editor.key).exists


def test_editing_a_complete_form_needs_a_reason(open_clinical, project, nurse, qtbot,
                                                on_modal) -> None:
    editor = open_clinical({"clin_date": "2024-03-01", "clin_temp": "38"}, status=2)
    editor.rows["clin_temp"].editor.focus_widget().setFocus()
    focused().selectAll()
    type_keys(qtbot, "39.5")

    def give_reason(dialog) -> None:
        assert dialog.objectName() == "reasonDialog"
        qtbot.keyClicks(dialog.findChild(QPlainTextEdit, "reason"), "transcription error")
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)

    on_modal(give_reason)
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not editor.dirty)
    history = EntryService(project, nurse).field_history(editor.key, "clin_temp")
    assert [(h.old_value, h.new_value, h.reason) for h in history][-1] == (
        "38", "39.5", "transcription error")


def test_hard_error_is_shown_next_to_the_field(open_clinical, project, nurse, qtbot) -> None:
    editor = open_clinical()
    editor.status.setFocus()
    type_keys(qtbot, "C")  # Complete without the required examination date
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    message = editor.rows["clin_date"].message
    qtbot.waitUntil(message.isVisible)
    assert "required" in message.text()
    assert focused() is editor.rows["clin_date"].editor.focus_widget()
    assert not EntryService(project, nurse).open_form(editor.key).exists


def test_unsaved_changes_are_offered_for_saving(open_clinical, project, nurse, qtbot,
                                                on_modal) -> None:
    from PySide6.QtWidgets import QMessageBox

    editor = open_clinical()
    editor.rows["clin_pain_vas"].editor.focus_widget().setFocus()
    type_keys(qtbot, "3")
    answers: list[bool] = []

    def save_them(box) -> None:
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Save), Qt.MouseButton.LeftButton)

    on_modal(save_them)
    answers.append(editor.maybe_leave())
    assert answers == [True]
    assert EntryService(project, nurse).open_form(editor.key).values["clin_pain_vas"] == "3"


def test_locked_form_is_read_only(open_clinical, project, users) -> None:
    from vo_crf.entry.review import lock

    editor = open_clinical({"clin_date": "2024-03-01"}, status=1)
    lock(project, users["inv"], editor.key.record_id, editor.key)
    editor.reload()
    assert editor.read_only
    assert editor.rows["clin_temp"].editor.focus_widget().isReadOnly()
    assert not editor.save_button.isEnabled()
    assert "Locked by inv" in editor.banner.text()
