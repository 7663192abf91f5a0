"""Patient timeline reports from a project: one patient, every patient, or one combined file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from vo_crf.analysis.dataset import load_patients
from vo_crf.analysis.plan import load_analysis_plan
from vo_crf.audit.trail import AuditAction, write_audit
from vo_crf.auth.permissions import Action
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import write_transaction
from vo_crf.output_files import (
    OutputRefused,
    atomic_output,
    check_output,
    check_outputs,
    protected_reason,
    study_database,
)
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
                          progress: Progress | None = None, force: bool = False) -> list[Path]:
    """Write timeline PDFs; return the files written.

    ``record_ids`` None means every patient. With ``combined`` (or a single record id) ``out``
    is the PDF file; otherwise ``out`` is a folder receiving one ``<record id>.pdf`` each.
    Identifiers are shown only when asked for and allowed (VIEW_IDENTIFIERS). No file may
    exist beforehand unless ``force``; each PDF is written beside its target and renamed into
    place when complete (see vo_crf.output_files).
    """
    user.require(Action.REPORT)
    identifiers = show_identifiers and user.can(Action.VIEW_IDENTIFIERS)
    study = project.study
    plan = load_analysis_plan(study)
    patients = load_patients(project, record_ids)
    if record_ids is not None:
        found = {p.record_id for p in patients}
        missing = [r for r in record_ids if r not in found]
        if missing:
            raise RecordNotFound(f"no record {', '.join(map(repr, missing))} in this database")
    context = report_context(project, user, generated_at)
    written: list[Path] = []
    one_file = combined or (record_ids is not None and len(record_ids) == 1)
    if one_file:
        out = check_output(Path(out), project, force)
    else:
        out = _report_folder(Path(out), project)
        check_outputs([out / f"{safe_file_name(p.record_id)}.pdf" for p in patients], project,
                      force)
    if one_file:
        timelines = []
        for done, patient in enumerate(patients, start=1):
            timelines.append(timeline_of(study, plan, patient, identifiers))
            if progress:
                progress(done, len(patients), patient.record_id)
        if timelines:
            with atomic_output(out, project, force) as partial:
                render_timelines(timelines, partial, context, invariant)
            written.append(out)
    else:
        out.mkdir(parents=True, exist_ok=True)
        for done, patient in enumerate(patients, start=1):
            path = out / f"{safe_file_name(patient.record_id)}.pdf"
            with atomic_output(path, project, force) as partial:
                render_timelines([timeline_of(study, plan, patient, identifiers)], partial,
                                 context, invariant)
            written.append(path)
            if progress:
                progress(done, len(patients), patient.record_id)
    with write_transaction(project.engine) as session:
        write_audit(session, user.username, AuditAction.EXPORT, new_value=out.name,
                    reason=f"timeline PDF report, {len(patients)} patient(s)"
                    + (", with identifiers" if identifiers else ""))
    return written


def _report_folder(folder: Path, project: Project) -> Path:
    """Refuse a folder of reports that is a file, the study database or its backups folder."""
    reason = protected_reason(folder, study_database(project))
    if reason:
        raise OutputRefused(reason)
    if folder.exists() and not folder.is_dir():
        raise OutputRefused(f"{folder} is a file: with every patient, give a folder for "
                            "their PDF files (or ask for one combined file)")
    return folder.absolute()
