"""The data clarification workflow: open, answer (or correct), close and re-open queries.

A query sits on one field of one form instance. Its life: ``open`` → ``answered`` → ``closed``;
the opener (or an admin) may close an open or answered query and re-open an answered or closed
one. Every step is one transaction holding the step (``QueryStep``) and its audit row; an answer
with a corrected value saves the value through the entry service in that same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from vo_crf.audit.trail import AuditAction, Where, write_audit
from vo_crf.auth.permissions import Action, PermissionDenied, Role
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import write_transaction
from vo_crf.db.models import FormInstance, ItemValue, Query, QueryStep, Record, utcnow
from vo_crf.entry.errors import EntryError, NotFoundError, no_such_record
from vo_crf.entry.service import EntryService, FormKey
from vo_crf.project import Project
from vo_crf.study.form_status import FormStatus
from vo_crf.wording import (
    QUERY_ALREADY_HOLDS,
    QUERY_CORRECTION_REASON,
    QUERY_EMPTY_ANSWER,
    QUERY_EMPTY_REOPEN,
    QUERY_NEEDS_TEXT,
    QUERY_NOT_ANSWERABLE,
    QUERY_NOT_CLOSABLE,
    QUERY_NOT_REOPENABLE,
    QUERY_UNKNOWN,
    worded,
)
from vo_crf.write.changes import ChangeKind, Changes
from vo_crf.write.stamp import stamp


class QueryStatus(StrEnum):
    """Where a query is in its life."""

    OPEN = "open"
    ANSWERED = "answered"
    CLOSED = "closed"


_NOT_IN_STATE = {"answered": QUERY_NOT_ANSWERABLE, "closed": QUERY_NOT_CLOSABLE,
                 "re-opened": QUERY_NOT_REOPENABLE}
"""The refusal of a step done to a query in the wrong state, by what the step would make it."""

class QueryError(EntryError):
    """A query step was refused (wrong state, missing text, unknown query); nothing was stored."""


class NotQueryOpener(PermissionDenied):
    """Only the user who opened a query (or an admin) may close or re-open it."""

    def __init__(self, user: CurrentUser, verb: str, opener: str, query_id: int) -> None:
        PermissionError.__init__(
            self, f"{user.username} did not open query #{query_id}: only its opener ({opener}) "
                  f"or an admin may {verb} it")
        self.username, self.role, self.action = user.username, user.role, Action.CLOSE_QUERY


@dataclass(frozen=True)
class FieldKey:
    """The field a query is about: record, event, form, repeat instance and field name."""

    record_id: str
    event: str
    form: str
    field: str
    instance: int = 1

    @property
    def form_key(self) -> FormKey:
        """The form instance holding the field."""
        return FormKey(self.record_id, self.event, self.form, self.instance)


@dataclass(frozen=True)
class QueryRequest:
    """One query to open in bulk (e.g. from a data-quality finding), see ``open_many``."""

    record_id: str
    event: str
    form: str
    instance: int
    field: str
    text: str
    suggested_value: str | None = None
    source: str = "quality"


def _where(query: Query) -> Where:
    return Where(query.record_id, query.event, query.form, query.instance, query.field)


class QueryService:
    """Query operations for one logged-in user; every method is one audited transaction."""

    def __init__(self, project: Project, user: CurrentUser,
                 now: Callable[[], dt.datetime] = utcnow) -> None:
        self.project = project
        self.study = project.study
        self.user = user
        self._now = now

    # ----- opening -------------------------------------------------------------------------
    def open_query(self, where: FieldKey, text: str, suggested_value: str | None = None,
                   source: str = "manual") -> int:
        """Open a query on a field value (monitor, investigator, admin); return its id."""
        self.user.require(Action.RAISE_QUERY)
        with write_transaction(self.project.engine) as session:
            query = self._add_query(session, where, text, suggested_value, source)
        return query.id

    def open_many(self, requests: Sequence[QueryRequest]) -> int:
        """Open many queries in one transaction; return how many were opened.

        A request is skipped when its field already has a query that is not closed with the
        same text (also within ``requests``). One bad request refuses the whole batch.
        """
        self.user.require(Action.RAISE_QUERY)
        opened = 0
        with write_transaction(self.project.engine) as session:
            seen: set[tuple[str, str, str, int, str, str]] = set()
            for request in requests:
                where = FieldKey(request.record_id, request.event, request.form, request.field,
                                 request.instance)
                text = request.text.strip()
                identity = (where.record_id, where.event, where.form, where.instance,
                            where.field, text)
                if identity in seen or self._has_live_duplicate(session, where, text):
                    continue
                seen.add(identity)
                self._add_query(session, where, text, request.suggested_value, request.source)
                opened += 1
        return opened

    def _add_query(self, session: Session, where: FieldKey, text: str,
                   suggested_value: str | None, source: str) -> Query:
        text = text.strip()
        if not text:
            raise worded(QueryError, QUERY_NEEDS_TEXT, field=where.field)
        value = self._stored_value(session, where)
        now = self._now()
        query = Query(record_id=where.record_id, event=where.event, form=where.form,
                      instance=where.instance, field=where.field, status=QueryStatus.OPEN.value,
                      text=text, suggested_value=(suggested_value or "").strip() or None,
                      value_at_open=value, source=source, opened_by=self.user.username,
                      opened_at=now, updated_by=self.user.username, updated_at=now)
        step = QueryStep(at=now, username=self.user.username, action="open", text=text,
                         old_value=value, new_value=query.suggested_value)
        query.steps.append(step)
        session.add(query)
        stamp(session, query, step)
        session.flush()
        write_audit(session, self.user.username, AuditAction.QUERY_OPEN, _where(query),
                    new_value=QueryStatus.OPEN.value, reason=text)
        return query

    @staticmethod
    def _has_live_duplicate(session: Session, where: FieldKey, text: str) -> bool:
        return session.scalar(select(Query.id).where(
            Query.record_id == where.record_id, Query.event == where.event,
            Query.form == where.form, Query.instance == where.instance,
            Query.field == where.field, Query.text == text,
            Query.status != QueryStatus.CLOSED.value).limit(1)) is not None

    def _stored_value(self, session: Session, where: FieldKey) -> str | None:
        """Check that the field exists in that form instance's place; return its stored value."""
        study = self.study
        if not study.has_event(where.event):
            raise NotFoundError(f"unknown event {where.event!r}")
        if where.form not in study.event(where.event).forms:
            raise NotFoundError(f"form {where.form!r} is not collected at event {where.event!r}")
        if not study.has_field(where.field) or study.field(where.field).form != where.form:
            raise NotFoundError(f"field {where.field!r} is not on form {where.form!r}")
        if not study.field(where.field).holds_data:
            raise QueryError(f"field {where.field!r} holds no value to query")
        if where.instance < 1 or (where.instance > 1
                                  and not study.is_repeating(where.event, where.form)):
            raise NotFoundError(f"instance {where.instance} of {where.form!r}: the form does "
                                f"not repeat at {where.event!r}")
        record_pk = session.scalar(select(Record.id).where(Record.record_id == where.record_id))
        if record_pk is None:
            raise NotFoundError(no_such_record(where.record_id))
        return session.scalar(
            select(ItemValue.value).join(FormInstance,
                                         ItemValue.form_instance_id == FormInstance.id)
            .where(FormInstance.record_pk == record_pk, FormInstance.event == where.event,
                   FormInstance.form == where.form, FormInstance.instance == where.instance,
                   ItemValue.field == where.field))

    # ----- answering -----------------------------------------------------------------------
    def answer(self, query_id: int, text: str) -> None:
        """Answer an open query (nurse, investigator, admin): open → answered."""
        self.user.require(Action.ANSWER_QUERY)
        text = self._required_text(text, QUERY_EMPTY_ANSWER)
        with write_transaction(self.project.engine) as session:
            query = self._load(session, query_id)
            self._answer(session, query, text, None, None)

    def answer_with_correction(self, query_id: int, text: str, new_value: str,
                               reason: str) -> Changes:
        """Correct the value and answer the query in one transaction: open → answered.

        The value is saved through the entry service (its checks and audit rows); ``reason``
        is the reason of the change and is required. A refused save leaves the query open.
        Returns what the correction changed (the value, calculations, a withdrawn
        verification) and the query.
        """
        self.user.require(Action.ANSWER_QUERY)
        self.user.require(Action.EDIT_DATA)
        text = self._required_text(text, QUERY_EMPTY_ANSWER)
        reason = reason.strip()
        if not reason:
            raise worded(QueryError, QUERY_CORRECTION_REASON)
        with write_transaction(self.project.engine) as session:
            query = self._load(session, query_id)
            self._check_state(query, "answered", QueryStatus.OPEN)
            where = FieldKey(query.record_id, query.event, query.form, query.field,
                             query.instance)
            old_value = self._stored_value(session, where)
            record = session.scalar(select(Record).where(Record.record_id == query.record_id))
            assert record is not None  # checked by _stored_value
            status = session.scalar(select(FormInstance.status).where(
                FormInstance.record_pk == record.id, FormInstance.event == query.event,
                FormInstance.form == query.form, FormInstance.instance == query.instance))
            entry = EntryService(self.project, self.user)
            result = entry.save_in_session(
                session, record, where.form_key, {query.field: new_value},
                status or FormStatus.INCOMPLETE, reason=reason, confirmations={query.field: reason})
            if query.field not in result.changed:
                raise worded(QueryError, QUERY_ALREADY_HOLDS, field=query.field,
                             value=repr(new_value))
            stored = self._stored_value(session, where)
            self._answer(session, query, text, old_value, stored)
        return result.changes | Changes(kinds=frozenset({ChangeKind.QUERIES}))

    def _answer(self, session: Session, query: Query, text: str, old_value: str | None,
                new_value: str | None) -> None:
        self._check_state(query, "answered", QueryStatus.OPEN)
        self._step(session, query, "answer", text, QueryStatus.ANSWERED,
                   AuditAction.QUERY_ANSWER, old_value, new_value)

    # ----- closing -------------------------------------------------------------------------
    def close(self, query_id: int, text: str = "") -> None:
        """Close an open or answered query (its opener or an admin)."""
        self.user.require(Action.CLOSE_QUERY)
        with write_transaction(self.project.engine) as session:
            query = self._load(session, query_id)
            self._check_opener(query, "close")
            self._check_state(query, "closed", QueryStatus.OPEN, QueryStatus.ANSWERED)
            self._step(session, query, "close", text.strip(), QueryStatus.CLOSED,
                       AuditAction.QUERY_CLOSE)

    def reopen(self, query_id: int, text: str) -> None:
        """Re-open an answered or closed query (its opener or an admin), saying why."""
        self.user.require(Action.CLOSE_QUERY)
        text = self._required_text(text, QUERY_EMPTY_REOPEN)
        with write_transaction(self.project.engine) as session:
            query = self._load(session, query_id)
            self._check_opener(query, "re-open")
            self._check_state(query, "re-opened", QueryStatus.ANSWERED, QueryStatus.CLOSED)
            self._step(session, query, "reopen", text, QueryStatus.OPEN,
                       AuditAction.QUERY_REOPEN)

    # ----- helpers -------------------------------------------------------------------------
    def may_close(self, opened_by: str) -> bool:
        """True when this user may close or re-open a query opened by ``opened_by``."""
        return self.user.can(Action.CLOSE_QUERY) and (
            self.user.username == opened_by or self.user.role is Role.ADMIN)

    def _check_opener(self, query: Query, verb: str) -> None:
        if not self.may_close(query.opened_by):
            raise NotQueryOpener(self.user, verb, query.opened_by, query.id)

    @staticmethod
    def _check_state(query: Query, done: str, *allowed: QueryStatus) -> None:
        if query.status not in {s.value for s in allowed}:
            raise worded(QueryError, _NOT_IN_STATE[done], query=query.id,
                         status=QueryStatus(query.status))

    @staticmethod
    def _required_text(text: str, refusal: str) -> str:
        text = text.strip()
        if not text:
            raise worded(QueryError, refusal)
        return text

    @staticmethod
    def _load(session: Session, query_id: int) -> Query:
        query = session.get(Query, query_id, with_for_update=True)
        if query is None:
            raise worded(QueryError, QUERY_UNKNOWN, query=query_id)
        return query

    def _step(self, session: Session, query: Query, action: str, text: str,
              status: QueryStatus, audit: AuditAction, old_value: str | None = None,
              new_value: str | None = None) -> None:
        now = self._now()
        previous = query.status
        step = QueryStep(at=now, username=self.user.username, action=action, text=text,
                         old_value=old_value, new_value=new_value)
        query.steps.append(step)
        stamp(session, query, step)
        query.status = status.value
        query.updated_by, query.updated_at = self.user.username, now
        if status is QueryStatus.CLOSED:
            query.closed_by, query.closed_at = self.user.username, now
        else:
            query.closed_by, query.closed_at = None, None
        write_audit(session, self.user.username, audit, _where(query), old_value=previous,
                    new_value=status.value, reason=text)
