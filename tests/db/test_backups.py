"""Backups: online copies with rotation, daily backups, checked restores, check at open."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from accounts import PASSWORDS
from sqlalchemy import select

from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.cli import main
from vo_crf.db.backup import (
    BackupError,
    backup_now,
    last_backup_time,
    list_backups,
    maybe_daily_backup,
)
from vo_crf.db.backup import backup_now_at as backup_at
from vo_crf.db.engine import read_session
from vo_crf.db.models import AuditEntry
from vo_crf.entry.records import create_record
from vo_crf.project import Project, ProjectError, open_project

NOW = dt.datetime(2026, 11, 25, 10, 15, 0)


ADMIN_LOGIN = ("--user", "admin")
"""Backup and restore need an admin login (test_restore_login.py); its password is set here."""


@pytest.fixture(autouse=True)
def admin_password(monkeypatch: pytest.MonkeyPatch) -> None:
    """The admin's password for the commands' login."""
    monkeypatch.setenv("VO_CRF_PASSWORD", PASSWORDS["admin"])


def _record_ids(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [r[0] for r in connection.execute("SELECT record_id FROM records ORDER BY id")]
    finally:
        connection.close()  # sqlite3's own ``with`` does not close


def test_online_backup_is_a_complete_single_file(project: Project, db_path: Path,
                                                 nurse: CurrentUser) -> None:
    create_record(project, nurse, "1")
    path = backup_now(project, "manual")
    assert path.parent == db_path.parent / "backups"
    assert path.name.startswith("study-") and path.name.endswith("Z-manual.sqlite")
    assert not Path(str(path) + "-wal").exists()
    assert _record_ids(path) == ["01-001"]
    taken = last_backup_time(project)
    assert taken is not None and abs(dt.datetime.now(dt.UTC).replace(tzinfo=None) - taken) \
        < dt.timedelta(minutes=1)


def test_rotation_keeps_the_last_seven_daily(project: Project, db_path: Path) -> None:
    for day in range(9):
        backup_at(project, "daily", NOW + dt.timedelta(days=day))
    for hour in range(3):
        backup_at(project, "close", NOW + dt.timedelta(hours=hour))
    daily = [b for b in list_backups(db_path) if b.reason == "daily"]
    assert len(daily) == 7
    assert daily[0].taken_at == NOW + dt.timedelta(days=2)
    assert len([b for b in list_backups(db_path) if b.reason == "close"]) == 3


def test_daily_backup_only_when_the_newest_is_older_than_a_day(project: Project) -> None:
    assert last_backup_time(project) is None
    assert maybe_daily_backup(project, now=NOW) is not None
    assert maybe_daily_backup(project, now=NOW + dt.timedelta(hours=23)) is None
    assert maybe_daily_backup(project, now=NOW + dt.timedelta(hours=25)) is not None
    assert last_backup_time(project) == NOW + dt.timedelta(hours=25)


def test_backup_command_writes_where_asked(db_path: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "copy.sqlite"
    assert main(["backup", "--db", str(db_path), *ADMIN_LOGIN, "--to", str(target)]) == 0
    assert "Backed up" in capsys.readouterr().out
    open_project(str(target)).close()


def test_restore_refuses_an_open_database_then_restores_and_keeps_the_old_file(
        db_path: Path, nurse: CurrentUser, capsys: pytest.CaptureFixture[str]) -> None:
    project = open_project(str(db_path))
    good = backup_now(project, "manual")
    create_record(project, nurse, "1")  # a change made after the backup
    assert main(["restore", "--db", str(db_path), *ADMIN_LOGIN, "--yes", str(good)]) == 1
    assert "open in vo-crf or another program" in capsys.readouterr().err
    assert _record_ids(db_path) == ["01-001"]
    project.close()
    assert main(["restore", "--db", str(db_path), *ADMIN_LOGIN, "--yes", str(good)]) == 0
    out = capsys.readouterr().out
    assert "replaced file is kept" in out
    assert _record_ids(db_path) == []
    kept = [b for b in list_backups(db_path) if b.reason == "before-restore"]
    assert len(kept) == 1 and _record_ids(kept[0].path) == ["01-001"]
    reopened = open_project(str(db_path))
    with read_session(reopened.engine) as session:
        actions = session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    reopened.close()
    assert actions[-1] == "restore"


def test_restore_refuses_a_damaged_backup(db_path: Path, tmp_path: Path) -> None:
    from vo_crf.db.restore import restore_database

    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x01" * 4000)
    before = db_path.read_bytes()
    with pytest.raises(BackupError, match="integrity check|not a vo-crf"):
        restore_database(db_path, bad, CurrentUser("admin", Role.ADMIN))
    assert db_path.read_bytes() == before


def test_damaged_database_names_the_latest_good_backup_and_can_be_restored(
        db_path: Path) -> None:
    project = open_project(str(db_path))
    good = backup_now(project, "close")
    project.close()
    data = bytearray(db_path.read_bytes())
    data[0:100] = b"\x00" * 100
    db_path.write_bytes(bytes(data))
    with pytest.raises(ProjectError) as refused:
        open_project(str(db_path))
    message = str(refused.value)
    assert "damaged" in message and str(good) in message and "vo-crf restore --db" in message
    assert main(["restore", "--db", str(db_path), *ADMIN_LOGIN, "--yes", str(good)]) == 0
    open_project(str(db_path)).close()
    assert any("damaged" in p.name for p in (db_path.parent / "backups").iterdir())


@pytest.mark.postgres
def test_postgresql_backups_are_the_servers_job(postgres_url: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    project = open_project(postgres_url)
    try:
        with pytest.raises(BackupError, match="pg_dump"):
            backup_now(project, "manual")
        assert maybe_daily_backup(project) is None
        assert last_backup_time(project) is None
    finally:
        project.close()
    assert main(["backup", "--db", postgres_url, *ADMIN_LOGIN]) == 1
    assert "pg_dump" in capsys.readouterr().err
