"""The Excel workbook's export does no work its cells do not need (issue 15: the workbook
within 1.3x its bare-openpyxl floor).

Counted, not timed: what a step reads or builds is compared with what its output holds, on a
generated VO cohort; the output itself is compared with a plain recomputation.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest
from random_cohort import cohort_csv
from sqlalchemy import select

from vo_crf.analysis.dataset import load_patients
from vo_crf.audit import trail
from vo_crf.audit.trail import TRAIL_COLUMNS, expand_all
from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session
from vo_crf.db.models import AuditEntry
from vo_crf.exchange.redcap_import import import_redcap_text
from vo_crf.project import Project
from vo_crf.quality import reasons
from vo_crf.quality.issue import Key, QualityIssue
from vo_crf.quality.reasons import add_reasons
from vo_crf.quality.run import find_issues

ADMIN = CurrentUser("admin", Role.ADMIN)
PATIENTS = 60


@pytest.fixture
def cohort(project: Project) -> Project:
    """The VO study holding a generated cohort (imported: one audit save row per form)."""
    import_redcap_text(project, ADMIN, cohort_csv(project.study, PATIENTS, seed=5),
                       "cohort.csv")
    return project


def _place(record_id: Any, event: Any, form: Any, instance: Any) -> tuple[str, str, str, int]:
    return record_id, event or "", form or "", instance or 1


def _trail(project: Project, records: Iterable[str]) -> list[Any]:
    """Every audit row of ``records``, in order (raw, as ``expand`` takes them)."""
    with read_session(project.engine) as session:
        return list(session.execute(
            select(*(getattr(AuditEntry, name) for name in TRAIL_COLUMNS))
            .where(AuditEntry.record_id.in_(list(records))).order_by(AuditEntry.id)))


def _latest_reasons(rows: list[Any], issues: list[QualityIssue]) -> dict[Key, str]:
    """The latest reason recorded for each finding's value, from the whole trail."""
    wanted = {issue.key for issue in issues}
    latest: dict[Key, str] = {}
    for entry in expand_all(rows):
        key = (*_place(entry.record_id, entry.event, entry.form, entry.instance), entry.field)
        if key in wanted:
            latest[key] = entry.reason or ""
    return latest


def test_quality_reasons_expand_only_the_saves_of_forms_with_a_finding(
        cohort: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    issues = find_issues(cohort.study, load_patients(cohort))
    records = {issue.record_id for issue in issues}
    assert len(records) > PATIENTS // 2, "the generated cohort has findings in most records"
    rows = _trail(cohort, records)
    places = {issue.key[:4] for issue in issues}
    at_findings = [row for row in rows
                   if _place(row.record_id, row.event, row.form, row.instance) in places]
    assert len(at_findings) < len(rows) / 2, "most saves of these records have no finding"
    expanded: list[Any] = []

    def counting_expand(row: Any) -> list[Any]:
        expanded.append(row)
        return trail.expand(row)

    monkeypatch.setattr(reasons, "expand", counting_expand)
    with_reasons = add_reasons(cohort, issues)
    assert len(expanded) == len(at_findings), (
        f"{len(expanded)} audit rows expanded for the findings of {len(at_findings)} saves")
    latest = _latest_reasons(rows, issues)
    assert any(latest.values()), "the imported values carry their import's reason"
    found = {issue.key: issue.reason for issue in with_reasons if issue.source == "computed"}
    for issue in issues:
        expected = latest.get(issue.key, "")
        if issue.check not in reasons.VALUE_CHECKS \
                and expected.endswith(reasons.IMPORT_CONFIRMATION):
            expected = ""
        assert found[issue.key] == expected, issue
