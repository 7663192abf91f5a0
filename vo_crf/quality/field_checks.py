"""The value checks of the listing: missing required values, out-of-range values, visits
outside their protocol window, values failing their field's validation (kept by an import's
``--keep-invalid``).

They are the entry service's own (``check_value``, branching via ``is_visible``), run over every
saved form instance, so the listing agrees with what data entry shows. Only the fields a check
applies to are looked at, and the range messages of a (field, value) pair are computed once
per listing, so the listing stays fast on large studies.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Any

from vo_crf.analysis.dataset import date
from vo_crf.entry.assessment import is_visible
from vo_crf.entry.messages import Message, Rule
from vo_crf.entry.record_values import RecordLookup
from vo_crf.entry.values import check_value
from vo_crf.quality import wording
from vo_crf.quality.context import PatientRecord, Report
from vo_crf.quality.issue import INVALID, MISSING, OUT_OF_RANGE, OUT_OF_WINDOW, QualityIssue
from vo_crf.quality.wording import worded
from vo_crf.study.bounds import parse_bound
from vo_crf.study.model import FieldDef, FieldType, Study, ValidationType
from vo_crf.study.validations import parse_stored


class FieldChecks:
    """Required values, ranges and visit windows of every saved form instance."""

    def __init__(self, study: Study, today: dt.date, checks: frozenset[str]) -> None:
        self.study = study
        self.today = today
        self.plans = {form.name: _FormChecks(study, form.name, checks) for form in study.forms}
        self.ranges = _RangeMessages(study, today)
        self.invalid = _InvalidMessages(study, today)
        self.windows = {e.unique_name: e for e in study.events}
        self.baseline_field = study.protocol.baseline_date_field

    def check(self, record: PatientRecord, report: Report) -> None:
        """Report the value findings of every saved form instance of ``record``."""
        study, today, ranges = self.study, self.today, self.ranges
        patient = record.patient
        record_id = patient.record_id
        baseline_field = self.baseline_field
        baseline = date(patient.value(study, baseline_field)) if baseline_field else None
        for (event, form, instance), data in patient.forms.items():
            checks = self.plans[form]
            values = data.values
            for fdef in checks.required:
                if values.get(fdef.name, "") != "":
                    continue
                if fdef.branching_logic:
                    lookup = RecordLookup(study, record.values, event, form, instance)
                    if not is_visible(fdef, lookup, today):
                        continue
                report(QualityIssue.worded(MISSING, (record_id, event, form, instance, fdef.name),
                                           "", worded(fdef, wording.REQUIRED, field=fdef)))
            for fdef in checks.validated:
                value = values.get(fdef.name, "")
                for message in self.invalid.of(fdef, value):
                    report(QualityIssue.worded(INVALID, (record_id, event, form, instance,
                                                         fdef.name), value, message))
            for fdef in checks.ranged:
                value = values.get(fdef.name, "")
                for message in ranges.of(fdef, value):
                    report(QualityIssue.worded(OUT_OF_RANGE, (record_id, event, form, instance,
                                                              fdef.name), value, message))
            for fdef in checks.visit_dates:
                value = values.get(fdef.name, "")
                when = date(value)
                if when is None or baseline is None:
                    continue
                visit = self.windows[event]
                low, high = visit.window
                day = (when - baseline).days
                if not low <= day <= high:
                    report(QualityIssue.worded(
                        OUT_OF_WINDOW, (record_id, event, form, instance, fdef.name), value,
                        worded(fdef, wording.OUTSIDE_WINDOW, field=fdef, day=day,
                               event=visit.label, low=low, high=high)))


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
        self.known: dict[tuple[str, str], tuple[Message, ...]] = {}
        self.bounds: dict[str, _Bounds | None] = {}

    def of(self, fdef: FieldDef, value: str) -> tuple[Message, ...]:
        """Return the range messages of ``value``."""
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
                m for m in check_value(fdef, value, self.missing, self.today)
                if m.rule is Rule.RANGE)
        return found


class _InvalidMessages:
    """The validation errors of ``check_value`` (type, date), computed once per
    (field, value); values parsing as their validation asks are let through at once."""

    def __init__(self, study: Study, today: dt.date) -> None:
        self.missing = study.missing_code_values
        self.today = today
        self.known: dict[tuple[str, str], tuple[Message, ...]] = {}

    def of(self, fdef: FieldDef, value: str) -> tuple[Message, ...]:
        """Return the validation errors of ``value``."""
        if value == "" or value in self.missing:
            return ()
        key = (fdef.name, value)
        found = self.known.get(key)
        if found is None:
            assert fdef.validation is not None
            found = () if parse_stored(value, fdef.validation) is not None else tuple(
                m for m in check_value(fdef, value, self.missing, self.today)
                if m.is_error and m.rule in (Rule.TYPE, Rule.DATE))
            if len(self.known) < 200_000:
                self.known[key] = found
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
    """The fields of one form each selected check applies to (computed once per listing)."""

    def __init__(self, study: Study, form: str, checks: frozenset[str]) -> None:
        fields = [f for f in study.form(form).fields
                  if f.holds_data and f.name != study.record_id_field]
        self.required = [f for f in fields if f.required and f.field_type is not FieldType.CALC
                         ] if MISSING in checks else []
        self.ranged = [f for f in fields if f.validation and (f.min_value or f.max_value)
                       ] if OUT_OF_RANGE in checks else []
        self.visit_dates = [f for f in fields if f.name in study.protocol.visit_date_fields
                            ] if OUT_OF_WINDOW in checks else []
        self.validated = [f for f in fields if f.field_type is FieldType.TEXT and f.validation
                          ] if INVALID in checks else []
