"""Calculated fields left blank although every field their calculation reads is entered.

A calculation that is visible, stored blank, and whose referenced values are all present (not
blank, not a missing-data code) is a finding: either it gives no value from those values (a
date that is not a date, a division by zero, ...), its logic fails, or the stored form was not
recalculated since (it computes now).
"""

from __future__ import annotations

import datetime as dt

from vo_crf.entry.assessment import blank_calc_reason, is_visible
from vo_crf.entry.messages import Message
from vo_crf.entry.record_values import InstanceKey, RecordLookup
from vo_crf.entry.study_index import study_index
from vo_crf.logic import Expression, FieldRef, LogicEvalError, LogicSyntaxError, format_calc_value
from vo_crf.logic import parse as parse_logic
from vo_crf.quality import wording
from vo_crf.quality.context import PatientRecord, Report
from vo_crf.quality.issue import CALC_NOT_COMPUTED, QualityIssue
from vo_crf.quality.wording import worded
from vo_crf.study.model import FieldDef, Study


class CalcCheck:
    """Blank calculated values that could be computed from the values entered."""

    def __init__(self, study: Study, today: dt.date) -> None:
        self.study = study
        self.today = today
        self.missing = study.missing_code_values
        self.calcs: dict[str, list[tuple[FieldDef, Expression | None, str]]] = {}
        for name, form in study_index(study).forms.items():
            for fdef in form.calc_fields:
                try:
                    expression: Expression | None = parse_logic(fdef.calculation)
                    problem = ""
                except LogicSyntaxError as exc:
                    expression, problem = None, str(exc)
                self.calcs.setdefault(name, []).append((fdef, expression, problem))

    def check(self, record: PatientRecord, report: Report) -> None:
        """Report every blank calculated value whose inputs are all entered."""
        study, today = self.study, self.today
        for (event, form, instance), data in record.patient.forms.items():
            calcs = self.calcs.get(form)
            if not calcs:
                continue
            lookup: RecordLookup | None = None
            for fdef, expression, problem in calcs:
                if data.values.get(fdef.name, "") != "":
                    continue
                lookup = lookup or RecordLookup(study, record.values, event, form, instance)
                if not is_visible(fdef, lookup, today):
                    continue
                message = (self._message(fdef, expression, lookup, record,
                                         InstanceKey(event, form, instance))
                           if expression is not None
                           else worded(fdef, wording.CALC_FAILS, field=fdef, problem=problem))
                if message is not None:
                    report(QualityIssue.worded(
                        CALC_NOT_COMPUTED, (record.record_id, event, form, instance, fdef.name),
                        "", message, rule=fdef.calculation))

    def _message(self, fdef: FieldDef, expression: Expression, lookup: RecordLookup,
                 record: PatientRecord, key: InstanceKey) -> Message | None:
        """Why the blank calculation is a finding (None when an input is missing: it is
        not)."""
        inputs: list[tuple[FieldRef, str]] = []
        for ref in sorted(expression.references(), key=str):
            value = lookup.value(ref)
            if value == "" or value in self.missing:
                return None
            inputs.append((ref, value))
        try:
            computed = format_calc_value(expression.evaluate(lookup, self.today))
        except LogicEvalError as exc:
            return worded(fdef, wording.CALC_FAILS, field=fdef, problem=str(exc))
        impossible = blank_calc_reason(self.study, record.values, key, fdef.name, computed,
                                       self.today)
        if impossible:
            return worded(fdef, wording.CALC_LEFT_BLANK, field=fdef, why=impossible)
        if computed:
            return worded(fdef, wording.CALC_NOT_SAVED, field=fdef, value=computed)
        entered = ", ".join(f"{ref} = {value}" for ref, value in inputs)
        return worded(fdef, wording.CALC_INPUTS, field=fdef, entered=entered)
