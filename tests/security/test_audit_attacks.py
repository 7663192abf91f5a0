"""What an attacker holding the database file tries against the append-only triggers: each is
caught with a message naming the trigger (issue 12 item 9)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from accounts import PASSWORDS

from vo_crf.auth.users import CurrentUser
from vo_crf.cli import main
from vo_crf.entry.records import create_record
from vo_crf.project import Project, ProjectError, open_project

NEUTERED = {
    "never fires": """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log WHEN 0
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused'); END""",
    "one column only": """CREATE TRIGGER audit_log_no_update BEFORE UPDATE OF uid ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused'); END""",
    "on another table": """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON users
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused'); END""",
    "raise ignored": """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT 1 WHERE 0 AND RAISE(ABORT, 'audit_log is append-only'); END""",
}


@pytest.mark.parametrize("how", list(NEUTERED))
def test_a_trigger_replaced_by_one_that_does_not_refuse_is_named(
        project: Project, nurse: CurrentUser, db_path: Path, how: str,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    create_record(project, nurse, "1")
    project.close()
    with sqlite3.connect(db_path) as connection:
        connection.execute("DROP TRIGGER audit_log_no_update")
        connection.execute(NEUTERED[how])
        connection.execute("SAVEPOINT probe")  # the replacement really lets an edit through
        connection.execute("UPDATE audit_log SET reason = reason")
        connection.execute("ROLLBACK TO probe")
    connection.close()
    with pytest.raises(ProjectError, match="audit_log_no_update are missing or disabled"):
        open_project(str(db_path))
    monkeypatch.setenv("VO_CRF_PASSWORD", PASSWORDS["admin"])
    assert main(["audit", "verify", "--db", str(db_path), "--user", "admin"]) == 2
    assert "trigger missing or disabled: audit_log_no_update" in capsys.readouterr().out


PG_NEUTERED = {
    "never fires": ["DROP TRIGGER audit_log_no_change ON audit_log",
                    "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
                    "FOR EACH ROW WHEN (false) EXECUTE FUNCTION audit_log_append_only()"],
    "replica only": ["ALTER TABLE audit_log ENABLE REPLICA TRIGGER audit_log_no_change"],
    "body that never raises": [
        "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN IF false THEN RAISE EXCEPTION 'no'; END IF; RETURN OLD; END $$"],
}


@pytest.mark.postgres
@pytest.mark.parametrize("how", list(PG_NEUTERED))
def test_postgres_triggers_that_do_not_refuse_are_named(postgres_url: str, how: str) -> None:
    from sqlalchemy import create_engine, text

    from vo_crf.audit.chain_check import missing_triggers

    engine = create_engine(postgres_url)
    try:
        with engine.begin() as connection:
            assert missing_triggers(connection) == []
            for statement in PG_NEUTERED[how]:
                connection.execute(text(statement))
            assert missing_triggers(connection) != []
    finally:
        engine.dispose()
