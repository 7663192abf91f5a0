"""Queries in a sync: threads of steps merged by uid, each query's state derived from its thread.

A change set carries the query steps the sender stored with a change sequence after the
receiver's watermark (each with its query's uid) and the queries they belong to or that changed
there (their fixed fields: place, text, suggested value, opener). The receiver inserts the
queries and steps it does not know yet (by uid) and then derives the state of every query that
got a step: its status, ``updated_by/at`` and ``closed_by/at`` follow from the whole thread
ordered by (``at``, ``uid``). Every node therefore ends with the same thread and status, in
whatever order the syncs ran; steps taken concurrently on two nodes (answered at a site while
closed centrally) both stay in the thread, and the later one sets the status.

No audit row is written here: each step's audit row travels with the audit trail.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from vo_crf.db.models import Query, QueryStep
from vo_crf.sync.node import SyncError
from vo_crf.write.stamp import stamp

STATUS_AFTER = {"open": "open", "answer": "answered", "close": "closed", "reopen": "open"}
"""The status a query is in after a step of each action."""

_CHUNK = 500


@dataclass(frozen=True)
class QueryChange:
    """A query's fixed fields as the sender holds them (its state is derived from its steps)."""

    uid: str
    record_id: str
    event: str
    form: str
    instance: int
    field: str
    text: str
    suggested_value: str | None
    value_at_open: str | None
    source: str
    opened_by: str
    opened_at: dt.datetime
    site: str


@dataclass(frozen=True)
class QueryStepChange:
    """One step of a query's thread, naming its query by uid."""

    uid: str
    query_uid: str
    at: dt.datetime
    username: str
    action: str
    text: str
    old_value: str | None
    new_value: str | None
    site: str


def read_query_changes(session: Session, after: int, upto: int, *,
                       sites: tuple[str, ...] | None = None, skip_site: str | None = None
                       ) -> tuple[list[QueryChange], list[QueryStepChange]]:
    """Read the queries and steps stored with a sequence in ``(after, upto]``.

    ``sites`` keeps only those taken (opened) at these sites, ``skip_site`` leaves out those
    taken at the receiver; the query of every step sent is sent too.
    """
    steps_statement = (select(QueryStep, Query.uid).join(Query, Query.id == QueryStep.query_id)
                       .where(QueryStep.seq > after, QueryStep.seq <= upto)
                       .order_by(QueryStep.seq, QueryStep.id))
    queries_statement = (select(Query).where(Query.seq > after, Query.seq <= upto)
                         .order_by(Query.seq, Query.id))
    if sites is not None:
        steps_statement = steps_statement.where(QueryStep.site.in_(sites))
        queries_statement = queries_statement.where(Query.site.in_(sites))
    if skip_site is not None:
        steps_statement = steps_statement.where(
            or_(QueryStep.site.is_(None), QueryStep.site != skip_site))
        queries_statement = queries_statement.where(
            or_(Query.site.is_(None), Query.site != skip_site))
    steps = [QueryStepChange(str(step.uid), query_uid, step.at, step.username, step.action,
                             step.text, step.old_value, step.new_value, step.site or "")
             for step, query_uid in session.execute(steps_statement)]
    queries = {query.uid: query for query in session.scalars(queries_statement)}
    queries.update(_queries_by_uid(session, [s.query_uid for s in steps
                                             if s.query_uid not in queries]))
    return [_query_change(query) for query in queries.values()], steps


def _query_change(query: Query) -> QueryChange:
    return QueryChange(query.uid, query.record_id, query.event, query.form, query.instance,
                       query.field, query.text, query.suggested_value, query.value_at_open,
                       query.source, query.opened_by, query.opened_at, query.site or "")


def apply_query_changes(session: Session, queries: Sequence[QueryChange],
                        steps: Sequence[QueryStepChange], blank_site: str) -> int:
    """Insert the unknown queries and steps (by uid), derive the state of the queries that got
    a step; return how many steps were new. Blank sites become ``blank_site``."""
    known = _queries_by_uid(session, [q.uid for q in queries])
    for change in queries:
        if change.uid in known:
            continue
        query = Query(uid=change.uid, record_id=change.record_id, event=change.event,
                      form=change.form, instance=change.instance, field=change.field,
                      status="open", text=change.text, suggested_value=change.suggested_value,
                      value_at_open=change.value_at_open, source=change.source,
                      opened_by=change.opened_by, opened_at=change.opened_at,
                      updated_by=change.opened_by, updated_at=change.opened_at,
                      site=change.site or blank_site)
        session.add(query)
        stamp(session, query)
        known[change.uid] = query
    session.flush()
    missing = {s.query_uid for s in steps} - set(known)
    known.update(_queries_by_uid(session, sorted(missing)))
    known_steps = _known_step_uids(session, [s.uid for s in steps])
    touched: dict[str, Query] = {}
    added = 0
    for step_change in steps:
        if step_change.uid in known_steps:
            continue
        parent = known.get(step_change.query_uid)
        if parent is None:
            raise SyncError(f"query step {step_change.uid} belongs to query "
                            f"{step_change.query_uid}, which is unknown here and was not sent; "
                            "nothing was synced")
        step = QueryStep(query_id=parent.id, uid=step_change.uid, at=step_change.at,
                         username=step_change.username, action=step_change.action,
                         text=step_change.text, old_value=step_change.old_value,
                         new_value=step_change.new_value, site=step_change.site or blank_site)
        session.add(step)
        stamp(session, step)
        known_steps.add(step_change.uid)
        touched[parent.uid] = parent
        added += 1
    session.flush()
    for query in touched.values():
        derive_query_state(session, query)
    return added


def derive_query_state(session: Session, query: Query) -> None:
    """Set a query's status, last change and closure from its whole thread (by at, uid)."""
    thread = session.scalars(select(QueryStep).where(QueryStep.query_id == query.id)
                             .order_by(QueryStep.at, QueryStep.uid)).all()
    if not thread:
        return
    closing: QueryStep | None = None
    for step in thread:
        query.status = STATUS_AFTER.get(step.action, query.status)
        if step.action in STATUS_AFTER:
            closing = step if query.status == STATUS_AFTER["close"] else None
    query.updated_by, query.updated_at = thread[-1].username, thread[-1].at
    query.closed_by = closing.username if closing else None
    query.closed_at = closing.at if closing else None
    stamp(session, query)


def _queries_by_uid(session: Session, uids: Sequence[str]) -> dict[str, Query]:
    """Return the queries with these uids, by uid."""
    found: dict[str, Query] = {}
    unique = sorted(set(uids))
    for start in range(0, len(unique), _CHUNK):
        chunk = unique[start:start + _CHUNK]
        found.update((q.uid, q) for q in session.scalars(select(Query)
                                                         .where(Query.uid.in_(chunk))))
    return found


def _known_step_uids(session: Session, uids: Sequence[str]) -> set[str]:
    """Return which of these step uids this database already holds."""
    known: set[str] = set()
    unique = sorted(set(uids))
    for start in range(0, len(unique), _CHUNK):
        chunk = unique[start:start + _CHUNK]
        known.update(str(uid) for uid in session.scalars(
            select(QueryStep.uid).where(QueryStep.uid.in_(chunk))))
    return known
