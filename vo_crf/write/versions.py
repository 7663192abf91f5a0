"""The versions of the one writer's single-row operations, written by the one version buffer.

Deleting a form instance, an amendment's rewritten, moved and deleted values, review marks and
a sync conflict's resolution change a few versions each. ``LocalVersions`` reads the stored
versions of each form instance it is asked about once (``read_instance_versions``), changes them in
memory as ``VersionRow`` objects and writes them with the one version buffer
(``vo_crf.write.version_buffer.VersionBuffer``, Core statements), the same that writes the
versions a sync takes: a stored entered value holds its version in its value row; a status, a
mark or a blanked value (a tombstone) has a ``value_versions`` row; a value entered again after
a tombstone takes the tombstone's place (its base the tombstone's uid). Every version is
stamped with the transaction's change sequence (``vo_crf.write.stamp``) so that it travels.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from vo_crf.db.models import new_uid, utcnow
from vo_crf.db.value_versions import held_apart
from vo_crf.entry.record_state import chunks
from vo_crf.write.stamp import transaction_stamp
from vo_crf.write.synced import RemoteVersion, remote_row
from vo_crf.write.synced_versions import VersionKey, VersionRow, read_instance_versions
from vo_crf.write.tables import INSTANCES, RECORDS
from vo_crf.write.version_buffer import VersionBuffer


class LocalVersions:
    """The versions of the records an operation touches, changed in memory and written by
    ``flush`` after the operation's values (in the session's transaction)."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._buffer = VersionBuffer()
        self._loaded: dict[tuple[str, str, str, int], bool] = {}
        """The form instances whose versions were read: True when all of them, False when
        only those held apart (a mark's or a status's operation needs no more)."""

    def get(self, key: VersionKey) -> VersionRow | None:
        """Return the version of a value (``key``: record, event, form, instance, field) as
        it stands in this operation (None: never set)."""
        place = key[:4]
        loaded = self._loaded.get(place)
        whole = not held_apart(key[2], key[4])
        if loaded is None or (whole and not loaded):
            self._buffer.add(read_instance_versions(self._session.connection(), place, whole))
            self._loaded[place] = whole or bool(loaded)
        return self._buffer.get(key)

    def note(self, key: VersionKey, value: str | None, username: str) -> VersionRow:
        """Give a value written by this database a new version (None or '' = blanked), based
        on the one it had; the value row, when the value is stored, holds it at ``flush``."""
        row = self.get(key)
        value, uid, now = value or None, new_uid(), utcnow()
        if row is None:
            row = VersionRow(None, *key, value, uid, None, now, username, None, None, None)
        else:
            row.value, row.base_uid, row.uid = value, row.uid, uid
            row.changed_at, row.changed_by, row.origin_site = now, username, None
        self._buffer.put(row)
        return row

    def take(self, key: VersionKey, remote: RemoteVersion, synced: bool,
             take_base: bool = True) -> VersionRow:
        """Make another node's version this node's version of the value (created if
        missing); see ``adopt_remote``."""
        row = remote_row(self.get(key), key, remote, synced, take_base)
        self._buffer.put(row)
        return row

    def keep_local(self, key: VersionKey, remote_uid: str, username: str) -> VersionRow:
        """Give the local value a new version based on a remote one (a conflict resolved by
        keeping the local value): the other nodes take it over theirs."""
        row = self.get(key)
        if row is None:
            raise LookupError(f"no version of {key} to keep")
        row.base_uid = row.synced_uid = remote_uid
        row.uid, row.changed_at, row.changed_by = new_uid(), utcnow(), username
        row.origin_site = None  # this site's (stamped at the flush)
        self._buffer.put(row)
        return row

    def flush(self) -> None:
        """Write the changed versions (after the session's pending ORM rows: the values)."""
        if not self._buffer.pending:
            return
        session = self._session
        session.flush()
        seq, site = transaction_stamp(session)
        places = self._instance_ids()
        self._buffer.flush(session.connection(), seq, site, lambda key: places.get(key[:4]))
        self._buffer, self._loaded = VersionBuffer(), {}  # read again after a write

    def _instance_ids(self) -> dict[tuple[str, str, str, int], int]:
        """The form instance ids of the records read: where a value row holds its version."""
        found: dict[tuple[str, str, str, int], int] = {}
        connection = self._session.connection()
        for chunk in chunks(sorted({place[0] for place in self._loaded})):
            for row in connection.execute(
                    select(INSTANCES.c.id, RECORDS.c.record_id, INSTANCES.c.event,
                           INSTANCES.c.form, INSTANCES.c.instance)
                    .join(RECORDS, RECORDS.c.id == INSTANCES.c.record_pk)
                    .where(RECORDS.c.record_id.in_(chunk))):
                found[(row[1], row[2], row[3], int(row[4]))] = row[0]
        return found
