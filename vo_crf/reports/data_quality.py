"""Data-quality listing: missing required values, out-of-range values, visits out of window.

Value checks are the entry service's own (``check_value``, branching via ``is_visible``), run
over every saved form instance, so the listing agrees with what data entry shows. Reasons come
from the audit trail (the reason of the latest audit row of the field) and from the
``protocol_deviations`` table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from vo_crf.analysis.dataset import PatientData, date
from vo_crf.db.engine import read_session
from vo_crf.db.models import AuditEntry, ProtocolDeviation
from vo_crf.entry.assessment import is_visible
from vo_crf.entry.messages import Rule
from vo_crf.entry.record_values import RecordLookup, RecordValues
from vo_crf.entry.values import check_value, field_title
from vo_crf.project import Project
from vo_crf.study.model import FieldDef, FieldType, Study

MISSING, OUT_OF_RANGE, OUT_OF_WINDOW = ("Missing required value", "Out of range",
                                        "Visit outside window")
QUALITY_HEADERS = ["Check", "record_id", "Event", "Form", "Instance", "Field", "Value",
                   "Message", "Reason", "Source"]
QUALITY_WIDTHS = [22, 12, 12, 12, 9, 18, 14, 70, 50, 12]
_CHECKS = {Rule.REQUIRED: MISSING, Rule.RANGE: OUT_OF_RANGE, Rule.VISIT_WINDOW: OUT_OF_WINDOW}

Key = tuple[str, str, str, int, str]
"""(record id, event, form, instance, field)."""


@dataclass(frozen=True)
class QualityIssue:
    """One finding of the data-quality listing."""

    check: str
    record_id: str
    event: str
    form: str
    instance: int
    field: str
    value: str
    message: str
    reason: str = ""
    source: str = "computed"

    @property
    def key(self) -> Key:
        """Return (record id, event, form, instance, field)."""
        return self.record_id, self.event, self.form, self.instance, self.field

    def row(self) -> list[str | int]:
        """Return the sheet row."""
        return [self.check, self.record_id, self.event, self.form, self.instance, self.field,
                self.value, self.message, self.reason, self.source]


def find_issues(study: Study, patients: Sequence[PatientData],
                today: dt.date | None = None) -> list[QualityIssue]:
    """Check every saved form instance: required values, ranges, visit windows.

    The value checks are the entry service's own (``check_value``, ``is_visible``); only the
    fields a check applies to are looked at, so the listing stays fast on large studies.
    """
    today = today or dt.date.today()
    missing = study.missing_code_values
    plans = {form.name: _FormChecks(study, form.name) for form in study.forms}
    baseline_field = study.protocol.baseline_date_field
    issues: list[QualityIssue] = []
    for patient in patients:
        record: RecordValues | None = None
        baseline = date(patient.value(study, baseline_field)) if baseline_field else None
        for (event, form, instance), data in patient.forms.items():
            checks = plans[form]
            values = data.values
            where = (patient.record_id, event, form, instance)

            def issue(check: str, fdef: FieldDef, text: str,
                      where: tuple[str, str, str, int] = where,
                      values: dict[str, str] = values) -> QualityIssue:
                return QualityIssue(check, *where, fdef.name, values.get(fdef.name, ""), text)

            for fdef in checks.required:
                if values.get(fdef.name, "") != "":
                    continue
                if fdef.branching_logic:
                    record = record or RecordValues(patient.record_id, {
                        key: stored.values for key, stored in patient.forms.items()})
                    lookup = RecordLookup(study, record, event, form, instance)
                    if not is_visible(study, fdef, lookup, today):
                        continue
                issues.append(issue(MISSING, fdef, f"{field_title(fdef)} is required"))
            for fdef in checks.ranged:
                value = values.get(fdef.name, "")
                for message in check_value(fdef, value, missing, today):
                    if message.rule is Rule.RANGE:
                        issues.append(issue(OUT_OF_RANGE, fdef, message.text))
            for fdef in checks.visit_dates:
                when = date(values.get(fdef.name, ""))
                if when is None or baseline is None:
                    continue
                low, high = study.event(event).window
                day = (when - baseline).days
                if not low <= day <= high:
                    issues.append(issue(OUT_OF_WINDOW, fdef, (
                        f"{field_title(fdef)}: study day {day} is outside the "
                        f"{study.event(event).label} window (days {low} to {high})")))
    return issues


class _FormChecks:
    """The fields of one form each check applies to (computed once per export)."""

    def __init__(self, study: Study, form: str) -> None:
        fields = [f for f in study.form(form).fields
                  if f.holds_data and f.name != study.record_id_field]
        self.required = [f for f in fields if f.required and f.field_type is not FieldType.CALC]
        self.ranged = [f for f in fields if f.validation and (f.min_value or f.max_value)]
        self.visit_dates = [f for f in fields if f.name in study.protocol.visit_date_fields]


def add_reasons(project: Project, issues: list[QualityIssue]) -> list[QualityIssue]:
    """Attach audit-trail and deviation reasons; append deviations recorded but not found."""
    records = {i.record_id for i in issues}
    fields = {i.field for i in issues}
    latest: dict[Key, str] = {}
    with read_session(project.engine) as session:
        if records:
            rows = session.execute(
                select(AuditEntry.record_id, AuditEntry.event, AuditEntry.form,
                       AuditEntry.instance, AuditEntry.field, AuditEntry.reason)
                .where(AuditEntry.record_id.in_(records), AuditEntry.field.in_(fields))
                .order_by(AuditEntry.id))
            for record_id, event, form, instance, name, reason in rows:
                latest[(record_id, event, form, instance or 1, name)] = reason or ""
        deviations = list(session.scalars(select(ProtocolDeviation)
                                          .order_by(ProtocolDeviation.id)))
    recorded = {(d.record_id, d.event, d.form, d.field): d for d in deviations}
    result: list[QualityIssue] = []
    for issue in issues:
        reason = latest.get(issue.key, "")
        deviation = recorded.pop((issue.record_id, issue.event, issue.form, issue.field), None)
        if issue.check == OUT_OF_WINDOW and deviation is not None:
            reason = deviation.reason or reason
        result.append(QualityIssue(issue.check, issue.record_id, issue.event, issue.form,
                                   issue.instance, issue.field, issue.value, issue.message,
                                   reason, issue.source))
    for deviation in recorded.values():
        result.append(QualityIssue(OUT_OF_WINDOW, deviation.record_id, deviation.event,
                                   deviation.form, 1, deviation.field, "", deviation.message,
                                   deviation.reason, "recorded"))
    return result


def quality_issues(project: Project, patients: Sequence[PatientData]) -> list[QualityIssue]:
    """Return every data-quality issue of ``patients``, with reasons."""
    return add_reasons(project, find_issues(project.study, patients))
