"""The one writer's bulk path for values arriving by sync: records, form instances, values,
value versions and the sync's own audit rows, held in memory and written with ``executemany``.

Records moved to another site by sync get their new ``site`` here too.

``SyncedBatch.load`` reads, in a few chunked queries, everything the receiver holds about the
records a change set names; the sync's rules (``vo_crf.sync.apply``) then decide and change
that state in memory, and ``flush`` writes it in the session's transaction, stamped with its
change sequence (``vo_crf.write.stamp``), audit rows chained (``vo_crf.audit.chain``). A form
instance's ``version`` (its optimistic-lock token) goes up by one per flush that changed it.
Value versions are read by ``vo_crf.write.synced_versions`` and written by the one version
buffer (``vo_crf.write.version_buffer``); a value inserted here takes its version into its row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, bindparam, delete, select, update
from sqlalchemy.orm import Session

from vo_crf.audit.chain import link_tuples
from vo_crf.audit.trail import AuditAction
from vo_crf.db.marks import Mark
from vo_crf.db.models import new_uid, utcnow
from vo_crf.entry.bulk_sql import sqlite_datetime
from vo_crf.entry.record_state import chunks, load_instance_ids, load_record_pks
from vo_crf.write.stamp import transaction_stamp
from vo_crf.write.synced import RemoteVersion, remote_row
from vo_crf.write.synced_versions import (
    VersionKey,
    VersionRow,
    insert_many,
    new_ids,
    read_apart_versions,
)
from vo_crf.write.tables import AUDIT_ROWS, INSTANCES, RECORDS, VALUES
from vo_crf.write.version_buffer import VALUE_COLUMNS, VersionBuffer, write_value_rows

FormPlace = tuple[str, str, str, int]
"""(record id, event, form, instance)."""

AUDIT_COLUMNS = ("at", "username", "action", "record_id", "event", "form", "instance", "field",
                 "old_value", "new_value", "reason", "uid", "site", "seq", "changes")
"""The columns of an audit row a sync writes (chain position and hash are added)."""
_MARK_COLUMNS = {Mark.LOCK: ("locked_by", "locked_at"), Mark.VERIFY: ("verified_by", "verified_at"),
                 Mark.SIGN: ("signed_by", "signed_at")}
_INSTANCE_COLUMNS = ("status", "updated_at", "updated_by", "verified_by", "verified_at",
                     "locked_by", "locked_at", "signed_by", "signed_at")
"""The columns of a form instance a sync changes."""
_UPDATE_INSTANCE = (
    update(INSTANCES).where(INSTANCES.c.id == bindparam("b_id"))
    .values(version=INSTANCES.c.version + 1,
            **{name: bindparam(f"b_{name}") for name in _INSTANCE_COLUMNS}))
_MOVE_RECORD = (update(RECORDS).where(RECORDS.c.id == bindparam("b_id"))
                .values(site=bindparam("b_site")))
_VALUE_READ = (VALUES.c.id, VALUES.c.form_instance_id, VALUES.c.field, VALUES.c.value,
               VALUES.c.uid, VALUES.c.base_uid, VALUES.c.changed_at, VALUES.c.changed_by,
               VALUES.c.origin_site, VALUES.c.synced_uid, VALUES.c.seq)
"""A value row with its version (``VersionRow`` order from ``uid`` on)."""
_UPDATE_VALUE = (update(VALUES).where(VALUES.c.id == bindparam("b_id"))
                 .values(value=bindparam("b_value"),
                         definition_version=bindparam("b_definition_version")))


@dataclass(slots=True, eq=False)
class RecordRow:
    """A record as the receiver holds it (``pk`` None: created by this batch)."""

    record_id: str
    site: str
    created_at: dt.datetime
    created_by: str
    pk: int | None = None


@dataclass(slots=True, eq=False)
class InstanceRow:
    """A form instance as the receiver holds it, with its stored values (by field: row id)."""

    record: RecordRow
    event: str
    form: str
    instance: int
    status: int
    updated_at: dt.datetime
    updated_by: str
    verified_by: str | None = None
    verified_at: dt.datetime | None = None
    locked_by: str | None = None
    locked_at: dt.datetime | None = None
    signed_by: str | None = None
    signed_at: dt.datetime | None = None
    id: int | None = None
    values: dict[str, int | None] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    """The stored values by field, as written by the batch's next flush (``values`` their row
    ids): what the receiver's recalculation reads (``recalc_states``)."""
    version: int = 1
    """The instance's optimistic-lock token as stored after the batch's flush."""
    changed: bool = False
    deleted: bool = False

    def put_mark(self, mark: Mark, username: str | None, at: dt.datetime | None) -> None:
        """Set (or with ``username`` None, remove) a review mark on the form instance."""
        by, when = _MARK_COLUMNS[mark]
        at = at if username else None
        if (getattr(self, by), getattr(self, when)) != (username, at):
            setattr(self, by, username)
            setattr(self, when, at)
            self.changed = True


class SyncedBatch:
    """What a sync writes into the receiver, for the records it was loaded with."""

    def __init__(self, session: Session, definition_version: int | None,
                 username: str = "sync") -> None:
        self.session = session
        self.definition_version = definition_version
        self.username = username
        self.records: dict[str, RecordRow] = {}
        self.instances: dict[FormPlace, InstanceRow] = {}
        self.versions = VersionBuffer()
        self._new_records: list[RecordRow] = []
        self._moved: dict[int, RecordRow] = {}
        """Stored records moved to another site, by primary key."""
        self._gone: list[InstanceRow] = []
        self._value_inserts: dict[tuple[int, str], tuple[InstanceRow, str, str]] = {}
        self._value_updates: dict[int, str] = {}
        self._value_deletes: list[int] = []
        self._audit: list[tuple[Any, ...]] = []

    # ----- reading ---------------------------------------------------------------------------
    def load(self, record_ids: Iterable[str]) -> None:
        """Read the receiver's records, form instances (locked until the transaction ends, on
        PostgreSQL), values and versions of these records.

        Each table is read by its own index (records by record id, form instances by record,
        values by form instance, versions held apart by record id), not by joins: in a first
        sync's transaction the planner does not know how large the tables have grown and would
        scan them whole for every part. Records the receiver does not hold cost one query.
        """
        self.session.flush()
        connection = self.session.connection()
        wanted = sorted(set(record_ids))
        by_pk: dict[int, RecordRow] = {}
        for chunk in chunks(wanted):
            for row in connection.execute(select(RECORDS.c.id, RECORDS.c.record_id, RECORDS.c.site,
                                                 RECORDS.c.created_at, RECORDS.c.created_by)
                                          .where(RECORDS.c.record_id.in_(chunk))):
                record = RecordRow(row[1], row[2], row[3], row[4], row[0])
                self.records[record.record_id] = by_pk[record.pk or 0] = record
        by_id: dict[int, InstanceRow] = {}
        for chunk in chunks(sorted(by_pk)):
            for row in connection.execute(
                    select(INSTANCES.c.id, INSTANCES.c.record_pk, INSTANCES.c.event,
                           INSTANCES.c.form, INSTANCES.c.instance,
                           *(INSTANCES.c[name] for name in _INSTANCE_COLUMNS),
                           INSTANCES.c.version)
                    .where(INSTANCES.c.record_pk.in_(chunk)).with_for_update()):
                record = by_pk[row[1]]
                instance = InstanceRow(record, row[2], row[3], int(row[4]), int(row[5]), row[6],
                                       row[7], row[8], row[9], row[10], row[11], row[12],
                                       row[13], row[0], version=int(row[14]))
                self.instances[(record.record_id, *_place(instance))] = instance
                by_id[row[0]] = instance
        held: list[VersionRow] = []
        for chunk in chunks(sorted(by_id)):
            for row in connection.execute(select(*_VALUE_READ)
                                          .where(VALUES.c.form_instance_id.in_(chunk))):
                instance = by_id[row[1]]
                instance.values[row[2]] = row[0]
                instance.texts[row[2]] = row[3]
                if row[4] is not None:  # the version held in the value row
                    held.append(VersionRow(row[0], instance.record.record_id, instance.event,
                                           instance.form, instance.instance, row[2], row[3],
                                           row[4], row[5], row[6], row[7], row[8], row[9],
                                           row[10], apart=False))
        held.sort(key=lambda version: version.id or 0)
        self.versions = VersionBuffer([*read_apart_versions(connection, wanted), *held])

    def instance(self, place: FormPlace) -> InstanceRow | None:
        """Return the form instance at ``place`` (None if there is none)."""
        found = self.instances.get(place)
        return None if found is None or found.deleted else found

    # ----- changing --------------------------------------------------------------------------
    def new_record(self, record_id: str, site: str, created_at: dt.datetime,
                   created_by: str) -> RecordRow:
        """Create a record as it was created at its site."""
        record = RecordRow(record_id, site, created_at, created_by)
        self.records[record_id] = record
        self._new_records.append(record)
        return record

    def move_record(self, record: RecordRow, site: str) -> None:
        """Put a record at another site (a move that arrived by sync; its version and audit
        row arrive with the change set)."""
        if record.site == site:
            return
        record.site = site
        if record.pk is not None:
            self._moved[record.pk] = record

    def new_instance(self, record: RecordRow, event: str, form: str, number: int,
                     at: dt.datetime, by: str) -> InstanceRow:
        """Create an empty form instance (status 0)."""
        instance = InstanceRow(record, event, form, number, 0, at, by, changed=True)
        self.instances[(record.record_id, event, form, number)] = instance
        return instance

    def delete_instance(self, instance: InstanceRow) -> None:
        """Delete a form instance (one without values: a deletion arriving by sync)."""
        instance.deleted = True
        self._gone.append(instance)

    def store_value(self, instance: InstanceRow, name: str, value: str | None) -> None:
        """Put a value that arrived by sync into ``item_values`` (blank: delete it).

        Its version and audit row arrive with the change set, so neither is written here.
        """
        stored = name in instance.values
        value_id = instance.values.get(name)
        key = (id(instance), name)
        if value:
            instance.texts[name] = value
        else:
            instance.texts.pop(name, None)
        if value and not stored:
            self._value_inserts[key] = (instance, name, value)
            instance.values[name] = None
        elif value and value_id is None:
            self._value_inserts[key] = (instance, name, value)
        elif value and value_id is not None:
            self._value_updates[value_id] = value
        elif stored:
            del instance.values[name]
            self._value_inserts.pop(key, None)
            if value_id is not None:
                self._value_updates.pop(value_id, None)
                self._value_deletes.append(value_id)

    def take_version(self, row: VersionRow | None, key: VersionKey, remote: RemoteVersion,
                     synced: bool, take_base: bool = True) -> VersionRow:
        """Make another node's version this node's version of the value (created if missing)."""
        row = remote_row(row, key, remote, synced, take_base)
        self.versions.put(row, key)
        return row

    def withdraw_verification(self, instance: InstanceRow, mark: VersionRow | None,
                              at: dt.datetime, reason: str) -> None:
        """Withdraw a form's verification because of an incoming change (audited, versioned,
        the new mark dated ``at`` so every node decides alike)."""
        record_id = instance.record.record_id
        self._audit.append((utcnow(), self.username, str(AuditAction.UNVERIFY), record_id,
                            instance.event, instance.form, instance.instance, None,
                            instance.verified_by, None, reason, new_uid(), None))
        if mark is None:
            mark = VersionRow(None, record_id, instance.event, instance.form, instance.instance,
                              str(Mark.VERIFY), None, "", None, at, self.username, None, None,
                              None)
        else:
            mark.base_uid = mark.uid
        mark.value, mark.uid = None, new_uid()
        mark.changed_at, mark.changed_by, mark.origin_site = at, self.username, None
        self.versions.put(mark)
        instance.put_mark(Mark.VERIFY, None, None)

    # ----- writing ---------------------------------------------------------------------------
    def flush(self) -> None:
        """Write everything changed, in the session's transaction."""
        self.session.flush()
        connection = self.session.connection()
        seq, site = transaction_stamp(self.session) if self._audit or self.versions.pending \
            else (0, "")
        text_times = connection.dialect.name == "sqlite"
        self._insert_records(connection, text_times)
        if self._moved:
            connection.execute(_MOVE_RECORD, [{"b_id": pk, "b_site": record.site}
                                              for pk, record in self._moved.items()])
            self._moved = {}
        self._write_instances(connection, text_times)
        self._write_values(connection, seq, site, text_times)
        insert_audit_rows(self.session, self._audit)
        self._audit = []
        self.versions.flush(connection, seq, site, self._value_row_of)

    def _value_row_of(self, key: VersionKey) -> int | None:
        """The form instance holding ``key``'s value row once written (None: no value)."""
        instance = self.instance(key[:4])
        return None if instance is None or key[4] not in instance.values else instance.id

    def _insert_records(self, connection: Connection, text_times: bool) -> None:
        new, self._new_records = self._new_records, []
        if not new:
            return
        numbers = new_ids(connection, RECORDS, len(new))
        if numbers is not None:  # PostgreSQL: numbered first, nothing read back
            for record, pk in zip(new, numbers, strict=True):
                record.pk = pk
            insert_many(connection, RECORDS, ("id", "record_id", "site", "created_at",
                                              "created_by"),
                        [(r.pk, r.record_id, r.site, r.created_at, r.created_by) for r in new])
            return
        insert_many(connection, RECORDS, ("record_id", "site", "created_at", "created_by"),
                    [(r.record_id, r.site, _time(r.created_at, text_times), r.created_by)
                     for r in new])
        pks = load_record_pks(connection, [r.record_id for r in new])
        for record in new:
            record.pk = pks[record.record_id]

    def _write_instances(self, connection: Connection, text_times: bool) -> None:
        gone = [i.id for i in self._gone if i.id is not None]
        self._gone = []
        for chunk in chunks(gone):
            connection.execute(delete(INSTANCES).where(INSTANCES.c.id.in_(chunk)))
        live = [i for i in self.instances.values() if i.changed and not i.deleted]
        new = [i for i in live if i.id is None]
        stored = [i for i in live if i.id is not None]
        updates = [{"b_id": i.id, **{f"b_{name}": getattr(i, name) for name in _INSTANCE_COLUMNS}}
                   for i in stored]
        for instance in stored:
            instance.version += 1
        columns = ("record_pk", "event", "form", "instance", "version", *_INSTANCE_COLUMNS)
        numbers = new_ids(connection, INSTANCES, len(new)) if new else None
        if numbers is not None:  # PostgreSQL: numbered first, nothing read back
            for instance, number in zip(new, numbers, strict=True):
                instance.id = number
            insert_many(connection, INSTANCES, ("id", *columns),
                        [(i.id, i.record.pk, i.event, i.form, i.instance, 1,
                          *(getattr(i, name) for name in _INSTANCE_COLUMNS)) for i in new])
            new = []
        insert_many(connection, INSTANCES, columns,
                    [(i.record.pk, i.event, i.form, i.instance, 1,
                      *(_time(getattr(i, name), text_times) for name in _INSTANCE_COLUMNS))
                     for i in new])
        if new:
            ids = load_instance_ids(connection, {i.record.pk for i in new if i.record.pk})
            for instance in new:
                pk = instance.record.pk
                assert pk is not None  # records are inserted first
                instance.id = ids[(pk, *_place(instance))]
        if updates:
            connection.execute(_UPDATE_INSTANCE, updates)
        for instance in live:
            instance.changed = False

    def _write_values(self, connection: Connection, seq: int, site: str,
                      text_times: bool) -> None:
        version = self.definition_version
        claim = self.versions.claim
        inserts: list[tuple[Any, ...]] = []
        plain: list[tuple[Any, ...]] = []
        for instance, name, value in self._value_inserts.values():
            held = claim((instance.record.record_id, instance.event, instance.form,
                          instance.instance, name), value, seq, site, text_times)
            if held is None:
                plain.append((instance.id, name, value, version))
            else:
                inserts.append((instance.id, name, value, version, *held))
        for chunk in chunks(self._value_deletes):
            connection.execute(delete(VALUES).where(VALUES.c.id.in_(chunk)))
        if self._value_updates:
            connection.execute(_UPDATE_VALUE, [
                {"b_id": value_id, "b_value": value, "b_definition_version": version}
                for value_id, value in self._value_updates.items()])
        insert_many(connection, VALUES, VALUE_COLUMNS, plain)
        write_value_rows(connection, inserts, [], insert_many)
        self._value_deletes, self._value_updates, self._value_inserts = [], {}, {}


def insert_audit_rows(session: Session, rows: list[tuple[Any, ...]]) -> None:
    """Insert audit rows (tuples in ``AUDIT_COLUMNS`` order without ``seq``, ``changes``
    optional; a None site is this node's), stamped with the transaction's sequence and
    chained, in bulk."""
    if not rows:
        return
    connection = session.connection()
    seq, site = transaction_stamp(session)
    text_times = connection.dialect.name == "sqlite"
    stamped = [(_time(row[0], text_times), *row[1:12], row[12] or site, seq,
                row[13] if len(row) > 13 else None) for row in rows]
    insert_many(connection, AUDIT_ROWS, (*AUDIT_COLUMNS, "chain_seq", "chain_hash"),
                link_tuples(connection, AUDIT_COLUMNS, stamped))


def _place(instance: InstanceRow) -> tuple[str, str, int]:
    return instance.event, instance.form, instance.instance


def _time(value: Any, text_times: bool) -> Any:
    """A timestamp as the SQLite driver takes it (other values and databases: unchanged)."""
    return sqlite_datetime(value) if text_times and isinstance(value, dt.datetime) else value
