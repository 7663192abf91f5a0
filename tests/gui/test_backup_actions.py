"""Backups from the GUI: daily at open, at close, "Back up now", restore, a damaged database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from accounts import PASSWORDS
from gui_helpers import open_main_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
)
from sqlalchemy import select

import ui.backups as backups_module
from ui.app import run
from ui.backups import local_time_text
from ui.tasks import tasks_running
from vo_crf.db.backup import BackupError, backup_now, list_backups
from vo_crf.db.engine import read_session
from vo_crf.db.models import AuditEntry
from vo_crf.db.restore import RESTORE_ACTION
from vo_crf.entry.records import create_record, list_record_ids


def _reasons(db_path: Path) -> list[str]:
    return [b.reason for b in list_backups(db_path)]


def test_open_makes_the_daily_backup_and_the_status_bar_shows_its_time(
        db_path, nurse, make_session, qtbot) -> None:
    window = open_main_window(qtbot, make_session(nurse))
    (daily,) = list_backups(db_path)
    assert daily.reason == "daily"
    label = window.backups.label
    assert label.isVisible()
    assert label.text() == f"Last backup: {local_time_text(daily.taken_at, 'iso')}"
    window.close()
    assert sorted(_reasons(db_path)) == ["close", "daily"]


def test_closing_the_window_makes_an_on_close_backup(db_path, project, nurse, make_session,
                                                     qtbot) -> None:
    backup_now(project, "manual")  # a recent backup: no daily one at open
    window = open_main_window(qtbot, make_session(nurse))
    assert _reasons(db_path) == ["manual"]
    create_record(project, nurse, "1")
    window.close()
    assert not window.isVisible()
    close = [b for b in list_backups(db_path) if b.reason == "close"]
    assert len(close) == 1
    copy = sqlite3.connect(close[0].path)
    try:
        assert copy.execute("SELECT count(*) FROM records").fetchone()[0] == 1
    finally:
        copy.close()


def test_a_failed_on_close_backup_is_shown_and_the_window_still_closes(
        db_path, nurse, make_session, qtbot, on_modal, monkeypatch) -> None:
    window = open_main_window(qtbot, make_session(nurse))

    def broken(project, reason):  # noqa: ANN001, ANN202
        raise BackupError("disk full")

    monkeypatch.setattr(backups_module, "backup_now", broken)
    shown: list[str] = []

    def read_and_close(box) -> None:
        shown.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    on_modal(read_and_close)
    window.close()
    assert not window.isVisible()
    assert shown and "disk full" in shown[0]
    assert _reasons(db_path) == ["daily"]


def test_back_up_now_writes_a_file_and_updates_the_status_bar(db_path, project, nurse,
                                                             make_session, qtbot) -> None:
    backup_now(project, "daily")
    window = open_main_window(qtbot, make_session(nurse))
    action = window.findChild(type(window.menuBar().actions()[0]), "action_backup_now")
    assert action is not None and action.isEnabled()
    action.trigger()
    qtbot.waitUntil(lambda: "manual" in _reasons(db_path))
    qtbot.waitUntil(lambda: tasks_running() == 0)
    newest = list_backups(db_path)[-1]
    assert newest.reason == "manual" and newest.path.is_file()
    assert local_time_text(newest.taken_at, "iso") in window.backups.label.text()
    assert newest.path.name in window.statusBar().currentMessage()


def test_restore_from_backup_asks_then_restores_and_reopens(db_path, project, users,
                                                            make_session, qtbot,
                                                            on_modal) -> None:
    admin = users["admin"]
    chosen_backup = backup_now(project, "manual")
    create_record(project, admin, "1")  # entered after the backup: gone after the restore
    window = open_main_window(qtbot, make_session(admin))
    reopened: list[str] = []
    window.reopen_database.connect(reopened.append)
    told: list[str] = []

    def after(box) -> None:  # noqa: ANN001
        told.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    def confirm(box) -> None:
        assert "Replace the study database" in box.text()
        assert "change(s) recorded since the backup" in box.text()  # what the restore removes
        assert "on 1 patient(s)" in box.text()
        on_modal(after)
        box.button(QMessageBox.StandardButton.Yes).click()

    def choose(dialog) -> None:
        assert dialog.objectName() == "chooseBackupDialog"
        assert dialog.table.rowCount() == 1 and dialog.chosen.reason == "manual"
        on_modal(confirm)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    on_modal(choose)
    assert window.restore_from_backup()
    assert reopened == [project.url]
    assert not window.isVisible()
    assert list_record_ids(project) == []
    with read_session(project.engine) as session:
        actions = session.scalars(select(AuditEntry.action)).all()
    assert actions[-1] == RESTORE_ACTION
    assert "before-restore" in _reasons(db_path)
    assert "close" not in _reasons(db_path)  # no on-close backup of the replaced database
    kept = [p.name for p in (db_path.parent / "backups").iterdir() if "before-restore" in p.name]
    assert chosen_backup.name in told[0]  # then it says what it restored,
    assert "on 1 patient(s)" in told[0]  # what went,
    assert kept and kept[0] in told[0]  # where the replaced database is kept
    assert "log in again" in told[0]


def _damage(path: Path) -> None:
    """Overwrite one b-tree page in the middle of the file (quick_check then fails)."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.close()
    data = bytearray(path.read_bytes())
    start = (pages // 2) * page_size
    data[start:start + page_size] = b"\x0d" + b"\xff" * (page_size - 1)
    path.write_bytes(bytes(data))


def test_a_damaged_database_is_caught_at_login_and_the_latest_backup_restored(
        db_path, project, nurse, qtbot, on_modal, monkeypatch, tmp_path) -> None:  # noqa: ANN001
    """The login window shows at once; the quick check runs meanwhile and stops the login."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    record_id = create_record(project, nurse, "1")
    good = backup_now(project, "daily")
    project.close()
    _damage(db_path)
    seen: dict[str, object] = {}

    def restore(box) -> None:  # noqa: ANN001
        seen["title"] = box.windowTitle()
        seen["text"] = box.text()
        seen["details"] = box.detailedText()
        seen["buttons"] = sorted(b.objectName() for b in box.findChildren(QAbstractButton)
                                 if b.objectName())
        on_modal(admin_login)
        qtbot.mouseClick(box.findChild(QAbstractButton, "restoreLatest"),
                         Qt.MouseButton.LeftButton)

    def admin_login(dialog) -> None:  # noqa: ANN001
        """Only an admin restores: the nurse who was logging in is refused, then the admin."""
        seen["admin dialog"] = dialog.objectName()
        seen["replaces"] = dialog.findChild(QLabel, "restoreReplaces").text()
        error = dialog.findChild(QLabel, "restoreLoginError")
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        for name, password in (("nurse", PASSWORDS["nurse"]), ("admin", "wrong-password"),
                               ("admin", PASSWORDS["admin"])):
            dialog.findChild(QLineEdit, "username").clear()
            qtbot.keyClicks(dialog.findChild(QLineEdit, "username"), name)
            qtbot.keyClicks(dialog.findChild(QLineEdit, "password"), password)
            if name == "admin" and password == PASSWORDS["admin"]:
                on_modal(cancel_second_login)
            qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
            if dialog.isVisible():
                seen.setdefault("refusals", []).append(error.text())

    def cancel_second_login(dialog) -> None:  # noqa: ANN001
        seen["second"] = dialog.objectName()
        seen["records"] = list_record_ids(dialog.project)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel).click()

    def log_in(dialog) -> None:  # noqa: ANN001
        seen["first"] = dialog.objectName()
        dialog.findChild(QLineEdit, "username").setText("nurse")
        dialog.findChild(QLineEdit, "password").setText(PASSWORDS["nurse"])
        on_modal(restore)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    logins_before = _login_rows(good)
    on_modal(log_in)
    assert run(str(db_path)) == 0
    assert seen["first"] == seen["second"] == "loginDialog"
    assert seen["title"] == "The study database is damaged"
    assert good.name in str(seen["text"])
    assert "vo-crf restore" in str(seen["details"])  # the core's message, in full
    assert {"restoreLatest", "openAnother", "quit"} <= set(seen["buttons"])
    assert seen["records"] == [record_id]
    assert seen["admin dialog"] == "restoreLoginDialog"
    assert good.name in str(seen["replaces"]) and "is kept as a copy" in str(
        seen["replaces"])  # what the restore replaces, said before the login
    refusals = seen["refusals"]
    assert isinstance(refusals, list) and len(refusals) == 2
    assert "nurse is not an administrator" in refusals[0]
    assert "wrong user name or password" in refusals[1]
    with sqlite3.connect(db_path) as connection:
        restorer = connection.execute("SELECT username FROM audit_log WHERE action = ? "
                                      "ORDER BY id DESC LIMIT 1", (RESTORE_ACTION,)).fetchone()
    assert restorer == ("admin",)  # the admin who logged in, not the system account
    assert _login_rows(db_path) == logins_before  # nothing was written to the damaged file
    assert any(name.startswith("study-damaged-")
               for name in (p.name for p in (db_path.parent / "backups").iterdir()))


def _login_rows(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT count(*) FROM audit_log WHERE action = 'login'"
                                  ).fetchone()[0]


def test_a_damaged_database_can_be_left_for_another_one(db_path, template_db, tmp_path,
                                                        project, qtbot, on_modal,
                                                        monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    project.close()
    _damage(db_path)
    other = tmp_path / "other.sqlite"
    other.write_bytes(template_db.read_bytes())
    import ui.app as app_module

    monkeypatch.setattr(app_module, "_ask_other_database", lambda url: f"sqlite:///{other}")
    opened: list[str] = []

    def cancel_on_other(dialog) -> None:  # noqa: ANN001
        opened.append(dialog.project.url)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel).click()

    def open_another(box) -> None:  # noqa: ANN001
        on_modal(cancel_on_other)
        box.findChild(QAbstractButton, "openAnother").click()

    def log_in(dialog) -> None:  # noqa: ANN001
        dialog.findChild(QLineEdit, "username").setText("nurse")
        dialog.findChild(QLineEdit, "password").setText(PASSWORDS["nurse"])
        on_modal(open_another)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    on_modal(log_in)
    assert run(str(db_path)) == 0
    assert opened == [f"sqlite:///{other}"]


def test_the_restore_preview_is_in_french_in_the_french_gui(db_path, project, users,
                                                            make_session, qtbot, on_modal,
                                                            french) -> None:  # noqa: ANN001
    admin = users["admin"]
    backup_now(project, "manual")
    create_record(project, admin, "1")
    window = open_main_window(qtbot, make_session(admin))
    seen: dict[str, str] = {}

    def confirm(box) -> None:  # noqa: ANN001
        seen["text"] = box.text()
        box.button(QMessageBox.StandardButton.Cancel).click()

    def choose(dialog) -> None:  # noqa: ANN001
        on_modal(confirm)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    on_modal(choose)
    assert not window.restore_from_backup()
    text = seen["text"]
    assert "Supprimé par la restauration" in text or "Supprimés par la restauration" in text
    assert "Removed by the restore" not in text
    assert "recorded since the backup" not in text
