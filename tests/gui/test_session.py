"""Login, roles, idle lock and crash recovery through the real windows."""

from __future__ import annotations

import pytest
from accounts import PASSWORDS
from gui_helpers import focused, press, show_active, type_keys
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QMessageBox

import ui.forms.editor as editor_module
from ui.app import offer_drafts
from ui.dialogs.login import LoginDialog
from ui.main_window import MainWindow
from ui.patient.view import PatientView
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record


def test_login_refuses_a_wrong_password_then_accepts(project, qtbot) -> None:
    dialog = LoginDialog(project)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    assert focused() is dialog.username
    type_keys(qtbot, "nurse")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, "wrong-password")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.error.isVisible() and "wrong user name or password" in dialog.error.text()
    assert dialog.user is None and dialog.isVisible()
    type_keys(qtbot, PASSWORDS["nurse"])
    with qtbot.waitSignal(dialog.accepted):
        press(qtbot, Qt.Key.Key_Return)
    assert dialog.user.username == "nurse"


@pytest.mark.parametrize(("name", "sees_lock"), [("nurse", False), ("inv", True),
                                                 ("admin", True)])
def test_only_reviewers_see_lock_actions(project, users, make_session, qtbot, name,
                                         sees_lock) -> None:
    record_id = create_record(project, users["admin"], "1")
    view = PatientView(make_session(users[name]), record_id)
    qtbot.addWidget(view)
    texts = [a.text() for a in view.toolbar.actions()]
    assert any("Lock" in t for t in texts) is sees_lock
    assert ("lock_record" in view.review.actions) is sees_lock


def test_investigator_verifies_and_signs(project, users, make_session, qtbot, on_modal) -> None:
    inv = users["inv"]
    record_id = create_record(project, inv, "1")
    key = FormKey(record_id, "m0_arm_1", "clinical")
    EntryService(project, inv).save_form(key, {"clin_date": "2024-01-01"}, 2)
    view = PatientView(make_session(inv), record_id)
    qtbot.addWidget(view)
    show_active(qtbot, view)
    view.open_form("m0_arm_1", "clinical")
    view.review.actions["verify"].trigger()
    assert EntryService(project, inv).open_form(key).verified_by == "inv"

    def sign(dialog) -> None:
        qtbot.keyClicks(dialog.findChild(QLineEdit, "password"), PASSWORDS["inv"])
        qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(
            QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    on_modal(sign)
    view.review.actions["sign_form"].trigger()
    assert EntryService(project, inv).open_form(key).locked_by == "inv"
    assert view.editor.read_only


def test_idle_lock_keeps_the_open_form(project, nurse, make_session, qtbot, on_modal) -> None:
    record_id = create_record(project, nurse, "1")
    window = MainWindow(make_session(nurse))
    qtbot.addWidget(window)
    show_active(qtbot, window)
    window.open_patient(record_id, "m0_arm_1", "clinical")
    editor = window.patient.editor
    editor.rows["clin_temp"].editor.focus_widget().setFocus()
    type_keys(qtbot, "38.9")
    seen: list[str] = []

    def unlock(dialog) -> None:
        seen.append(dialog.objectName())
        assert window.stack.currentWidget() is window.locked_page
        password = dialog.findChild(QLineEdit, "password")
        qtbot.keyClicks(password, "not-the-password")
        qtbot.keyClick(password, Qt.Key.Key_Return)
        assert dialog.isVisible()
        qtbot.keyClicks(password, PASSWORDS["nurse"])
        qtbot.keyClick(password, Qt.Key.Key_Return)

    on_modal(unlock)
    window.idle.set_timeout(100)
    qtbot.waitUntil(lambda: seen == ["unlockDialog"] and not window.is_locked, timeout=3000)
    window.idle.set_timeout(0)
    assert window.patient.editor is editor
    assert editor.rows["clin_temp"].value() == "38.9" and editor.dirty
    editor.drop_changes()  # clean up: no question asked


def test_crash_recovery_restores_a_draft(project, nurse, make_session, qtbot, on_modal,
                                         monkeypatch) -> None:
    monkeypatch.setattr(editor_module, "DRAFT_INTERVAL_MS", 50)
    record_id = create_record(project, nurse, "1")
    key = FormKey(record_id, "m0_arm_1", "clinical")
    session = make_session(nurse)
    first = MainWindow(session)
    qtbot.addWidget(first)
    show_active(qtbot, first)
    first.open_patient(record_id, "m0_arm_1", "clinical")
    first.patient.editor.rows["clin_temp"].editor.focus_widget().setFocus()
    type_keys(qtbot, "39.1")
    qtbot.waitUntil(lambda: session.drafts.load(key) is not None)
    first.patient.editor._draft_timer.stop()  # the laptop dies: nothing is saved
    first.hide()

    second = MainWindow(make_session(nurse))
    qtbot.addWidget(second)
    show_active(qtbot, second)
    on_modal(lambda box: qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes),
                                          Qt.MouseButton.LeftButton))
    offer_drafts(second)
    editor = second.patient.editor
    assert editor.key == key
    assert editor.rows["clin_temp"].value() == "39.1" and editor.dirty
    assert "Restored" in editor.banner.text()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert EntryService(project, nurse).open_form(key).values["clin_temp"] == "39.1"
    assert session.drafts.list() == []
    first.patient.editor.stop()
    first.patient.editor._set_dirty(False)
