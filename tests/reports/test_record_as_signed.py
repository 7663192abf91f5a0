"""The record as signed (issue 14, item 2): every page names the patient, the study and
"page x of y"; a record status section; bookmarks per patient; every font embedded."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from accounts import PASSWORDS
from pypdf import PdfReader
from test_pdf_timeline import FIXED

from vo_crf.auth.users import CurrentUser
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.review import lock, verify
from vo_crf.exchange.deidentify import Deidentifier
from vo_crf.project import Project
from vo_crf.reports.patient_reports import write_patient_reports

STUDY = "Bacterial vertebral osteomyelitis cohort (VO)"


def page_texts(path: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(str(path)).pages]


def test_every_page_names_the_patient_the_study_and_page_x_of_y(
        demo_project: Project, users: dict[str, CurrentUser], tmp_path: Path) -> None:
    path = tmp_path / "three.pdf"
    write_patient_reports(demo_project, users["inv"], path, ["VO-001", "VO-004", "VO-024"],
                          combined=True, generated_at=FIXED)
    texts = page_texts(path)
    assert len(texts) > 3  # some patient takes two pages
    owners = []
    for number, text in enumerate(texts, start=1):
        assert STUDY in text and f"page {number} of {len(texts)}" in text, number
        owner = [r for r in ("VO-001", "VO-004", "VO-024") if f"Patient {r}" in text]
        assert len(owner) == 1, (number, text[:200])
        owners.append(owner[0])
    assert owners == sorted(owners) and set(owners) == {"VO-001", "VO-004", "VO-024"}


def test_pages_name_the_pseudonym_for_a_role_without_identified_access(
        demo_project: Project, users: dict[str, CurrentUser], tmp_path: Path) -> None:
    pseudonym = Deidentifier(demo_project).record_id("VO-004")
    path = tmp_path / "stat.pdf"
    write_patient_reports(demo_project, users["stat"], path, [pseudonym], generated_at=FIXED)
    texts = page_texts(path)
    assert all(f"Patient {pseudonym}" in t and "VO-004" not in t for t in texts)


def test_combined_pdf_has_one_bookmark_per_patient_on_its_first_page(
        demo_project: Project, users: dict[str, CurrentUser], tmp_path: Path) -> None:
    path = write_patient_reports(demo_project, users["inv"], tmp_path / "all.pdf",
                                 combined=True, generated_at=FIXED)[0]
    reader = PdfReader(str(path))
    outline = reader.outline
    titles = [item.title for item in outline]
    assert titles == [f"Patient VO-{n:03d}" for n in range(1, 30)]
    for item in outline:
        page = reader.get_destination_page_number(item)
        assert item.title in (reader.pages[page].extract_text() or "")
        if page:  # the page before belongs to the previous patient
            assert item.title not in (reader.pages[page - 1].extract_text() or "")


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="needs pdffonts (poppler-utils)")
def test_every_font_of_the_pdf_is_embedded(demo_project: Project,
                                           users: dict[str, CurrentUser],
                                           tmp_path: Path) -> None:
    path = tmp_path / "fonts.pdf"
    write_patient_reports(demo_project, users["inv"], path, ["VO-004"], generated_at=FIXED)
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert lines, "no font listed"
    for line in lines:
        # name type encoding emb sub uni object ID: 'emb' is the 4th column from the right
        assert line.split()[-5] == "yes", line


def test_record_status_lists_every_form_with_status_verified_locked_signed(
        demo_project: Project, users: dict[str, CurrentUser], tmp_path: Path) -> None:
    inv, mon = users["inv"], users["mon"]
    clinical = FormKey("VO-024", "m0_arm_1", "clinical")
    biology = FormKey("VO-024", "m0_arm_1", "biology")
    verify(demo_project, mon, biology)
    lock(demo_project, inv, "VO-024", clinical, reason="I confirm",
         signature_password=PASSWORDS["inv"])
    EntryService(demo_project, inv).save_form(FormKey("VO-024", "m6_arm_1", "clinical"),
                                              {"clin_temp": "37"}, 0, reason="re-measured")
    signed = EntryService(demo_project, inv).open_form(clinical)
    path = tmp_path / "status.pdf"
    write_patient_reports(demo_project, inv, path, ["VO-024"], generated_at=FIXED)
    flat = " ".join(page_texts(path))
    assert "Record status" in flat
    assert "Status Verified by / at Locked by / at E-signed by / at" in flat
    assert f"M0 Clinical Complete — inv {signed.locked_at:%Y-%m-%d %H:%M} inv " \
           f"{signed.signed_at:%Y-%m-%d %H:%M}" in flat
    assert "M0 Biology Complete mon " in flat
    assert "M6 Clinical Incomplete — — —" in flat
    assert "M0 Enrolment Complete — — —" in flat  # forms without marks are listed too
