"""Running the data-quality checks: which checks, over which patients, with reasons.

``run_quality_checks`` is what the GUI panel and ``vo-crf quality`` call; the Excel workbook's
"Data quality" sheet is ``quality_issues`` over the patients it exports.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from vo_crf.analysis.dataset import PatientData, load_patients
from vo_crf.auth.permissions import Action
from vo_crf.auth.record_view import PSEUDONYM_HINT, RecordView, record_view
from vo_crf.auth.users import CurrentUser
from vo_crf.entry.errors import no_such_record
from vo_crf.project import Project
from vo_crf.quality.calc_checks import CalcCheck
from vo_crf.quality.context import PatientRecord, RecordCheck
from vo_crf.quality.date_checks import DateOrderCheck, VisitOrderCheck
from vo_crf.quality.field_checks import FieldChecks
from vo_crf.quality.impossible_checks import ImpossibleCheck
from vo_crf.quality.issue import (
    CALC_NOT_COMPUTED,
    CHECK_NAMES,
    DATES_OUT_OF_ORDER,
    IMPOSSIBLE,
    INVALID,
    MISSING,
    OUT_OF_RANGE,
    OUT_OF_WINDOW,
    STUDY_RULE,
    VISITS_OUT_OF_ORDER,
    QualityIssue,
)
from vo_crf.quality.reasons import add_reasons
from vo_crf.quality.rule_checks import StudyRuleCheck
from vo_crf.study.model import Study


@dataclass(frozen=True)
class CheckSelection:
    """The checks to run (their titles) and, among the study rules, which ones."""

    checks: frozenset[str]
    rules: frozenset[str] | None = None
    """Names of the study rules to run (None: every rule, when ``STUDY_RULE`` is selected)."""


def select_checks(study: Study, names: Collection[str] | None) -> CheckSelection:
    """Return the selection named by ``names``: short names, titles or study-rule names.

    None or empty selects everything. Raise ValueError naming the accepted names otherwise.
    """
    if not names:
        return CheckSelection(frozenset(CHECK_NAMES.values()))
    titles = {title.lower(): title for title in CHECK_NAMES.values()}
    rule_names = {rule.name for rule in study.protocol.quality_rules}
    checks: set[str] = set()
    rules: set[str] = set()
    every_rule = False
    for name in names:
        if name in CHECK_NAMES or name.lower() in titles:
            title = CHECK_NAMES.get(name) or titles[name.lower()]
            checks.add(title)
            every_rule = every_rule or title == STUDY_RULE
        elif name in rule_names:
            checks.add(STUDY_RULE)
            rules.add(name)
        else:
            accepted = ", ".join([*CHECK_NAMES, *sorted(rule_names)])
            raise ValueError(f"unknown data-quality check {name!r}: use one of {accepted}")
    return CheckSelection(frozenset(checks), None if every_rule else frozenset(rules))


def _record_checks(study: Study, selection: CheckSelection, today: dt.date
                   ) -> list[RecordCheck]:
    """The checks of ``selection``, set up once for the listing (rules parsed once)."""
    chosen = selection.checks
    checks: list[RecordCheck] = []
    if chosen & {MISSING, OUT_OF_RANGE, OUT_OF_WINDOW, INVALID}:
        checks.append(FieldChecks(study, today, chosen))
    if VISITS_OUT_OF_ORDER in chosen and study.protocol.visit_date_fields:
        checks.append(VisitOrderCheck(study))
    if DATES_OUT_OF_ORDER in chosen and study.protocol.date_order_rules:
        checks.append(DateOrderCheck(study))
    if CALC_NOT_COMPUTED in chosen:
        checks.append(CalcCheck(study, today))
    if STUDY_RULE in chosen and study.protocol.quality_rules:
        checks.append(StudyRuleCheck(study, today, selection.rules))
    if IMPOSSIBLE in chosen and study.protocol.hard_rules:
        checks.append(ImpossibleCheck(study, today))
    return checks


def find_issues(study: Study, patients: Sequence[PatientData], today: dt.date | None = None,
                selection: CheckSelection | None = None) -> list[QualityIssue]:
    """Run the selected checks (default: all) over ``patients``; findings in patient order.

    Within a patient the value checks (required, range, window) come first, form instance by
    form instance, then the dates out of order, the calculations and the study rules.
    """
    today = today or dt.date.today()
    selection = selection or select_checks(study, None)
    checks = _record_checks(study, selection, today)
    issues: list[QualityIssue] = []
    report = issues.append
    for patient in patients:
        record = PatientRecord(patient)
        for check in checks:
            check.check(record, report)
    return issues


def quality_issues(project: Project, patients: Sequence[PatientData]) -> list[QualityIssue]:
    """Return every data-quality issue of ``patients``, with reasons (the workbook's sheet)."""
    return add_reasons(project, find_issues(project.study, patients))


def run_quality_checks(project: Project, user: CurrentUser,
                       records: Collection[str] | None = None,
                       checks: Collection[str] | None = None,
                       today: dt.date | None = None) -> list[QualityIssue]:
    """Run the data-quality checks on demand (every record, or ``records``); needs VIEW_DATA.

    ``checks`` takes short names (``missing``, ``range``, ``window``, ``visit-order``,
    ``date-order``, ``calc``, ``rule``, ``impossible``), titles or study-rule names; None
    runs everything.
    Users who may not see identifiers get the de-identified view (records named and asked for
    by pseudonym, identifier and free-text values blank, dates shifted, typed reasons removed).
    Raise ValueError for an unknown check or record.
    """
    user.require(Action.VIEW_DATA)
    study = project.study
    view = record_view(project, user)
    selection = select_checks(study, checks)
    wanted = None
    if records is not None:
        real = {asked: view.real_id(asked) for asked in records}
        unseen = sorted(asked for asked, real_id in real.items() if real_id is None)
        if unseen:
            raise ValueError(f"no such record: {', '.join(unseen)}" + PSEUDONYM_HINT)
        wanted = list(dict.fromkeys(real_id for real_id in real.values() if real_id))
    patients = load_patients(project, wanted)
    if wanted is not None:
        unknown = sorted(set(wanted) - {p.record_id for p in patients})
        if unknown:
            raise ValueError(no_such_record(*unknown))
    issues = add_reasons(project, find_issues(study, patients, today, selection),
                         with_deviations=OUT_OF_WINDOW in selection.checks,
                         only_records=wanted)
    if not view.deidentified:
        return issues
    return [_shown_issue(view, issue) for issue in issues]


def _shown_issue(view: RecordView, issue: QualityIssue) -> QualityIssue:
    """The finding as a user who may not see identifiers is shown it."""
    real_id = issue.record_id
    return dataclasses.replace(
        issue, record_id=view.shown_id(real_id),
        value=view.value(issue.field, issue.value, real_id),
        message=view.text(issue.message, real_id, issue.field),
        args=tuple((name, view.text(text, real_id, issue.field)) for name, text in issue.args),
        reason=view.free_text(issue.reason) or "")

