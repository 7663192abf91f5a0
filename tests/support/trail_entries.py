"""The audit trail as users read it: one entry per change, both row shapes (form save rows
listing their changes, and one-change rows), through ``vo_crf.audit.trail.expand``."""

from __future__ import annotations

from sqlalchemy import select

from vo_crf.audit.trail import TrailEntry, expand_all
from vo_crf.db.engine import read_session
from vo_crf.db.models import AuditEntry
from vo_crf.project import Project


def trail_entries(project: Project, **where: object) -> list[TrailEntry]:
    """Every audit entry whose attributes equal ``where`` (e.g. ``field="bio_crp"``), oldest
    first."""
    with read_session(project.engine) as session:
        entries = expand_all(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))
    return [entry for entry in entries
            if all(getattr(entry, name) == value for name, value in where.items())]
