"""Investigator actions: verify, lock, unlock, e-signature, on one form or a whole record.

Each action is one transaction that sets the mark through the one writer
(``Writer.mark``): the mark on the form instance, its new version (so it travels with
sync, see ``vo_crf.db.marks``) and one audit row per form.
An e-signature is recorded on every form it is announced for, already locked ones included;
unlocking a form withdraws its e-signature (REDCap's rule: a signature covers locked data).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from vo_crf.audit.trail import AuditAction
from vo_crf.auth.permissions import Action
from vo_crf.auth.users import CurrentUser, confirm_password
from vo_crf.db.engine import read_session, write_transaction
from vo_crf.db.marks import Mark
from vo_crf.db.models import FormInstance, Record
from vo_crf.entry import message_templates as wording
from vo_crf.entry.errors import EntryError, NotFoundError, no_such_record
from vo_crf.entry.service import FormKey
from vo_crf.project import Project
from vo_crf.study.form_status import FormStatus
from vo_crf.write.changes import Changes
from vo_crf.write.writer import Writer

DEFAULT_SIGNATURE_MEANING = "I have reviewed these data and sign them"


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


def _name(instance: FormInstance) -> str:
    number = f" #{instance.instance}" if instance.instance > 1 else ""
    return f"{instance.form}{number} at {instance.event}"


def _already(template: str, template_on: str, instance: FormInstance, record_id: str,
             user: str | None, when: dt.datetime | None) -> EntryError:
    """Refused: the form is already verified (locked) by ``user``, on ``when`` if known."""
    if when is None:
        return EntryError.worded(template, form=_name(instance), record=record_id, user=user)
    return EntryError.worded(template_on, form=_name(instance), record=record_id, user=user,
                             when=f"{when:%Y-%m-%d %H:%M}")


def verify(project: Project, user: CurrentUser, key: FormKey,
           reason: str | None = None) -> Changes:
    """Mark a Complete form as Verified (investigator/admin/monitor); return what changed.

    Refused (EntryError) when the form is not Complete or is already verified.
    """
    user.require(Action.VERIFY)
    with write_transaction(project.engine) as session:
        (instance,) = _instances(session, key, key.record_id)
        if instance.status != FormStatus.COMPLETE:
            raise EntryError.worded(wording.NOT_COMPLETE_TO_VERIFY,
                                    form=f"{key.form} at {key.event}")
        if instance.verified_by:
            raise _already(wording.ALREADY_VERIFIED, wording.ALREADY_VERIFIED_ON, instance,
                           key.record_id, instance.verified_by, instance.verified_at)
        writer = Writer(session, user.username)
        writer.mark(key.record_id, instance, Mark.VERIFY, True, AuditAction.VERIFY, reason)
        return writer.finish()


def lock(project: Project, user: CurrentUser, record_id: str, key: FormKey | None = None,
         reason: str | None = None, signature_password: str | None = None) -> Changes:
    """Lock one form (``key``) or every form of a record; with a password it is e-signed.

    Returns what changed: the forms newly locked (``len(changes.forms)``), with a password
    the forms signed. Locking one form that is already locked is refused (EntryError); with
    ``signature_password`` every form is e-signed, the already locked ones too (see ``sign``).
    """
    if signature_password is not None:
        return sign(project, user, record_id, key, password=signature_password,
                    reason=reason).changes
    user.require(Action.LOCK)
    with write_transaction(project.engine) as session:
        instances = _instances(session, key, record_id)
        if key is not None and instances[0].locked_by:
            raise _already(wording.ALREADY_LOCKED, wording.ALREADY_LOCKED_ON, instances[0],
                           record_id, instances[0].locked_by, instances[0].locked_at)
        writer = Writer(session, user.username)
        _lock(writer, record_id, instances, reason)
        return writer.finish()


def _lock(writer: Writer, record_id: str, instances: list[FormInstance],
          reason: str | None) -> int:
    count = 0
    for instance in instances:
        if instance.locked_by:
            continue
        writer.mark(record_id, instance, Mark.LOCK, True, AuditAction.LOCK, reason)
        count += 1
    return count


@dataclass(frozen=True)
class Signed:
    """What an e-signature did: forms signed, and how many of them were newly locked."""

    signed: int
    newly_locked: int
    changes: Changes = Changes()
    """The forms signed (and locked)."""


def sign(project: Project, user: CurrentUser, record_id: str, key: FormKey | None = None, *,
         password: str, reason: str | None = None) -> Signed:
    """E-sign one form or every form of a record (locking those not locked yet).

    The password is checked first (SignatureError when wrong). Every form gets an ``esign``
    audit row and its signature mark (signed by, at), whether or not it was locked before.
    Signing needs the ESIGN permission (investigators, admins), locking alone LOCK.
    """
    user.require(Action.ESIGN)
    user.require(Action.LOCK)
    if not confirm_password(project.engine, user, password):
        raise SignatureError.worded(wording.SIGNATURE_PASSWORD_WRONG)
    meaning = (reason or "").strip() or DEFAULT_SIGNATURE_MEANING
    with write_transaction(project.engine) as session:
        instances = _instances(session, key, record_id)
        writer = Writer(session, user.username)
        newly_locked = _lock(writer, record_id, instances, reason)
        for instance in instances:
            writer.mark(record_id, instance, Mark.SIGN, True, AuditAction.ESIGN, meaning,
                        new=user.full_name or user.username)
        return Signed(len(instances), newly_locked, writer.finish())


def unlock(project: Project, user: CurrentUser, record_id: str, reason: str,
           key: FormKey | None = None) -> Changes:
    """Unlock one form or a whole record; a reason is required. Returns what changed (the
    forms unlocked: ``len(changes.forms)``).

    Unlocking withdraws the form's e-signature (audited). Unlocking one form that is not
    locked is refused (EntryError).
    """
    user.require(Action.UNLOCK)
    if not reason.strip():
        raise EntryError.worded(wording.UNLOCK_NEEDS_REASON)
    with write_transaction(project.engine) as session:
        instances = _instances(session, key, record_id)
        if key is not None and not instances[0].locked_by:
            raise EntryError.worded(wording.NOT_LOCKED, form=_name(instances[0]),
                                    record=record_id)
        writer = Writer(session, user.username)
        for instance in instances:
            if not instance.locked_by:
                continue
            writer.mark(record_id, instance, Mark.LOCK, False, AuditAction.UNLOCK, reason,
                        old=instance.locked_by)
            if instance.signed_by:
                writer.mark(record_id, instance, Mark.SIGN, False, AuditAction.ESIGN_WITHDRAWN,
                            f"unlocked: {reason}", old=instance.signed_by)
        return writer.finish()


def lock_all(project: Project, user: CurrentUser, reason: str) -> tuple[int, int]:
    """Lock every saved form of every record (the study's close-out); a reason is required.

    Returns (forms newly locked, records); one transaction, one audit row per form locked.
    """
    user.require(Action.LOCK)
    if not reason.strip():
        raise EntryError.worded(wording.LOCK_ALL_NEEDS_REASON)
    with write_transaction(project.engine) as session:
        records = list(session.scalars(select(Record).order_by(Record.record_id)))
        count = 0
        writer = Writer(session, user.username)
        for record in records:
            instances = list(session.scalars(select(FormInstance).where(
                FormInstance.record_pk == record.id).order_by(FormInstance.id)))
            count += _lock(writer, record.record_id, instances, reason)
            writer.finish()  # a record at a time: what is held in memory stays small
        return count, len(records)


def review_counts(project: Project, record_id: str) -> tuple[int, int]:
    """Return how many form instances of a record are saved and how many of them are locked
    (what the record-level review actions apply to); (0, 0) for a record not saved yet."""
    with read_session(project.engine) as session:
        rows = session.execute(
            select(func.count(FormInstance.id), func.count(FormInstance.locked_by))
            .join(Record, Record.id == FormInstance.record_pk)
            .where(Record.record_id == record_id)).one()
    return int(rows[0]), int(rows[1])
