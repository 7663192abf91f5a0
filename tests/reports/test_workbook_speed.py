"""The Excel workbook's export does no work its cells do not need (issue 15: the workbook
within 1.3x its bare-openpyxl floor).

Counted, not timed: what a step reads or builds is compared with what its output holds, on a
generated VO cohort; the output itself is compared with a plain recomputation.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
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
from vo_crf.reports.xlsx_cells import SheetWriter, Value

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


def test_a_sheet_remembers_clean_texts_but_writes_every_row_alike(tmp_path: Path) -> None:
    """Texts repeat on every row (labels, names): each is cleaned once, formula-like text is
    still a text cell on every row, control characters are removed on every row."""
    workbook = Workbook(write_only=True)
    sheet = SheetWriter(workbook, "Texts", ["a", "b", "c", "d"], 3)
    row: list[Value] = ["=1+1", "bell\x07 here", "plain", "@home"]
    for _ in range(3):
        sheet.append(list(row))
    assert len(sheet._texts) == 2, "the two plain texts are remembered, not the formula-like"
    workbook.save(tmp_path / "texts.xlsx")
    read = load_workbook(tmp_path / "texts.xlsx")["Texts"]
    for cells in read.iter_rows(min_row=2):
        assert [c.value for c in cells] == ["=1+1", "bell here", "plain", "@home"]
        assert [c.data_type for c in cells] == ["s", "s", "s", "s"]
