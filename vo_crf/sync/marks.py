"""Review marks in a sync: lock, verification and e-signature merged by time; locks guard values.

Marks (``vo_crf.db.marks``) travel as value versions of the pseudo-fields ``@lock``,
``@verify`` and ``@sign``. They never conflict: the later mark wins (ties broken by uid) on
every node, so all nodes end with the same marks; each one's audit row travels with the audit
trail. A receiver applies the incoming marks before the values, so a value arriving for a form
that is locked is judged against the lock (see ``vo_crf.sync.apply``).
"""

from __future__ import annotations

import datetime as dt

from vo_crf.db.marks import Mark
from vo_crf.sync.changeset import ValueChange
from vo_crf.sync.node import CENTRAL_LABEL
from vo_crf.write.synced import RemoteVersion
from vo_crf.write.synced_batch import InstanceRow
from vo_crf.write.writer import Writer


def take_if_newer(writer: Writer, change: ValueChange, synced: bool) -> bool:
    """Take an incoming version when it is newer than the receiver's (by time, ties broken by
    uid); return True if taken. Marks and records' sites merge this way: never a conflict.

    ``synced`` (at a site) records that the central database holds the taken version.
    """
    batch = writer.synced
    local = batch.versions.get(change.key)
    if local is not None and local.uid == change.uid:
        if synced:
            batch.versions.mark_synced(local, change.uid)
        return False
    if local is not None and (local.changed_at, local.uid) >= (change.changed_at, change.uid):
        return False
    batch.take_version(local, change.key, remote_version(change), synced)
    return True


def merge_mark(writer: Writer, change: ValueChange, synced: bool) -> bool:
    """Take an incoming mark when it is newer than the receiver's; return True if taken.

    ``synced`` (at a site) records that the central database holds the taken version.
    """
    batch = writer.synced
    if not take_if_newer(writer, change, synced):
        return False
    instance = batch.instance(change.key[:4])
    if instance is not None:
        instance.put_mark(Mark(change.field), change.value, change.changed_at)
    return True


def settle_marks(writer: Writer, taken: list[ValueChange]) -> None:
    """Put the taken marks on form instances created after them in the same change set."""
    batch = writer.synced
    for change in taken:
        instance = batch.instance(change.key[:4])
        version = batch.versions.get(change.key)
        if instance is not None and version is not None and version.uid == change.uid:
            instance.put_mark(Mark(change.field), change.value, change.changed_at)


def lock_blocks(writer: Writer, change: ValueChange, sender_site: str | None) -> bool:
    """True when ``change`` would alter a form locked here by someone else than its sender.

    At the central database ``sender_site`` is the pushing site (its own lock does not block
    its values: it made them before locking); at a site it is None.
    """
    batch = writer.synced
    instance = batch.instance(change.key[:4])
    if instance is None or not instance.locked_by:
        return False
    lock = batch.versions.get((*change.key[:4], str(Mark.LOCK)))
    return lock is None or sender_site is None or lock.origin_site != sender_site


def lock_is_shared(writer: Writer, change: ValueChange) -> bool:
    """True (at a site) when the form's lock is one the central database holds too."""
    batch = writer.synced
    lock = batch.versions.get((*change.key[:4], str(Mark.LOCK)))
    return lock is not None and lock.value is not None and lock.uid == lock.synced_uid


def unverify_if_older(writer: Writer, instance: InstanceRow, change: ValueChange) -> None:
    """Withdraw a verification older than an incoming value change (audited, versioned).

    The new verification mark is dated like the value change, so every node decides alike
    and a verification made after the change (arriving later or earlier) still wins.
    """
    batch = writer.synced
    if not instance.verified_by:
        return
    mark = batch.versions.get((*change.key[:4], str(Mark.VERIFY)))
    verified_at = mark.changed_at if mark is not None else instance.verified_at
    if verified_at is not None and verified_at >= change.changed_at:
        return
    site = change.origin_site or CENTRAL_LABEL
    batch.withdraw_verification(instance, mark, _just_after(change.changed_at),
                                f"data changed at site {site}")


def remote_version(change: ValueChange) -> RemoteVersion:
    """An incoming change as the writer takes it (a blank origin is the central database)."""
    return RemoteVersion(change.value, change.uid, change.base_uid, change.changed_at,
                         change.changed_by, change.origin_site or CENTRAL_LABEL)


def _just_after(moment: dt.datetime) -> dt.datetime:
    return moment + dt.timedelta(microseconds=1)
