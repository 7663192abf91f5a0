"""Investigator actions: verify, lock, unlock, e-signature, on one form or a whole record."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from vo_crf.audit.trail import AuditAction, Where, write_audit
from vo_crf.auth.permissions import Action
from vo_crf.auth.users import CurrentUser, confirm_password
from vo_crf.db.engine import write_transaction
from vo_crf.db.models import FormInstance, Record, utcnow
from vo_crf.entry.assessment import STATUS_COMPLETE
from vo_crf.entry.errors import EntryError, NotFoundError, no_such_record
from vo_crf.entry.service import FormKey
from vo_crf.project import Project


class SignatureError(EntryError):
    """The password given for an e-signature is wrong."""


def _instances(session: Session, key: FormKey | None, record_id: str) -> list[FormInstance]:
    record = session.scalar(select(Record).where(Record.record_id == record_id))
    if record is None:
        raise NotFoundError(no_such_record(record_id))
    statement = select(FormInstance).where(FormInstance.record_pk == record.id)
    if key is not None:
        statement = statement.where(FormInstance.event == key.event,
                                    FormInstance.form == key.form,
                                    FormInstance.instance == key.instance)
    found = list(session.scalars(statement.order_by(FormInstance.id)))
    if not found:
        what = f"{key.form} at {key.event}" if key else "any form"
        raise NotFoundError(f"record {record_id!r} has no saved {what}")
    return found


def _where(instance: FormInstance, record_id: str) -> Where:
    return Where(record_id, instance.event, instance.form, instance.instance)


def verify(project: Project, user: CurrentUser, key: FormKey) -> None:
    """Mark a Complete form as Verified (investigator/admin)."""
    user.require(Action.VERIFY)
    with write_transaction(project.engine) as session:
        (instance,) = _instances(session, key, key.record_id)
        if instance.status != STATUS_COMPLETE:
            raise EntryError(f"{key.form} at {key.event} is not Complete: only Complete forms "
                             "can be verified")
        if instance.verified_by:
            return
        instance.verified_by, instance.verified_at = user.username, utcnow()
        write_audit(session, user.username, AuditAction.VERIFY, _where(instance, key.record_id))


def lock(project: Project, user: CurrentUser, record_id: str, key: FormKey | None = None,
         reason: str | None = None, signature_password: str | None = None) -> int:
    """Lock one form (``key``) or every form of a record; with a password it is e-signed.

    Returns how many form instances were newly locked.
    """
    user.require(Action.LOCK)
    if signature_password is not None and not confirm_password(project.engine, user,
                                                               signature_password):
        raise SignatureError("e-signature refused: the password is wrong")
    count = 0
    with write_transaction(project.engine) as session:
        for instance in _instances(session, key, record_id):
            if instance.locked_by:
                continue
            instance.locked_by, instance.locked_at = user.username, utcnow()
            where = _where(instance, record_id)
            write_audit(session, user.username, AuditAction.LOCK, where, reason=reason)
            if signature_password is not None:
                write_audit(session, user.username, AuditAction.ESIGN, where,
                            new_value=user.full_name or user.username,
                            reason=reason or "I have reviewed these data and sign them")
            count += 1
    return count


def unlock(project: Project, user: CurrentUser, record_id: str, reason: str,
           key: FormKey | None = None) -> int:
    """Unlock one form or a whole record; a reason is required. Returns how many were unlocked."""
    user.require(Action.UNLOCK)
    if not reason.strip():
        raise EntryError("unlocking needs a reason")
    count = 0
    with write_transaction(project.engine) as session:
        for instance in _instances(session, key, record_id):
            if not instance.locked_by:
                continue
            write_audit(session, user.username, AuditAction.UNLOCK,
                        _where(instance, record_id), old_value=instance.locked_by, reason=reason)
            instance.locked_by, instance.locked_at = None, None
            count += 1
    return count
