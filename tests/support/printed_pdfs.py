"""What the PDFs print, as text: one PDF's (white space folded), and the three PDFs that show a
record's fields (its casebook, its record PDF, the blank CRFs of its study)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from redcap_studies import ADMIN

from vo_crf.project import Project
from vo_crf.reports.blank_crf import write_blank_crfs
from vo_crf.reports.casebook import write_casebook
from vo_crf.reports.patient_reports import write_patient_reports


def pdf_text(path: Path) -> str:
    """Every page's text, white space folded to single spaces, pages joined by a space."""
    return " ".join(" ".join((page.extract_text() or "").split())
                    for page in PdfReader(str(path)).pages)


@dataclass(frozen=True)
class RecordPdfs:
    """The texts of the PDFs that print a record's fields."""

    casebook: str
    record: str
    blank: str


def record_pdfs(project: Project, record_id: str, folder: Path) -> RecordPdfs:
    """Write (as the admin, into ``folder``) and read the casebook and the record PDF of
    ``record_id`` and the study's blank CRFs."""
    casebook = pdf_text(write_casebook(project, ADMIN, folder / "casebook.pdf", [record_id]))
    [record] = write_patient_reports(project, ADMIN, folder / "record.pdf", [record_id])
    blank = pdf_text(write_blank_crfs(project, ADMIN, folder / "blank.pdf"))
    return RecordPdfs(casebook, pdf_text(record), blank)
