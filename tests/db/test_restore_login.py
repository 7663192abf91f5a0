"""Backup and restore need an admin login; a restore checks the study and says what it replaces
(issue 12 item 4)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from accounts import PASSWORDS
from sqlalchemy import select

from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser, authenticate
from vo_crf.cli import main
from vo_crf.db.backup import BackupError, backup_now
from vo_crf.db.engine import read_session, write_transaction
from vo_crf.db.models import AuditEntry, User
from vo_crf.db.restore import restore_database
from vo_crf.entry.records import create_record
from vo_crf.project import init_project, open_project


def _login(monkeypatch: pytest.MonkeyPatch, name: str, password: str | None = None) -> list[str]:
    monkeypatch.setenv("VO_CRF_PASSWORD", password or PASSWORDS[name])
    return ["--user", name]


def _record_ids(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [r[0] for r in connection.execute("SELECT record_id FROM records ORDER BY 1")]
    finally:
        connection.close()


def _users(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [r[0] for r in connection.execute("SELECT username FROM users ORDER BY 1")]
    finally:
        connection.close()


@pytest.fixture
def other_study(tmp_path: Path) -> Path:
    """Another study's database whose only user is 'evil'."""
    path = tmp_path / "elsewhere" / "other.sqlite"
    path.parent.mkdir()
    init_project(str(path), "evil", "evil-pass-12345").close()
    return path


def test_backup_needs_an_admin_login(db_path: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "copy.sqlite"
    monkeypatch.delenv("VO_CRF_PASSWORD", raising=False)
    with pytest.raises(SystemExit):  # --user is required
        main(["backup", "--db", str(db_path), "--to", str(target)])
    assert main(["backup", "--db", str(db_path), *_login(monkeypatch, "nurse"),
                 "--to", str(target)]) == 1
    assert "not allowed to manage users" in capsys.readouterr().err and not target.exists()
    assert main(["backup", "--db", str(db_path), *_login(monkeypatch, "admin", "wrong-one"),
                 "--to", str(target)]) == 1
    assert "login refused" in capsys.readouterr().err and not target.exists()
    assert main(["backup", "--db", str(db_path), *_login(monkeypatch, "admin"),
                 "--to", str(target)]) == 0
    assert target.exists()


def test_restore_refuses_another_studys_database_and_a_locked_out_admin(
        db_path: Path, other_study: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    before = _users(db_path)
    monkeypatch.delenv("VO_CRF_PASSWORD", raising=False)
    with pytest.raises(SystemExit):  # --user is required
        main(["restore", "--db", str(db_path), str(other_study), "--yes"])
    assert main(["restore", "--db", str(db_path), *_login(monkeypatch, "admin"),
                 str(other_study), "--yes"]) == 1
    assert "another study" in capsys.readouterr().err
    with pytest.raises(BackupError, match="another study"):  # the core refuses it too (GUI)
        restore_database(db_path, other_study, CurrentUser("admin", Role.ADMIN))
    project = open_project(str(db_path))
    for _ in range(5):  # five wrong passwords lock the admin out
        with pytest.raises(Exception, match="wrong"):
            authenticate(project.engine, "admin", "not-the-password")
    good = backup_now(project, "manual")
    project.close()
    assert main(["restore", "--db", str(db_path), *_login(monkeypatch, "admin"), str(good),
                 "--yes"]) == 1
    assert "login refused" in capsys.readouterr().err
    assert main(["restore", "--db", str(db_path), *_login(monkeypatch, "nurse"), str(good),
                 "--yes"]) == 1
    assert "not allowed" in capsys.readouterr().err
    assert _users(db_path) == before


def test_restore_says_what_it_replaces_and_needs_yes(
        db_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    project = open_project(str(db_path))
    admin = CurrentUser("admin", Role.ADMIN)
    good = backup_now(project, "manual")
    create_record(project, admin, "1")  # recorded after the backup
    with write_transaction(project.engine) as session:
        session.add(User(username="late", role="nurse", password_hash="x", full_name="",
                         active=True, failed_logins=0, created_at=dt.datetime(2026, 1, 1)))
    project.close()
    login = _login(monkeypatch, "admin")
    assert main(["restore", "--db", str(db_path), *login, str(good)]) == 1
    said = capsys.readouterr()
    assert "--yes" in said.err and _record_ids(db_path) == ["01-001"]
    assert "change(s) recorded since the backup" in said.out
    assert "on 1 patient(s)" in said.out and "late" in said.out
    assert main(["restore", "--db", str(db_path), *login, str(good), "--yes"]) == 0
    assert _record_ids(db_path) == [] and "late" not in _users(db_path)
    reopened = open_project(str(db_path))
    with read_session(reopened.engine) as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    reopened.close()
    assert last is not None and (last.action, last.username) == ("restore", "admin")


def test_the_core_restores_only_for_an_admin(db_path: Path) -> None:
    """The GUI's damaged-database path and the CLI share the core's check: an admin only."""
    from vo_crf.auth.file_login import admin_for_restore
    from vo_crf.auth.permissions import PermissionDenied
    from vo_crf.auth.users import AuthenticationError

    project = open_project(str(db_path))
    good = backup_now(project, "manual")
    create_record(project, CurrentUser("admin", Role.ADMIN), "1")
    project.close()
    with pytest.raises(PermissionDenied, match="nurse"):
        restore_database(db_path, good, CurrentUser("nurse", Role.NURSE))
    assert _record_ids(db_path) == ["01-001"]  # nothing restored
    with pytest.raises(PermissionDenied):
        admin_for_restore(good, "nurse", PASSWORDS["nurse"])
    with pytest.raises(AuthenticationError):
        admin_for_restore(good, "admin", "not-the-password")
    admin = admin_for_restore(good, "admin", PASSWORDS["admin"])
    restore_database(db_path, good, admin)
    assert _record_ids(db_path) == []
