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
a verification older than an incoming value change is withdrawn on every node alike. Records
moved to another site merge the same way (the later move wins: ``vo_crf.sync.site_moves``).

Applied values go straight into ``item_values`` (their audit rows travel separately with their
original user and time); calculated fields are recomputed here and audited as user ``sync``.
Query threads merge by step uid (``vo_crf.sync.query_threads``).

Speed: the receiver's records, form instances, values and versions of every record the change
set names are read first in a few chunked queries (``vo_crf.write.synced_batch``); the rules
then run in memory and what they change is written in bulk (``executemany``; ``COPY`` on
PostgreSQL): a first sync of thousands of patients costs about what importing them does.
Conflicts, few, go through the ORM. A change set arrives in parts (``read_change_parts``),
each applied in turn into the same report and transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter

from sqlalchemy import select
from sqlalchemy.orm import Session

from vo_crf.attachments.transfer import copy_files
from vo_crf.db.models import AuditEntry, SyncConflict
from vo_crf.entry.record_state import chunks
from vo_crf.project import Project
from vo_crf.sync.ack import Acknowledgement
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
from vo_crf.sync.recalc import SYNC_USER, recompute, recompute_batch
from vo_crf.sync.site_moves import merge_site_moves
from vo_crf.wording import SYNC_RECORD_NOT_SENT, SYNC_RECORD_TWICE, worded
from vo_crf.write.stamp import transaction_stamp
from vo_crf.write.synced_batch import AUDIT_COLUMNS, RecordRow
from vo_crf.write.synced_versions import VersionRow
from vo_crf.write.writer import Writer

_AUDIT_CONTENT = itemgetter(*AUDIT_COLUMNS[:12])
"""An arriving audit row's columns up to its uid (``AUDIT_COLUMNS`` order)."""


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
    site_moves: int = 0
    """Records put at another site (a move made elsewhere, newer than the one held here)."""
    locked_conflicts: int = 0
    """Conflicts found because the value's form is locked (told apart in the summary)."""
    locked_out: int = 0
    """Values the central database did not take because their form is locked there."""
    touched: set[str] = field(default_factory=set)
    acknowledged: Acknowledgement | None = None
    """(A push) the site's rows the central database now holds, for the pull to mark."""


def apply_at_site(session: Session, project: Project, changes: ChangeSet, my_site: str,
                  report: ApplyReport | None = None) -> ApplyReport:
    """Apply what the central database sent to this site (see the module rules); ``report``
    (the report of the earlier parts of the same change set) is added to and returned."""
    report = report or ApplyReport()
    earlier, report.touched = report.touched, set()
    writer, taken = _begin(session, project, changes, report, synced=True)
    versions = writer.synced.versions
    for change in changes.values:
        if change.is_mark or change.is_site:
            continue
        local = versions.get(change.key)
        if local is None:
            _take(writer, change, None, changes.records, report, synced=True)
        elif local.uid == change.uid:
            versions.mark_synced(local, change.uid)
            report.unchanged += 1
        elif local.value != change.value and lock_blocks(writer, change, None) and (
                local.uid != local.synced_uid or not lock_is_shared(writer, change)):
            record_conflict(session, local, change)
            report.conflicts += 1
            report.locked_conflicts += 1
        elif change.origin_site == my_site:
            versions.mark_synced(local, change.uid)
            report.unchanged += 1
        elif local.uid == local.synced_uid or change.base_uid == local.uid \
                or local.value == change.value:
            _take(writer, change, local, changes.records, report, synced=True)
        else:
            record_conflict(session, local, change)
            report.conflicts += 1
    _finish(session, project, changes, report, writer, taken, blank_site=CENTRAL_LABEL)
    report.touched |= earlier
    return report


def apply_at_central(session: Session, project: Project, changes: ChangeSet,
                     sender_site: str, report: ApplyReport | None = None) -> ApplyReport:
    """Apply what a site pushed to the central database (see the module rules); ``report``
    (the report of the earlier parts of the same change set) is added to and returned, with
    what the site is acknowledged for."""
    report = report or ApplyReport()
    earlier, report.touched = report.touched, set()
    writer, taken = _begin(session, project, changes, report, synced=False)
    held = writer.synced.versions.get
    for change in changes.values:
        if change.is_mark or change.is_site:
            continue
        current = held(change.key)
        if current is not None and change.uid in (current.uid, current.base_uid):
            report.unchanged += 1
        elif current is not None and current.value != change.value \
                and lock_blocks(writer, change, sender_site):
            report.deferred += 1
            report.locked_out += 1
        elif current is None or current.uid in (change.synced_uid, change.base_uid) \
                or current.origin_site == sender_site:
            _take(writer, change, current, changes.records, report, synced=False)
        elif changes.full and change.origin_site != sender_site:
            report.unchanged += 1  # a copy of another node's older version: central has newer
        else:
            report.deferred += 1
    _finish(session, project, changes, report, writer, taken, blank_site=sender_site)
    report.touched |= earlier
    acknowledged = report.acknowledged = report.acknowledged or Acknowledgement(changes.upto)
    acknowledged.note_held(writer, changes.values)
    if report.applied or report.marks or report.site_moves:  # stored: stamped (no new stamp)
        acknowledged.central_seq = transaction_stamp(session)[0]
    return report


def _begin(session: Session, project: Project, changes: ChangeSet, report: ApplyReport,
           synced: bool) -> tuple[Writer, list[ValueChange]]:
    """Copy the change set's files, read what the receiver holds of the records it names,
    and merge its review marks and site moves first; return the writer and the marks
    taken (settled by ``_finish``)."""
    copy_files(session, changes.files)
    writer = Writer(session, SYNC_USER.username, definition_version=project.definition_version)
    writer.load_synced({c.record_id for c in changes.values})
    taken = [c for c in changes.values if c.is_mark and merge_mark(writer, c, synced=synced)]
    report.marks += len(taken)
    report.site_moves += merge_site_moves(
        writer, changes.values, synced,
        lambda rid: _record(writer, rid, changes.records, report))
    return writer, taken


def _finish(session: Session, project: Project, changes: ChangeSet, report: ApplyReport,
            writer: Writer, taken: list[ValueChange], blank_site: str) -> None:
    settle_marks(writer, taken)
    writer.finish()
    session.expire_all()  # the ORM reads the rows the batch wrote afresh
    recompute_batch(session, project, writer, report.touched)
    report.audit_copied += copy_audit(session, changes.audit, blank_site)
    if changes.queries or changes.query_steps:
        report.query_steps += apply_query_changes(session, changes.queries,
                                                  changes.query_steps, blank_site)


def _take(writer: Writer, change: ValueChange, row: VersionRow | None,
          records: dict[str, RecordInfo], report: ApplyReport, synced: bool) -> None:
    """Make the incoming version the receiver's: data tables and version row.

    The value is stored under the receiver's current ``definition_version``.
    """
    batch = writer.synced
    record = _record(writer, change.record_id, records, report)
    if row is None or row.value != change.value:
        _write_data(writer, record, change)
        report.touched.add(change.record_id)
    batch.take_version(row, change.key, remote_version(change), synced)
    report.applied += 1


def _record(writer: Writer, record_id: str, records: dict[str, RecordInfo],
            report: ApplyReport) -> RecordRow:
    batch = writer.synced
    record = batch.records.get(record_id)
    info = records.get(record_id)
    if record is not None:
        if info is not None and (record.created_by, record.created_at) != \
                (info.created_by, info.created_at):
            raise worded(SyncError, SYNC_RECORD_TWICE, record=record_id,
                         here=record.created_by, there=info.created_by)
        return record
    if info is None:
        raise worded(SyncError, SYNC_RECORD_NOT_SENT, record=record_id)
    report.records_created += 1
    return batch.new_record(record_id, info.site, info.created_at, info.created_by)


def _write_data(writer: Writer, record: RecordRow, change: ValueChange) -> None:
    """Put the value (or status) into the data tables, bumping the form's version."""
    batch = writer.synced
    instance = batch.instance(change[:4])
    status = change.is_status
    if status and change.value is None:  # the form instance was deleted there
        if instance is not None and not instance.values:
            batch.delete_instance(instance)
        return
    if instance is None:
        instance = batch.new_instance(record, change.event, change.form, change.instance,
                                      change.changed_at, change.changed_by)
    if status:
        instance.status = int(change.value or 0)
    else:
        batch.store_value(instance, change.field, change.value)
        unverify_if_older(writer, instance, change)
    instance.updated_at = change.changed_at
    instance.updated_by = change.changed_by
    instance.changed = True


def take_remote_value(session: Session, project: Project, conflict: SyncConflict) -> None:
    """Write a conflict's remote value as the sync writes values (a locked form included);
    the value's version row takes the remote version, without a base."""
    change = ValueChange(conflict.record_id, conflict.event, conflict.form, conflict.instance,
                         conflict.field, conflict.remote_value, conflict.remote_uid, None,
                         conflict.remote_uid, conflict.remote_at, conflict.remote_user,
                         conflict.remote_site)
    report = ApplyReport()
    writer = Writer(session, SYNC_USER.username, definition_version=project.definition_version)
    batch = writer.load_synced([conflict.record_id])
    _take(writer, change, batch.versions.get(change.key), {}, report, synced=True)
    writer.finish()
    session.expire_all()
    recompute(session, project, {conflict.record_id})


def copy_audit(session: Session, rows: list[dict[str, object]], blank_site: str) -> int:
    """Insert the audit rows this database does not have yet (by uid); return how many.

    Rows without a site marker (written before set-up, or on the central database) get
    ``blank_site``.
    """
    known: set[str] = set()
    uids = sorted({str(r["uid"]) for r in rows if r.get("uid")})
    for chunk in chunks(uids):
        known.update(session.scalars(select(AuditEntry.uid).where(AuditEntry.uid.in_(chunk))))
    fresh = []
    for row in rows:
        uid = row.get("uid")
        if not uid or uid in known:
            continue
        fresh.append((*_AUDIT_CONTENT(row), row.get("site") or blank_site, row.get("changes")))
        known.add(str(uid))
    Writer(session, SYNC_USER.username).insert_synced_audit(fresh)
    return len(fresh)
