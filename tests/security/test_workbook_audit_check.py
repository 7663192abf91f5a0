"""The workbook verifies the whole audit trail in another process while it writes its sheets
(issue 14: the benchmark's time ratio), and still never publishes a workbook from a tampered
trail: the finished file is moved into place only when the verification found the trail intact.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from vo_crf.audit import chain_check, verify_meanwhile
from vo_crf.audit.chain import chain_head
from vo_crf.audit.chain_check import ChainReport
from vo_crf.audit.export_head import head_in_export
from vo_crf.auth.users import CurrentUser
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.project import Project, ProjectError, open_project
from vo_crf.reports.workbook import export_workbook

_RECREATE_NO_UPDATE = """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused'); END"""


@pytest.fixture
def in_another_process(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every trail verified by a separate process (not only long ones); the verifications run
    in this process are recorded (the spawned process imports the real module afresh)."""
    monkeypatch.setattr(verify_meanwhile, "IN_PROCESS_BELOW", 0)
    here: list[str] = []
    real = chain_check.verify_audit

    def recorded(connection: object, quick: bool = False) -> ChainReport:
        here.append("full" if not quick else "quick")
        return real(connection, quick)  # type: ignore[arg-type]

    monkeypatch.setattr(chain_check, "verify_audit", recorded)
    return here


def _with_data(project: Project, nurse: CurrentUser) -> None:
    record_id = create_record(project, nurse, "1")
    EntryService(project, nurse).save_form(FormKey(record_id, "m0_arm_1", "clinical"),
                                           {"clin_date": "2007-06-14"}, 1)


def _verified_checkpoint(project: Project) -> int:
    with project.engine.connect() as connection:
        return int(connection.execute(text(
            "SELECT verified_seq FROM audit_chain WHERE id = 1")).scalar() or 0)


def test_the_workbook_verifies_the_trail_in_another_process_and_carries_its_head(
        project: Project, nurse: CurrentUser, users: dict[str, CurrentUser], tmp_path: Path,
        in_another_process: list[str]) -> None:
    _with_data(project, nurse)
    with project.engine.connect() as connection:
        position, digest = chain_head(connection)
        connection.execute(text("UPDATE audit_chain SET verified_seq = NULL WHERE id = 1"))
        connection.commit()
    out = tmp_path / "w.xlsx"
    assert export_workbook(project, users["admin"], out) == 1
    assert head_in_export(out) == f"{position}:{digest}"
    assert in_another_process == []  # the exporting process did not walk the chain
    assert _verified_checkpoint(project) == position  # the other process did, in full


def test_a_tampered_trail_still_gets_no_workbook_and_no_file_is_left(
        project: Project, nurse: CurrentUser, users: dict[str, CurrentUser], db_path: Path,
        tmp_path: Path, in_another_process: list[str]) -> None:
    _with_data(project, nurse)
    chain_check.verify_engine(project.engine)  # the quick check at open starts after it
    project.close()
    with sqlite3.connect(db_path) as connection:  # an old row edited, the trigger put back
        connection.execute("DROP TRIGGER audit_log_no_update")
        edited, changes = connection.execute(
            "SELECT id, changes FROM audit_log WHERE changes LIKE '%\"clin_date\"%' "
            "ORDER BY id").fetchone()
        forged = changes.replace('"clin_date",null,"', '"clin_date",null,"1')
        assert forged != changes  # the save row's clin_date entry is edited
        connection.execute("UPDATE audit_log SET changes = ? WHERE id = ?", (forged, edited))
        connection.execute(_RECREATE_NO_UPDATE)
    connection.close()
    reopened = open_project(str(db_path))  # the quick check at open does not re-hash it
    out = tmp_path / "out"
    out.mkdir()
    try:
        with pytest.raises(ProjectError, match=rf"export refused: .*audit row {edited} .*hash"):
            export_workbook(reopened, users["admin"], out / "w.xlsx")
        assert list(out.iterdir()) == []  # no workbook, no temporary file or folder
        with pytest.raises(ProjectError, match="export refused: .*audit_log_no_update"):
            with sqlite3.connect(db_path) as connection:
                connection.execute("DROP TRIGGER audit_log_no_update")
            connection.close()
            export_workbook(reopened, users["admin"], out / "w.xlsx")
        assert list(out.iterdir()) == []
    finally:
        reopened.close()


def test_when_the_other_process_cannot_run_the_export_verifies_the_trail_itself(
        project: Project, nurse: CurrentUser, users: dict[str, CurrentUser], tmp_path: Path,
        in_another_process: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    _with_data(project, nurse)

    def no_process(*_args: object, **_kwargs: object) -> None:
        raise OSError("no more processes")

    monkeypatch.setattr(verify_meanwhile, "_start", no_process)
    assert export_workbook(project, users["admin"], tmp_path / "w.xlsx") == 1
    assert in_another_process == ["full"]
    with project.engine.begin() as connection:
        connection.exec_driver_sql("DROP TRIGGER audit_log_no_update")
    with pytest.raises(ProjectError, match="export refused: .*audit_log_no_update"):
        export_workbook(project, users["admin"], tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


def test_either_backend_is_verified_by_the_other_process(
        backend_project: Project, nurse: CurrentUser, users: dict[str, CurrentUser],
        tmp_path: Path, in_another_process: list[str]) -> None:
    """The other process opens the same database: an SQLite file, or the PostgreSQL server
    with the URL's password (sent through the pipe, not on a command line)."""
    _with_data(backend_project, nurse)
    with backend_project.engine.connect() as connection:
        position, digest = chain_head(connection)
    out = tmp_path / "w.xlsx"
    assert export_workbook(backend_project, users["admin"], out) == 1
    assert head_in_export(out) == f"{position}:{digest}" and in_another_process == []
    assert _verified_checkpoint(backend_project) == position
