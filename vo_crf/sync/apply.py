"""Applying a change set inside the receiver's one write transaction.

The rules, per value (``L`` the receiver's version, ``R`` the incoming one):

- at a site (pulling from the central database): R is taken when L does not exist, when L is
  the version the central database was known to hold (``synced_uid``, no local change since), or
  when R was made on top of L (``base_uid``); if L is already R, or R is this site's own older
  change, only ``synced_uid`` moves; an equal value adopts R's version; anything else is a
  **conflict**: recorded in ``sync_conflicts``, the local value kept, nothing overwritten. A
  change to a form locked here only is a conflict too, and so is a local edit not yet taken by
  the central database in a form locked elsewhere (the lock arrives with all the form's values).
- at the central database (a site pushing): R is taken when the central version is the one the
  site last knew (or R's base), or is the site's own older change; otherwise it is **deferred**
  (not applied) and becomes a conflict at the site's next pull. A change to a form locked at
  the central database by another node than the sender is deferred too (``locked_out``).

Review marks (lock, verification, e-signature) are merged first, by time (``vo_crf.sync.marks``);
a verification older than an incoming value change is withdrawn on every node alike.

Applied values go straight into ``item_values`` (their audit rows travel separately with their
original user and time); calculated fields are recomputed here and audited as user ``sync``.
Query threads merge by step uid (``vo_crf.sync.query_threads``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.db.models import (
    AuditEntry,
    FormInstance,
    Record,
    SyncConflict,
    ValueVersion,
)
from vo_crf.db.value_versions import find_version
from vo_crf.entry.record_values import load_record_values
from vo_crf.project import Project
from vo_crf.study.form_status import FormStatus
from vo_crf.sync.changeset import ChangeSet, RecordInfo, ValueChange
from vo_crf.sync.conflicts import record_conflict
from vo_crf.sync.marks import (
    lock_blocks,
    lock_is_shared,
    merge_mark,
    remote_version,
    settle_marks,
    unverify_if_older,
)
from vo_crf.sync.node import CENTRAL_LABEL, SyncError
from vo_crf.sync.query_threads import apply_query_changes
from vo_crf.write.clinical import ClinicalWriter
from vo_crf.write.stamp import stamp
from vo_crf.write.synced import mark_synced, take_version

SYNC_USER = CurrentUser("sync", Role.ADMIN, "vo-crf sync")
"""The identity of changes the sync itself makes (recalculations, un-verification)."""


@dataclass
class ApplyReport:
    """What applying one change set did."""

    applied: int = 0
    unchanged: int = 0
    conflicts: int = 0
    deferred: int = 0
    audit_copied: int = 0
    query_steps: int = 0
    records_created: int = 0
    marks: int = 0
    locked_conflicts: int = 0
    """Conflicts found because the value's form is locked (told apart in the summary)."""
    locked_out: int = 0
    """Values the central database did not take because their form is locked there."""
    touched: set[str] = field(default_factory=set)


def apply_at_site(session: Session, project: Project, changes: ChangeSet,
                  my_site: str) -> ApplyReport:
    """Apply what the central database sent to this site (see the module rules)."""
    report = ApplyReport()
    taken = [c for c in changes.values if c.is_mark and merge_mark(session, c, synced=True)]
    report.marks = len(taken)
    for change in changes.values:
        if change.is_mark:
            continue
        local = find_version(session, *change.key)
        if local is None:
            _take(session, change, None, changes.records, report, synced=True,
                  definition_version=project.definition_version)
        elif local.uid == change.uid:
            mark_synced(session, local, change.uid)
            report.unchanged += 1
        elif local.value != change.value and lock_blocks(session, change, None) and (
                local.uid != local.synced_uid or not lock_is_shared(session, change)):
            record_conflict(session, local, change)
            report.conflicts += 1
            report.locked_conflicts += 1
        elif change.origin_site == my_site:
            mark_synced(session, local, change.uid)
            report.unchanged += 1
        elif local.uid == local.synced_uid or change.base_uid == local.uid \
                or local.value == change.value:
            _take(session, change, local, changes.records, report, synced=True,
                  definition_version=project.definition_version)
        else:
            record_conflict(session, local, change)
            report.conflicts += 1
    settle_marks(session, taken)
    _finish(session, project, changes, report, blank_site=CENTRAL_LABEL)
    return report


def apply_at_central(session: Session, project: Project, changes: ChangeSet,
                     sender_site: str) -> ApplyReport:
    """Apply what a site pushed to the central database (see the module rules)."""
    report = ApplyReport()
    taken = [c for c in changes.values if c.is_mark and merge_mark(session, c, synced=False)]
    report.marks = len(taken)
    for change in changes.values:
        if change.is_mark:
            continue
        current = find_version(session, *change.key)
        if current is not None and change.uid in (current.uid, current.base_uid):
            report.unchanged += 1
        elif current is not None and current.value != change.value \
                and lock_blocks(session, change, sender_site):
            report.deferred += 1
            report.locked_out += 1
        elif current is None or current.uid in (change.synced_uid, change.base_uid) \
                or current.origin_site == sender_site:
            _take(session, change, current, changes.records, report, synced=False,
                  definition_version=project.definition_version)
        elif changes.full and change.origin_site != sender_site:
            report.unchanged += 1  # a copy of another node's older version: central has newer
        else:
            report.deferred += 1
    settle_marks(session, taken)
    _finish(session, project, changes, report, blank_site=sender_site)
    return report


def _finish(session: Session, project: Project, changes: ChangeSet, report: ApplyReport,
            blank_site: str) -> None:
    session.flush()
    for record_id in sorted(report.touched):
        _recompute(session, project, record_id)
    report.audit_copied = copy_audit(session, changes.audit, blank_site)
    report.query_steps = apply_query_changes(session, changes.queries, changes.query_steps,
                                             blank_site)


def _take(session: Session, change: ValueChange, row: ValueVersion | None,
          records: dict[str, RecordInfo], report: ApplyReport, synced: bool,
          definition_version: int | None = None) -> None:
    """Make the incoming version the receiver's: data tables and version row.

    The value is stored under the receiver's current ``definition_version``.
    """
    record = _record(session, change.record_id, records, report)
    if row is None or row.value != change.value:
        _write_data(session, record, change, definition_version)
        report.touched.add(change.record_id)
    take_version(session, row, change.key, remote_version(change), synced)
    report.applied += 1


def _record(session: Session, record_id: str, records: dict[str, RecordInfo],
            report: ApplyReport) -> Record:
    record = session.scalar(select(Record).where(Record.record_id == record_id))
    info = records.get(record_id)
    if record is not None:
        if info is not None and (record.created_by, record.created_at) != \
                (info.created_by, info.created_at):
            raise SyncError(f"record {record_id} was created separately at two sites (by "
                            f"{record.created_by} and by {info.created_by}): each site must "
                            "create only its own site's study numbers; nothing was synced")
        return record
    if info is None:
        raise SyncError(f"record {record_id} is unknown here and was not sent")
    record = Record(record_id=record_id, site=info.site, created_at=info.created_at,
                    created_by=info.created_by)
    session.add(record)
    session.flush()
    report.records_created += 1
    return record


def _instance(session: Session, record: Record, change: ValueChange) -> FormInstance | None:
    return session.scalar(select(FormInstance).where(
        FormInstance.record_pk == record.id, FormInstance.event == change.event,
        FormInstance.form == change.form, FormInstance.instance == change.instance)
        .with_for_update())


def _write_data(session: Session, record: Record, change: ValueChange,
                definition_version: int | None) -> None:
    """Put the value (or status) into the data tables, bumping the form's version."""
    instance = _instance(session, record, change)
    if change.is_status and change.value is None:  # the form instance was deleted there
        if instance is not None and not instance.values:
            session.delete(instance)
        return
    if instance is None:
        instance = FormInstance(record_pk=record.id, event=change.event, form=change.form,
                                instance=change.instance, status=FormStatus.INCOMPLETE,
                                updated_by=change.changed_by, updated_at=change.changed_at)
        session.add(instance)
        session.flush()
    if change.is_status:
        instance.status = int(change.value or 0)
    else:
        ClinicalWriter(session, SYNC_USER.username, definition_version=definition_version
                       ).store_synced_value(record.record_id, instance, change.field,
                                            change.value)
        unverify_if_older(session, instance, record.record_id, change)
    instance.updated_at = change.changed_at
    instance.updated_by = change.changed_by


def take_remote_value(session: Session, project: Project, conflict: SyncConflict,
                      version: ValueVersion) -> None:
    """Write a conflict's remote value as the sync writes values (a locked form included)."""
    change = ValueChange(conflict.record_id, conflict.event, conflict.form, conflict.instance,
                         conflict.field, conflict.remote_value, conflict.remote_uid, None,
                         conflict.remote_uid, conflict.remote_at, conflict.remote_user,
                         conflict.remote_site)
    report = ApplyReport()
    _take(session, change, version, {}, report, synced=True,
          definition_version=project.definition_version)
    version.base_uid = None
    session.flush()
    _recompute(session, project, conflict.record_id)


def _recompute(session: Session, project: Project, record_id: str) -> None:
    from vo_crf.entry.service import EntryService

    record = session.scalar(select(Record).where(Record.record_id == record_id))
    if record is not None:
        EntryService(project, SYNC_USER).recompute_calcs(
            session, record, load_record_values(session, record))


def copy_audit(session: Session, rows: list[dict[str, object]], blank_site: str) -> int:
    """Insert the audit rows this database does not have yet (by uid); return how many.

    Rows without a site marker (written before set-up, or on the central database) get
    ``blank_site``.
    """
    known: set[str] = set()
    uids = [str(r["uid"]) for r in rows if r.get("uid")]
    for start in range(0, len(uids), 500):
        chunk = uids[start:start + 500]
        known.update(session.scalars(select(AuditEntry.uid).where(AuditEntry.uid.in_(chunk))))
    copied = 0
    for row in rows:
        if not row.get("uid") or row["uid"] in known:
            continue
        values = dict(row)
        if not values.get("site"):
            values["site"] = blank_site
        copy = AuditEntry(**values)
        session.add(copy)
        stamp(session, copy)
        known.add(str(row["uid"]))
        copied += 1
    return copied
