"""Telling whether data-quality findings are still current: the database's data version.

Every change to study data writes audit rows in the same transaction (the audit trail is
append-only), so the highest audit row id grows with each change. Findings computed at one
version are stale once the version moved on; a caller checking in the background compares the
version taken before the run with the version when the result arrives.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import func, select

from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session
from vo_crf.db.models import AuditEntry
from vo_crf.project import Project
from vo_crf.quality.issue import QualityIssue
from vo_crf.quality.run import run_quality_checks


def data_version(project: Project) -> int:
    """Return the database's data version (the highest audit row id; 0 for an empty trail)."""
    with read_session(project.engine) as session:
        return int(session.scalar(select(func.max(AuditEntry.id))) or 0)


@dataclass(frozen=True)
class VersionedFindings:
    """Findings of one run and the data version they were computed at."""

    version: int
    issues: list[QualityIssue]

    def is_current(self, project: Project) -> bool:
        """True while no change was written since the run started."""
        return data_version(project) == self.version


def run_versioned_checks(project: Project, user: CurrentUser,
                         checks: Collection[str] | None = None) -> VersionedFindings:
    """Run the checks (as ``run_quality_checks``) and remember the version they started at.

    The version is read first: a change written during the run makes the result stale.
    """
    version = data_version(project)
    return VersionedFindings(version, run_quality_checks(project, user, checks=checks))
