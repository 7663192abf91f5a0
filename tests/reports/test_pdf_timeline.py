"""Per-patient PDF reports and the timeline data they draw."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from vo_crf.auth.users import CurrentUser
from vo_crf.exchange.deidentify import Deidentifier
from vo_crf.project import Project
from vo_crf.reports.patient_reports import write_patient_reports
from vo_crf.reports.timeline_data import (
    NOT_ASSESSABLE,
    RecordNotFound,
    build_patient_timeline,
)

FIXED = dt.datetime(2024, 1, 2, 3, 4)


def pdf_text(path: Path) -> tuple[int, str]:
    reader = PdfReader(str(path))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def test_timeline_data(demo_project: Project, users: dict[str, CurrentUser]) -> None:
    timeline = build_patient_timeline(demo_project, users["nurse"], "VO-018")
    assert timeline.header.record_id == "VO-018"
    assert [v.label for v in timeline.visits][:3] == ["M0", "M3", "M6"]
    assert timeline.visits[0].study_day == 0
    assert timeline.header.identifiers == ()
    courses = timeline.courses
    assert courses[0].intravenous and courses[0].route == "Intravenous"
    assert all(c.route == "Oral" for c in courses[1:])
    assert courses[0].start_day is not None and courses[0].start_day <= 2
    crp = timeline.marker("bio_crp")
    assert crp is not None and crp.points[0].visit == "M0" and crp.points[0].value > 10
    # CT only: no vertebral oedema reading, epidural abscess not assessable at M0
    assert timeline.imaging.cell("Vertebral oedema", "M0") == ""
    assert timeline.imaging.cell("Epidural abscess", "M0") == NOT_ASSESSABLE
    assert timeline.outcome.cured == "Yes" and timeline.outcome.antibiotic_days
    assert len(timeline.clinical_columns) == len(timeline.clinical[0].cells) == 4


def test_identifiers_only_when_asked_and_allowed(demo_project: Project,
                                                 users: dict[str, CurrentUser]) -> None:
    shown = build_patient_timeline(demo_project, users["inv"], "VO-001", show_identifiers=True)
    assert [label for label, _ in shown.header.identifiers] == ["Patient initials",
                                                                 "Date of birth"]
    pseudonym = Deidentifier(demo_project).record_id("VO-001")
    hidden = build_patient_timeline(demo_project, users["stat"], pseudonym,
                                    show_identifiers=True)
    assert hidden.header.identifiers == () and hidden.header.record_id == pseudonym
    with pytest.raises(RecordNotFound):
        build_patient_timeline(demo_project, users["inv"], "NOPE")
    assert build_patient_timeline(demo_project, users["nurse"], "VO-001").header.age


def test_pdf_content(demo_project: Project, users: dict[str, CurrentUser],
                     tmp_path: Path) -> None:
    path = tmp_path / "one.pdf"
    write_patient_reports(demo_project, users["inv"], path, ["VO-024"], generated_at=FIXED)
    pages, text = pdf_text(path)
    assert 1 <= pages <= 2
    for expected in ("VO-024", "M0", "M3", "M6", "End", "Vancomycin", "Intravenous", "Oral",
                     "CRP", "ESR", "present", "absent", "not assessable",
                     "Generated 2024-01-02 03:04 by inv", "definition v1", f"page 1 of {pages}"):
        assert expected in text, expected
    assert "é" in text and "abcès" in text
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "30", str(path), str(tmp_path / "page")],
                       check=True)
        assert (tmp_path / "page-1.png").stat().st_size > 1000


def test_invariant_output_is_byte_stable(demo_project: Project,
                                         users: dict[str, CurrentUser],
                                         tmp_path: Path) -> None:
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for path in (first, second):
        write_patient_reports(demo_project, users["inv"], path, ["VO-003"], invariant=True,
                              generated_at=FIXED)
    assert first.read_bytes() == second.read_bytes()


def test_all_patients_one_file_each_or_combined(demo_project: Project,
                                                users: dict[str, CurrentUser],
                                                tmp_path: Path) -> None:
    seen: list[int] = []
    files = write_patient_reports(demo_project, users["stat"], tmp_path / "all",
                                  progress=lambda done, total, _: seen.append(done))
    assert len(files) == 29 and seen[-1] == 29
    names = {p.name for p in (tmp_path / "all").iterdir()}  # statistician: pseudonyms
    assert f"{Deidentifier(demo_project).record_id('VO-001')}.pdf" in names
    combined = write_patient_reports(demo_project, users["stat"], tmp_path / "all.pdf",
                                     combined=True, show_identifiers=True)
    pages, text = pdf_text(combined[0])
    assert pages >= 29 and "VO-0" not in text and "Patient initials" not in text
    assert Deidentifier(demo_project).record_id("VO-029") in text
