"""The audit trail: every change leaves an append-only record (who, when, what, old, new, why).

Two shapes of row, read alike through :func:`expand` (one :class:`TrailEntry` per change):

- one row per change (``field``, ``old_value``, ``new_value``, ``reason`` on the row): every
  row before migration 0010, and today every change that is not a form's (log-ins,
  exports, review marks, queries, …);
- one ``form_save`` row per form instance a write touches (entry, import, recalculation,
  deletion, amendment, adjudication, sync conflict resolved; written only by
  ``vo_crf.write``): who, when, record, event, form, instance and the operation's reason on
  the row, and in ``changes`` the JSON list of its changes, each
  ``[action, field, old, new, reason]`` (values, status, verification withdrawn, deviations,
  calculations, deletions, adjudications), hashed by the chain with the rest of the row.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, NamedTuple, Protocol

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from vo_crf.db.models import AuditEntry, utcnow
from vo_crf.write.stamp import stamp


class AuditAction(StrEnum):
    """What an audit row records."""

    VALUE_INSERT = "value_insert"
    VALUE_UPDATE = "value_update"
    VALUE_DELETE = "value_delete"
    HIDDEN_VALUE_CLEARED = "hidden_value_cleared"
    CALC_UPDATE = "calc_update"
    STATUS_CHANGE = "status_change"
    VERIFY = "verify"
    UNVERIFY = "unverify"
    LOCK = "lock"
    UNLOCK = "unlock"
    ESIGN = "esign"
    ESIGN_WITHDRAWN = "esign_withdrawn"
    RECORD_CREATE = "record_create"
    RECORD_SITE_CHANGE = "record_site_change"
    FORM_DELETE = "form_delete"
    DEVIATION = "protocol_deviation"
    IMPORT = "import"
    USER_CREATE = "user_create"
    USER_UPDATE = "user_update"
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    DEFINITION_LOAD = "definition_load"
    EXPORT = "export"
    QUERY_OPEN = "query_open"
    QUERY_ANSWER = "query_answer"
    QUERY_CLOSE = "query_close"
    QUERY_REOPEN = "query_reopen"
    DDE_ENTRY = "dde_entry"
    DDE_RESOLVE = "dde_resolve"
    AMENDMENT = "amendment"
    FORM_SAVE = "form_save"


@dataclass(frozen=True)
class Where:
    """The place in the data an audit row is about (all optional)."""

    record_id: str | None = None
    event: str | None = None
    form: str | None = None
    instance: int | None = None
    field: str | None = None


def write_audit(session: Session, username: str, action: AuditAction, where: Where = Where(),
                old_value: str | None = None, new_value: str | None = None,
                reason: str | None = None) -> None:
    """Add one audit row to the session's open transaction (stamped for sync)."""
    row = AuditEntry(
        at=utcnow(), username=username, action=str(action), record_id=where.record_id,
        event=where.event, form=where.form, instance=where.instance, field=where.field,
        old_value=old_value, new_value=new_value, reason=reason or None,
    )
    session.add(row)
    stamp(session, row)


Change = tuple[str, str | None, str | None, str | None, str | None]
"""One change of a form save: (action, field, old value, new value, reason)."""

SAVE_ACTION = str(AuditAction.FORM_SAVE)


_CHANGES_ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False,
                                    separators=(",", ":"))
"""``json.dumps(changes, ensure_ascii=False, separators=(",", ":"))``, built once (``dumps``
builds an encoder at every call with these options; changes never refer to themselves)."""


def encode_changes(changes: Sequence[Change]) -> str:
    """Return a form save's changes as the ``changes`` column stores them (compact JSON)."""
    return _CHANGES_ENCODER.encode(changes)


@dataclass(frozen=True, slots=True)
class TrailEntry:
    """One change as a reader shows it: a per-change row, or one change of a save row.

    ``part`` is 0 for a per-change row, else the change's 1-based place in its save row (the
    row ``id`` and ``part`` name the entry, e.g. in the ODM audit trail).
    """

    id: int
    at: dt.datetime
    username: str
    action: str
    record_id: str | None
    event: str | None
    form: str | None
    instance: int | None
    field: str | None
    old_value: str | None
    new_value: str | None
    reason: str | None
    uid: str | None = None
    site: str | None = None
    """The site the row was written at (sync)."""
    part: int = 0

    @property
    def label(self) -> str:
        """The entry's name: the row id, with ``.<part>`` inside a form save row."""
        return f"{self.id}.{self.part}" if self.part else str(self.id)


class AuditRow(Protocol):
    """Anything with an audit row's columns as attributes (an AuditEntry, a result row)."""

    @property
    def id(self) -> Any: ...
    @property
    def at(self) -> Any: ...
    @property
    def username(self) -> Any: ...
    @property
    def action(self) -> Any: ...
    @property
    def record_id(self) -> Any: ...
    @property
    def event(self) -> Any: ...
    @property
    def form(self) -> Any: ...
    @property
    def instance(self) -> Any: ...
    @property
    def field(self) -> Any: ...
    @property
    def old_value(self) -> Any: ...
    @property
    def new_value(self) -> Any: ...
    @property
    def reason(self) -> Any: ...
    @property
    def uid(self) -> Any: ...
    @property
    def site(self) -> Any: ...
    @property
    def changes(self) -> Any: ...


class TrailRow(NamedTuple):
    """A raw row of ``TRAIL_COLUMNS`` values (e.g. read with sqlite3) as :func:`expand` takes
    it."""

    id: Any
    at: Any
    username: Any
    action: Any
    record_id: Any
    event: Any
    form: Any
    instance: Any
    field: Any
    old_value: Any
    new_value: Any
    reason: Any
    uid: Any
    site: Any
    changes: Any


TRAIL_COLUMNS: tuple[str, ...] = TrailRow._fields
"""The columns :func:`expand` reads (select them for a raw or Core query)."""


def trail_columns(names: Iterable[str]) -> str:
    """The ``TRAIL_COLUMNS`` as a raw SELECT list on an audit_log with the column ``names``
    (a database before migration 0010 reads NULL ``changes``)."""
    present = set(names)
    return ", ".join(name if name in present else f"NULL AS {name}" for name in TRAIL_COLUMNS)


def expand(row: AuditRow) -> list[TrailEntry]:
    """Return the changes an audit row records, one entry each: THE reader of both shapes.

    A per-change row gives itself; a ``form_save`` row gives each change of its list, with
    the row's time, user, place and uid.
    """
    head = (row.id, row.at, row.username)
    place = (row.record_id, row.event, row.form, row.instance)
    if row.changes is None:
        return [TrailEntry(*head, row.action, *place, row.field, row.old_value, row.new_value,
                           row.reason, row.uid, row.site)]
    return [TrailEntry(*head, action, *place, field, old, new, reason, row.uid, row.site, part)
            for part, (action, field, old, new, reason) in enumerate(json.loads(row.changes),
                                                                     start=1)]


def expand_all(rows: Iterable[AuditRow]) -> list[TrailEntry]:
    """Return the entries of audit rows, in order (see :func:`expand`)."""
    return [entry for row in rows for entry in expand(row)]


def about_field(field: str | Iterable[str]) -> ColumnElement[bool]:
    """The SQL condition of the rows that may record a change of ``field`` (of these fields):
    per-change rows of it, and every form save row (filter their entries after ``expand``)."""
    names = [field] if isinstance(field, str) else list(field)
    return or_(AuditEntry.field.in_(names), AuditEntry.action == SAVE_ACTION)


def with_actions(actions: Iterable[str]) -> ColumnElement[bool]:
    """The SQL condition of the rows that may record one of ``actions`` (save rows too)."""
    return AuditEntry.action.in_([*actions, SAVE_ACTION])


def field_history(session: Session, record_id: str, event: str, form: str, instance: int,
                  field: str) -> list[TrailEntry]:
    """Return the changes of one field (both row shapes), oldest first."""
    statement = (
        select(AuditEntry)
        .where(AuditEntry.record_id == record_id, and_(
            AuditEntry.event == event, AuditEntry.form == form, AuditEntry.instance == instance),
            about_field(field))
        .order_by(AuditEntry.id)
    )
    return [entry for entry in expand_all(session.scalars(statement)) if entry.field == field]


def record_history(session: Session, record_id: str) -> list[TrailEntry]:
    """Return every change recorded about one record (both row shapes), oldest first."""
    statement = select(AuditEntry).where(AuditEntry.record_id == record_id).order_by(AuditEntry.id)
    return expand_all(session.scalars(statement))
