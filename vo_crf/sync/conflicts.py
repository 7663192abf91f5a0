"""Sync conflicts: a value changed here and elsewhere since the last sync, kept until resolved.

Nothing is overwritten when a conflict is found: the local value stays, both sides are stored in
``sync_conflicts``, and a user with the right to edit data chooses which one to keep, with a
reason. Keeping the remote value is a normal, audited save through the entry service; keeping
the local value writes an audit row for the change the other sites will receive. Either way the
outcome reaches the central database at the next sync.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from vo_crf.auth.permissions import Action
from vo_crf.auth.record_view import RecordView, record_view
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session, write_transaction
from vo_crf.db.models import FormInstance, Record, SyncConflict, ValueVersion, utcnow
from vo_crf.wording import (
    CONFLICT_FORM_DELETED,
    CONFLICT_REASON,
    CONFLICT_RECORD_GONE,
    CONFLICT_RESOLVED,
    CONFLICT_UNKNOWN,
    CONFLICT_VALUE_GONE,
    worded,
)
from vo_crf.write.synced import RemoteVersion, VersionPlace
from vo_crf.write.writer import Writer

if TYPE_CHECKING:
    from vo_crf.entry.service import FormKey
    from vo_crf.project import Project
    from vo_crf.sync.changeset import ValueChange
    from vo_crf.write.synced_versions import VersionRow

OPEN, RESOLVED = "open", "resolved"


class ConflictError(Exception):
    """A resolution was refused (unknown or already resolved conflict, no reason)."""


def record_conflict(session: Session, local: ValueVersion | VersionRow,
                    remote: ValueChange) -> SyncConflict:
    """Store (or update the remote side of) the open conflict of one value."""
    conflict = session.scalar(select(SyncConflict).where(
        SyncConflict.record_id == local.record_id, SyncConflict.event == local.event,
        SyncConflict.form == local.form, SyncConflict.instance == local.instance,
        SyncConflict.field == local.field, SyncConflict.status == OPEN))
    if conflict is None:
        conflict = SyncConflict(record_id=local.record_id, event=local.event, form=local.form,
                                instance=local.instance, field=local.field, status=OPEN,
                                detected_at=utcnow())
        session.add(conflict)
    conflict.local_value, conflict.local_uid = local.value, local.uid
    conflict.local_user, conflict.local_at = local.changed_by, local.changed_at
    conflict.remote_value, conflict.remote_uid = remote.value, remote.uid
    conflict.remote_user, conflict.remote_at = remote.changed_by, remote.changed_at
    conflict.remote_site = remote.origin_site
    return conflict


def list_conflicts(project: Project, user: CurrentUser,
                   include_resolved: bool = False) -> list[SyncConflict]:
    """Return the open conflicts (and resolved ones if asked), oldest first (needs VIEW_DATA).

    A user without VIEW_IDENTIFIERS gets detached copies as its de-identified view shows them:
    pseudonyms, times shifted by the patient's offset, values as in its exports (identifiers
    and free text blank), the typed reason removed.
    """
    user.require(Action.VIEW_DATA)
    statement = select(SyncConflict).order_by(SyncConflict.id)
    if not include_resolved:
        statement = statement.where(SyncConflict.status == OPEN)
    with read_session(project.engine) as session:
        found = list(session.scalars(statement))
    view = record_view(project, user)
    return found if not view.deidentified else [_shown_conflict(view, c) for c in found]


def _shown_conflict(view: RecordView, conflict: SyncConflict) -> SyncConflict:
    """A detached copy of ``conflict`` as a de-identified user is shown it."""
    real_id, name = conflict.record_id, conflict.field

    def value(text: str | None) -> str | None:
        return None if text is None else view.value(name, text, real_id)

    return SyncConflict(
        id=conflict.id, record_id=view.shown_id(real_id), event=conflict.event,
        form=conflict.form, instance=conflict.instance, field=name,
        local_value=value(conflict.local_value), local_uid=conflict.local_uid,
        local_user=conflict.local_user,
        local_at=view.moment(conflict.local_at, real_id) or conflict.local_at,
        remote_value=value(conflict.remote_value), remote_uid=conflict.remote_uid,
        remote_user=conflict.remote_user,
        remote_at=view.moment(conflict.remote_at, real_id) or conflict.remote_at,
        remote_site=conflict.remote_site, status=conflict.status,
        detected_at=view.moment(conflict.detected_at, real_id) or conflict.detected_at,
        resolved_by=conflict.resolved_by,
        resolved_at=view.moment(conflict.resolved_at, real_id),
        resolution=conflict.resolution, reason=view.free_text(conflict.reason))


def conflict_locks(project: Project, conflicts: list[SyncConflict]) -> dict[int, str]:
    """Return, by conflict id, who locked the conflict's form (only for locked forms).

    Conflicts are looked up by id, so the de-identified copies of list_conflicts work too.
    """
    ids = [c.id for c in conflicts]
    if not ids:
        return {}
    with read_session(project.engine) as session:
        stored = session.scalars(select(SyncConflict).where(SyncConflict.id.in_(ids)))
        found = {c.id: _locked_by(session, c) for c in stored}
    return {number: who for number, who in found.items() if who}


def describe_conflict(conflict: SyncConflict, locked_by: str | None = None) -> str:
    """Return a one-conflict summary for the command line (naming the lock of a locked form)."""
    where = (f"{conflict.record_id} {conflict.event} {conflict.form}"
             + (f" #{conflict.instance}" if conflict.instance > 1 else "")
             + f" {conflict.field}")
    local_at = f"{conflict.local_at:%Y-%m-%d %H:%M}"
    remote_at = f"{conflict.remote_at:%Y-%m-%d %H:%M}"
    text = (f"#{conflict.id} [{conflict.status}] {where}: "
            f"local {conflict.local_value!r} ({conflict.local_user}, {local_at}) vs remote "
            f"{conflict.remote_value!r} ({conflict.remote_user} at site {conflict.remote_site}, "
            f"{remote_at})")
    if locked_by and conflict.status == OPEN:
        text += (f" [form locked by {locked_by}: the local edit was not taken by the central "
                 "database]")
    if conflict.status == RESOLVED:
        text += (f" -> kept {conflict.resolution} by {conflict.resolved_by}: "
                 f"{conflict.reason}")
    return text


def resolve_conflict(project: Project, user: CurrentUser, conflict_id: int, keep: str,
                     reason: str) -> str | None:
    """Resolve one conflict by keeping the ``local`` or the ``remote`` value; return the value."""
    user.require(Action.EDIT_DATA)
    if keep not in ("local", "remote"):
        raise ConflictError("keep must be 'local' or 'remote'")
    if not reason.strip():
        raise worded(ConflictError, CONFLICT_REASON)
    with write_transaction(project.engine) as session:
        conflict = session.get(SyncConflict, conflict_id)
        if conflict is None:
            raise worded(ConflictError, CONFLICT_UNKNOWN, conflict=conflict_id)
        if conflict.status != OPEN:
            raise worded(ConflictError, CONFLICT_RESOLVED, conflict=conflict_id)
        why = (f"sync conflict #{conflict_id} ({conflict.remote_user} at site "
               f"{conflict.remote_site} entered {conflict.remote_value!r}): kept the {keep} "
               f"value: {reason.strip()}")
        writer = Writer(session, user.username, study=project.study, reason=why)
        version = writer.stored_version(_place(conflict))
        if version is None:
            raise worded(ConflictError, CONFLICT_VALUE_GONE, conflict=conflict_id)
        locked_by = _locked_by(session, conflict)
        if keep == "local" and locked_by and conflict.local_value != conflict.remote_value:
            raise ConflictError(
                f"{conflict.form} at {conflict.event} of {conflict.record_id} is locked by "
                f"{locked_by}: keep the remote value, or have an investigator unlock the form "
                "(with a reason) before keeping the local one")
        if keep == "remote" and locked_by:
            writer.taken_value(_place(conflict), version.value, conflict.remote_value, why)
            writer.finish()
            from vo_crf.sync.apply import take_remote_value  # noqa: PLC0415 (a cycle)
            take_remote_value(session, project, conflict)
            kept = conflict.remote_value
        elif keep == "remote":
            _keep_remote(session, project, user, conflict, why)
            kept = conflict.remote_value
        else:
            kept = version.value
            writer.keep_local(_place(conflict), conflict.remote_value, conflict.remote_uid, why)
            writer.finish()
        conflict.status, conflict.resolution = RESOLVED, keep
        conflict.resolved_by, conflict.resolved_at = user.username, utcnow()
        conflict.reason = reason.strip()
    return kept


def _keep_remote(session: Session, project: Project, user: CurrentUser,
                 conflict: SyncConflict, why: str) -> None:
    """Save the remote value through the entry service, then take over its version."""
    from vo_crf.entry.service import EntryService, FormKey

    record = session.scalar(select(Record).where(Record.record_id == conflict.record_id))
    if record is None:
        raise worded(ConflictError, CONFLICT_RECORD_GONE, record=conflict.record_id)
    key = FormKey(conflict.record_id, conflict.event, conflict.form, conflict.instance)
    service = EntryService(project, user)
    status_name = conflict.form + "_complete"
    if conflict.field == status_name:
        if conflict.remote_value is None:
            raise worded(ConflictError, CONFLICT_FORM_DELETED)
        values: dict[str, str] = {}
        status = int(conflict.remote_value)
    else:
        values = {conflict.field: conflict.remote_value or ""}
        status = _current_status(session, record, key)
    service.save_in_session(session, record, key, values, status, reason=why,
                            confirmations={conflict.field: why}, enforce_required=False)
    writer = Writer(session, user.username, study=project.study)  # reads the saved version
    writer.take_version(_place(conflict),
                        RemoteVersion(conflict.remote_value, conflict.remote_uid, None,
                                      conflict.remote_at, conflict.remote_user,
                                      conflict.remote_site),
                        synced=True, take_base=False)
    writer.finish()


def _place(conflict: SyncConflict) -> VersionPlace:
    return (conflict.record_id, conflict.event, conflict.form, conflict.instance,
            conflict.field)


def _locked_by(session: Session, conflict: SyncConflict) -> str | None:
    return session.scalar(select(FormInstance.locked_by).join(
        Record, Record.id == FormInstance.record_pk).where(
        Record.record_id == conflict.record_id, FormInstance.event == conflict.event,
        FormInstance.form == conflict.form, FormInstance.instance == conflict.instance))


def _current_status(session: Session, record: Record, key: FormKey) -> int:
    status = session.scalar(select(FormInstance.status).where(
        FormInstance.record_pk == record.id, FormInstance.event == key.event,
        FormInstance.form == key.form, FormInstance.instance == key.instance))
    return int(status or 0)
