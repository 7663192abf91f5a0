"""The audit trail: every change leaves one append-only row (who, when, what, old, new, why)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
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


def field_history(session: Session, record_id: str, event: str, form: str, instance: int,
                  field: str) -> list[AuditEntry]:
    """Return the audit rows of one field, oldest first."""
    statement = (
        select(AuditEntry)
        .where(AuditEntry.record_id == record_id, AuditEntry.event == event,
               AuditEntry.form == form, AuditEntry.instance == instance,
               AuditEntry.field == field)
        .order_by(AuditEntry.id)
    )
    return list(session.scalars(statement))


def record_history(session: Session, record_id: str) -> list[AuditEntry]:
    """Return every audit row about one record, oldest first."""
    statement = select(AuditEntry).where(AuditEntry.record_id == record_id).order_by(AuditEntry.id)
    return list(session.scalars(statement))
