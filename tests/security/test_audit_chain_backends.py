"""The audit chain on SQLite and PostgreSQL: two writing processes, migration 0007's back-fill."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from alembic import command
from sqlalchemy import text

from vo_crf.auth.users import CurrentUser
from vo_crf.db.migrate import alembic_config, upgrade_to_head
from vo_crf.entry.records import create_record
from vo_crf.project import Project

_WRITER = textwrap.dedent("""
    import sys
    from vo_crf.audit.trail import AuditAction, Where, write_audit
    from vo_crf.auth.permissions import Role
    from vo_crf.auth.users import CurrentUser
    from vo_crf.db.engine import write_transaction
    from vo_crf.entry.records import create_record
    from vo_crf.project import open_project

    project = open_project(sys.argv[1])
    nurse = CurrentUser("nurse", Role.NURSE)
    for number in range(int(sys.argv[2])):
        with write_transaction(project.engine) as session:
            for field in ("a", "b"):
                write_audit(session, "nurse", AuditAction.VALUE_UPDATE,
                            Where(record_id=sys.argv[3], field=field), new_value=str(number))
        if number % 5 == 0:
            create_record(project, nurse, "1", f"01-{sys.argv[4]}{number:02d}")
    project.close()
""")


def _chain(project: Project) -> tuple[bool, str, int]:
    from vo_crf.audit.chain_check import verify_engine

    report = verify_engine(project.engine)
    return report.ok, report.summary(), report.rows


def test_two_processes_writing_at_once_keep_one_chain(backend_project: Project,
                                                      nurse: CurrentUser) -> None:
    with backend_project.engine.connect() as connection:
        before = connection.execute(text("SELECT count(*) FROM audit_log")).scalar()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(Path(__file__).parents[2]), os.environ.get("PYTHONPATH", "")])}
    writers = [subprocess.Popen([sys.executable, "-c", _WRITER, backend_project.url, "30",
                                 f"P{n}", str(n + 6)], env=env, stderr=subprocess.PIPE, text=True)
               for n in (1, 2)]
    for writer in writers:
        _out, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
    ok, summary, rows = _chain(backend_project)
    with backend_project.engine.connect() as connection:
        total = connection.execute(text("SELECT count(*) FROM audit_log")).scalar()
    assert ok, summary
    assert rows == total >= before + 2 * 30 * 2 + 2 * 6


def test_migration_0007_chains_the_rows_of_an_existing_database(backend_project: Project,
                                                                nurse: CurrentUser) -> None:
    engine = backend_project.engine
    create_record(backend_project, nurse, "1")
    command.downgrade(alembic_config(engine), "0006")
    with engine.begin() as connection:  # a row written by an older vo-crf
        connection.execute(text(
            "INSERT INTO audit_log (at, username, action, uid, site, seq) VALUES "
            "('2026-11-30 08:00:00', 'nurse', 'login', 'olduid0007', '', 1)"))
        rows = connection.execute(text("SELECT count(*) FROM audit_log")).scalar()
    upgrade_to_head(engine)
    ok, summary, chained = _chain(backend_project)
    assert ok, summary
    assert chained == rows
    with engine.connect() as connection:
        order = [r[0] for r in connection.execute(text(
            "SELECT id FROM audit_log ORDER BY chain_seq"))]
    assert order == sorted(order)
    create_record(backend_project, nurse, "1")  # new rows extend the back-filled chain
    ok, summary, chained = _chain(backend_project)
    assert ok, summary
    assert chained > rows
    with engine.begin() as connection:  # the back-fill left the append-only guard in place
        try:
            connection.execute(text("UPDATE audit_log SET username = 'x' WHERE id = 1"))
            refused = False
        except Exception:  # noqa: BLE001 - SQLite and PostgreSQL raise different errors
            refused = True
    assert refused
