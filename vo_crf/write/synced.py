"""The one writer's sync side for single values (conflict resolution): taking another node's
value version, keeping a local value over a remote one. Change sets are written in bulk by
``vo_crf.write.synced_batch``.

Every change here is a value version (and, where the change is this node's, its audit row),
stamped with the transaction's change sequence (``vo_crf.write.stamp``) so that it travels on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from vo_crf.audit.trail import AuditAction, Where
from vo_crf.db.models import ValueVersion, new_uid, utcnow
from vo_crf.db.value_versions import Version
from vo_crf.write.clinical import write_save
from vo_crf.write.stamp import stamp
from vo_crf.write.synced_versions import VersionRow

VersionPlace = tuple[str, str, str, int, str]
"""Where a version belongs: (record id, event, form, instance, field)."""


@dataclass(frozen=True)
class RemoteVersion:
    """Another node's version of a value, as it arrived."""

    value: str | None
    uid: str
    base_uid: str | None
    changed_at: dt.datetime
    changed_by: str
    origin_site: str


def adopt_remote(row: Version | VersionRow, remote: RemoteVersion, synced: bool,
                 take_base: bool = True) -> None:
    """Copy another node's version (not its value) into a version row: the one rule of both
    sync writers. ``synced`` records that the other side holds it; ``take_base`` False keeps
    the row's base uid as it was."""
    row.uid = remote.uid
    if take_base:
        row.base_uid = remote.base_uid
    row.changed_at, row.changed_by = remote.changed_at, remote.changed_by
    row.origin_site = remote.origin_site
    if synced:
        row.synced_uid = remote.uid


def take_version(session: Session, row: Version | None, place: VersionPlace,
                 remote: RemoteVersion, synced: bool, take_base: bool = True) -> Version:
    """Make another node's version this node's version of the value (created if missing).

    ``synced`` records that the other side holds it; ``take_base`` False keeps the row's
    base uid as it was.
    """
    if row is None:
        record_id, event, form, instance, field = place
        row = ValueVersion(record_id=record_id, event=event, form=form, instance=instance,
                           field=field)
        session.add(row)
    if isinstance(row, ValueVersion):  # a value row holds the value saved, the remote one
        row.value = remote.value
    adopt_remote(row, remote, synced, take_base)
    stamp(session, row)
    return row


def audit_taken_value(session: Session, username: str, place: VersionPlace,
                      local_value: str | None, remote_value: str | None, reason: str) -> None:
    """The audit row of a remote value put back over the local one (a conflict resolved)."""
    _audit_value(session, username, place, local_value, remote_value, reason)


def _audit_value(session: Session, username: str, place: VersionPlace, old: str | None,
                 new: str | None, reason: str) -> None:
    """A conflict's value change: the form save row of its form, listing that one change."""
    record_id, event, form, instance, field = place
    write_save(session, username, Where(record_id, event, form, instance),
               [(str(AuditAction.VALUE_UPDATE), field, old or None, new or None,
                 reason or None)], reason)


def keep_local_version(session: Session, username: str, place: VersionPlace,
                       version: Version, remote_value: str | None, remote_uid: str,
                       reason: str) -> None:
    """Keep this node's value over a remote one: audited, with a new version based on it."""
    _audit_value(session, username, place, remote_value, version.value, reason)
    version.base_uid, version.uid = remote_uid, new_uid()
    version.synced_uid = remote_uid
    version.changed_by, version.changed_at = username, utcnow()
    version.origin_site = None  # this site's (stamp)
    stamp(session, version)
