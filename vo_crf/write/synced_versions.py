"""The SQL of value versions, in one place: reading them in bulk, writing them batched.

A sync reads the versions of the records a change set names, on both sides
(:func:`read_record_versions`: the sender keeps those changed after the receiver's watermark,
``vo_crf.sync.changeset``), and writes what it took with ``executemany``
(:class:`VersionBuffer`). Every other sync module works on :class:`VersionRow` objects. The
writer's single-row operations (deletes, amendments, marks, conflict resolutions) read the
versions of the form instances they touch (:func:`read_instance_versions`) and write theirs
with the same buffer (``vo_crf.write.versions``), as saves and imports do: the one buffer
(``vo_crf.write.version_buffer``) holds every statement that writes a version.

A stored entered value's version is held in its value row (``item_values``' version columns,
0011); statuses, review marks and blanked values (tombstones) have a ``value_versions`` row.
Both are read here as one list; the buffer writes each version where it belongs after the
batch wrote the values: into the value row when the value is stored, apart otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, select

from vo_crf.entry.bulk_sql import insert_rows
from vo_crf.entry.record_state import chunks
from vo_crf.write.tables import INSTANCES, RECORDS, VALUES, VERSIONS

VersionKey = tuple[str, str, str, int, str]
"""Where a version belongs: (record id, event, form, instance, field)."""

_READ = ("id", "record_id", "event", "form", "instance", "field", "value", "uid", "base_uid",
         "changed_at", "changed_by", "origin_site", "synced_uid", "seq")
_IN_VALUES = (VALUES.c.id, RECORDS.c.record_id, INSTANCES.c.event, INSTANCES.c.form,
              INSTANCES.c.instance, VALUES.c.field, VALUES.c.value, VALUES.c.uid,
              VALUES.c.base_uid, VALUES.c.changed_at, VALUES.c.changed_by,
              VALUES.c.origin_site, VALUES.c.synced_uid, VALUES.c.seq)
"""The ``_READ`` columns of the versions held in value rows."""


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


def new_ids(connection: Connection, table: Table, count: int) -> list[int] | None:
    """On PostgreSQL, ``count`` new ids of ``table`` taken from its id sequence (rows inserted
    with them need not be read back); elsewhere None."""
    if connection.dialect.name != "postgresql" or not count:
        return None
    return list(connection.exec_driver_sql(
        f"SELECT nextval(pg_get_serial_sequence('{table.name}', 'id')) "
        "FROM generate_series(1, %(count)s)", {"count": count}).scalars())


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


def read_apart_versions(connection: Connection, record_ids: Iterable[str]) -> list[VersionRow]:
    """Return the versions of these records held apart (statuses, marks, sites, tombstones),
    by id; those held in value rows are read with the rows (``SyncedBatch.load``)."""
    found: list[VersionRow] = []
    for chunk in chunks(sorted(set(record_ids))):
        found += [_row(row) for row in connection.execute(
            select(*(VERSIONS.c[name] for name in _READ)).where(VERSIONS.c.record_id.in_(chunk)))]
    found.sort(key=lambda row: row.id or 0)
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
