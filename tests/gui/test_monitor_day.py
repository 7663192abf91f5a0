"""The monitor's day (issue 16): review actions where they apply, verifying with queries open."""

from __future__ import annotations

from gui_helpers import show_active
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from ui.patient.view import TIMELINE, PatientView
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.entry.review import lock
from vo_crf.queries import FieldKey, QueryService


def _patient(project, nurse, users, make_session, qtbot, who: str = "mon"):  # noqa: ANN001, ANN202
    record_id = create_record(project, nurse, "1")
    key = FormKey(record_id, "m0_arm_1", "clinical")
    EntryService(project, nurse).save_form(key, {"clin_date": "2024-03-01"}, 2)
    view = PatientView(make_session(users[who]), record_id)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    show_active(qtbot, view)
    return view, key


def when_modal(handler) -> None:  # noqa: ANN001
    """Run ``handler(dialog)`` once a modal dialog is up (active or not: after other windows
    closed, the offscreen platform may not activate it)."""
    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None and dialog.isVisible():
            handler(dialog)
        else:
            QTimer.singleShot(20, poll)
    QTimer.singleShot(0, poll)


def _button(view: PatientView, name: str):  # noqa: ANN202
    return view.toolbar.widgetForAction(view.review.actions[name])


def test_the_timeline_hides_the_form_actions(project, nurse, users, make_session,  # noqa: ANN001
                                             qtbot) -> None:
    view, key = _patient(project, nurse, users, make_session, qtbot, "inv")
    view.open_form(TIMELINE, TIMELINE)
    for name in ("verify", "lock_form", "sign_form", "unlock_form"):  # the toolbar lays out later
        qtbot.waitUntil(lambda name=name: not _button(view, name).isVisible())
    assert _button(view, "lock_record").isVisible()
    view.open_form(key.event, key.form)
    qtbot.waitUntil(lambda: _button(view, "verify").isVisible())
    assert _button(view, "verify").isEnabled()


def test_verifying_a_form_with_an_open_query_warns_first_then_shows_it_verified(  # noqa: ANN001
        project, nurse, users, make_session, qtbot, on_modal) -> None:
    view, key = _patient(project, nurse, users, make_session, qtbot)
    QueryService(project, users["mon"]).open_query(
        FieldKey(key.record_id, key.event, key.form, "clin_date"), "Date in the source?")
    view.open_form(key.event, key.form)
    button = _button(view, "verify")
    qtbot.waitUntil(lambda: button.isVisible() and button.isEnabled())
    warned: list[str] = []

    def answer(choice):  # noqa: ANN001, ANN202
        def click(box) -> None:  # noqa: ANN001
            warned.append(box.text())
            box.button(choice).click()
        return click

    when_modal(answer(QMessageBox.StandardButton.No))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(warned) == 1)
    assert "1 query(ies) not closed" in warned[0]
    assert EntryService(project, nurse).open_form(key).verified_by is None
    assert not view.review.actions["verify"].isChecked()
    when_modal(answer(QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: EntryService(project, nurse).open_form(key).verified_by == "mon")
    qtbot.waitUntil(lambda: view.review.actions["verify"].isChecked())
    assert view.review.actions["verify"].text() == "Verified ✓"
    assert "mon" in view.review.actions["verify"].toolTip()


def test_read_only_fields_look_read_only(project, nurse, users, make_session, qtbot) -> None:  # noqa: ANN001
    view, key = _patient(project, nurse, users, make_session, qtbot)  # a monitor: read-only
    view.open_form(key.event, key.form)
    shown = view.editor.rows["clin_temp"].editor.focus_widget()
    qtbot.waitUntil(shown.isVisible)
    assert shown.isReadOnly()
    editable = QLineEdit()
    qtbot.addWidget(editable)
    editable.resize(shown.size())
    background = shown.grab().toImage().pixelColor(shown.width() // 2, shown.height() // 2)
    white = editable.grab().toImage().pixelColor(editable.width() // 2, editable.height() // 2)
    assert background != white, "a read-only field looks like one to type in"


def test_messages_name_forms_and_events_by_label(project, nurse, users, make_session,  # noqa: ANN001
                                                 qtbot, on_modal) -> None:
    view, key = _patient(project, nurse, users, make_session, qtbot, "nurse")
    view.open_form(key.event, key.form)
    editor = view.editor
    lock(project, users["inv"], key.record_id, key)  # locked while the nurse has it open
    temperature = editor.rows["clin_temp"].editor.focus_widget()
    temperature.setFocus()
    qtbot.waitUntil(temperature.hasFocus)
    qtbot.keyClicks(temperature, "37")
    shown: list[str] = []

    def read(box) -> None:  # noqa: ANN001
        shown.append(box.text())
        box.accept()

    when_modal(read)
    qtbot.keyClick(temperature, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(shown))
    assert "Clinical at M0" in shown[0] and "is locked by inv" in shown[0]
    assert "m0_arm_1" not in shown[0]


def test_log_out_brings_the_login_back_without_the_last_user_unless_chosen(  # noqa: ANN001
        project, isolated_settings, qtbot) -> None:
    from support.accounts import PASSWORDS

    from ui.app import start_session
    from ui.dialogs.login import LoginDialog

    def when_login(handler) -> None:  # noqa: ANN001
        """Run ``handler(dialog)`` once the login dialog is up (active or not)."""
        def poll() -> None:
            dialog = QApplication.activeModalWidget()
            if isinstance(dialog, LoginDialog) and dialog.isVisible():
                handler(dialog)
            else:
                QTimer.singleShot(20, poll)
        QTimer.singleShot(0, poll)

    seen: list[str] = []

    def log_in(name: str):  # noqa: ANN202
        def fill(dialog) -> None:  # noqa: ANN001
            seen.append(dialog.username.text())
            dialog.username.setText(name)
            qtbot.keyClicks(dialog.password, PASSWORDS[name])
            qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        return fill

    isolated_settings.last_username = "mon"  # someone else used this laptop before
    when_login(log_in("nurse"))
    window = start_session(project, isolated_settings)
    qtbot.addWidget(window)
    assert seen == [""]  # a shared laptop: nobody's name is offered
    assert window.session.user.username == "nurse"
    reopened: list[str] = []
    window.reopen_database.connect(reopened.append)
    window.findChild(QAction, "action_log_out").trigger()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert reopened == [project.url]  # the application's loop shows the login again
    isolated_settings.remember_last_user = True  # chosen in Settings
    when_login(log_in("nurse"))
    second = start_session(project, isolated_settings)
    qtbot.addWidget(second)
    assert seen == ["", "nurse"] and second.session.user.username == "nurse"
    second.close()


def test_a_refusal_from_the_core_is_french_in_the_french_gui(  # noqa: ANN001
        project, nurse, users, make_session, qtbot, french) -> None:
    view, key = _patient(project, nurse, users, make_session, qtbot)
    view.open_form(key.event, key.form)
    button = _button(view, "lock_form")
    qtbot.waitUntil(lambda: button.isVisible() and button.isEnabled())
    lock(project, users["inv"], key.record_id, key)  # someone else locked it meanwhile
    said: list[str] = []

    def read(box) -> None:  # noqa: ANN001
        said.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    when_modal(read)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(said) == 1)
    assert "déjà verrouillé par inv" in said[0], said
    assert "already" not in said[0]
