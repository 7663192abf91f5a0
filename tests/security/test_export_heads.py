"""Every export verifies the audit trail first and carries its chain head; ``vo-crf audit verify
--extends`` takes the head or the export file itself (issue 12 item 9)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from accounts import PASSWORDS
from tampering import RECREATE_NO_UPDATE, edit_an_old_row, save_a_clinical_date

from vo_crf.audit.chain import CONTENT_FIELDS, GENESIS, row_hash
from vo_crf.audit.chain_check import verify_engine
from vo_crf.audit.export_head import about_path, head_in_export
from vo_crf.auth.users import CurrentUser
from vo_crf.cli import main
from vo_crf.project import Project

FORMATS = {"redcap": "records.csv", "odm": "records.xml", "csv": "stats.csv",
           "spss": "stats.sav", "stata": "stats.dta", "xlsx": "tables.xlsx", "r": "vo.R",
           "sas": "vo.sas"}


def _closed_with_data(project: Project, nurse: CurrentUser) -> str:
    record_id = save_a_clinical_date(project, nurse)
    project.close()
    return record_id


def _cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
         *argv: str) -> tuple[int, str]:
    monkeypatch.setenv("VO_CRF_PASSWORD", PASSWORDS["admin"])
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out + captured.err


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_export_carries_the_head_and_audit_verify_takes_the_file(
        project: Project, nurse: CurrentUser, db_path: Path, tmp_path: Path, fmt: str,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _closed_with_data(project, nurse)
    db = ["--db", str(db_path), "--user", "admin"]
    out = tmp_path / FORMATS[fmt]
    status, said = _cli(monkeypatch, capsys, "export", *db, "--format", fmt, str(out))
    assert status == 0, said
    head = head_in_export(out)
    assert head is not None
    position, digest = head.split(":")
    with sqlite3.connect(db_path) as connection:  # the head verified just before writing
        at_head, after = (connection.execute(
            "SELECT chain_hash, action FROM audit_log WHERE chain_seq = ?", (seq,)).fetchone()
            for seq in (int(position), int(position) + 1))
    connection.close()
    assert at_head[0] == digest and after[1] == "export"
    if fmt in ("redcap", "csv", "spss", "stata"):  # files a reader must not change: beside
        assert head in about_path(out).read_text(encoding="utf-8")
    status, said = _cli(monkeypatch, capsys, "audit", "verify", *db, "--extends", str(out))
    assert status == 0 and f"the trail extends {head}" in said
    assert verify_engine(project.engine).head != head


def test_a_chain_recomputed_after_an_edit_does_not_extend_an_earlier_workbook_or_csv(
        project: Project, nurse: CurrentUser, db_path: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _closed_with_data(project, nurse)
    db = ["--db", str(db_path), "--user", "admin"]
    earlier = [tmp_path / "earlier.xlsx", tmp_path / "earlier.csv"]
    for out, fmt in zip(earlier, ("xlsx", "redcap"), strict=True):
        assert _cli(monkeypatch, capsys, "export", *db, "--format", fmt, str(out))[0] == 0
    with sqlite3.connect(db_path) as connection:  # edit, re-hash everything, triggers back
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
    for out in (earlier[0], about_path(earlier[1])):
        status, said = _cli(monkeypatch, capsys, "audit", "verify", *db, "--extends", str(out))
        assert status == 2 and "the trail does NOT extend" in said


def test_a_file_without_a_head_is_refused_clearly(
        db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    stray = tmp_path / "notes.txt"
    stray.write_text("nothing here\n", encoding="utf-8")
    status, said = _cli(monkeypatch, capsys, "audit", "verify", "--db", str(db_path),
                        "--user", "admin", "--extends", str(stray))
    assert status == 1 and "carries no audit chain head" in said


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_export_refuses_an_old_row_edited_naming_it(
        project: Project, nurse: CurrentUser, db_path: Path, tmp_path: Path, fmt: str,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """sqlite3 edits an audit row (triggers dropped, then put back) after the database was
    opened and checked: the export is refused, naming the row, and nothing is written."""
    _closed_with_data(project, nurse)
    db = ["--db", str(db_path), "--user", "admin"]
    assert _cli(monkeypatch, capsys, "audit", "verify", *db)[0] == 0  # checkpoint: quick open
    edited = edit_an_old_row(db_path)
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / FORMATS[fmt]
    status, said = _cli(monkeypatch, capsys, "export", *db, "--format", fmt, str(out))
    assert status == 1
    assert "export refused: " in said and f"first break: audit row {edited} (" in said
    assert list(folder.iterdir()) == []  # nothing written, not even a companion file
