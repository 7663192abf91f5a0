"""The "Form status" sheet of the Excel workbook: one row per record × event × form instance
with its status and who verified, locked and e-signed it, and when (as the record PDFs show).

A de-identified workbook names records by pseudonym and leaves the time stamps out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from openpyxl import Workbook
from sqlalchemy import func, select

from vo_crf.db.engine import read_session
from vo_crf.db.models import FormInstance, Record
from vo_crf.exchange.deidentify import ExportTransform
from vo_crf.project import Project
from vo_crf.reports.review_marks import load_review_marks
from vo_crf.reports.xlsx_cells import SheetWriter, Value, prepared_text
from vo_crf.study.model import Study

FORM_STATUS_SHEET = "Form status"
FORM_STATUS_HEADERS = ["record_id", "redcap_event_name", "Event", "Form name", "Form",
                       "Instance", "Status", "Verified by", "Verified at", "Locked by",
                       "Locked at", "E-signed by", "E-signed at"]
FORM_STATUS_WIDTHS = [12, 18, 16, 14, 18, 9, 12, 12, 17, 12, 17, 12, 17]
FORM_STATUS_ABOUT = ("one row per record, event and form instance saved: its status "
                     "(Incomplete, Unverified, Complete) and who verified, locked and "
                     "e-signed it, and when (times left out of a de-identified workbook)")
_EVENT_COLUMNS = slice(1, 3)
"""The event's columns (``redcap_event_name``, Event): none in a classic study's sheet."""
RECORDS_PER_READ = 500
"""How many records' review marks the sheet reads at a time (memory: see form_status_rows)."""


def form_status_headers(study: Study) -> list[str]:
    """The sheet's header: ``FORM_STATUS_HEADERS`` named after the study's record id field,
    without the event's columns in a classic study (as REDCap's exports)."""
    headers = [study.record_id_field, *FORM_STATUS_HEADERS[1:]]
    if study.classic:
        del headers[_EVENT_COLUMNS]
    return headers


def form_status_rows(project: Project, transform: ExportTransform,
                     record_ids: list[str] | None = None) -> Iterator[list[Value]]:
    """Yield the sheet's rows (without the header), records in order of their id as shown
    (real ids given: only those records), their texts prepared for the sheet
    (``prepared_text``).

    The marks are read for ``RECORDS_PER_READ`` records at a time, so a big study's 150k saved
    forms are never all in memory together.
    """
    with_times = not transform.deidentified
    classic = project.study.classic
    ordered = _records_in_sheet_order(project, transform, record_ids)
    places: dict[tuple[str, str], list[Value]] = {}  # (event, form) -> their four texts
    prepared: dict[str, str] = {}  # statuses and user names repeat on every row

    def text(value: str) -> str:
        found = prepared.get(value)
        if found is None:
            found = prepared[value] = prepared_text(value)
        return found

    for start in range(0, len(ordered), RECORDS_PER_READ):
        chunk = ordered[start:start + RECORDS_PER_READ]
        marks = load_review_marks(project, chunk, with_times=with_times)
        for record_id in chunk:
            shown = prepared_text(transform.record_id(record_id))
            for mark in marks.get(record_id, ()):
                place = places.get((mark.event_name, mark.form_name))
                if place is None:
                    place = places[(mark.event_name, mark.form_name)] = [
                        prepared_text(t) for t in (mark.event_name, mark.event, mark.form_name,
                                                   mark.form)]
                row: list[Value] = [
                    shown, *place, mark.instance, text(mark.status),
                    text(mark.verified_by) if mark.verified_by else None,
                    _second(mark.verified_at),
                    text(mark.locked_by) if mark.locked_by else None, _second(mark.locked_at),
                    text(mark.signed_by) if mark.signed_by else None, _second(mark.signed_at)]
                if classic:
                    del row[_EVENT_COLUMNS]
                yield row


def _records_in_sheet_order(project: Project, transform: ExportTransform,
                            record_ids: list[str] | None) -> list[str]:
    """The real record ids, sorted by id, then (stable) by the id the sheet shows."""
    statement = select(Record.record_id)
    if record_ids is not None:
        statement = statement.where(Record.record_id.in_(list(record_ids)))
    with read_session(project.engine) as session:
        found = sorted(session.scalars(statement))
    if transform.deidentified:
        found.sort(key=lambda record_id: str(transform.record_id(record_id)))
    return found


def form_status_count(project: Project) -> int:
    """The number of rows of the sheet: every saved form instance."""
    with read_session(project.engine) as session:
        return session.scalar(select(func.count()).select_from(FormInstance)) or 0


def _second(when: dt.datetime | None) -> dt.datetime | None:
    return when.replace(microsecond=0) if when else None


def write_form_status_sheet(workbook: Workbook, project: Project,
                            transform: ExportTransform) -> None:
    """Add the Form status sheet."""
    widths = list(FORM_STATUS_WIDTHS)
    if project.study.classic:
        del widths[_EVENT_COLUMNS]
    sheet = SheetWriter(workbook, FORM_STATUS_SHEET, form_status_headers(project.study),
                        form_status_count(project), widths, freeze="B2")
    for row in form_status_rows(project, transform):
        sheet.append_prepared(row)
