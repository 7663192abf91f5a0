"""Patient timeline reports from a project: one patient, every patient, or one combined file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from vo_crf.analysis.dataset import load_patients
from vo_crf.analysis.plan import load_analysis_plan
from vo_crf.audit.trail import AuditAction, write_audit
from vo_crf.auth.permissions import Action
from vo_crf.auth.record_view import PSEUDONYM_HINT, record_view, shown_patient
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import write_transaction
from vo_crf.project import Project
from vo_crf.reports.pdf_timeline import ReportContext, database_name, render_timelines
from vo_crf.reports.timeline_data import RecordNotFound, timeline_of

Progress = Callable[[int, int, str], None]
"""Called with (done, total, record id) after each patient."""


def report_context(project: Project, user: CurrentUser,
                   generated_at: dt.datetime | None = None) -> ReportContext:
    """Return the footer facts for reports written now by ``user``."""
    return ReportContext(user.username, database_name(project.url), project.definition_version,
                         generated_at or dt.datetime.now().replace(microsecond=0))


def safe_file_name(record_id: str) -> str:
    """Return a file name for a record id (only letters, digits, '-', '_' and '.')."""
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in record_id) or "record"


def write_patient_reports(project: Project, user: CurrentUser, out: Path,
                          record_ids: list[str] | None = None, combined: bool = False,
                          show_identifiers: bool = False, invariant: bool = False,
                          generated_at: dt.datetime | None = None,
                          progress: Progress | None = None) -> list[Path]:
    """Write timeline PDFs; return the files written.

    ``record_ids`` None means every patient. With ``combined`` (or a single record id) ``out``
    is the PDF file; otherwise ``out`` is a folder receiving one ``<record id>.pdf`` each.
    Identifiers are shown only when asked for and allowed (VIEW_IDENTIFIERS); a user without
    that permission names patients by pseudonym and gets the de-identified view (pseudonyms,
    shifted dates, no identifiers or free text; files named by pseudonym).
    """
    user.require(Action.REPORT)
    view = record_view(project, user)
    identifiers = show_identifiers and not view.deidentified
    study = project.study
    plan = load_analysis_plan(study)
    real_ids = None if record_ids is None else [view.real_id(r) for r in record_ids]
    patients = load_patients(project, None if real_ids is None
                             else [r for r in real_ids if r is not None])
    if record_ids is not None and real_ids is not None:
        found = {p.record_id for p in patients}
        missing = [shown for shown, real in zip(record_ids, real_ids, strict=True)
                   if real not in found]
        if missing:
            raise RecordNotFound(f"no record {', '.join(map(repr, missing))} in this database"
                                 + (PSEUDONYM_HINT if view.deidentified else ""))
    patients = [shown_patient(view, patient) for patient in patients]
    context = report_context(project, user, generated_at)
    out = Path(out)
    written: list[Path] = []
    if combined or (record_ids is not None and len(record_ids) == 1):
        timelines = []
        for done, patient in enumerate(patients, start=1):
            timelines.append(timeline_of(study, plan, patient, identifiers))
            if progress:
                progress(done, len(patients), patient.record_id)
        if timelines:
            written.append(render_timelines(timelines, out, context, invariant))
    else:
        out.mkdir(parents=True, exist_ok=True)
        for done, patient in enumerate(patients, start=1):
            path = out / f"{safe_file_name(patient.record_id)}.pdf"
            render_timelines([timeline_of(study, plan, patient, identifiers)], path, context,
                             invariant)
            written.append(path)
            if progress:
                progress(done, len(patients), patient.record_id)
    with write_transaction(project.engine) as session:
        write_audit(session, user.username, AuditAction.EXPORT, new_value=out.name,
                    reason=f"timeline PDF report, {len(patients)} patient(s)"
                    + (", with identifiers" if identifiers else ""))
    return written
