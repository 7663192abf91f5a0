"""The audit trail is tamper-evident: forged, edited or deleted rows and dropped triggers show.

Issue 12 item 9: a back-dated ``INSERT INTO audit_log``, an UPDATE after ``DROP TRIGGER`` and a
backup without triggers were accepted. Now the hash chain names the first broken row at open,
in ``vo-crf audit verify``, before exports and backups, and restore refuses such a backup.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from accounts import PASSWORDS
from tampering import RECREATE_NO_UPDATE, edit_an_old_row

from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.cli import main
from vo_crf.db.backup import BackupError, backup_database
from vo_crf.db.restore import restore_database
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.exchange.odm_export import export_odm
from vo_crf.project import Project, ProjectError, open_project

ADMIN = CurrentUser("admin", Role.ADMIN)


def _enter_data(project: Project, nurse: CurrentUser) -> str:
    record_id = create_record(project, nurse, "1")
    clinical = FormKey(record_id, "m0_arm_1", "clinical")
    EntryService(project, nurse).save_form(clinical, {"clin_date": "2007-06-14"}, 1)
    return record_id


def _closed_with_data(project: Project, nurse: CurrentUser, later_save: bool = False) -> str:
    record_id = _enter_data(project, nurse)
    if later_save:  # a newer audit row than the clinical form's save
        EntryService(project, nurse).save_form(FormKey(record_id, "m0_arm_1", "biology"),
                                               {"bio_crp": "120"}, 1)
    with project.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    project.close()
    return record_id


def _verify_cli(db: Path, monkeypatch: pytest.MonkeyPatch,
                capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    monkeypatch.setenv("VO_CRF_PASSWORD", PASSWORDS["admin"])
    status = main(["audit", "verify", "--db", str(db), "--user", "admin", *extra])
    return status, capsys.readouterr().out


def test_a_back_dated_insert_is_named_at_open_and_by_audit_verify(
        project: Project, nurse: CurrentUser, db_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    record_id = _closed_with_data(project, nurse)
    status, out = _verify_cli(db_path, monkeypatch, capsys)
    assert status == 0 and "audit trail intact" in out
    with sqlite3.connect(db_path) as connection:
        forged = connection.execute(
            "INSERT INTO audit_log (at, username, action, record_id, event, form, field, "
            "old_value, new_value) VALUES ('2026-01-02 09:00:00.000000', 'inv', 'value_update', "
            "?, 'm0_arm_1', 'clinical', 'clin_date', '2007-06-14', '2007-06-15')",
            (record_id,)).lastrowid
    connection.close()
    named = rf"audit row {forged} \(2026-01-02 09:00:00, value_update\): not in the chain"
    with pytest.raises(ProjectError, match=named):
        open_project(str(db_path))
    status, out = _verify_cli(db_path, monkeypatch, capsys)
    assert status == 2
    assert f"audit row {forged} (2026-01-02 09:00:00, value_update): not in the chain" in out


def test_drop_trigger_then_update_or_delete_is_detected(
        project: Project, nurse: CurrentUser, db_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    _closed_with_data(project, nurse, later_save=True)
    with sqlite3.connect(db_path) as connection:
        connection.execute("DROP TRIGGER audit_log_no_update")
        connection.execute("DROP TRIGGER audit_log_no_delete")
        edited, at, action = connection.execute(
            "SELECT id, substr(at, 1, 19), action FROM audit_log "
            "WHERE changes LIKE '%clin_date%'").fetchone()  # the form save's row (0010)
        connection.execute("UPDATE audit_log SET changes = replace(changes, '2007-06-14', "
                           "'2007-06-15') WHERE id = ?", (edited,))
        last = connection.execute("SELECT max(id) FROM audit_log").fetchone()[0]
        connection.execute("DELETE FROM audit_log WHERE id = ?", (last,))
    connection.close()
    with pytest.raises(ProjectError) as refused:
        open_project(str(db_path))
    message = str(refused.value)
    assert "audit_log_no_update" in message and "audit_log_no_delete" in message
    assert f"audit row {edited} ({at}, {action}): hash mismatch" in message
    status, out = _verify_cli(db_path, monkeypatch, capsys)
    assert status == 2
    assert "1 row(s) missing" in out  # the deleted newest row (the later save's)
    assert f"audit row {edited} ({at}, {action}): hash mismatch" in out


def test_a_deleted_row_in_the_middle_names_the_row_after_the_gap(
        project: Project, nurse: CurrentUser, db_path: Path) -> None:
    _closed_with_data(project, nurse)
    with sqlite3.connect(db_path) as connection:
        connection.execute("DROP TRIGGER audit_log_no_delete")
        first, second = connection.execute(
            "SELECT id FROM audit_log ORDER BY chain_seq LIMIT 2 OFFSET 2").fetchall()
        connection.execute("DELETE FROM audit_log WHERE id = ?", first)
        connection.execute(_RECREATE_NO_DELETE)
    connection.close()
    with pytest.raises(ProjectError, match=rf"audit row {second[0]} .*1 row\(s\) missing before"):
        open_project(str(db_path))


_RECREATE_NO_DELETE = """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused'); END"""


def test_exports_and_backups_refuse_a_trail_changed_while_open(
        project: Project, nurse: CurrentUser, users: dict[str, CurrentUser], db_path: Path,
        tmp_path: Path) -> None:
    _enter_data(project, nurse)
    good = backup_database(db_path, "manual")
    odm = tmp_path / "before.xml"
    export_odm(project, users["admin"], odm)
    head = odm.read_text(encoding="utf-8").split("Audit trail chain head: ")[1].split('"')[0]
    assert head.split(":")[0].isdigit() and len(head.split(":")[1]) == 64
    with sqlite3.connect(db_path) as connection:
        connection.execute("DROP TRIGGER audit_log_no_update")
    connection.close()
    with pytest.raises(ProjectError, match="export refused: .*audit_log_no_update"):
        export_odm(project, users["admin"], tmp_path / "after.xml")
    assert not (tmp_path / "after.xml").exists()
    before = sorted(good.parent.iterdir())
    with pytest.raises(BackupError, match="no backup .*audit_log_no_update"):
        backup_database(db_path, "manual")
    assert sorted(good.parent.iterdir()) == before


def test_restore_refuses_a_backup_without_triggers_or_with_a_broken_chain(
        project: Project, nurse: CurrentUser, db_path: Path, tmp_path: Path) -> None:
    _closed_with_data(project, nurse)
    no_triggers = tmp_path / "no-triggers.sqlite"
    shutil.copy(db_path, no_triggers)
    with sqlite3.connect(no_triggers) as connection:
        connection.execute("DROP TRIGGER audit_log_no_update")
        connection.execute("DROP TRIGGER audit_log_no_delete")
    connection.close()
    target = tmp_path / "target.sqlite"
    shutil.copy(db_path, target)
    with pytest.raises(BackupError, match="refused: .*audit_log_no_update"):
        restore_database(target, no_triggers, ADMIN)
    forged = tmp_path / "forged.sqlite"
    shutil.copy(db_path, forged)
    with sqlite3.connect(forged) as connection:
        connection.execute("INSERT INTO audit_log (at, username, action) "
                           "VALUES ('2025-05-05 05:05:05', 'evil', 'value_update')")
    connection.close()
    with pytest.raises(BackupError, match="refused: .*not in the chain"):
        restore_database(target, forged, ADMIN)
    restore_database(target, db_path, ADMIN)  # the sound one is accepted
    open_project(str(target)).close()


def test_an_export_head_shows_a_chain_recomputed_after_an_edit(
        project: Project, nurse: CurrentUser, users: dict[str, CurrentUser], db_path: Path,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from vo_crf.audit.chain import CONTENT_FIELDS, GENESIS, row_hash

    _enter_data(project, nurse)
    odm = tmp_path / "earlier.xml"
    export_odm(project, users["admin"], odm)
    head = odm.read_text(encoding="utf-8").split("Audit trail chain head: ")[1].split('"')[0]
    project.close()
    status, out = _verify_cli(db_path, monkeypatch, capsys, "--extends", head)
    assert status == 0 and f"the trail extends {head}" in out
    # An attacker who edits a row, recomputes every later hash and puts the triggers back
    with sqlite3.connect(db_path) as connection:
        connection.execute("DROP TRIGGER audit_log_no_update")
        connection.execute("UPDATE audit_log SET changes = replace(changes, '2007-06-14', "
                           "'2007-06-15') WHERE changes LIKE '%clin_date%'")  # a form save
        rows = connection.execute(f"SELECT id, {', '.join(CONTENT_FIELDS)} FROM audit_log "
                                  "ORDER BY chain_seq").fetchall()
        previous = GENESIS
        for position, (row_id, *content) in enumerate(rows, start=1):
            previous = row_hash(previous, position, dict(zip(CONTENT_FIELDS, content,
                                                             strict=True)))
            connection.execute("UPDATE audit_log SET chain_hash = ? WHERE id = ?",
                               (previous, row_id))
        connection.execute("UPDATE audit_chain SET head_hash = ?, verified_seq = NULL",
                           (previous,))
        connection.execute(RECREATE_NO_UPDATE)
    connection.close()
    status, out = _verify_cli(db_path, monkeypatch, capsys, "--extends", head)
    assert status == 2 and f"the trail does NOT extend {head}" in out


def test_an_old_row_edited_with_the_triggers_put_back_is_refused_by_exports_and_verify(
        project: Project, nurse: CurrentUser, users: dict[str, CurrentUser], db_path: Path,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    _closed_with_data(project, nurse)
    status, _out = _verify_cli(db_path, monkeypatch, capsys)  # the quick check starts after it
    assert status == 0
    edited = edit_an_old_row(db_path)
    reopened = open_project(str(db_path))  # the quick check at open does not re-hash old rows
    try:
        with pytest.raises(ProjectError, match=rf"export refused: .*audit row {edited} .*hash"):
            export_odm(reopened, users["admin"], tmp_path / "refused.xml")
        with pytest.raises(BackupError, match=rf"audit row {edited} .*hash mismatch"):
            backup_database(db_path, "manual")
    finally:
        reopened.close()
    status, out = _verify_cli(db_path, monkeypatch, capsys)
    assert status == 2 and f"audit row {edited} " in out and "hash mismatch" in out


def test_an_intact_quick_check_at_open_moves_the_checkpoint_so_the_next_open_is_quick(
        project: Project, nurse: CurrentUser, db_path: Path) -> None:
    """A study opened after a big import must not re-hash every row at each later open
    (a 10,000-patient study took 9 s to show its login window)."""
    _closed_with_data(project, nurse)
    first = open_project(str(db_path))  # the quick check walks the rows added since init
    first.close()
    with sqlite3.connect(db_path) as connection:
        verified = connection.execute("SELECT verified_seq FROM audit_chain").fetchone()[0]
        head = connection.execute("SELECT max(chain_seq) FROM audit_log").fetchone()[0]
    connection.close()
    assert verified == head  # the next open starts at the head: nothing old is re-hashed
    again = open_project(str(db_path))
    again.close()
