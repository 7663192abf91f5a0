"""Builds one patient's timeline (:mod:`vo_crf.reports.timeline_model`) from the saved forms.

Study day = days since the baseline date (``diagnosis_date``); for a patient entered without it,
days since the first dated visit. Values are shown as people read them (labels, not codes).
"""

from __future__ import annotations

import datetime as dt

from vo_crf.analysis.dataset import (
    PatientData,
    checkbox_codes,
    date,
    labels_of,
    load_patients,
    number,
)
from vo_crf.analysis.plan import AnalysisPlan, require_plan
from vo_crf.auth.permissions import Action
from vo_crf.auth.record_view import record_view, shown_patient
from vo_crf.auth.users import CurrentUser
from vo_crf.entry.errors import no_such_record
from vo_crf.project import Project
from vo_crf.reports.review_marks import ReviewMark, load_review_marks
from vo_crf.reports.timeline_model import (  # noqa: F401 - re-exported
    ABSENT,
    NOT_ASSESSABLE,
    PRESENT,
    AntibioticCourse,
    ClinicalRow,
    DayOf,
    ImagingGrid,
    MarkerPoint,
    MarkerSeries,
    Outcome,
    PatientHeader,
    PatientTimeline,
    RecordNotFound,
    Visit,
)
from vo_crf.study.model import FieldDef, FieldType, Study


def build_patient_timeline(project: Project, user: CurrentUser, record_id: str,
                           show_identifiers: bool = False) -> PatientTimeline:
    """Return the timeline of one patient; identifiers only if asked for and allowed.

    A user without VIEW_IDENTIFIERS names the patient by pseudonym and gets the de-identified
    view (pseudonym, shifted dates, no identifiers or free text).
    """
    user.require(Action.REPORT)
    view = record_view(project, user)
    real_id = view.real_id(record_id)
    patients = load_patients(project, [real_id]) if real_id is not None else []
    if real_id is None or not patients:
        raise RecordNotFound(no_such_record(record_id))
    plan = require_plan(project.study)
    review = load_review_marks(project, [real_id],
                               with_times=not view.deidentified).get(real_id, ())
    return timeline_of(project.study, plan, shown_patient(view, patients[0]),
                       show_identifiers and not view.deidentified, review)


def display(study: Study, fdef: FieldDef, text: str) -> str:
    """Return a stored value as shown to people: labels for codes and missing-data codes."""
    if text == "":
        return ""
    for code in study.missing_codes:
        if code.code == text:
            return code.label
    if fdef.field_type is FieldType.CHECKBOX:
        return ", ".join(labels_of(study, fdef.name, checkbox_codes(text)))
    if fdef.is_coded:
        return fdef.choice_label(text)
    return text


def timeline_of(study: Study, plan: AnalysisPlan, patient: PatientData,
                show_identifiers: bool, review: tuple[ReviewMark, ...] = ()) -> PatientTimeline:
    """Build the timeline from one patient's already loaded data (no permission check)."""
    baseline_field = study.protocol.baseline_date_field
    baseline = date(patient.value(study, baseline_field)) if baseline_field else None
    diagnosis = baseline
    day_zero = "diagnosis"
    if baseline is None:  # entered by hand without the diagnosis: day 0 is the first visit
        first = next(((v.label, v.date) for v in _visits(study, patient, None, lambda _: None)
                      if v.date is not None), None)
        if first is not None:
            day_zero, baseline = f"{first[0]} visit", first[1]

    def day_of(when: dt.date | None) -> int | None:
        return (when - baseline).days if when and baseline else None

    visits = _visits(study, patient, baseline, day_of)
    return PatientTimeline(
        header=_header(study, plan, patient, diagnosis, show_identifiers),
        visits=visits,
        courses=_courses(study, plan, patient, day_of),
        markers=_markers(study, plan, patient, visits, day_of),
        imaging=_imaging(study, plan, patient, visits),
        clinical_columns=tuple(_heading(study.field(n)) for n in plan.timeline.clinical),
        clinical=_clinical(study, plan, patient, visits),
        outcome=_outcome(study, plan, patient),
        imaging_comments=_comments(study, plan, patient, visits),
        review=review,
        biology_columns=tuple(_heading(study.field(m.field)) for m in plan.biology),
        biology=_biology(study, plan, patient, visits),
        day_zero=day_zero,
    )


def _heading(fdef: FieldDef) -> str:
    short = fdef.note if fdef.note and len(fdef.note) <= 12 else ""
    return f"{fdef.label} ({short})" if short else fdef.label


def _header(study: Study, plan: AnalysisPlan, patient: PatientData, baseline: dt.date | None,
            show_identifiers: bool) -> PatientHeader:
    names = plan.timeline.header

    def shown(key: str) -> str:
        name = names.get(key)
        return display(study, study.field(name), patient.value(study, name)) if name else ""

    site_field = study.protocol.site_field
    levels = names.get("spinal_levels")
    comorbidities = names.get("comorbidities")
    identifiers: tuple[tuple[str, str], ...] = ()
    if show_identifiers:
        identifiers = tuple((f.label, display(study, f, patient.value(study, f.name)))
                            for f in study.fields if f.identifier)
    return PatientHeader(
        study_name=study.name, record_id=patient.record_id,
        site=display(study, study.field(site_field), patient.value(study, site_field))
        if site_field else "",
        age=shown("age"), sex=shown("sex"), organism=shown("organism"),
        spinal_levels=tuple(labels_of(study, levels, checkbox_codes(
            patient.value(study, levels)))) if levels else (),
        n_levels=shown("n_levels"), diagnosis_date=baseline,
        comorbidities=tuple(labels_of(study, comorbidities, checkbox_codes(
            patient.value(study, comorbidities)))) if comorbidities else (),
        last_followup_date=date(patient.value(study, plan.timeline.last_followup_date)),
        identifiers=identifiers)


def _visits(study: Study, patient: PatientData, baseline: dt.date | None,
            day_of: DayOf) -> tuple[Visit, ...]:
    visits: list[Visit] = []
    fields_at = {e.unique_name: _fields_at(study, e.unique_name) for e in study.events}
    for event in study.events:
        if not patient.has_event(event.unique_name):
            continue
        when = None
        for name in study.protocol.visit_date_fields:
            if name in fields_at[event.unique_name]:
                when = date(patient.value(study, name, event.unique_name))
                if when:
                    break
        if when is None and event == study.first_event:
            when = baseline
        visits.append(Visit(event.unique_name, event.label, when, day_of(when),
                            event.day_offset))
    return tuple(visits)


def _fields_at(study: Study, event: str) -> set[str]:
    return {f.name for form in study.event(event).forms for f in study.form(form).fields}


def _courses(study: Study, plan: AnalysisPlan, patient: PatientData,
             day_of: DayOf) -> tuple[AntibioticCourse, ...]:
    abx = plan.timeline.antibiotics
    courses: list[AntibioticCourse] = []
    for event in study.events_of_form(abx.form):
        for instance, data in patient.instances(event.unique_name, abx.form):
            values = data.values
            start, stop = date(values.get(abx.start, "")), date(values.get(abx.stop, ""))
            route_code = values.get(abx.route, "")
            courses.append(AntibioticCourse(
                instance=instance,
                drug=display(study, study.field(abx.drug), values.get(abx.drug, "")),
                route=display(study, study.field(abx.route), route_code),
                intravenous=route_code == abx.intravenous_code,
                start_date=start, stop_date=stop,
                start_day=day_of(start), stop_day=day_of(stop)))
    courses.sort(key=lambda c: (c.start_day is None, c.start_day or 0, c.instance))
    return tuple(courses)


def _markers(study: Study, plan: AnalysisPlan, patient: PatientData, visits: tuple[Visit, ...],
             day_of: DayOf) -> tuple[MarkerSeries, ...]:
    short = {m.field: m.short_label for m in plan.biology}
    series: list[MarkerSeries] = []
    for name in plan.timeline.markers:
        fdef = study.field(name)
        date_fields = [n for n in study.protocol.visit_date_fields
                       if study.field(n).form == fdef.form]
        points: list[MarkerPoint] = []
        missing: list[tuple[str, str]] = []
        codes = {c.code: c.label for c in study.missing_codes}
        for visit in visits:
            text = patient.value(study, name, visit.event)
            if text in codes:
                missing.append((visit.label, f"{codes[text]} ({text})"))
            value = number(text)
            if value is None:
                continue
            when = date(patient.value(study, date_fields[0], visit.event)) if date_fields else None
            day = day_of(when) if when else None
            points.append(MarkerPoint(visit.label, visit.day if day is None else day, value))
        series.append(MarkerSeries(name, fdef.label, short.get(name, fdef.label), fdef.note,
                                   tuple(points), tuple(missing)))
    return tuple(series)


def _reading(plan: AnalysisPlan, code: str) -> str:
    imaging = plan.imaging
    return {imaging.present: PRESENT, imaging.absent: ABSENT,
            imaging.not_assessable: NOT_ASSESSABLE}.get(code, "")


def _imaging(study: Study, plan: AnalysisPlan, patient: PatientData,
             visits: tuple[Visit, ...]) -> ImagingGrid:
    findings = plan.imaging.findings
    form = study.field(findings[0]).form if findings else ""
    imaged = [v for v in visits if form and form in study.event(v.event).forms]
    cells: dict[tuple[str, str], str] = {}
    modalities: dict[str, str] = {}
    yesno = [f for f in study.form(form).fields if f.field_type is FieldType.YESNO] if form else []
    for visit in imaged:
        for name in findings:
            reading = _reading(plan, patient.value(study, name, visit.event))
            if reading:
                cells[(study.field(name).label, visit.label)] = reading
        done = [f.label.replace(" performed", "") for f in yesno
                if patient.value(study, f.name, visit.event) == "1"]
        if done:
            modalities[visit.label] = " + ".join(done)
    return ImagingGrid(tuple(study.field(n).label for n in findings),
                       tuple(v.label for v in imaged), cells, modalities)


def _comments(study: Study, plan: AnalysisPlan, patient: PatientData,
              visits: tuple[Visit, ...]) -> tuple[tuple[str, str], ...]:
    name = plan.imaging.comment_field
    if not name:
        return ()
    found = [(v.label, patient.value(study, name, v.event)) for v in visits]
    return tuple((label, text.strip()) for label, text in found if text.strip())


def _clinical(study: Study, plan: AnalysisPlan, patient: PatientData,
              visits: tuple[Visit, ...]) -> tuple[ClinicalRow, ...]:
    names = plan.timeline.clinical
    rows: list[ClinicalRow] = []
    for visit in visits:
        cells = tuple(display(study, study.field(n), patient.value(study, n, visit.event))
                      for n in names)
        if any(cells):
            rows.append(ClinicalRow(visit.label, visit.study_day, cells))
    return tuple(rows)


def _biology(study: Study, plan: AnalysisPlan, patient: PatientData,
             visits: tuple[Visit, ...]) -> tuple[ClinicalRow, ...]:
    names = [m.field for m in plan.biology]
    codes = {c.code for c in study.missing_codes}
    rows: list[ClinicalRow] = []
    for visit in visits:
        texts = [patient.value(study, n, visit.event) for n in names]
        cells = tuple(display(study, study.field(n), t) + (f" ({t})" if t in codes else "")
                      for n, t in zip(names, texts, strict=True))
        if any(cells):
            rows.append(ClinicalRow(visit.label, visit.study_day, cells))
    return tuple(rows)


def _outcome(study: Study, plan: AnalysisPlan, patient: PatientData) -> Outcome:
    names = plan.timeline.outcome

    def shown(key: str) -> str:
        name = names.get(key)
        return display(study, study.field(name), patient.value(study, name)) if name else ""

    details = tuple(study.field(n).label for n in plan.sequelae.components
                    if patient.value(study, n) == "1")
    days = number(patient.value(study, names["antibiotic_days"])) \
        if "antibiotic_days" in names else None
    months = number(patient.value(study, names["followup_months"])) \
        if "followup_months" in names else None
    sequelae = shown("sequelae")
    if names.get("sequelae") == plan.sequelae.group_field:
        code = patient.value(study, plan.sequelae.group_field)
        sequelae = {plan.sequelae.yes: "Yes", plan.sequelae.no: "No"}.get(code, sequelae)
    return Outcome(cured=shown("cured"), relapse=shown("relapse"), sequelae=sequelae,
                   sequelae_details=details,
                   antibiotic_days=int(days) if days is not None else None,
                   followup_months=months)
