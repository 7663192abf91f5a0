"""Data-quality listing: missing required values, out-of-range values, visits out of window.

Value checks are the entry service's own (``check_value``, branching via ``is_visible``), run
over every saved form instance, so the listing agrees with what data entry shows. Reasons come
from the audit trail (the reason of the latest audit row of the field) and from the
``protocol_deviations`` table.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from vo_crf.analysis.dataset import PatientData, date
from vo_crf.db.engine import read_session
from vo_crf.db.models import AuditEntry, ProtocolDeviation
from vo_crf.entry.assessment import is_visible
from vo_crf.entry.messages import Rule
from vo_crf.entry.record_values import RecordLookup, RecordValues
from vo_crf.entry.values import check_value, field_title, parse_bound
from vo_crf.project import Project
from vo_crf.study.model import FieldDef, FieldType, Study, ValidationType

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
    fields a check applies to are looked at, and the range messages of a (field, value) pair
    are computed once per listing, so the listing stays fast on large studies.
    """
    today = today or dt.date.today()
    plans = {form.name: _FormChecks(study, form.name) for form in study.forms}
    ranges = _RangeMessages(study, today)
    windows = {e.unique_name: e for e in study.events}
    baseline_field = study.protocol.baseline_date_field
    issues: list[QualityIssue] = []
    add = issues.append
    for patient in patients:
        record: RecordValues | None = None
        record_id = patient.record_id
        baseline = date(patient.value(study, baseline_field)) if baseline_field else None
        for (event, form, instance), data in patient.forms.items():
            checks = plans[form]
            values = data.values
            for fdef in checks.required:
                if values.get(fdef.name, "") != "":
                    continue
                if fdef.branching_logic:
                    record = record or RecordValues(record_id, {
                        key: stored.values for key, stored in patient.forms.items()})
                    lookup = RecordLookup(study, record, event, form, instance)
                    if not is_visible(study, fdef, lookup, today):
                        continue
                add(QualityIssue(MISSING, record_id, event, form, instance, fdef.name, "",
                                 f"{field_title(fdef)} is required"))
            for fdef in checks.ranged:
                value = values.get(fdef.name, "")
                for text in ranges.of(fdef, value):
                    add(QualityIssue(OUT_OF_RANGE, record_id, event, form, instance,
                                     fdef.name, value, text))
            for fdef in checks.visit_dates:
                value = values.get(fdef.name, "")
                when = date(value)
                if when is None or baseline is None:
                    continue
                visit = windows[event]
                low, high = visit.window
                day = (when - baseline).days
                if not low <= day <= high:
                    add(QualityIssue(OUT_OF_WINDOW, record_id, event, form, instance,
                                     fdef.name, value, (
                                         f"{field_title(fdef)}: study day {day} is outside the "
                                         f"{visit.label} window (days {low} to {high})")))
    return issues


class _RangeMessages:
    """The out-of-range messages of ``check_value``, computed once per (field, value).

    Values strictly inside the bounds of a number, integer or date field are let through
    without the full check: float rounding is monotonic, so a value whose float lies strictly
    inside the floats of the bounds is inside the exact bounds too, and a value that does not
    parse has a type error, never a range message.
    """

    def __init__(self, study: Study, today: dt.date) -> None:
        self.missing = study.missing_code_values
        self.today = today
        self.known: dict[tuple[str, str], tuple[str, ...]] = {}
        self.bounds: dict[str, _Bounds | None] = {}

    def of(self, fdef: FieldDef, value: str) -> tuple[str, ...]:
        """Return the texts of the range messages of ``value``."""
        if value == "":
            return ()
        name = fdef.name
        if name not in self.bounds:
            self.bounds[name] = _fast_bounds(fdef, self.today)
        bounds = self.bounds[name]
        if bounds is not None:
            parse, low, high = bounds
            try:
                parsed = parse(value)
            except ValueError:
                return ()  # does not parse: a type error, never a range message
            if low < parsed < high:
                return ()
        key = (name, value)
        found = self.known.get(key)
        if found is None:
            found = self.known[key] = tuple(
                m.text for m in check_value(fdef, value, self.missing, self.today)
                if m.rule is Rule.RANGE)
        return found


_Bounds = tuple[Callable[[str], Any], Any, Any]
"""(parse, low, high) of a field whose range can be checked quickly."""


def _fast_bounds(fdef: FieldDef, today: dt.date) -> _Bounds | None:
    """(parse, min, max) of a number, integer or date field (open ends when absent)."""
    validation = fdef.validation
    if validation in (ValidationType.INTEGER, ValidationType.NUMBER):
        parse: Callable[[str], Any] = float
        low: Any = -math.inf
        high: Any = math.inf
    elif validation is ValidationType.DATE_YMD:
        parse, low, high = dt.date.fromisoformat, dt.date.min, dt.date.max
    else:
        return None
    try:
        if fdef.min_value:
            low = _bound(fdef.min_value, validation, today)
        if fdef.max_value:
            high = _bound(fdef.max_value, validation, today)
    except (ValueError, ArithmeticError):
        return None
    return parse, low, high


def _bound(text: str, validation: ValidationType, today: dt.date) -> Any:
    """A dictionary bound as the fast check compares it (float, or date with today resolved)."""
    bound = parse_bound(text, validation)
    if validation is ValidationType.DATE_YMD:
        return today if bound in ("today", "now") else bound
    return float(bound)  # type: ignore[arg-type]


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
