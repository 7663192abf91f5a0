"""What an attacker holding the database file does to the audit trail, for the tests that
check every output refuses a tampered trail: drop the append-only trigger, edit an old row,
put the trigger back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from vo_crf.auth.users import CurrentUser
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.project import Project

RECREATE_NO_UPDATE = """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused'); END"""


def save_a_clinical_date(project: Project, user: CurrentUser) -> str:
    """A new VO record whose M0 clinical form holds 2007-06-14; return its id."""
    record_id = create_record(project, user, "1")
    EntryService(project, user).save_form(FormKey(record_id, "m0_arm_1", "clinical"),
                                          {"clin_date": "2007-06-14"}, 1)
    return record_id


def edit_an_old_row(db_path: Path) -> int:
    """Change that date in its form save's audit row behind vo-crf's back; return the row id."""
    with sqlite3.connect(db_path) as connection:
        connection.execute("DROP TRIGGER audit_log_no_update")
        edited = connection.execute("SELECT id FROM audit_log WHERE changes LIKE '%clin_date%'"
                                    ).fetchone()[0]  # the form save's row (0010)
        connection.execute("UPDATE audit_log SET changes = replace(changes, '2007-06-14', "
                           "'2007-06-15') WHERE id = ?", (edited,))
        connection.execute(RECREATE_NO_UPDATE)
    connection.close()
    return int(edited)
