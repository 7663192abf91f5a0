"""What a nurse types stays visible: a wrong character is shown in red with its reason, never
dropped without a word, and the form refuses to save until it is corrected (issue 11, item 13)."""

from __future__ import annotations

import pytest
from gui_helpers import focused, open_new_form, press
from PySide6.QtCore import Qt

from ui.forms.editor import FormEditor
from vo_crf.entry import EntryService

pytestmark = pytest.mark.gui


@pytest.fixture
def biology(project, nurse, make_session, qtbot) -> FormEditor:  # noqa: ANN001
    return open_new_form(qtbot, project, nurse, make_session, "biology", height=700)


def type_into(qtbot, editor: FormEditor, field: str, text: str) -> None:  # noqa: ANN001
    line = editor.rows[field].editor.focus_widget()
    line.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: focused() is line)
    line.selectAll()
    qtbot.keyClicks(line, text)


@pytest.mark.parametrize(("field", "typed", "label", "rule"), [
    ("bio_wbc", "abc", "White blood cell count", "is not a number"),
    ("bio_wbc", "1o,5", "White blood cell count", "is not a number"),
    ("bio_esr", "4O", "Erythrocyte sedimentation rate", "is not a whole number"),
    ("bio_esr", "12.5", "Erythrocyte sedimentation rate", "is not a whole number"),
])
def test_a_wrong_character_stays_visible_marked_red_and_blocks_the_save(
        biology: FormEditor, project, nurse, qtbot, field: str, typed: str, label: str,  # noqa: ANN001
        rule: str) -> None:
    editor = biology
    type_into(qtbot, editor, "bio_date", "2024-03-01")
    type_into(qtbot, editor, field, typed)
    line = editor.rows[field].editor.focus_widget()
    assert line.text() == typed  # every keystroke kept
    press(qtbot, Qt.Key.Key_Tab)
    message = editor.rows[field].message
    assert message.isVisible()
    assert label in message.text() and rule in message.text() and repr(typed) in message.text()
    assert "b3261e" in message.styleSheet()  # red
    assert "b3261e" in line.styleSheet()  # the field itself is marked
    assert line.text() == typed

    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    service = EntryService(project, nurse)
    assert not service.open_form(editor.key).exists  # nothing saved
    assert line.text() == typed
    assert "Not saved" in editor.banner.text()

    type_into(qtbot, editor, field, "12")
    press(qtbot, Qt.Key.Key_Tab)
    assert not editor.rows[field].message.isVisible()
    assert "b3261e" not in line.styleSheet()
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert service.open_form(editor.key).values[field] == "12"


def test_a_decimal_comma_is_still_a_number(biology: FormEditor, project, nurse, qtbot) -> None:  # noqa: ANN001
    editor = biology
    type_into(qtbot, editor, "bio_date", "2024-03-01")
    type_into(qtbot, editor, "bio_wbc", "1,5")
    press(qtbot, Qt.Key.Key_Tab)
    assert not editor.rows["bio_wbc"].message.isVisible()
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert EntryService(project, nurse).open_form(editor.key).values["bio_wbc"] == "1.5"
