"""Dates out of order: a later visit dated before an earlier one (e.g. M3 before M0), and the
protocol's ``date_order_rules`` (a field earlier than the field it may not precede).
"""

from __future__ import annotations

import datetime as dt

from vo_crf.analysis.dataset import date
from vo_crf.entry.message_templates import DATE_ORDER
from vo_crf.keys import InstanceKey
from vo_crf.quality import wording
from vo_crf.quality.context import PatientRecord, Report
from vo_crf.quality.issue import DATES_OUT_OF_ORDER, VISITS_OUT_OF_ORDER, QualityIssue
from vo_crf.quality.wording import worded
from vo_crf.study.model import DateOrderRule, FieldDef, Study

_VisitDate = tuple[InstanceKey, FieldDef, str, dt.date]
"""(event, form, instance), field, stored text and date of one saved visit date."""


class VisitOrderCheck:
    """A visit dated before a visit of an earlier event of the same arm.

    Each event's date is the earliest visit date saved at it; every visit date of an event is
    compared with the latest event date of the events scheduled before it (same arm, smaller
    day offset).
    """

    def __init__(self, study: Study) -> None:
        names = set(study.protocol.visit_date_fields)
        self.visit_fields = {form.name: tuple(f for f in form.fields if f.name in names)
                             for form in study.forms}
        self.visit_fields = {name: found for name, found in self.visit_fields.items() if found}
        self.events = {e.unique_name: e for e in study.events}
        self.earlier: dict[str, tuple[str, ...]] = {
            event.unique_name: tuple(other.unique_name for other in study.events
                                     if other.arm == event.arm
                                     and other.day_offset < event.day_offset)
            for event in study.events}

    def check(self, record: PatientRecord, report: Report) -> None:
        """Report every visit date earlier than a visit of an earlier event."""
        dates: list[_VisitDate] = []
        event_dates: dict[str, dt.date] = {}
        for key, data in record.patient.forms.items():
            fields = self.visit_fields.get(key.form)
            if fields is None:
                continue
            values = data.values
            for fdef in fields:
                text = values.get(fdef.name, "")
                day = date(text) if text else None
                if day is None:
                    continue
                dates.append((key, fdef, text, day))
                known = event_dates.get(key.event)
                if known is None or day < known:
                    event_dates[key.event] = day
        if len(event_dates) < 2:
            return
        latest: dict[str, tuple[dt.date, str]] = {}
        for event in event_dates:
            for other in self.earlier.get(event, ()):
                day = event_dates.get(other)
                if day is not None and (event not in latest or day > latest[event][0]):
                    latest[event] = (day, other)
        for (event, form, instance), fdef, text, day in dates:
            found = latest.get(event)
            if found is None or day >= found[0]:
                continue
            earlier_day, earlier = found
            report(QualityIssue.worded(
                VISITS_OUT_OF_ORDER, (record.record_id, event, form, instance, fdef.name), text,
                worded(fdef, wording.VISIT_BEFORE, field=fdef, value=text,
                       event=self.events[event].label,
                       earlier_event=self.events[earlier].label,
                       earlier_value=earlier_day.isoformat()),
                rule=f"{event} after {earlier}"))


class DateOrderCheck:
    """The protocol's date-order rules, looked up across the record as data entry does.

    The earlier date is read from the same form instance when both fields share a form, else
    from the same event, else from the first event holding it.
    """

    def __init__(self, study: Study) -> None:
        self.study = study
        self.rules: dict[str, list[tuple[DateOrderRule, FieldDef, FieldDef]]] = {}
        for rule in study.protocol.date_order_rules:
            later, earlier = study.field(rule.field), study.field(rule.not_before)
            self.rules.setdefault(later.form, []).append((rule, later, earlier))

    def check(self, record: PatientRecord, report: Report) -> None:
        """Report every field dated before the field it may not precede."""
        patient = record.patient
        for (event, form, instance), data in patient.forms.items():
            for rule, later_def, earlier_def in self.rules.get(form, ()):
                later_text = data.values.get(rule.field, "")
                later = date(later_text) if later_text else None
                if later is None:
                    continue
                if earlier_def.form == form:
                    earlier_text = data.values.get(rule.not_before, "")
                else:
                    same_event = patient.forms.get(InstanceKey(event, earlier_def.form))
                    earlier_text = (same_event.values.get(rule.not_before, "")
                                    if same_event is not None else "")
                    earlier_text = earlier_text or patient.value(self.study, rule.not_before)
                earlier = date(earlier_text) if earlier_text else None
                if earlier is not None and later < earlier:
                    report(QualityIssue.worded(
                        DATES_OUT_OF_ORDER, (patient.record_id, event, form, instance,
                                             rule.field), later_text,
                        worded(later_def, DATE_ORDER, later=later_def,
                               later_value=later.isoformat(), earlier=earlier_def,
                               earlier_value=earlier.isoformat()),
                        rule=f"{rule.field} not before {rule.not_before}"))
