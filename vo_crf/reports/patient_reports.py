"""Patient timeline reports from a project: one patient, every patient, or one combined file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from reportlab.platypus.flowables import Flowable

from vo_crf.analysis.dataset import PatientData, load_patients
from vo_crf.analysis.plan import load_analysis_plan
from vo_crf.audit.trail import AuditAction, write_audit
from vo_crf.auth.permissions import Action
from vo_crf.auth.record_view import PSEUDONYM_HINT, RecordView, record_view, shown_patient
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import write_transaction
from vo_crf.entry.errors import no_such_record
from vo_crf.output_files import (
    OutputRefused,
    atomic_output,
    check_output,
    check_outputs,
    refuse_protected,
    study_database,
)
from vo_crf.project import Project
from vo_crf.reports.fonts import register_fonts
from vo_crf.reports.pdf_listing import listing_story
from vo_crf.reports.pdf_timeline import (
    ReportContext,
    database_name,
    patient_story,
    render_stories,
)
from vo_crf.reports.report_texts import report_texts
from vo_crf.reports.review_marks import load_review_marks
from vo_crf.reports.timeline_data import RecordNotFound, timeline_of

Progress = Callable[[int, int, str], None]
"""Called with (done, total, record id) after each patient."""


def report_context(project: Project, user: CurrentUser,
                   generated_at: dt.datetime | None = None,
                   language: str = "en") -> ReportContext:
    """Return the footer facts for reports written now by ``user`` in ``language``."""
    return ReportContext(user.username, database_name(project.url), project.definition_version,
                         generated_at or dt.datetime.now().replace(microsecond=0),
                         report_texts(language).language)


def safe_file_name(record_id: str) -> str:
    """Return a file name for a record id (only letters, digits, '-', '_' and '.')."""
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in record_id) or "record"


COMBINED_NAME = "patients.pdf"
"""The file name of every patient's combined report written into an existing folder."""


def load_named_patients(project: Project, view: RecordView,
                        record_ids: list[str] | None) -> list[PatientData]:
    """The patients named as the user names them (pseudonyms for a de-identified view), every
    patient for None; RecordNotFound names each id that does not exist."""
    real_ids = None if record_ids is None else [view.real_id(r) for r in record_ids]
    patients = load_patients(project, None if real_ids is None
                             else [r for r in real_ids if r is not None])
    if record_ids is not None and real_ids is not None:
        found = {p.record_id for p in patients}
        missing = [shown for shown, real in zip(record_ids, real_ids, strict=True)
                   if real not in found]
        if missing:
            raise RecordNotFound(no_such_record(*missing)
                                 + (PSEUDONYM_HINT if view.deidentified else ""))
    return patients


def pdf_path(out: Path, record_id: str | None = None) -> Path:
    """Return the PDF file ``out`` names: inside it when it is a folder, with ``.pdf`` added.

    ``vo-crf report --all reports/ --combined`` writes ``reports/patients.pdf``;
    ``--record VO-001 reports/`` writes ``reports/VO-001.pdf``; ``timeline`` becomes
    ``timeline.pdf``.
    """
    out = Path(out)
    if out.is_dir():
        name = f"{safe_file_name(record_id)}.pdf" if record_id else COMBINED_NAME
        return out / name
    return out if out.suffix.lower() == ".pdf" else out.with_name(out.name + ".pdf")


def write_patient_reports(project: Project, user: CurrentUser, out: Path,
                          record_ids: list[str] | None = None, combined: bool = False,
                          show_identifiers: bool = False, invariant: bool = False,
                          generated_at: dt.datetime | None = None,
                          progress: Progress | None = None, force: bool = False,
                          language: str = "en") -> list[Path]:
    """Write timeline PDFs; return the files written.

    ``record_ids`` None means every patient. With ``combined`` (or a single record id) ``out``
    names the PDF file (see ``pdf_path``: a folder gets a named file inside it, ``.pdf`` is
    added); otherwise ``out`` is a folder receiving one ``<record id>.pdf`` each.
    Identifiers are shown only when asked for and allowed (VIEW_IDENTIFIERS); a user without
    that permission names patients by pseudonym and gets the de-identified view (pseudonyms,
    shifted dates, no identifiers or free text, no review time stamps; files named by
    pseudonym). No file may exist beforehand unless ``force``; each PDF is written beside its
    target and renamed into place when complete (see vo_crf.output_files). The study
    database, its journal files and backups are refused as targets, whatever their name.
    ``language`` (``en``/``fr``) is that of the fixed texts (headings, legends, dates, page
    numbers); the study's own labels and the values are printed as they are.
    """
    user.require(Action.REPORT)
    view = record_view(project, user)
    identifiers = show_identifiers and not view.deidentified
    study = project.study
    plan = load_analysis_plan(study)
    patients = load_named_patients(project, view, record_ids)
    review = load_review_marks(project, [p.record_id for p in patients],
                               with_times=not view.deidentified)
    review = {view.shown_id(record_id): marks for record_id, marks in review.items()}
    patients = [shown_patient(view, patient) for patient in patients]
    context = report_context(project, user, generated_at, language)
    t = context.texts
    written: list[Path] = []
    one_file = combined or (record_ids is not None and len(record_ids) == 1)
    if one_file:
        refuse_protected(Path(out), study_database(project))
        out = check_output(pdf_path(Path(out), None if combined else
                                    record_ids[0] if record_ids else None), project, force)
    else:
        out = _report_folder(Path(out), project)
        check_outputs([out / f"{safe_file_name(p.record_id)}.pdf" for p in patients], project,
                      force)
    register_fonts()

    def story_of(patient: PatientData) -> list[Flowable]:
        """One patient's timeline or, without an analysis plan, the listing of the record."""
        if plan is None:
            return listing_story(study, patient, identifiers,
                                 review.get(patient.record_id, ()), t)
        return patient_story(timeline_of(study, plan, patient, identifiers,
                                          review.get(patient.record_id, ())), t)

    def title(chosen: list[PatientData]) -> str:
        if len(chosen) > 1:
            return t("{count} records — timeline", count=len(chosen)) if plan is not None \
                else t("{count} records", count=len(chosen))
        if plan is not None:
            return t("Patient {record} — timeline", record=chosen[0].record_id)
        return t("Record {record}", record=chosen[0].record_id)

    if one_file:
        stories = []
        for done, patient in enumerate(patients, start=1):
            stories.append(story_of(patient))
            if progress:
                progress(done, len(patients), patient.record_id)
        if stories:
            with atomic_output(out, project, force) as partial:
                render_stories(stories, partial, context, title(patients), invariant)
            written.append(out)
    else:
        out.mkdir(parents=True, exist_ok=True)
        for done, patient in enumerate(patients, start=1):
            path = out / f"{safe_file_name(patient.record_id)}.pdf"
            with atomic_output(path, project, force) as partial:
                render_stories([story_of(patient)], partial, context, title([patient]),
                               invariant)
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
    refuse_protected(folder, study_database(project))
    if folder.exists() and not folder.is_dir():
        raise OutputRefused(f"{folder} is a file: with every patient, give a folder for "
                            "their PDF files (or ask for one combined file)")
    return folder.absolute()
