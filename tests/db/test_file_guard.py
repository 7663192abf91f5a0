"""An open SQLite database whose files are deleted or replaced under it refuses to save.

Issue 11 item 3: once the process's POSIX locks were dropped (any ``close()`` of another
descriptor on the database file), another process deleted the ``-wal`` when it closed; every
later save went into the deleted file and was reported as done.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from vo_crf.auth.users import CurrentUser
from vo_crf.db.file_guard import DatabaseFilesChanged, database_unusable
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.project import Project

OTHER_PROCESS = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
print(connection.execute("SELECT count(*) FROM item_values").fetchone()[0])
connection.execute("BEGIN IMMEDIATE")
connection.execute("UPDATE users SET full_name = 'Nina R.' WHERE username = 'nurse'")
connection.execute("COMMIT")
connection.close()
"""


def other_process_reads_writes_and_closes(db: Path) -> int:
    """Another program (the command line) reads, writes and ends; return what it counted."""
    done = subprocess.run([sys.executable, "-c", OTHER_PROCESS, str(db)], capture_output=True,
                          text=True, timeout=60, check=True)
    return int(done.stdout)


def stored_temperature(db: Path, record_id: str) -> list[str]:
    """``clin_temp`` of the record as a fresh connection in another process sees it."""
    code = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); print(repr([r[0] for r in "
            "c.execute(\"SELECT v.value FROM item_values v JOIN form_instances f ON "
            "f.id = v.form_instance_id JOIN records r ON r.id = f.record_pk WHERE "
            "r.record_id = ? AND v.field = 'clin_temp'\", (sys.argv[2],))])); c.close()")
    done = subprocess.run([sys.executable, "-c", code, str(db), record_id], capture_output=True,
                          text=True, timeout=60, check=True)
    return list(eval(done.stdout))  # noqa: S307 - our own repr of a list of strings


@pytest.fixture
def saved_form(project: Project, nurse: CurrentUser) -> FormKey:
    record_id = create_record(project, nurse, "1")
    key = FormKey(record_id, "m0_arm_1", "clinical")
    EntryService(project, nurse).save_form(key, {"clin_date": "2024-01-10", "clin_temp": "37"},
                                           0)
    return key


def _version(project: Project, nurse: CurrentUser, key: FormKey) -> int | None:
    return EntryService(project, nurse).open_form(key).version


def test_another_process_reads_and_writes_while_the_database_is_open(
        project: Project, nurse: CurrentUser, saved_form: FormKey, db_path: Path) -> None:
    assert other_process_reads_writes_and_closes(db_path) > 0
    assert Path(f"{db_path}-wal").exists()  # our locks held: the other process left it
    service = EntryService(project, nurse)
    service.save_form(saved_form, {"clin_temp": "38"}, 0,
                      expected_version=_version(project, nurse, saved_form))
    assert stored_temperature(db_path, saved_form.record_id) == ["38"]


def test_a_save_after_the_locks_were_lost_and_the_wal_deleted_is_refused(
        project: Project, nurse: CurrentUser, saved_form: FormKey, db_path: Path) -> None:
    version = _version(project, nurse, saved_form)
    with open(db_path, "rb") as other_descriptor:  # what Qt's file dialog did
        other_descriptor.read(100)
    other_process_reads_writes_and_closes(db_path)
    assert not Path(f"{db_path}-wal").exists()  # deleted under the open connection
    with pytest.raises(DatabaseFilesChanged, match="-wal\\) was deleted") as refused:
        EntryService(project, nurse).save_form(saved_form, {"clin_temp": "39"}, 0,
                                               expected_version=version)
    assert database_unusable(refused.value)
    assert stored_temperature(db_path, saved_form.record_id) == ["37"]


def test_a_save_into_a_replaced_database_file_is_refused(
        project: Project, nurse: CurrentUser, saved_form: FormKey, db_path: Path,
        template_db: Path, tmp_path: Path) -> None:
    version = _version(project, nurse, saved_form)
    shutil.copy(template_db, tmp_path / "copy.sqlite")
    os.replace(tmp_path / "copy.sqlite", db_path)
    with pytest.raises(DatabaseFilesChanged, match="replaced by another file"):
        EntryService(project, nurse).save_form(saved_form, {"clin_temp": "39"}, 0,
                                               expected_version=version)
    assert "39" not in stored_temperature(db_path, saved_form.record_id)


def test_a_deleted_database_refuses_reads_and_saves(
        project: Project, nurse: CurrentUser, saved_form: FormKey, db_path: Path,
        tmp_path: Path) -> None:
    os.rename(db_path, tmp_path / "moved-away.sqlite")
    with pytest.raises(DatabaseFilesChanged, match="was deleted or moved"):
        EntryService(project, nurse).open_form(saved_form)


SQLCIPHER_OTHER_PROCESS = """
import sqlcipher3, sys
connection = sqlcipher3.connect(sys.argv[1])
connection.execute("PRAGMA key = 'correct horse battery staple'")
connection.execute("SELECT count(*) FROM records").fetchone()
connection.close()
"""


def test_backing_up_an_open_encrypted_database_never_opens_it_with_another_sqlite(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("sqlcipher3", reason="SQLCipher wheels exist for Linux only")
    from vo_crf.auth.users import authenticate
    from vo_crf.db.backup import BackupError, backup_now
    from vo_crf.project import init_project, open_project

    path = tmp_path / "secret.sqlite"
    url = f"sqlite+pysqlcipher:///{path}"
    monkeypatch.setenv("VO_CRF_DB_PASSPHRASE", "correct horse battery staple")
    init_project(url, "admin", "admin-pass-1").close()
    project = open_project(url)
    try:
        admin = authenticate(project.engine, "admin", "admin-pass-1")
        record_id = create_record(project, admin, "1")
        with pytest.raises(BackupError, match="encrypted .* while it is open"):
            backup_now(project, "manual")  # the daily, manual and closing backups
        subprocess.run([sys.executable, "-c", SQLCIPHER_OTHER_PROCESS, str(path)], check=True,
                       timeout=60)
        assert Path(f"{path}-wal").exists()  # our locks held: the other process left it
        EntryService(project, admin).save_form(FormKey(record_id, "m0_arm_1", "clinical"),
                                               {"clin_temp": "37"}, 0)
    finally:
        project.close()
    reopened = open_project(url)
    state = EntryService(reopened, admin).open_form(FormKey(record_id, "m0_arm_1", "clinical"))
    reopened.close()
    assert state.values["clin_temp"] == "37"
