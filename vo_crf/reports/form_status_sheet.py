"""The "Form status" sheet of the Excel workbook: one row per record × event × form instance
with its status and who verified, locked and e-signed it, and when (as the record PDFs show).

A de-identified workbook names records by pseudonym and leaves the time stamps out.
"""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook

from vo_crf.exchange.deidentify import ExportTransform
from vo_crf.project import Project
from vo_crf.reports.review_marks import load_review_marks
from vo_crf.reports.xlsx_cells import SheetWriter, Value

FORM_STATUS_SHEET = "Form status"
FORM_STATUS_HEADERS = ["record_id", "redcap_event_name", "Event", "Form name", "Form",
                       "Instance", "Status", "Verified by", "Verified at", "Locked by",
                       "Locked at", "E-signed by", "E-signed at"]
FORM_STATUS_WIDTHS = [12, 18, 16, 14, 18, 9, 12, 12, 17, 12, 17, 12, 17]
FORM_STATUS_ABOUT = ("one row per record, event and form instance saved: its status "
                     "(Incomplete, Unverified, Complete) and who verified, locked and "
                     "e-signed it, and when (times left out of a de-identified workbook)")


def form_status_rows(project: Project, transform: ExportTransform,
                     record_ids: list[str] | None = None) -> list[list[Value]]:
    """Return the sheet's rows (without the header), records in id order (real ids given)."""
    marks = load_review_marks(project, record_ids, with_times=not transform.deidentified)
    rows: list[list[Value]] = []
    for record_id in sorted(marks):
        shown = transform.record_id(record_id)
        for mark in marks[record_id]:
            rows.append([shown, mark.event_name, mark.event, mark.form_name, mark.form,
                         mark.instance, mark.status, mark.verified_by or None,
                         _second(mark.verified_at), mark.locked_by or None,
                         _second(mark.locked_at), mark.signed_by or None,
                         _second(mark.signed_at)])
    rows.sort(key=lambda row: str(row[0]))
    return rows


def _second(when: dt.datetime | None) -> dt.datetime | None:
    return when.replace(microsecond=0) if when else None


def write_form_status_sheet(workbook: Workbook, project: Project,
                            transform: ExportTransform) -> None:
    """Add the Form status sheet."""
    rows = form_status_rows(project, transform)
    sheet = SheetWriter(workbook, FORM_STATUS_SHEET, FORM_STATUS_HEADERS, len(rows),
                        FORM_STATUS_WIDTHS, freeze="B2")
    for row in rows:
        sheet.append(row)
