"""The nurse's day (issue 16): field menu, message marks, required warnings, dates, shortcuts."""

from __future__ import annotations

import pytest
from gui_helpers import focused, press, show_active, type_keys
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QRawFont
from PySide6.QtWidgets import QApplication, QMenu

from ui.forms.editor import FormEditor
from ui.forms.row import ERROR_MARK, WARNING_MARK
from vo_crf.entry import FormKey
from vo_crf.entry.records import create_record
from vo_crf.paths import resources_dir

TAB = Qt.Key.Key_Tab


@pytest.fixture
def editor(project, nurse, make_session, qtbot) -> FormEditor:  # noqa: ANN001
    record_id = create_record(project, nurse, "1")
    form = FormEditor(make_session(nurse), FormKey(record_id, "m0_arm_1", "clinical"))
    qtbot.addWidget(form)
    form.resize(1000, 800)
    show_active(qtbot, form)
    form.first_focus().setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.first_focus())
    return form


def test_the_menu_key_opens_one_field_menu(editor, qtbot) -> None:  # noqa: ANN001
    opened: list[QMenu] = []

    def count_and_close() -> None:
        popup = QApplication.activePopupWidget()
        if isinstance(popup, QMenu) and popup not in opened:
            opened.append(popup)
            popup.close()

    timer = QTimer()
    timer.timeout.connect(count_and_close)
    timer.start(5)
    # What X11 (and Windows) deliver for the Menu key: the key press, which is a shortcut of
    # the field, and a keyboard context-menu event for the focused widget.
    field = focused()
    QApplication.postEvent(field, QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, QPoint(5, 5), field.mapToGlobal(QPoint(5, 5))))
    qtbot.keyClick(editor.window().windowHandle(), Qt.Key.Key_Menu)
    qtbot.waitUntil(lambda: len(opened) >= 1)
    qtbot.wait(200)
    timer.stop()
    assert len(opened) == 1
    assert QApplication.activePopupWidget() is None


def test_error_and_warning_marks_are_glyphs_of_the_bundled_font(editor, qtbot) -> None:  # noqa: ANN001
    font = QRawFont(str(resources_dir() / "fonts" / "DejaVuSans.ttf"), 12)
    type_keys(qtbot, "31/02/2024")  # clinical date: not a date, an error
    press(qtbot, TAB)
    message = editor.rows["clin_date"].message
    qtbot.waitUntil(message.isVisible)
    mark = message.text()[0]
    assert mark == ERROR_MARK
    for glyph in (ERROR_MARK, WARNING_MARK):
        assert font.supportsCharacter(ord(glyph)), f"{glyph!r} is an empty box in DejaVu Sans"
