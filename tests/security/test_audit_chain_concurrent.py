"""A colleague saving while the study is opened or the trail verified: no false "tampered" refusal.

The check of the audit chain reads the head, counts the rows and walks them. A colleague's save
committed between those reads (another process on the same database, here another engine) must
not look like rows inserted outside vo-crf: the check reads one snapshot. The save is committed
deterministically right after the check read the chain head, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from accounts import PASSWORDS
from sqlalchemy import Connection, Engine, event, text

from vo_crf.audit.chain import chain_head
from vo_crf.audit.chain_check import verify_audit, verify_engine
from vo_crf.audit.verify_meanwhile import audit_check
from vo_crf.auth.users import CurrentUser
from vo_crf.cli import main
from vo_crf.entry.records import create_record
from vo_crf.project import AuditTrailBroken, Project, open_project

_WRITER = textwrap.dedent("""
    import sys
    from vo_crf.auth.permissions import Role
    from vo_crf.auth.users import CurrentUser
    from vo_crf.entry.records import create_record
    from vo_crf.project import open_project

    project = open_project(sys.argv[1])
    nurse = CurrentUser("nurse", Role.NURSE)
    print("writing", flush=True)
    for _ in range(int(sys.argv[2])):
        create_record(project, nurse, "1")
    project.close()
""")
_HEAD_READ = "SELECT head_seq, head_hash FROM audit_chain WHERE id = 1"


@contextmanager
def saving_after_each_head_read(save: Callable[[], None]) -> Iterator[list[int]]:
    """Run ``save`` (a colleague's committed write, through another engine) right after any
    engine read the audit chain head outside a write (a writer locks it: ``FOR UPDATE`` on
    PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite); yield the list of saves made."""
    saves: list[int] = []
    busy = [False]

    def after(conn: Connection, _cursor: Any, statement: str, *_args: Any) -> None:
        writing = "FOR UPDATE" in statement or conn.get_execution_options().get(
            "sqlite_immediate", False)
        if busy[0] or writing or not statement.startswith(_HEAD_READ):
            return
        busy[0] = True
        try:
            save()
            saves.append(1)
        finally:
            busy[0] = False

    event.listen(Engine, "after_cursor_execute", after)
    try:
        yield saves
    finally:
        event.remove(Engine, "after_cursor_execute", after)


@pytest.fixture
def colleague_saves(backend_project: Project, nurse: CurrentUser) -> Callable[[], None]:
    """A colleague's save: a new record with its audit rows, committed in its own transaction."""
    def save() -> None:
        create_record(backend_project, nurse, "1")
    return save


def _rows(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM audit_log")).scalar() or 0)


def test_opening_the_study_while_a_colleague_saves_is_not_refused(
        backend_project: Project, backend_url: str,
        colleague_saves: Callable[[], None]) -> None:
    before = _rows(backend_project.engine)
    with saving_after_each_head_read(colleague_saves) as saves:
        opened = open_project(backend_url)  # no AuditTrailBroken
    opened.close()
    assert saves  # the colleague really saved while the check ran
    assert _rows(backend_project.engine) > before
    assert verify_engine(backend_project.engine).ok  # and the trail is one intact chain


def test_opening_again_and_again_while_colleagues_save(
        backend_project: Project, backend_url: str,
        colleague_saves: Callable[[], None]) -> None:
    with saving_after_each_head_read(colleague_saves) as saves:
        for _ in range(5):  # each open's quick check starts after the last one's checkpoint
            open_project(backend_url).close()
    assert len(saves) >= 5
    report = verify_engine(backend_project.engine)
    assert report.ok, report.summary()
    assert report.rows == _rows(backend_project.engine)


def test_audit_verify_while_a_colleague_saves_reports_intact(
        backend_project: Project, backend_url: str, colleague_saves: Callable[[], None],
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("VO_CRF_PASSWORD", PASSWORDS["admin"])
    with saving_after_each_head_read(colleague_saves) as saves:
        code = main(["audit", "verify", "--db", backend_url, "--user", "admin"])
    captured = capsys.readouterr()
    out = captured.out
    assert saves, (code, out, captured.err)
    assert code == 0, out
    assert "audit trail intact" in out


def test_an_export_check_while_a_colleague_saves_is_intact(
        backend_project: Project, colleague_saves: Callable[[], None]) -> None:
    with saving_after_each_head_read(colleague_saves) as saves, \
            audit_check(backend_project.engine, "the export was refused") as check:
        report = check.require_intact()
    assert saves
    assert report.ok, report.summary()
    assert check.head.split(":")[0].isdigit()


def test_a_row_forged_beyond_the_head_is_still_refused_while_a_colleague_saves(
        backend_project: Project, backend_url: str,
        colleague_saves: Callable[[], None]) -> None:
    engine = backend_project.engine
    with engine.connect() as connection:
        position, _digest = chain_head(connection)
    with engine.begin() as connection:  # outside vo-crf: a row far after the head (where the
        # colleague's saves do not reach), the head not moved
        connection.execute(text(
            "INSERT INTO audit_log (at, username, action, uid, site, seq, chain_seq, chain_hash)"
            " VALUES ('2026-12-01 08:00:00', 'mallory', 'login', 'forged0001', '', 1, :seq, "
            ":hash)"), {"seq": position + 1000, "hash": "f" * 64})
    with saving_after_each_head_read(colleague_saves), \
            pytest.raises(AuditTrailBroken, match="beyond the chain head"):
        open_project(backend_url)


def test_a_second_process_opens_the_study_while_the_first_saves(
        backend_project: Project, backend_url: str) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(Path(__file__).parents[2]), os.environ.get("PYTHONPATH", "")])}
    writer = subprocess.Popen([sys.executable, "-c", _WRITER, backend_url, "60"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert writer.stdout is not None and writer.stdout.readline() == "writing\n"
        opens = 0
        while writer.poll() is None:  # the nurse opens the study again and again meanwhile
            open_project(backend_url).close()
            opens += 1
    finally:
        _out, err = writer.communicate(timeout=300)
    assert writer.returncode == 0, err
    assert opens
    report = verify_engine(backend_project.engine)
    assert report.ok, report.summary()


@pytest.mark.postgres
def test_a_check_on_a_connection_reading_a_snapshot_per_statement_is_refused(
        postgres_url: str) -> None:
    project = open_project(postgres_url)
    try:
        with project.engine.connect() as connection, \
                pytest.raises(ValueError, match="one read snapshot"):
            verify_audit(connection)
    finally:
        project.close()
