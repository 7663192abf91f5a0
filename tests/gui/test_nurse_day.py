"""The nurse's day (issue 16): field menu, message marks, required warnings, dates, shortcuts."""

from __future__ import annotations

import pytest
from gui_helpers import focused, open_main_window, open_new_form, press, show_active, type_keys
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QRawFont
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from ui.forms.editor import FormEditor
from ui.forms.row import ERROR_MARK, WARNING_MARK
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.paths import resources_dir

TAB = Qt.Key.Key_Tab


@pytest.fixture
def editor(project, nurse, make_session, qtbot) -> FormEditor:  # noqa: ANN001
    form = open_new_form(qtbot, project, nurse, make_session, "clinical")
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


@pytest.fixture
def course(project, nurse, make_session, qtbot) -> FormEditor:  # noqa: ANN001
    """A new antibiotic course (drug, route and start date required), focus on the drug."""
    record_id = create_record(project, nurse, "1")
    form = FormEditor(make_session(nurse), FormKey(record_id, "m0_arm_1", "antibiotics", 1))
    qtbot.addWidget(form)
    form.resize(1000, 700)
    show_active(qtbot, form)
    form.first_focus().setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.first_focus())
    return form


def _shown(form: FormEditor, name: str) -> str:
    message = form.rows[name].message
    return message.text() if message.isVisible() else ""


def test_required_warnings_wait_for_the_field_and_go_when_it_is_filled(course, qtbot) -> None:  # noqa: ANN001
    type_keys(qtbot, "V")  # the drug
    press(qtbot, TAB)
    qtbot.wait(50)
    course.flush_assessment()
    assert _shown(course, "abx_start") == "", "a field not reached yet is not nagged"
    assert _shown(course, "abx_route") == ""
    press(qtbot, TAB)  # past the route, left blank
    qtbot.waitUntil(lambda: "required" in _shown(course, "abx_route"))
    assert _shown(course, "abx_start") == ""
    press(qtbot, TAB, Qt.KeyboardModifier.ShiftModifier)
    type_keys(qtbot, "1")  # intravenous
    qtbot.waitUntil(lambda: _shown(course, "abx_route") == "")
    press(qtbot, TAB)
    qtbot.waitUntil(lambda: _shown(course, "abx_route") == "")
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Save shows every one
    qtbot.waitUntil(lambda: "required" in _shown(course, "abx_start")
                    or "Start date" in course.banner.text())


def _help_text(qtbot, window, on_modal) -> str:  # noqa: ANN001
    shown: list[str] = []

    def read(box) -> None:  # noqa: ANN001
        shown.append(box.text())
        box.accept()

    on_modal(read)
    window.show_shortcuts()
    qtbot.waitUntil(lambda: bool(shown))
    return shown[0]


def test_menu_shortcuts_match_the_help_list(project, nurse, make_session, qtbot,  # noqa: ANN001
                                            on_modal) -> None:
    window = open_main_window(qtbot, make_session(nurse))
    listed = _help_text(qtbot, window, on_modal)
    in_menus = {action.text().replace("&", ""): action.shortcut().toString()
                for menu in window.menuBar().findChildren(QMenu)
                for action in menu.actions() if not action.shortcut().isEmpty()}
    assert in_menus["New patient…"] == "Ctrl+N"
    for text, keys in in_menus.items():
        assert keys in listed, f"{text} ({keys}) is not in Help → Keyboard shortcuts"
    asked: list[str] = []

    def site(box) -> None:  # noqa: ANN001
        asked.append(type(box).__name__)
        box.reject()

    on_modal(site)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(asked))  # the site question of a new patient
    assert asked == ["QInputDialog"]


def test_discard_has_a_shortcut_and_asks_first(editor, qtbot, on_modal) -> None:  # noqa: ANN001
    type_keys(qtbot, "2024-03-01")
    press(qtbot, TAB)
    line = editor.rows["clin_date"].editor.focus_widget()

    def answer(button):  # noqa: ANN001, ANN202
        def click(box) -> None:  # noqa: ANN001
            assert "Discard the changes" in box.text()
            box.button(button).click()
        return click

    on_modal(answer(QMessageBox.StandardButton.Cancel))
    press(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier
          | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert line.text() == "2024-03-01" and editor.dirty
    editor.activateWindow()  # what the window manager does when a dialog closes
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    on_modal(answer(QMessageBox.StandardButton.Discard))
    press(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier
          | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: line.text() == "" and not editor.dirty)


def test_one_reason_prompt_for_one_edit_of_a_complete_form(project, nurse, make_session,  # noqa: ANN001
                                                           qtbot, on_modal) -> None:
    record_id = create_record(project, nurse, "1")
    key = FormKey(record_id, "m0_arm_1", "clinical")
    service = EntryService(project, nurse)
    service.save_form(key, {"clin_date": "2024-03-01", "clin_temp": "38.5"}, 2)
    form = FormEditor(make_session(nurse), key)
    qtbot.addWidget(form)
    show_active(qtbot, form)
    temperature = form.rows["clin_temp"].editor.focus_widget()
    temperature.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is temperature)
    temperature.selectAll()
    type_keys(qtbot, "42.5")  # above the expected maximum: a reason to keep it
    prompts: list[str] = []

    def give_reason(dialog) -> None:  # noqa: ANN001
        prompts.append(dialog.objectName())
        if dialog.objectName() == "confirmWarningsDialog":
            dialog.reasons["clin_temp"].setText("checked in the chart")
            dialog.accept()
            on_modal(give_reason)  # a second prompt, if any, is counted too
        else:
            dialog.reject()

    on_modal(give_reason)
    assert form.save()
    assert prompts == ["confirmWarningsDialog"]
    history = service.field_history(key, "clin_temp")
    assert history[-1].new_value == "42.5" and "checked in the chart" in history[-1].reason
