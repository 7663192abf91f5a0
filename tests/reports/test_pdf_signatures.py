"""The PDF timeline shows who e-signed a form and when, apart from who locked or verified it."""

from __future__ import annotations

from pathlib import Path

from accounts import PASSWORDS
from test_pdf_timeline import FIXED, pdf_text

from vo_crf.auth.users import CurrentUser
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.review import lock
from vo_crf.project import Project
from vo_crf.reports.patient_reports import write_patient_reports


def test_pdf_timeline_shows_signatures_apart_from_locks(demo_project: Project,
                                                        users: dict[str, CurrentUser],
                                                        tmp_path: Path) -> None:
    inv, admin = users["inv"], users["admin"]
    clinical = FormKey("VO-024", "m0_arm_1", "clinical")
    biology = FormKey("VO-024", "m0_arm_1", "biology")
    lock(demo_project, admin, "VO-024", clinical, reason="monitored")
    lock(demo_project, inv, "VO-024", clinical, reason="I confirm",
         signature_password=PASSWORDS["inv"])  # signed although locked beforehand
    lock(demo_project, inv, "VO-024", biology)  # locked, not signed
    signed = EntryService(demo_project, inv).open_form(clinical)
    when = f"{signed.signed_at:%Y-%m-%d %H:%M}"
    path = tmp_path / "signed.pdf"
    write_patient_reports(demo_project, inv, path, ["VO-024"], generated_at=FIXED)
    _, text = pdf_text(path)
    flat = " ".join(text.split())
    assert "Record status" in flat and "E-signed by / at" in flat
    locked = EntryService(demo_project, inv).open_form(biology)
    # clinical: locked by admin, signed by inv; biology: locked by inv, not signed
    assert f"M0 Clinical Complete — admin {signed.locked_at:%Y-%m-%d %H:%M} inv {when}" in flat
    assert f"M0 Biology Complete — inv {locked.locked_at:%Y-%m-%d %H:%M} —" in flat
