"""Unlock and lock a patient, the users dialog, the settings dialog, first start and run()."""

from __future__ import annotations

from pathlib import Path

from accounts import PASSWORDS
from gui_helpers import show_active, type_keys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QInputDialog,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
)
from sqlalchemy import select

from ui.app import open_or_create, run
from ui.dialogs.users import UsersDialog
from ui.main_window import MainWindow, active_main_window
from ui.patient.view import PatientView
from vo_crf.audit.trail import AuditAction
from vo_crf.auth.users import authenticate, list_users
from vo_crf.db.backup import list_backups
from vo_crf.db.engine import read_session
from vo_crf.db.models import AuditEntry
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record, list_record_ids
from vo_crf.entry.review import lock
from vo_crf.paths import to_database_url


def _ok(qtbot, dialog) -> None:  # noqa: ANN001
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def _reviewed_patient(project, inv, make_session, qtbot):  # noqa: ANN001, ANN202
    record_id = create_record(project, inv, "1")
    service = EntryService(project, inv)
    keys = [FormKey(record_id, "m0_arm_1", form) for form in ("clinical", "biology")]
    service.save_form(keys[0], {"clin_date": "2024-01-01"}, 2)
    service.save_form(keys[1], {"bio_date": "2024-01-01"}, 1)
    view = PatientView(make_session(inv), record_id)
    qtbot.addWidget(view)
    show_active(qtbot, view)
    view.open_form("m0_arm_1", "clinical")
    return view, service, keys


def test_lock_the_whole_patient_then_unlock_it_with_a_reason(project, users, make_session,
                                                             qtbot, on_modal) -> None:
    inv = users["inv"]
    view, service, keys = _reviewed_patient(project, inv, make_session, qtbot)
    view.review.actions["lock_record"].trigger()
    assert all(service.open_form(key).locked_by == "inv" for key in keys)
    view.open_form("m0_arm_1", "clinical")
    assert view.editor.read_only

    def give_reason(dialog) -> None:
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled()  # a reason is required
        qtbot.keyClicks(dialog.findChild(QPlainTextEdit, "reason"), "query from the monitor")
        assert ok.isEnabled()
        ok.click()

    on_modal(give_reason)
    view.review.actions["unlock_record"].trigger()
    assert all(service.open_form(key).locked_by is None for key in keys)
    assert not view.editor.read_only
    reasons = _unlock_reasons(project)
    assert len(reasons) >= len(keys) and set(reasons) == {"query from the monitor"}


def test_unlock_one_form_with_a_reason_and_cancel_leaves_it_locked(project, users, make_session,
                                                                   qtbot, on_modal) -> None:
    inv = users["inv"]
    view, service, keys = _reviewed_patient(project, inv, make_session, qtbot)
    lock(project, inv, keys[0].record_id)
    view.open_form("m0_arm_1", "biology")
    view.open_form("m0_arm_1", "clinical")
    on_modal(lambda dialog: dialog.reject())
    view.review.actions["unlock_form"].trigger()
    assert service.open_form(keys[0]).locked_by == "inv"

    def give_reason(dialog) -> None:
        qtbot.keyClicks(dialog.findChild(QPlainTextEdit, "reason"), "wrong date entered")
        _ok(qtbot, dialog)

    on_modal(give_reason)
    view.review.actions["unlock_form"].trigger()
    assert service.open_form(keys[0]).locked_by is None
    assert service.open_form(keys[1]).locked_by == "inv"  # only the form shown
    assert _unlock_reasons(project) == ["wrong date entered"]


def _unlock_reasons(project) -> list[str]:  # noqa: ANN001
    with read_session(project.engine) as session:
        return list(session.scalars(select(AuditEntry.reason).where(
            AuditEntry.action == AuditAction.UNLOCK).order_by(AuditEntry.id)))


def _users_dialog(project, users, make_session, qtbot, name: str) -> UsersDialog:  # noqa: ANN001
    dialog = UsersDialog(make_session(users["admin"]))
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    row = [u.username for u in dialog.users].index(name)
    dialog.table.selectRow(row)
    assert dialog.selected().username == name
    return dialog


def test_users_dialog_resets_a_password(project, users, make_session, qtbot,
                                        on_modal) -> None:
    dialog = _users_dialog(project, users, make_session, qtbot, "nurse")

    def new_password(box) -> None:
        assert isinstance(box, QInputDialog)
        assert "nurse" in box.labelText()
        box.setTextValue("a-brand-new-pass-2")
        box.accept()

    on_modal(new_password)
    qtbot.mouseClick(dialog.buttons["resetPassword"], _left())
    assert authenticate(project.engine, "nurse", "a-brand-new-pass-2").username == "nurse"


def test_users_dialog_changes_a_role(project, users, make_session, qtbot, on_modal) -> None:
    dialog = _users_dialog(project, users, make_session, qtbot, "nurse")

    def choose_role(box) -> None:
        assert isinstance(box, QInputDialog)
        box.setTextValue("Investigator")
        box.accept()

    on_modal(choose_role)
    qtbot.mouseClick(dialog.buttons["changeRole"], _left())
    roles = {u.username: u.role for u in list_users(project.engine)}
    assert roles["nurse"] == "investigator"
    row = [u.username for u in dialog.users].index("nurse")
    assert dialog.table.item(row, 2).text() == "Investigator"


def _left():  # noqa: ANN202
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_settings_date_format_changes_date_entry(project, nurse, make_session, isolated_settings,
                                                 qtbot, on_modal) -> None:
    record_id = create_record(project, nurse, "1")
    window = MainWindow(make_session(nurse))
    qtbot.addWidget(window)
    window.idle.set_timeout(0)
    show_active(qtbot, window)

    def day_first(dialog) -> None:
        combo = dialog.findChild(QComboBox, "dateFormat")
        combo.setCurrentIndex(combo.findData("dmy"))
        _ok(qtbot, dialog)

    on_modal(day_first)
    window.show_settings()
    assert isolated_settings.date_format == "dmy"
    show_active(qtbot, window)
    window.open_patient(record_id, "m0_arm_1", "clinical")
    editor = window.patient.editor
    date = editor.rows["clin_date"].editor
    assert date.line.placeholderText() == "DD/MM/YYYY"
    date.focus_widget().setFocus()
    type_keys(qtbot, "2024-03-05")
    editor.rows["clin_temp"].editor.focus_widget().setFocus()  # leaving the field formats it
    assert date.line.text() == "05/03/2024"
    assert date.value() == "2024-03-05"
    editor.save()
    key = FormKey(record_id, "m0_arm_1", "clinical")
    assert EntryService(project, nurse).open_form(key).values["clin_date"] == "2024-03-05"


def _first_start(qtbot, on_modal, choice: str, password: str = "new-admin-pass-1") -> None:  # noqa: ANN001
    def answer(dialog) -> None:
        assert dialog.objectName() == "firstStartDialog"
        dialog.findChild(QRadioButton, f"choice_{choice}").setChecked(True)
        dialog.findChild(QLineEdit, "adminPassword").setText(password)
        _ok(qtbot, dialog)

    on_modal(answer)


def test_first_start_creates_the_demo_study(tmp_path, qtbot, on_modal) -> None:
    url = to_database_url(str(tmp_path / "new" / "demo.sqlite"))
    _first_start(qtbot, on_modal, "demo")
    project = open_or_create(url)
    assert project is not None
    try:
        assert len(list_record_ids(project)) == 29
        assert authenticate(project.engine, "admin", "new-admin-pass-1").role == "admin"
    finally:
        project.close()


def test_first_start_creates_an_empty_study_after_a_refused_password(tmp_path, qtbot,
                                                                     on_modal) -> None:
    url = to_database_url(str(tmp_path / "empty.sqlite"))
    errors: list[str] = []

    def good(dialog) -> None:
        assert dialog.error.isVisible()
        errors.append(dialog.error.text())
        dialog.findChild(QLineEdit, "adminPassword").setText("long-enough-pass-1")
        _ok(qtbot, dialog)

    def short_then_good(dialog) -> None:
        dialog.findChild(QRadioButton, "choice_empty").setChecked(True)
        dialog.findChild(QLineEdit, "adminPassword").setText("short")
        on_modal(good)
        _ok(qtbot, dialog)

    on_modal(short_then_good)
    project = open_or_create(url)
    assert project is not None
    try:
        assert errors and errors[0]
        assert list_record_ids(project) == []
        assert Path(url.removeprefix("sqlite:///")).is_file()
    finally:
        project.close()


def test_run_end_to_end_logs_in_and_closes_with_a_backup(db_path, qtbot, on_modal,
                                                         monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    shown: list[str] = []

    def close_main_window() -> None:
        window = active_main_window()
        if window is None or not window.isVisible():
            QTimer.singleShot(20, close_main_window)
            return
        shown.append(window.windowTitle())
        window.close()

    def login(dialog) -> None:
        assert dialog.objectName() == "loginDialog"
        dialog.findChild(QLineEdit, "username").setText("nurse")
        dialog.findChild(QLineEdit, "password").setText(PASSWORDS["nurse"])
        QTimer.singleShot(0, close_main_window)
        _ok(qtbot, dialog)

    on_modal(login)
    assert run(str(db_path)) == 0
    assert shown and shown[0].startswith("vo-crf — ")
    assert {b.reason for b in list_backups(db_path)} >= {"close"}
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, MainWindow) and w.isVisible()]


def test_run_cancelled_at_login_returns_zero(db_path, qtbot, on_modal, monkeypatch,
                                             tmp_path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    on_modal(lambda dialog: dialog.findChild(QDialogButtonBox).button(
        QDialogButtonBox.StandardButton.Cancel).click())
    assert run(str(db_path)) == 0
    assert list_backups(db_path) == []


def test_run_prints_the_start_time_and_quits_at_login(db_path, monkeypatch, capsys,
                                                      tmp_path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("VO_CRF_EXIT_AT_LOGIN", "1")
    assert run(str(db_path)) == 0
    out = capsys.readouterr().out
    assert "login window shown" in out and "after the process started" in out
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible()]
