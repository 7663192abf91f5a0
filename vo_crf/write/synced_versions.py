"""The SQL of value versions for sync, in one place: reading them in bulk, writing them batched.

A sync reads the versions a sender changed after the receiver's watermark
(:func:`read_changed_versions`), the receiver's versions of the records a change set names
(:func:`read_record_versions`), and writes what it took with ``executemany``
(:class:`VersionBuffer`). Every other sync module works on :class:`VersionRow` objects, so a
different storage of versions (e.g. held in the value row) changes only this module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, bindparam, select, update

from vo_crf.db.models import ValueVersion
from vo_crf.entry.bulk_sql import insert_rows, sqlite_datetime
from vo_crf.entry.record_state import chunks

_VV: Table = ValueVersion.__table__  # type: ignore[assignment]

VersionKey = tuple[str, str, str, int, str]
"""Where a version belongs: (record id, event, form, instance, field)."""

_READ = ("id", "record_id", "event", "form", "instance", "field", "value", "uid", "base_uid",
         "changed_at", "changed_by", "origin_site", "synced_uid", "seq")
_INSERT = ("record_id", "event", "form", "instance", "field", "value", "uid", "base_uid",
           "changed_at", "changed_by", "origin_site", "synced_uid", "seq")
_UPDATE = (update(_VV).where(_VV.c.id == bindparam("b_id"))
           .values(value=bindparam("b_value"), uid=bindparam("b_uid"),
                   base_uid=bindparam("b_base_uid"), changed_at=bindparam("b_changed_at"),
                   changed_by=bindparam("b_changed_by"),
                   origin_site=bindparam("b_origin_site"), synced_uid=bindparam("b_synced_uid"),
                   seq=bindparam("b_seq")))
_SYNCED = (update(_VV).where(_VV.c.id == bindparam("b_id"))
           .values(synced_uid=bindparam("b_synced_uid"), seq=bindparam("b_seq")))


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


def _row(row: Any) -> VersionRow:
    return VersionRow(row[0], row[1], row[2], row[3], int(row[4]), row[5], row[6], row[7],
                      row[8], row[9], row[10], row[11], row[12], row[13])


def read_changed_versions(connection: Connection, after: int, upto: int,
                          origin: str | None = None) -> list[VersionRow]:
    """Return the versions stored with a change sequence in ``(after, upto]`` in that order
    (``origin``: only those that site made)."""
    statement = (select(*(_VV.c[name] for name in _READ))
                 .where(_VV.c.seq > after, _VV.c.seq <= upto)
                 .order_by(_VV.c.seq, _VV.c.id))
    if origin is not None:
        statement = statement.where(_VV.c.origin_site == origin)
    return [_row(row) for row in connection.execute(statement).all()]


def read_record_versions(connection: Connection, record_ids: Iterable[str],
                         upto: int | None = None) -> list[VersionRow]:
    """Return every version of these records (``upto``: stored up to that sequence), by id."""
    found: list[VersionRow] = []
    for chunk in chunks(sorted(set(record_ids))):
        statement = select(*(_VV.c[name] for name in _READ)).where(_VV.c.record_id.in_(chunk))
        if upto is not None:
            statement = statement.where(_VV.c.seq <= upto)
        found += [_row(row) for row in connection.execute(statement.order_by(_VV.c.id)).all()]
    found.sort(key=lambda row: row.id or 0)
    return found


class VersionBuffer:
    """The receiver's versions of the records a change set names, changed in memory and
    written in bulk by :meth:`flush` (stamped with the transaction's sequence)."""

    def __init__(self, rows: Iterable[VersionRow] = ()) -> None:
        self.rows: dict[VersionKey, VersionRow] = {row.key: row for row in rows}
        self._changed: dict[VersionKey, VersionRow] = {}
        self._synced_only: dict[VersionKey, VersionRow] = {}
        self._spent = False

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

    def flush(self, connection: Connection, seq: int, site: str) -> int:
        """Write the changed versions (once: new rows get no id back); return how many."""
        inserts: list[tuple[Any, ...]] = []
        updates: list[dict[str, Any]] = []
        text_times = connection.dialect.name == "sqlite"
        for row in self._changed.values():
            row.seq = seq
            if row.origin_site is None:
                row.origin_site = site
            if row.id is None:
                at: Any = sqlite_datetime(row.changed_at) if text_times else row.changed_at
                inserts.append((row.record_id, row.event, row.form, row.instance, row.field,
                                row.value, row.uid, row.base_uid, at, row.changed_by,
                                row.origin_site, row.synced_uid, seq))
            else:
                updates.append({"b_id": row.id, "b_value": row.value, "b_uid": row.uid,
                                "b_base_uid": row.base_uid, "b_changed_at": row.changed_at,
                                "b_changed_by": row.changed_by,
                                "b_origin_site": row.origin_site,
                                "b_synced_uid": row.synced_uid, "b_seq": seq})
        synced = [{"b_id": row.id, "b_synced_uid": row.synced_uid, "b_seq": seq}
                  for row in self._synced_only.values()]
        for row in self._synced_only.values():
            row.seq = seq
        if updates:
            connection.execute(_UPDATE, updates)
        if synced:
            connection.execute(_SYNCED, synced)
        insert_many(connection, _VV, _INSERT, inserts)
        self._changed, self._synced_only, self._spent = {}, {}, True
        return len(inserts) + len(updates) + len(synced)
