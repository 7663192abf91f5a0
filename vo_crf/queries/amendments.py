"""Queries kept in step with a protocol amendment, inside the amendment's transaction.

A value the amendment moves to another field (a renamed field, a field moved to another form)
takes its queries along; queries still open on a value the amendment deletes are closed with a
step and an audit row saying why, so no open query points at a field that no longer exists.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from vo_crf.audit.trail import AuditAction, Where, write_audit
from vo_crf.db.models import Query, QueryStep, utcnow
from vo_crf.write.stamp import stamp

_CLOSED = "closed"


def queries_on(session: Session, where: Where) -> list[Query]:
    """Return the queries on one field of one form instance."""
    return list(session.scalars(select(Query).where(
        Query.record_id == where.record_id, Query.event == where.event,
        Query.form == where.form, Query.instance == where.instance,
        Query.field == where.field)))


def move_queries(session: Session, where: Where, form: str, field: str) -> int:
    """Point the queries of a moved value at its new form and field; return how many."""
    moved = queries_on(session, where)
    for query in moved:
        query.form, query.field = form, field
        stamp(session, query)
    return len(moved)


def close_queries(session: Session, username: str, where: Where, why: str) -> int:
    """Close the queries not yet closed on a deleted value (step + audit row); return how many."""
    closed = 0
    for query in queries_on(session, where):
        if query.status == _CLOSED:
            continue
        now = utcnow()
        previous = query.status
        step = QueryStep(at=now, username=username, action="close", text=why)
        query.steps.append(step)
        stamp(session, query, step)
        query.status = _CLOSED
        query.updated_by, query.updated_at = username, now
        query.closed_by, query.closed_at = username, now
        write_audit(session, username, AuditAction.QUERY_CLOSE, where, old_value=previous,
                    new_value=_CLOSED, reason=why)
        closed += 1
    return closed
