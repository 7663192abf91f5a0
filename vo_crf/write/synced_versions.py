"""The SQL of value versions, in one place: reading them in bulk, writing them batched.

A sync reads the versions of the records a change set names, on both sides
(:func:`read_record_versions`: the sender keeps those changed after the receiver's watermark,
``vo_crf.sync.changeset``), and writes what it took with ``executemany``
(:class:`VersionBuffer`). Every other sync module works on :class:`VersionRow` objects. The
writer's single-row operations (deletes, amendments, marks, conflict resolutions) read the
versions of the form instances they touch (:func:`read_instance_versions`) and write theirs
with the same buffer (``vo_crf.write.versions``); only saves and imports keep their own fast
buffer of the same rule (``vo_crf.write.buffered``).

A stored entered value's version is held in its value row (``item_values``' version columns,
0011); statuses, review marks and blanked values (tombstones) have a ``value_versions`` row.
Both are read here as one list; the buffer writes each version where it belongs after the
batch wrote the values: into the value row when the value is stored, apart otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, and_, bindparam, delete, select, update

from vo_crf.db.value_versions import held_apart
from vo_crf.entry.bulk_sql import insert_rows, sqlite_datetime
from vo_crf.entry.record_state import chunks
from vo_crf.write.tables import INSTANCES, RECORDS, VALUES, VERSIONS

VersionKey = tuple[str, str, str, int, str]
"""Where a version belongs: (record id, event, form, instance, field)."""

_READ = ("id", "record_id", "event", "form", "instance", "field", "value", "uid", "base_uid",
         "changed_at", "changed_by", "origin_site", "synced_uid", "seq")
_INSERT = ("record_id", "event", "form", "instance", "field", "value", "uid", "base_uid",
           "changed_at", "changed_by", "origin_site", "synced_uid", "seq")
_UPDATE = (update(VERSIONS).where(VERSIONS.c.id == bindparam("b_id"))
           .values(value=bindparam("b_value"), uid=bindparam("b_uid"),
                   base_uid=bindparam("b_base_uid"), changed_at=bindparam("b_changed_at"),
                   changed_by=bindparam("b_changed_by"),
                   origin_site=bindparam("b_origin_site"), synced_uid=bindparam("b_synced_uid"),
                   seq=bindparam("b_seq")))
_SYNCED = (update(VERSIONS).where(VERSIONS.c.id == bindparam("b_id"))
           .values(synced_uid=bindparam("b_synced_uid"), seq=bindparam("b_seq")))
_VALUE_PLACE = and_(VALUES.c.form_instance_id == bindparam("b_instance"),
                    VALUES.c.field == bindparam("b_field"))
_UPDATE_IN_VALUE = (update(VALUES).where(_VALUE_PLACE)
                    .values(uid=bindparam("b_uid"), base_uid=bindparam("b_base_uid"),
                            changed_at=bindparam("b_changed_at"),
                            changed_by=bindparam("b_changed_by"),
                            origin_site=bindparam("b_origin_site"),
                            synced_uid=bindparam("b_synced_uid"), seq=bindparam("b_seq")))
_CLEAR_IN_VALUE = (update(VALUES).where(VALUES.c.id == bindparam("b_id"))
                   .values(uid=None, base_uid=None, changed_at=None, changed_by=None,
                           origin_site=None, synced_uid=None, seq=None))
"""A value row kept blank (an amendment blanking a value): its version moved apart."""
_SYNCED_IN_VALUE = (update(VALUES).where(VALUES.c.id == bindparam("b_id"))
                    .values(synced_uid=bindparam("b_synced_uid"), seq=bindparam("b_seq")))
"""Only ``synced_uid`` moves, in a value row read with its version (by the row's id)."""
_IN_VALUES = (VALUES.c.id, RECORDS.c.record_id, INSTANCES.c.event, INSTANCES.c.form,
              INSTANCES.c.instance, VALUES.c.field, VALUES.c.value, VALUES.c.uid,
              VALUES.c.base_uid, VALUES.c.changed_at, VALUES.c.changed_by,
              VALUES.c.origin_site, VALUES.c.synced_uid, VALUES.c.seq)
"""The ``_READ`` columns of the versions held in value rows."""

ValueRowOf = Callable[[VersionKey], int | None]
"""The form instance id holding ``key``'s value row after the batch's writes (None: none)."""


@dataclass(slots=True)
class VersionRow:
    """One value version as stored (``id`` None: not written yet)."""

    id: int | None
    record_id: str
    event: str
    form: str
    instance: int
    field: str
    value: str | None
    uid: str
    base_uid: str | None
    changed_at: dt.datetime
    changed_by: str
    origin_site: str | None
    synced_uid: str | None
    seq: int | None
    apart: bool = True
    """Stored in ``value_versions`` (``id`` its id); False: held in its value row."""

    @property
    def key(self) -> VersionKey:
        """The value's place."""
        return (self.record_id, self.event, self.form, self.instance, self.field)


def insert_many(connection: Connection, table: Table, columns: Sequence[str],
                rows: list[tuple[Any, ...]]) -> None:
    """Insert rows in bulk, in the connection's transaction: ``COPY`` on PostgreSQL (one
    stream instead of a statement per row), ``executemany`` elsewhere (SQLite: timestamps
    already text, see ``sqlite_datetime``)."""
    if not rows:
        return
    if connection.dialect.name != "postgresql":
        insert_rows(connection, table, columns, rows)
        return
    driver = connection.connection.driver_connection
    assert driver is not None
    with driver.cursor() as cursor, cursor.copy(
            f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _row(row: Any, apart: bool = True) -> VersionRow:
    return VersionRow(row[0], row[1], row[2], row[3], int(row[4]), row[5], row[6], row[7],
                      row[8], row[9], row[10], row[11], row[12], row[13], apart)


def _held_in_values() -> Any:
    """The versions held in value rows, with the place of each."""
    return (select(*_IN_VALUES).join(INSTANCES, INSTANCES.c.id == VALUES.c.form_instance_id)
            .join(RECORDS, RECORDS.c.id == INSTANCES.c.record_pk))


def read_record_versions(connection: Connection, record_ids: Iterable[str],
                         upto: int | None = None) -> list[VersionRow]:
    """Return every version of these records (``upto``: stored up to that sequence): those
    held apart by id, then those held in value rows by id."""
    found: list[VersionRow] = []
    for chunk in chunks(sorted(set(record_ids))):
        statement = select(*(VERSIONS.c[name] for name in _READ)).where(
            VERSIONS.c.record_id.in_(chunk))
        held = _held_in_values().where(RECORDS.c.record_id.in_(chunk), VALUES.c.uid.is_not(None))
        if upto is not None:
            statement = statement.where(VERSIONS.c.seq <= upto)
            held = held.where(VALUES.c.seq <= upto)
        found += [_row(row) for row in connection.execute(statement).all()]
        found += [_row(row, apart=False) for row in connection.execute(held).all()]
    found.sort(key=lambda row: (0 if row.apart else 1, row.id or 0))
    return found


def read_instance_versions(connection: Connection, place: tuple[str, str, str, int],
                           in_values: bool = True) -> list[VersionRow]:
    """Return every version of one form instance (record id, event, form, instance);
    ``in_values`` False: only those held apart (statuses, marks, tombstones)."""
    record_id, event, form, instance = place
    statement = select(*(VERSIONS.c[name] for name in _READ)).where(
        VERSIONS.c.record_id == record_id, VERSIONS.c.event == event, VERSIONS.c.form == form,
        VERSIONS.c.instance == instance)
    held = _held_in_values().where(RECORDS.c.record_id == record_id, INSTANCES.c.event == event,
                                   INSTANCES.c.form == form, INSTANCES.c.instance == instance,
                                   VALUES.c.uid.is_not(None))
    found = [_row(row) for row in connection.execute(statement).all()]
    if in_values:
        found += [_row(row, apart=False) for row in connection.execute(held).all()]
    return found


class VersionBuffer:
    """The receiver's versions of the records a change set names, changed in memory and
    written in bulk by :meth:`flush` (stamped with the transaction's sequence)."""

    def __init__(self, rows: Iterable[VersionRow] = ()) -> None:
        self.rows: dict[VersionKey, VersionRow] = {row.key: row for row in rows}
        self._changed: dict[VersionKey, VersionRow] = {}
        self._synced_only: dict[VersionKey, VersionRow] = {}
        self._revived: list[int] = []
        self._spent = False

    def add(self, rows: Iterable[VersionRow]) -> None:
        """Hold more stored versions (those of more records, read since)."""
        for row in rows:
            self.rows.setdefault(row.key, row)

    @property
    def pending(self) -> bool:
        """True when a version is waiting to be written."""
        return bool(self._changed or self._synced_only)

    def get(self, key: VersionKey) -> VersionRow | None:
        """Return the version of ``key`` (None: never set here)."""
        return self.rows.get(key)

    def put(self, row: VersionRow) -> None:
        """Write ``row`` (new or changed) at the flush; a blank origin becomes this node's."""
        assert not self._spent, "a version buffer is flushed once"
        self.rows[row.key] = row
        self._changed[row.key] = row
        self._synced_only.pop(row.key, None)

    def mark_synced(self, row: VersionRow, uid: str) -> None:
        """Record that the other side holds version ``uid`` of this value (it travels on)."""
        row.synced_uid = uid
        if row.key not in self._changed:
            self._synced_only[row.key] = row

    def claim(self, key: VersionKey, value: str, seq: int, site: str) -> VersionRow | None:
        """Hand the changed version of a value about to be inserted to its new value row
        (stamped; None: no changed version of that value), so it is written with the row."""
        row = self._changed.get(key)
        if row is None or row.value != value or held_apart(row.form, row.field):
            return None
        del self._changed[key]
        row.seq = seq
        if row.origin_site is None:
            row.origin_site = site
        if row.apart and row.id is not None:  # a blanked value entered again elsewhere
            self._revived.append(row.id)
        row.apart, row.id = False, None
        return row

    def flush(self, connection: Connection, seq: int, site: str,
              value_row_of: ValueRowOf) -> int:
        """Write the changed versions, after the batch wrote the values: into the value row
        when the value is stored, apart otherwise (once: new rows get no id back); return
        how many."""
        inserts: list[tuple[Any, ...]] = []
        updates: list[dict[str, Any]] = []
        in_values: list[dict[str, Any]] = []
        gone = self._revived
        left: list[dict[str, Any]] = []
        text_times = connection.dialect.name == "sqlite"
        for row in self._changed.values():
            row.seq = seq
            if row.origin_site is None:
                row.origin_site = site
            instance_id = None if row.value is None or held_apart(row.form, row.field) \
                else value_row_of(row.key)
            if instance_id is not None:
                in_values.append({"b_instance": instance_id, "b_field": row.field,
                                  "b_uid": row.uid, "b_base_uid": row.base_uid,
                                  "b_changed_at": row.changed_at,
                                  "b_changed_by": row.changed_by,
                                  "b_origin_site": row.origin_site,
                                  "b_synced_uid": row.synced_uid, "b_seq": seq})
                if row.apart and row.id is not None:
                    gone.append(row.id)
                row.apart, row.id = False, None
            elif row.apart and row.id is not None:
                updates.append({"b_id": row.id, "b_value": row.value, "b_uid": row.uid,
                                "b_base_uid": row.base_uid, "b_changed_at": row.changed_at,
                                "b_changed_by": row.changed_by,
                                "b_origin_site": row.origin_site,
                                "b_synced_uid": row.synced_uid, "b_seq": seq})
            else:  # new, or the version of a value blanked here (a tombstone)
                if not row.apart and row.id is not None:  # a value row left blank
                    left.append({"b_id": row.id})
                at: Any = sqlite_datetime(row.changed_at) if text_times else row.changed_at
                inserts.append((row.record_id, row.event, row.form, row.instance, row.field,
                                row.value, row.uid, row.base_uid, at, row.changed_by,
                                row.origin_site, row.synced_uid, seq))
                row.apart, row.id = True, None
        synced: list[dict[str, Any]] = []
        synced_in_values: list[dict[str, Any]] = []
        for row in self._synced_only.values():
            row.seq = seq
            if row.apart:
                synced.append({"b_id": row.id, "b_synced_uid": row.synced_uid, "b_seq": seq})
            elif row.id is not None:
                synced_in_values.append({"b_id": row.id, "b_synced_uid": row.synced_uid,
                                         "b_seq": seq})
        for chunk in chunks(gone):
            connection.execute(delete(VERSIONS).where(VERSIONS.c.id.in_(chunk)))
        for statement, parameters in ((_CLEAR_IN_VALUE, left), (_UPDATE, updates),
                                      (_SYNCED, synced),
                                      (_UPDATE_IN_VALUE, in_values),
                                      (_SYNCED_IN_VALUE, synced_in_values)):
            if parameters:
                connection.execute(statement, parameters)
        insert_many(connection, VERSIONS, _INSERT, inserts)
        count = len(inserts) + len(updates) + len(synced) + len(in_values) \
            + len(synced_in_values) + len(self._revived)
        self._changed, self._synced_only, self._revived, self._spent = {}, {}, [], True
        return count
