"""The Excel workbook's memory does not hold every patient's data, nor the whole audit trail
(issue 14 benchmark: peak RSS of the 10,000-patient workbook within 400 MB).

Measured with ``tracemalloc`` on a generated VO cohort: what a step holds at its peak is
compared with the size of the data it would hold if it loaded everything at once.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from typing import Any

import pytest
from random_cohort import cohort_csv
from sqlalchemy import select

from vo_crf.analysis.dataset import load_patients
from vo_crf.audit.trail import TRAIL_COLUMNS, expand_all
from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session
from vo_crf.db.models import AuditEntry
from vo_crf.exchange.redcap_import import import_redcap_text
from vo_crf.project import Project
from vo_crf.quality.reasons import add_reasons
from vo_crf.quality.run import find_issues

ADMIN = CurrentUser("admin", Role.ADMIN)
PATIENTS = 120


def _peak(work: Callable[[], Any]) -> tuple[Any, int]:
    """Run ``work``; return its result and the traced peak above what was held before."""
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        result = work()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak - before


@pytest.fixture
def cohort(project: Project) -> Project:
    """The VO study holding a generated cohort (imported: one audit save row per form)."""
    import_redcap_text(project, ADMIN, cohort_csv(project.study, PATIENTS, seed=11),
                       "cohort.csv")
    return project


def _whole_trail(project: Project, records: set[str]) -> list[Any]:
    """Every change recorded about ``records``, expanded (what a loader of everything holds)."""
    with read_session(project.engine) as session:
        return expand_all(session.execute(
            select(*(getattr(AuditEntry, name) for name in TRAIL_COLUMNS))
            .where(AuditEntry.record_id.in_(records))))


def test_quality_reasons_read_the_trail_without_holding_it(cohort: Project) -> None:
    issues = find_issues(cohort.study, load_patients(cohort))
    records = {issue.record_id for issue in issues}
    assert len(records) > PATIENTS // 2, "the generated cohort has findings in most records"
    trail, held = _peak(lambda: _whole_trail(cohort, records))
    assert len(trail) > 20 * len(issues), "the trail is much bigger than the findings"
    del trail
    with_reasons, peak = _peak(lambda: add_reasons(cohort, issues))
    assert len(with_reasons) >= len(issues)
    assert peak < held / 4, (f"add_reasons peaked at {peak / 1e6:.1f} MB; the whole trail of "
                             f"these records is {held / 1e6:.1f} MB")
