"""Study-specific data-quality rules (``quality_rules`` of project.json), REDCap logic that is
true when the data look wrong, e.g. ``[m3_arm_1][bio_crp] > [m0_arm_1][bio_crp]``.

Each rule is parsed once per listing. A rule whose references all name an event is evaluated
once per record; a rule with a reference without event is evaluated at every saved instance of
the form it is shown on (at the rule's event only, when it names one), as REDCap does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from vo_crf.entry.record_values import RecordLookup
from vo_crf.logic import FieldRef, LogicEvalError
from vo_crf.logic import parse as parse_logic
from vo_crf.logic.nodes import FieldValue, walk
from vo_crf.quality.context import PatientRecord, Report
from vo_crf.quality.issue import STUDY_RULE, QualityIssue
from vo_crf.study.model import QualityRule, Study


class _RulePlan:
    """One rule, parsed, with the field (and event) its findings are attached to."""

    def __init__(self, study: Study, rule: QualityRule) -> None:
        self.rule = rule
        self.expression = parse_logic(rule.logic)
        refs = [node.ref for node, _ in sorted(
            ((n, n.column) for n, _ in walk(self.expression.root) if isinstance(n, FieldValue)),
            key=lambda item: item[1])]
        self.field = rule.field or (refs[0].field if refs else study.record_id_field)
        self.form = study.field(self.field).form
        self.per_record = all(ref.event for ref in refs)
        self.event = rule.event
        if not self.event and self.per_record:
            named = [ref.event for ref in refs if ref.event and ref.field == self.field]
            self.event = (named or [ref.event for ref in refs if ref.event])[0] or ""


class StudyRuleCheck:
    """The study's own rules; a rule that is true for a record is a finding."""

    def __init__(self, study: Study, today: dt.date, names: Collection[str] | None = None
                 ) -> None:
        self.study = study
        self.today = today
        self.plans = [_RulePlan(study, rule) for rule in study.protocol.quality_rules
                      if names is None or rule.name in names]

    def check(self, record: PatientRecord, report: Report) -> None:
        """Report every rule that is true for ``record``."""
        for plan in self.plans:
            if plan.per_record:
                self._evaluate(plan, record, (plan.event, plan.form, 1), report)
                continue
            for key in [k for k in record.patient.forms if k[1] == plan.form
                        and (not plan.event or k[0] == plan.event)]:
                self._evaluate(plan, record, key, report)

    def _evaluate(self, plan: _RulePlan, record: PatientRecord, key: tuple[str, str, int],
                  report: Report) -> None:
        """Report the rule's finding at ``key`` when its logic is true there."""
        event, form, instance = key
        lookup = RecordLookup(self.study, record.values, event, form, instance)
        try:
            fired = plan.expression.is_true(lookup, self.today)
        except LogicEvalError:
            return
        if fired:
            report(QualityIssue(STUDY_RULE, record.record_id, event, form, instance, plan.field,
                                lookup.value(FieldRef(event, plan.field, None)),
                                plan.rule.message, rule=plan.rule.name))
