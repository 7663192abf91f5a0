"""The Record status table of the PDFs names each saved form as the pages below it do: the
event with its arm when arms share a visit name, every instance of a repeating form
numbered (#1 too, as its section is titled); the workbook's Form status sheet alike."""

from __future__ import annotations

from pathlib import Path

from inline_seeds import seed_repeating, seed_two_arms
from openpyxl import load_workbook
from pypdf import PdfReader
from redcap_studies import ADMIN, REPEATING, TWO_ARMS, init_study

from vo_crf.exchange.redcap_project_open import create_study_from_redcap
from vo_crf.reports.casebook import write_casebook
from vo_crf.reports.patient_reports import write_patient_reports
from vo_crf.reports.workbook import export_workbook


def _text(path: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split())
                    for page in PdfReader(str(path)).pages)


def _status_part(text: str) -> str:
    """The text of the Record status table (up to the first event or form section)."""
    start = text.index("Record status")
    return text[start:start + 400]


def test_the_status_table_names_the_arm_and_numbers_every_instance(tmp_path: Path) -> None:
    arms = init_study(tmp_path, TWO_ARMS, "arms")
    seed_two_arms(arms, tmp_path)
    casebook = _status_part(_text(write_casebook(arms, ADMIN, tmp_path / "arms.pdf",
                                                 ["A2-01"])))
    assert "Baseline (arm 2) Enrol Complete" in casebook
    assert "Week 8 (arm 2) Visit Unverified" in casebook
    export_workbook(arms, ADMIN, tmp_path / "arms.xlsx")
    arms.close()
    book = load_workbook(tmp_path / "arms.xlsx", read_only=True)
    rows = [tuple(row) for row in book["Form status"].values]
    book.close()
    assert ("A2-01", "baseline_arm_2", "Baseline (arm 2)", "enrol") in [r[:4] for r in rows]

    repeating = init_study(tmp_path, REPEATING, "repeating")
    seed_repeating(repeating, tmp_path)
    [path] = write_patient_reports(repeating, ADMIN, tmp_path / "r.pdf", ["R-1"])
    repeating.close()
    status = _status_part(_text(path))
    assert "Baseline Complete" in status and "Baseline #1" not in status  # not repeating
    assert "Adverse event #1 Complete — — — Adverse event #2 Complete" in status


def test_a_long_event_title_with_its_arm_is_printed_whole(tmp_path: Path) -> None:
    clinic = Path(__file__).parents[1] / "exchange" / "data" / "redcap_project_clinic.xml"
    opened = create_study_from_redcap(str(tmp_path / "clinic.sqlite"), "admin", "admin-pass-1",
                                      clinic)
    project = opened.project
    status = _status_part(_text(write_casebook(project, ADMIN, tmp_path / "c.pdf", ["1"])))
    project.close()
    assert "Follow-up (arm 1) Medication #1 Complete" in status
