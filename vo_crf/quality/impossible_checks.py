"""Stored values breaking the study's hard rules (impossible facts) saved before the rules were.

Saves and imports refuse them; data entered under an earlier definition version, or merged by
sync, may still hold them. Each violation is reported at the later date (a date-order rule) or
at the value (a range rule), with the message data entry gives.
"""

from __future__ import annotations

import datetime as dt

from vo_crf.entry.hard_rules import (
    date_order_violations,
    out_of_range,
    range_parts,
    violation_parts,
)
from vo_crf.entry.message_templates import templated
from vo_crf.entry.messages import Message, Rule, Severity
from vo_crf.quality.context import PatientRecord, Report
from vo_crf.quality.issue import IMPOSSIBLE, QualityIssue
from vo_crf.study.model import FieldDef, Study


class ImpossibleCheck:
    """The hard rules of ``project.json``, over every event and instance of the record."""

    def __init__(self, study: Study, today: dt.date) -> None:
        self.study = study
        self.today = today
        self.dates = [r for r in study.protocol.hard_rules if r.kind == "date_order"]
        self.ranges = [r for r in study.protocol.hard_rules if r.kind == "range"]

    def check(self, record: PatientRecord, report: Report) -> None:
        """Report every date-order and range hard rule the record breaks."""
        study, values = self.study, record.values
        for rule in self.dates:
            for violation in date_order_violations(study, values, rule):
                event, form, instance = violation.later.key
                template, args = violation_parts(study, violation)
                report(QualityIssue.worded(
                    IMPOSSIBLE, (record.record_id, event, form, instance, violation.later.field),
                    violation.later.text, _message(template, args), rule=rule.name))
        for rule in self.ranges:
            name = rule.fields[0]
            form = study.field(name).form
            for (event, form_name, instance), stored in values.forms.items():
                text = stored.get(name, "")
                if form_name == form and text and out_of_range(rule, text, self.today):
                    template, args = range_parts(study, rule, text, self.today)
                    report(QualityIssue.worded(
                        IMPOSSIBLE, (record.record_id, event, form, instance, name), text,
                        _message(template, args), rule=rule.name))


def _message(template: str, args: dict[str, str | FieldDef]) -> Message:
    """The message data entry gives for a broken hard rule."""
    return templated("", Severity.ERROR, Rule.IMPOSSIBLE, template, **args)
