"""A casebook printed with its audit trail (for monitors to sign) verifies the trail first, as
the exports do: an intact trail is stated as verified, with the chain head it was verified to;
an audit row edited outside vo-crf refuses the casebook, naming the row, and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from accounts import PASSWORDS
from printed_pdfs import pdf_text
from tampering import edit_an_old_row, save_a_clinical_date

from vo_crf.audit.chain_check import verify_engine
from vo_crf.auth.users import CurrentUser
from vo_crf.cli import main
from vo_crf.project import AuditTrailBroken, Project
from vo_crf.reports.casebook import write_casebook


def test_the_printed_audit_trail_says_it_was_verified_and_to_which_head(
        project: Project, nurse: CurrentUser, users: dict[str, CurrentUser],
        tmp_path: Path) -> None:
    record_id = save_a_clinical_date(project, nurse)
    head = verify_engine(project.engine).head
    text = pdf_text(write_casebook(project, users["admin"], tmp_path / "book.pdf", [record_id],
                                with_audit=True))
    trail = text[text.index("Audit trail"):]
    assert "verified intact" in trail and head in trail.replace(" ", ""), trail[:400]
    plain = pdf_text(write_casebook(project, users["admin"], tmp_path / "plain.pdf", [record_id]))
    assert "verified intact" not in plain  # no trail printed, nothing said of it


def test_an_edited_trail_refuses_the_casebook_with_audit_naming_the_row(
        project: Project, nurse: CurrentUser, users: dict[str, CurrentUser], db_path: Path,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    record_id = save_a_clinical_date(project, nurse)
    edited = edit_an_old_row(db_path)
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(AuditTrailBroken, match=f"audit row {edited} "):
        write_casebook(project, users["admin"], folder / "book.pdf", [record_id],
                       with_audit=True)
    assert list(folder.iterdir()) == []
    project.close()
    monkeypatch.setenv("VO_CRF_PASSWORD", PASSWORDS["admin"])
    status = main(["report", "--db", str(db_path), "--user", "admin", "--casebook",
                   "--record", record_id, "--with-audit", str(folder / "cli.pdf")])
    said = capsys.readouterr()
    assert status != 0 and f"audit row {edited} (" in said.out + said.err
    assert list(folder.iterdir()) == []
